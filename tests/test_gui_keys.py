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
    assert not window.menus.stop_action.isEnabled()
    window.close()


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen popups
def test_shift_f10_opens_the_steps_and_trace_context_menus_like_the_menu_key(qtbot: QtBot, tmp_path: Path,
                                                                             tiny_model: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.trace.steps.count() > 0, timeout=5_000)
    window.keys.focus_trace_steps()
    seen: list[list[str]] = []

    def take_menu() -> None:
        menu = QApplication.activePopupWidget()
        seen.append([a.text() for a in menu.actions()] if isinstance(menu, QMenu) else [])
        if isinstance(menu, QMenu):
            menu.close()

    for count, widget in enumerate((window.trace.steps, window.trace.text), 1):
        widget.setFocus()
        QTimer.singleShot(200, take_menu)
        qtbot.keyClick(widget, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # the menu runs here
        qtbot.waitUntil(lambda count=count: len(seen) == count, timeout=5_000)
    assert "Continue differently from here" in seen[0]
    assert any("Copy" in text for text in seen[1])
    window.close()
