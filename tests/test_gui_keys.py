"""Keyboard control of the window: Esc stops a generation wherever the focus is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui_helpers import ask, open_window, wait_idle


@pytest.mark.parametrize("target", ["trace_steps", "trace_text", "conversations", "chat"])
def test_escape_stops_wherever_the_focus_is(qtbot: QtBot, tmp_path: Path, tiny_model: Path,
                                            target: str) -> None:
    window = open_window(qtbot, tmp_path, tiny_model, engine_fault="slow@token:150")
    window.activateWindow()
    qtbot.waitActive(window)
    ask(qtbot, window, "What is 2 + 3?")
    qtbot.waitUntil(lambda: window.trace.trace_text() != "", timeout=10_000)
    widget: QWidget = {
        "trace_steps": window.trace.steps,
        "trace_text": window.trace.text,
        "conversations": window.conversations.items,
        "chat": window.chat,
    }[target]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    wait_idle(qtbot, window, timeout=10_000)
    assert window.chat.cards[-1].version.state == "cancelled"
    window.close()


def test_escape_does_nothing_when_idle(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    assert not window.stop_action.isEnabled()
    window.close()
