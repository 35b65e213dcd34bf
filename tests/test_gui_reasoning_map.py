"""The reasoning map widget: cells per sentence, live growth, click, hover text, filters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from denkspur.core.trace.stream import SentenceDone, split_text
from denkspur.gui.function_style import step_title
from denkspur.gui.reasoning_map import MapFilter, ReasoningMap

RAW = (
    "Okay, the problem asks for 2 + 3. I add: 2 + 3 = 6. Wait, that is wrong. "
    "Let me check: 5 - 3 = 2, so 2 + 3 = 5.\n\nThe final answer is 5.\n</think>\n\n\\boxed{5}"
)


def make_map(qtbot: QtBot) -> ReasoningMap:
    widget = ReasoningMap()
    qtbot.addWidget(widget)
    widget.resize(300, 60)
    widget.show()
    return widget


def test_cells_grow_live_and_click_emits_the_start_offset(qtbot: QtBot) -> None:
    result = split_text(RAW, assume_open=True)
    widget = make_map(qtbot)
    for sentence in result.sentences:
        widget.add_sentence(sentence, result.trace[sentence.start : sentence.end])
    assert widget.cell_count() == len(result.sentences) == 5
    third = widget.cell_rect(2)
    assert third.width() >= 3 and widget.cell_rect(0).right() < third.left()
    with qtbot.waitSignal(widget.sentenceClicked) as clicked:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=third.center())
    assert clicked.args == [result.sentences[2].start]
    assert widget.tooltip_text(2).endswith("Wait, that is wrong.")


def test_stored_sentences_filters_and_plain_text_tooltips(qtbot: QtBot) -> None:
    result = split_text(RAW, assume_open=True)
    widget = make_map(qtbot)
    widget.set_sentences(result.trace, [s.to_dict() for s in result.sentences])
    functions = [s.function for s in result.sentences]
    widget.set_filter(MapFilter.BACKTRACKS)
    assert widget.highlighted() == [i for i, f in enumerate(functions) if f == "uncertainty_management"] != []
    widget.set_filter(MapFilter.CHECKS)
    assert widget.highlighted() == [i for i, f in enumerate(functions) if f == "self_checking"] != []
    widget.set_filter(MapFilter.CONCLUSIONS)
    assert len(widget.highlighted()) >= 1
    widget.set_filter(MapFilter.ALL)
    assert widget.highlighted() == list(range(5))
    widget.clear()
    assert widget.cell_count() == 0
    widget.add_sentence({"start": 0, "end": 9, "function": "plan_generation"}, "<b>x</b>*")
    assert widget.tooltip_text(0).endswith("<b>x</b>*")  # kept verbatim, escaped only for Qt


def test_many_cells_wrap_into_rows(qtbot: QtBot) -> None:
    widget = make_map(qtbot)
    for index in range(200):
        widget.add_sentence({"start": index * 10, "function": "active_computation"}, "x = 1 + 2 + 3 " * 3)
    assert widget.heightForWidth(300) > 3 * widget.heightForWidth(10_000) / 2
    last = widget.cell_rect(199)
    assert last.top() > 0 and widget.cell_at(last.center()) == 199


def test_live_events_feed_the_map_and_steps_get_titles(qtbot: QtBot) -> None:
    from denkspur.core.trace.stream import ReasoningStream

    stream = ReasoningStream(assume_open=True)
    widget = make_map(qtbot)
    events = [event for piece in RAW.split(" ") for event in stream.feed(piece + " ", tokens=1)]
    for event in [*events, *stream.flush()]:
        if isinstance(event, SentenceDone):
            widget.add_sentence(event.sentence, event.text)
    assert widget.cell_count() == 5
    assert widget.tooltip_text(4).endswith("The final answer is 5.")
    assert step_title("self_checking", "Let me check: 5 - 3 = 2, so 2 + 3 = 5.") == (
        "Check: Let me check: 5 - 3 = 2, so 2 + 3 = 5."
    )


def test_a_long_trace_never_takes_more_than_a_few_rows(qtbot: QtBot) -> None:
    from denkspur.gui.reasoning_map import CELL_HEIGHT, MAX_ROWS, ROW_GAP

    widget = ReasoningMap()
    qtbot.addWidget(widget)
    widget.resize(400, 40)
    for index in range(3_000):
        widget.add_sentence({"start": index * 50, "function": "active_computation"}, "Let me see. " * 3)
    assert widget.heightForWidth(400) <= MAX_ROWS * (CELL_HEIGHT + ROW_GAP)
    assert widget.cell_at(widget.cell_rect(2_999).center()) is not None  # the last one is still there


def test_a_dense_map_keeps_every_cell_inside_its_row(qtbot: QtBot) -> None:
    """A long trace is a density strip: a cell at a row's end moves to the next row instead of
    running past the right edge (clipped), and every row starts at the left edge."""
    widget = ReasoningMap()
    qtbot.addWidget(widget)
    width = 500  # too many cells for three rows of whole cells
    widget.resize(width, 60)
    for index in range(40):
        widget.add_sentence({"start": index * 500, "function": "active_computation"},
                            "Let me see this. " * (2 + (index * 7) % 23))
    rects = [widget.cell_rect(i) for i in range(widget.cell_count())]
    assert all(rect.left() >= 0 and rect.right() < width for rect in rects)
    rows = sorted({rect.top() for rect in rects})
    assert len(rows) > 1
    assert all(min(rect.left() for rect in rects if rect.top() == row) == 0 for row in rows)


def test_appended_sentences_are_placed_after_the_others_not_laid_out_all_again(qtbot: QtBot) -> None:
    """A paint after new sentences places only the new cells; a new width lays all out once.
    A dense strip is laid out with room to grow, so a live trace of thousands of sentences,
    painted after each, places each cell a few times, not once per paint (quadratic)."""
    from denkspur.gui.reasoning_map import MAX_ROWS

    widget = make_map(qtbot)
    for index in range(10):
        widget.add_sentence({"start": index * 20, "function": "active_computation"}, "Two plus three.")
    before = [widget.cell_rect(i) for i in range(10)]
    placed = widget.cells_laid_out
    widget.add_sentence({"start": 200, "function": "self_checking"}, "Let me check that.")
    assert widget.cell_rect(10).isValid() and widget.cells_laid_out == placed + 1
    assert [widget.cell_rect(i) for i in range(10)] == before
    widget.resize(200, 60)
    widget.cell_rect(0)
    assert widget.cells_laid_out == placed + 1 + 11  # the new width: every cell once
    widget.resize(300, 60)
    count = 2_000
    placed = widget.cells_laid_out
    for index in range(11, count):
        widget.add_sentence({"start": index * 20, "function": "active_computation"}, "Let me see this. " * 2)
        widget.cell_rect(index)  # laid out as a paint would
    assert widget.cells_laid_out - placed < 15 * count
    rects = [widget.cell_rect(i) for i in range(count)]
    assert all(rect.left() >= 0 and rect.right() < 300 for rect in rects)
    assert len({rect.top() for rect in rects}) == MAX_ROWS
