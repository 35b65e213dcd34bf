"""The steps list while a reply streams: the step being written is its last row, named by its
first content words, and becomes a normal row when it completes; the list follows the stream."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSlider
from pytestqt.qtbot import QtBot

from denkspur.core.trace.step_kind import StepKind
from denkspur.core.trace.steps import segment_steps
from denkspur.core.trace.stream import ReasoningStream
from denkspur.gui.step_style import COLORS
from denkspur.gui.trace_panel import TracePanel


def _live_panel(qtbot: QtBot) -> TracePanel:
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.resize(420, 500)
    panel.show()
    panel.begin_live()
    return panel


def _rows(panel: TracePanel) -> list[str]:
    return [panel.steps.item(i).text() for i in range(panel.steps.count())]


def _settled(panel: TracePanel) -> bool:
    """Every event shown, every complete step in the list (as a normal row)."""
    complete = sum(not panel.steps.item(i).font().italic() for i in range(panel.steps.count()))
    return panel.pending == 0 and complete == panel.step_count()


def test_the_step_being_written_is_the_last_row_until_it_completes(qtbot: QtBot) -> None:
    panel = _live_panel(qtbot)
    stream = ReasoningStream(assume_open=True)
    first = "Okay, so I add 2 and 3. That gives 5.\n\n"
    second = "Wait, is that right? I should check it again. "
    panel.add_events(stream.feed(first + second + "Then I add them "))
    qtbot.waitUntil(lambda: _settled(panel) and panel.step_count() == 1)
    assert panel.steps.count() == 2  # the complete step, and the open one
    done, open_row = panel.steps.item(0), panel.steps.item(1)
    assert "I add 2 and 3" in done.text() and "Okay" not in done.text()  # named past the fillers
    assert not done.font().italic()
    assert open_row.font().italic()
    assert "Is that right?" in open_row.text() and "Wait" not in open_row.text()
    assert "Wait, is that right?" in open_row.toolTip()  # the full text stays in the tooltip
    assert int(open_row.data(Qt.ItemDataRole.UserRole)) == (first + second).index("Wait")
    # It is named by its words so far, and clicking it jumps to where it starts.
    panel.steps.itemClicked.emit(open_row)
    assert panel.text.trace_offset(panel.text.textCursor().position()) == (first + second).index("Wait")

    # The next step begins: the open one becomes a normal row, the new one is the open row.
    panel.add_events(stream.feed("once more.\n\nHmm, let me verify: 5 - 3 = 2. It checks out. "))
    panel.add_events(stream.feed("So I go on with it. And on."))
    qtbot.waitUntil(lambda: _settled(panel) and panel.step_count() == 2)
    rows = _rows(panel)
    assert len(rows) == 3 and "Is that right?" in rows[1] and "Let me verify" in rows[2]
    assert [panel.steps.item(i).font().italic() for i in range(3)] == [False, False, True]
    # The new open row is the new step's: where it starts, its kind's colour (not the last one's).
    trace = panel.text.source_text()
    open_row = panel.steps.item(2)
    assert int(open_row.data(Qt.ItemDataRole.UserRole)) == trace.index("Hmm, let me verify")
    assert open_row.foreground().color().name() == COLORS[StepKind.SELF_CORRECTION]  # "Hmm"
    assert open_row.toolTip().startswith("Self-correction")

    panel.add_events([*stream.feed("Yes.</think>It is 5."), *stream.flush()])
    panel.end_live()
    qtbot.waitUntil(lambda: not panel.is_live and panel.steps.count() == panel.step_count() == 3)
    trace = panel.trace_text()
    assert [int(panel.steps.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(3)] == [
        step.start for step in segment_steps(trace)]
    assert not any(panel.steps.item(i).font().italic() for i in range(3))


def test_the_list_follows_the_open_step_unless_the_user_scrolled_away(qtbot: QtBot) -> None:
    panel = _live_panel(qtbot)
    stream = ReasoningStream(assume_open=True)
    for index in range(80):
        panel.add_events(stream.feed(f"Step {index} adds {index} to the sum.\n\n"))
    panel.add_events(stream.feed("Now the last one is being written. "))
    qtbot.waitUntil(lambda: _settled(panel) and panel.text.pending == 0)
    bar = panel.steps.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    assert panel.steps.item(panel.steps.count() - 1).font().italic()
    panel.text.verticalScrollBar().setValue(0)  # the user scrolls the trace up to read
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)  # and the list
    panel.add_events(stream.feed("Still writing it, more and more. "))
    panel.add_events(stream.feed("Step 81 starts.\n\nStep 82 is open. "))
    qtbot.waitUntil(lambda: _settled(panel))
    assert bar.value() == 0  # left where the user is
    panel.jump_button.click()
    assert bar.value() == bar.maximum()


def test_a_stopped_reply_leaves_no_open_row(qtbot: QtBot) -> None:
    panel = _live_panel(qtbot)
    stream = ReasoningStream(assume_open=True)
    panel.add_events(stream.feed("First idea here.\n\nSecond idea, half written. And more "))
    panel.add_events(stream.feed("words come, and then a few more of them. Then"))
    qtbot.waitUntil(lambda: _settled(panel) and panel.steps.count() == 2)
    panel.end_live()  # stopped: no flush, the open step never completes
    qtbot.waitUntil(lambda: not panel.is_live)
    assert panel.steps.count() == panel.step_count() == 1
    assert not panel.steps.item(0).font().italic()


def test_the_list_stays_at_its_end_when_it_gets_shorter(qtbot: QtBot) -> None:
    """A finished reply followed to its end, then the window made smaller (1920×1080 to
    1024×700): the list showed a step in the middle, the last row cut."""
    from denkspur.core.conversations.store import Version

    panel = _live_panel(qtbot)
    panel.resize(420, 1000)
    stream = ReasoningStream(assume_open=True)
    for index in range(60):
        panel.add_events(stream.feed(f"Step {index} adds {index} to the sum.\n\n"))
    panel.add_events([*stream.feed("</think>Done."), *stream.flush()])
    panel.end_live()
    qtbot.waitUntil(lambda: not panel.is_live and panel.steps.count() == panel.step_count() == 60)
    bar = panel.steps.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    trace = panel.text.source_text()  # as stored
    panel.show_version(Version(1, 0, "Done.", trace=trace, steps=[s.to_dict() for s in segment_steps(trace)]))
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() > 0)  # the stored copy: still at the end
    end = bar.maximum()
    panel.resize(420, 450)
    # Fewer rows fit: the end is further down, and the list goes with it.
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() > end)
    bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)  # the reader scrolls up: it lets go
    position = bar.value()
    panel.resize(420, 350)
    qtbot.waitUntil(lambda: bar.maximum() > position + 1)
    assert bar.value() == position
    other = "Another trace.\n\n" * 40
    panel.show_version(Version(2, 0, "Other.", trace=other,
                               steps=[s.to_dict() for s in segment_steps(other)]))
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0  # another answer starts at its top
