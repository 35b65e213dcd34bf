"""The desktop app end to end: real window, real engine child, real SQLite."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE
from gui_helpers import ask, open_window, wait_idle


def test_ask_and_see_trace_beside_the_answer(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    card = window.chat.cards[-1]
    assert card.message.role == "assistant"
    assert "2 + 3 = <strong>5</strong>" in card.body.text()
    assert window.trace.trace_text() == EXPECTED_TRACE
    assert window.trace.step_count() == 4
    assert window.trace.header.text().startswith("Thought for")
    assert "1 self-correction" in window.trace.stats.text()
    assert card.version.answer == EXPECTED_ANSWER
    window.close()


def test_stop_keeps_the_partial_trace(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model, engine_fault="slow@token:150")
    ask(qtbot, window, "What is 2 + 3?")
    qtbot.waitUntil(lambda: window.trace.trace_text() != "", timeout=10_000)
    assert window.composer.answer_now.isEnabled()
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Escape)
    wait_idle(qtbot, window)
    card = window.chat.cards[-1]
    assert card.version.state == "cancelled"
    assert card.version.trace.startswith("Okay") and card.version.answer == ""
    assert "stopped" in card.state_label.text()
    assert window.trace.header.text() == "Stopped while thinking"
    window.close()


def test_answer_now_button(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model, engine_fault="slow@token:150")
    ask(qtbot, window, "What is 2 + 3?")
    qtbot.waitUntil(lambda: window.trace.trace_text() != "", timeout=10_000)
    window.composer.answer_now.click()
    wait_idle(qtbot, window)
    version = window.chat.cards[-1].version
    assert version.state == "complete" and version.answer == EXPECTED_ANSWER
    assert len(version.trace) < len(EXPECTED_TRACE)
    window.close()


def test_thinking_budget_setting(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    window.settings.thinking_budget = 3
    ask(qtbot, window, "Quick please")
    wait_idle(qtbot, window)
    version = window.chat.cards[-1].version
    assert version.answer == EXPECTED_ANSWER
    thought = "Okay, the user asks what 2 + 3 is. Adding them gives 6."
    assert version.trace == thought + "\n\nOkay, I'll answer now."  # cut at a sentence end, with a bridge
    window.close()


def test_regenerate_keeps_versions_and_compare(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    window.chat.cards[-1].findChild(QToolButton, "regenerate").click()
    qtbot.waitUntil(lambda: window.session.busy, timeout=5_000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.chat.cards[-1].message.versions) == 2, timeout=5_000)
    card = window.chat.cards[-1]
    assert card.message.current == 1 and "version 2/2" in card.state_label.text()
    card.findChild(QToolButton, "previousVersion").click()
    qtbot.waitUntil(lambda: window.chat.cards[-1].message.current == 0, timeout=5_000)
    window.compare_traces()
    assert window.compare_dialog.row_count() == 4
    window.compare_dialog.close()
    window.close()


def test_edit_and_resend(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 2?")
    wait_idle(qtbot, window)
    user_message = window.chat.cards[0].message
    assert window.session.edit_and_resend(user_message.id, "What is 2 + 3?")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.chat.cards[0].message.text == "What is 2 + 3?", timeout=5_000)
    assert len(window.chat.cards) == 2
    assert len(window.chat.cards[0].message.versions) == 2
    assert window.chat.cards[1].version.answer == EXPECTED_ANSWER
    window.close()


def test_engine_crash_is_survived(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model, engine_fault="segfault@token:3")
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.chat.cards[-1].version.state == "error", timeout=5_000)
    card = window.chat.cards[-1]
    assert "SIGSEGV" in card.version.error
    assert card.version.stats["error_kind"] == "crash"  # kept, so the card offers what helps
    # The three tokens produced before the crash are kept.
    assert card.version.trace == "Okay, the user asks what 2 + 3 is. Adding them gives 6."
    error = card.findChild(QLabel, "errorText")
    assert error is not None and "crashed" in error.text()
    window.session.model = None
    card.findChild(QPushButton, "restartEngine").click()
    qtbot.waitUntil(lambda: window.session.model is not None, timeout=30_000)
    assert window.isVisible()
    window.close()


def test_empty_state_offers_a_model(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    assert window.open_model_button.isVisible()
    assert "No model loaded yet" in window.chat.empty.text()
    window.composer.editor.setPlainText("hello")
    window.composer.send_button.click()
    assert not window.session.busy
    window.close()


def test_clicking_a_step_scrolls_the_trace(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    for _ in range(6):  # enough text that the trace view must scroll
        ask(qtbot, window, "What is 2 + 3?")
        wait_idle(qtbot, window)
    window.trace.resize(300, 200)
    window.trace.text.setFixedHeight(60)
    qtbot.wait(50)
    bar = window.trace.text.verticalScrollBar()
    bar.setValue(0)
    last = window.trace.steps.item(window.trace.steps.count() - 1)
    window.trace.steps.itemClicked.emit(last)
    assert bar.value() > 0
    window.close()
