"""The window's replies are parsed in the session process, never in the app's (where parsing
shared the GIL with the GUI thread and stretched its turns: bench/big_output.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from denkspur.core.trace.stream import ReasoningStream, StreamEvent
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE
from gui_helpers import ask, open_window, wait_idle


def test_a_reply_in_the_window_is_parsed_outside_the_app_s_process(
        qtbot: QtBot, tmp_path: Path, tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parsing_here(*_args: object, **_kwargs: object) -> list[StreamEvent]:
        raise AssertionError("the app's process parsed the reply")

    monkeypatch.setattr(ReasoningStream, "feed", no_parsing_here)
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    card = window.chat.cards[-1]
    assert card.version is not None and card.version.state == "complete"
    assert (card.version.trace, card.version.answer) == (EXPECTED_TRACE, EXPECTED_ANSWER)
    assert window.trace.step_count() >= 1
    window.close()
