"""Large or fast output never freezes the window (#12 item 8); behaviour only, no timings."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Message, Version
from denkspur.core.trace.stream import ReasoningStream
from denkspur.gui.message_card import MessageCard
from denkspur.gui.trace_panel import TracePanel
from denkspur.gui.trace_view import MAX_LINE, SLICE_CHARS

BIG = ("A long answer line with **bold** and `code`.\n" * 120_000)[:5_000_000]
WIDE_TABLE = ("|" + "|".join(f"c{i}" for i in range(5000)) + "|\n|" + "|".join("-" * 5000) + "|\n|"
              + "|".join(str(i) for i in range(5000)) + "|\n")


def _card(qtbot: QtBot, answer: str, state: str = "complete") -> MessageCard:
    card = MessageCard(Message(1, 1, "assistant", [Version(7, 1, answer, state=state)], 0))
    qtbot.addWidget(card)
    card.resize(600, 600)
    card.show()
    return card


def test_a_stored_5_mb_answer_is_shown_plain_and_whole(qtbot: QtBot) -> None:
    card = _card(qtbot, BIG)
    assert card.body.text() == "" and card.long_answer is not None
    view = card.long_answer.view
    qtbot.waitUntil(lambda: view.pending == 0, timeout=60_000)
    assert view.source_text() == BIG
    assert view.document().characterCount() - 1 == len(BIG)  # lines are short: no display breaks
    assert not card.long_answer.format_button.isVisible()  # too big to format


def test_a_streamed_answer_switches_to_plain_once_long(qtbot: QtBot) -> None:
    card = _card(qtbot, "", state="generating")
    card.begin_live()
    stream = ReasoningStream(assume_open=True)
    card.add_events(stream.feed("Thinking.</think>Start. "))
    assert card.long_answer is None
    for index in range(0, 1_000_000, 100_000):
        card.add_events(stream.feed(BIG[index : index + 100_000]))
    assert card.long_answer is not None and card.body.text() == ""
    view = card.long_answer.view
    assert view.pending > 0  # one update inserts a bounded slice, the rest follows
    qtbot.waitUntil(lambda: view.pending == 0, timeout=60_000)
    assert view.source_text() == "Start. " + BIG[:1_000_000]


def test_a_5000_column_table_is_not_laid_out_as_rich_text(qtbot: QtBot) -> None:
    card = _card(qtbot, WIDE_TABLE)
    assert card.long_answer is not None and card.body.text() == ""
    button = card.long_answer.format_button
    assert button.isVisible()
    button.click()
    qtbot.waitUntil(lambda: card.long_answer is not None and card.long_answer.formatted is not None,
                    timeout=30_000)
    html = card.long_answer.formatted.toHtml()  # type: ignore[union-attr]
    assert "table cut" in html and "c4999" not in html


def test_short_answers_are_still_rendered_markdown(qtbot: QtBot) -> None:
    card = _card(qtbot, "2 + 3 = **5**.")
    assert card.long_answer is None and "<strong>5</strong>" in card.body.text()


def test_a_flooding_trace_is_drained_in_bounded_slices(qtbot: QtBot) -> None:
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.begin_live()
    stream = ReasoningStream(assume_open=True)
    chunk = "Flood of reasoning text, sentence after sentence. " * 20_000  # 1 MB per batch
    for _ in range(3):
        panel.add_events(stream.feed(chunk))  # ~20,000 sentence events each
    # Each call shows at most one slice of events and one slice of text; the rest waits.
    line_breaks = SLICE_CHARS // MAX_LINE + 1  # long lines are shown cut
    assert panel.text.document().characterCount() <= 3 * (SLICE_CHARS + line_breaks) + 1
    assert panel.pending > 0
    qtbot.waitUntil(lambda: panel.pending == 0 and panel.text.pending == 0, timeout=60_000)
    assert panel.trace_text() == (chunk * 3).strip()


def test_a_reply_that_ends_during_a_flood_is_shown_whole_before_it_ends(qtbot: QtBot) -> None:
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.begin_live()
    stream = ReasoningStream(assume_open=True)
    text = "A step of reasoning.\n\n" * 10_000
    panel.add_events([*stream.feed(text), *stream.feed("</think>Done."), *stream.flush()])
    panel.end_live()
    assert panel.is_live  # still showing what the flood brought
    qtbot.waitUntil(lambda: not panel.is_live, timeout=60_000)
    qtbot.waitUntil(lambda: panel.text.pending == 0 and panel.map_bar.pending == 0, timeout=60_000)
    assert panel.trace_text() == text.strip()
    assert panel.step_count() == 10_000


def test_a_megabyte_sentence_is_judged_by_its_beginning(qtbot: QtBot) -> None:
    from denkspur.core.trace.analytics import LoopDetector
    from denkspur.core.trace.steps import Sentence
    from denkspur.gui.reasoning_map import MAX_CELL, ReasoningMap

    opening = " ".join(f"w{i}" for i in range(600))  # ~2,400 characters alike
    first, second = opening + " x," * 500_000, opening + " y;" * 500_000
    loops = LoopDetector()
    loops.add(first)
    assert loops.add(second) == 0  # compared on their first characters only
    strip = ReasoningMap()
    qtbot.addWidget(strip)
    strip.resize(600, 40)
    strip.add_sentences([(Sentence(0, 0, len(first), "active_computation", 0), first)])
    assert strip.cell_rect(0).width() == MAX_CELL
