"""The desktop app opens (real widgets, offscreen)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from denkspur.gui.main_window import MainWindow


def test_main_window_opens_with_a_title(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Denkspur"
