"""The model picker in the top bar: names the model, switches in two clicks, remembers recent models."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from denkspur.core.settings import Settings
from denkspur.gui.model_picker import RECENT_LIMIT, remember_model, server_name
from gui_helpers import open_window


def test_recent_list_and_server_names() -> None:
    assert remember_model(["a", "b", "c"], "b") == ["b", "a", "c"]
    assert len(remember_model([str(i) for i in range(20)], "new")) == RECENT_LIMIT
    assert server_name("http://127.0.0.1:8080/v1", "r1") == "r1 @ 127.0.0.1:8080"


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen popups
def test_picker_names_the_model_and_switches_in_two_clicks(qtbot: QtBot, tmp_path: Path,
                                                           tiny_model: Path) -> None:
    other = tmp_path / "other-tiny.gguf"
    shutil.copy(tiny_model, other)
    window = open_window(qtbot, tmp_path, tiny_model)
    picker = window.model_picker
    assert tiny_model.name in picker.text()
    assert window.settings.recent_models == [str(tiny_model)]
    window.load_model(str(other))
    qtbot.waitUntil(lambda: window.session.model is not None and window.session.model.path == str(other),
                    timeout=30_000)
    assert other.name in picker.text()
    assert Settings.load(tmp_path / "settings.json").recent_models == [str(other), str(tiny_model)]
    # Two clicks: open the menu, pick the earlier model.
    chosen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        recent = [a for a in menu.actions() if a.objectName() == "recentModel"]
        chosen.extend(a.text() for a in recent)
        recent[1].trigger()
        menu.close()

    QTimer.singleShot(200, pick)
    qtbot.mouseClick(picker, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(chosen), timeout=5_000)
    assert chosen == [other.name, tiny_model.name]
    qtbot.waitUntil(lambda: window.session.model is not None and window.session.model.path == str(tiny_model),
                    timeout=30_000)
    assert tiny_model.name in picker.text()
    window.close()
