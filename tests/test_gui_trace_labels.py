"""The trace panel's header and statistics say what happened (#12 item 16)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Message, Version
from denkspur.core.trace.steps import segment_steps
from denkspur.core.trace.stream import ReasoningStream
from denkspur.gui.message_card import MessageCard
from denkspur.gui.trace_panel import TracePanel, format_seconds

TRACE = "\n\n".join(f"Part {i} of the sum needs one more look." for i in range(13))


def _panel(qtbot: QtBot) -> TracePanel:
    panel = TracePanel()
    qtbot.addWidget(panel)
    return panel


def test_sub_second_durations() -> None:
    assert format_seconds(0.005) == "< 0.1 s"
    assert format_seconds(0.2) == "0.2 s"
    assert format_seconds(3.04) == "3.0 s"
    assert format_seconds(42.4) == "42 s"
    assert format_seconds(125) == "2 min 5 s"


def test_a_5_ms_trace_does_not_say_one_second(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_version(Version(1, 1, "5", trace="Quick.", stats={"thinking_seconds": 0.005,
                                                                  "finished": True}))
    assert panel.header.text() == "Thought for < 0.1 s"


def test_stopped_while_answering_is_not_stopped_while_thinking(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_version(Version(1, 1, "Partial ans", trace="Done thinking.", state="cancelled",
                               stats={"thinking_seconds": 2.5, "finished": True}))
    assert panel.header.text() == "Thought for 2.5 s · stopped while answering"
    panel.show_version(Version(1, 1, "", trace="Still at it", state="cancelled",
                               stats={"thinking_seconds": 2.5, "finished": False}))
    assert panel.header.text() == "Stopped while thinking"


def test_a_killed_reply_counts_its_steps(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_version(Version(1, 1, "", trace=TRACE, state="interrupted", stats={}))
    assert panel.step_count() == len(segment_steps(TRACE)) == 13
    assert panel.header.text() == "Stopped while thinking"
    assert "13 steps" in panel.stats.text()
    assert " 0 trace tokens" not in panel.stats.text()
    assert "trace tokens" in panel.stats.text()


def test_card_stops_saying_thinking_once_the_trace_closed(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    card = MessageCard(Message(1, 1, "assistant", [Version(7, 1, "", state="generating")], 0))
    qtbot.addWidget(card)
    panel.begin_live()
    card.begin_live()
    stream = ReasoningStream(assume_open=True)
    events = stream.feed("Short thought.</think>")
    panel.add_events(events)
    card.add_events(events)
    assert panel.header.text().startswith("Thought for")
    assert card.state_label.text() != "thinking…"


def test_a_reply_cut_by_its_limit_while_thinking_says_so(qtbot: QtBot) -> None:
    from denkspur.core.conversations.store import Version
    from denkspur.gui.trace_panel import TracePanel

    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.show_version(Version(1, 0, "", trace="Still going.", state="complete",
                               stats={"finished": False, "stop_reason": "length"}))
    assert "limit" in panel.header.text() and "Still thinking" not in panel.header.text()
