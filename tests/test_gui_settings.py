"""Preferences and what the window remembers between runs."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.core.settings import Settings
from gui_helpers import open_window


def test_trace_panel_collapses_and_remembers(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    window.menus.toggle_trace_action.setChecked(False)
    assert not window.trace.isVisible()
    window.close()
    assert Settings.load(tmp_path / "settings.json").trace_panel_visible is False
    window.menus.toggle_trace_action.setChecked(True)
    assert not window.trace.isHidden()


def test_settings_dialog_round_trip(qtbot: QtBot) -> None:
    from denkspur.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(threads=2, thinking_budget=0, language="system"))
    qtbot.addWidget(dialog)
    dialog.budget.setValue(1024)
    dialog.context.setValue(8192)
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    assert dialog.token_signals.isChecked()  # recorded by default: the confidence view has them
    dialog.token_signals.setChecked(False)
    result = dialog.result_settings()
    assert (result.thinking_budget, result.context_size, result.language, result.threads) == (
        1024, 8192, "de", 2)
    assert result.token_signals is False


def test_settings_dialog_offers_auto_all_or_a_number_of_gpu_layers(qtbot: QtBot) -> None:
    from denkspur.core.models.gpu_layers import GpuOffload
    from denkspur.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings())  # the default: automatic
    qtbot.addWidget(dialog)
    assert dialog.result_settings().gpu_layers is GpuOffload.AUTO and not dialog.gpu_layers.isEnabled()
    dialog.gpu_mode.setCurrentIndex(dialog.gpu_mode.findData("all"))
    assert dialog.result_settings().gpu_layers is GpuOffload.ALL
    dialog.gpu_mode.setCurrentIndex(dialog.gpu_mode.findData("count"))
    assert dialog.gpu_layers.isEnabled()
    dialog.gpu_layers.setValue(12)
    assert dialog.result_settings().gpu_layers == 12
    fixed = SettingsDialog(Settings(gpu_layers=7))
    qtbot.addWidget(fixed)
    assert fixed.gpu_layers.value() == 7 and fixed.gpu_mode.currentData() == "count"


def test_an_unset_model_folder_shows_the_default_one(qtbot: QtBot, tmp_path: Path) -> None:
    from denkspur.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(), data=tmp_path / "data")
    qtbot.addWidget(dialog)
    assert dialog.model_dir.text() == ""
    assert dialog.model_dir.placeholderText() == str(tmp_path / "data" / "models")
    assert dialog.result_settings().model_dir == ""  # the hint is not a choice
    chosen = SettingsDialog(Settings(model_dir="/my/models"), data=tmp_path / "data")
    qtbot.addWidget(chosen)
    assert chosen.model_dir.text() == "/my/models"
