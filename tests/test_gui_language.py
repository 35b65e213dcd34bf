"""The interface in German and back, including texts of the window's dialogs."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from gui_helpers import open_window


def test_german_ui(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    window.set_language("de")
    qtbot.waitUntil(lambda: window.composer.send_button.text() == "Senden", timeout=5_000)
    assert window.file_menu.title() == "&Datei"
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
