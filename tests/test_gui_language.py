"""The interface in German and back, including texts of the window's dialogs."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from gui_helpers import open_window


def test_german_ui(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    window.set_language("de")
    qtbot.waitUntil(lambda: window.composer.send_button.text() == "Senden", timeout=5_000)
    assert window.menus.file_menu.title() == "&Datei"
    from PySide6.QtCore import QCoreApplication

    # Texts of the window's dialogs (a separate module) are in the same context.
    assert QCoreApplication.translate("MainWindow", "Compare traces") == "Denkspuren vergleichen"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.composer.send_button.text() == "Send", timeout=5_000)
    window.close()


def test_the_new_shell_speaks_german_too(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    window.set_language("de")
    try:
        qtbot.waitUntil(lambda: window.keys.help_menu.title() == "&Hilfe", timeout=5_000)
        assert window.chat_settings_action.text() == "Chat-Einstellungen"
        assert window.model_picker.text().startswith("Modell wählen")
        assert window.keys.shortcuts.text() == "Tastenkürzel…"
        assert window.conversations.search.placeholderText().startswith("Antworten und Denkspuren")
    finally:
        window.set_language("en")
    window.close()


def test_qt_standard_buttons_speak_german(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    window = open_window(qtbot, tmp_path, None)
    window.set_language("de")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None and cancel.text().replace("&", "") == "Abbrechen"
    finally:
        window.set_language("en")
    window.close()


def test_every_gui_text_has_a_german_translation(tmp_path: Path) -> None:
    """German UI without English leftovers: each ``tr`` text of the GUI (plurals too) is in
    denkspur_de.ts, and the .qm is that file compiled (pyside6-lrelease)."""
    import shutil
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    import pytest
    from PySide6.QtCore import QTranslator

    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    german = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "denkspur_de.ts"
    updated = tmp_path / "de.ts"
    shutil.copy(german, updated)
    gui = german.parents[2] / "app" / "denkspur" / "gui"
    sources = sorted(str(path) for path in gui.glob("*.py"))
    subprocess.run([lupdate, *sources, "-locations", "none", "-ts", str(updated)],
                   check=True, capture_output=True, timeout=120)
    missing = [f"{context.findtext('name')}: {message.findtext('source')}"
               for context in ET.parse(updated).getroot().iter("context")
               for message in context.iter("message")
               if message.find("translation").get("type") == "unfinished"]  # type: ignore[union-attr]
    assert not missing, "\n".join(missing)
    compiled = QTranslator()
    assert compiled.load(str(german.with_suffix(".qm")))
    assert compiled.translate("TracePanel", "%Ln step(s)", None, 1) == "%Ln Schritt"
    assert compiled.translate("TracePanel", "%Ln step(s)", None, 3) == "%Ln Schritte"
    assert compiled.translate("ModelCard", "too big") == "zu groß"


def test_trace_figures_in_german_number_formats(qtbot: QtBot) -> None:
    """3.065 Denk-Token, 467,6 Token/s, 0,7 s: the trace panel's figures follow the UI language."""
    from denkspur.core.conversations.store import Version
    from denkspur.gui.i18n import install_language
    from denkspur.gui.trace_panel import TracePanel

    install_language("de")
    try:
        panel = TracePanel()
        qtbot.addWidget(panel)
        version = Version(1, 0, "5", trace="Okay. So it is 5.", state="complete",  # type: ignore[arg-type]
                          steps=[{"index": 0, "kind": "reasoning", "text": "Okay.", "start": 0, "end": 5}],
                          stats={"trace_tokens": 3065, "answer_tokens": 2, "tokens_per_second": 467.6,
                                 "thinking_seconds": 0.7, "finished": True})
        panel.show_version(version)
        assert "3.065 Denk-Token" in panel.stats.text()
        assert "467,6 Token/s" in panel.stats.text()
        assert "1 Schritt" in panel.stats.text()
        assert panel.header.text() == "0,7 s nachgedacht"
    finally:
        install_language("en")
