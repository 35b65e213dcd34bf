"""The desktop app end to end: real window, real engine child, real SQLite."""

from __future__ import annotations

from pathlib import Path

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
