"""Theme choice: system, light, dark (Preferences), applied at once and kept in settings."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from denkspur.core.settings import Settings
from denkspur.gui.message_card import dark_theme
from denkspur.gui.settings_dialog import SettingsDialog
from gui_helpers import open_window


def test_dark_then_light_then_system(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    system = QApplication.palette().window().color().name()
    try:
        window.set_theme("dark")
        assert dark_theme() and QApplication.style().name().lower() == "fusion"
        assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["theme"] == "dark"
        window.set_theme("light")
        assert not dark_theme()
    finally:
        window.set_theme("system")
    assert QApplication.palette().window().color().name() == system
    window.close()


def test_preferences_offer_the_theme(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(theme="dark"))
    qtbot.addWidget(dialog)
    assert dialog.theme.currentData() == "dark"
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    assert dialog.result_settings().theme == "light"
    assert Settings.load(Path("/nonexistent/settings.json")).theme == "system"
