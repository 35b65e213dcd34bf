"""The trace panel shows the trace exactly as written, follows the stream, stays fast."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Version
from denkspur.core.trace.step_kind import StepKind
from denkspur.core.trace.steps import segment_steps
from denkspur.core.trace.stream import ReasoningStream
from denkspur.gui.trace_panel import TracePanel
from denkspur.gui.trace_view import MAX_LINE

HOSTILE = (
    "Okay, sieve: is_prime[i*i::i] = False for _each_ multiple.\n"
    "def f(x):\n"
    "    return x**2  # *not* emphasis\n"
    "\tTabbed line with `backticks` and <img src=\"/dev/zero\"> and <b>bold?</b>\n\n"
    "Wait, __init__ and a_b_c * d * e.\n"
    "```python\n"
    "for i in range(3):\n"
    "        print(i)\n"
    "```\n"
    "So the answer is 5 &amp; done."
)


def _version(trace: str, **fields: object) -> Version:
    steps = [s.to_dict() for s in segment_steps(trace)]
    values: dict[str, object] = {"id": 1, "number": 1, "answer": "", "trace": trace, "steps": steps}
    values.update(fields)
    return Version(**values)  # type: ignore[arg-type]


def _view_text(panel: TracePanel) -> str:
    return panel.text.document().toRawText().replace("\u2029", "\n")


def _is_monospace(panel: TracePanel, offset: int) -> bool:
    cursor = QTextCursor(panel.text.document())
    cursor.setPosition(panel.text.document_position(offset) + 1)
    return cursor.charFormat().fontFixedPitch()


def _stream_live(qtbot: QtBot, panel: TracePanel, text: str, chunk: int) -> None:
    """Stream ``text`` into the live panel in ``chunk``-sized pieces, until all is shown."""
    panel.begin_live()
    stream = ReasoningStream(assume_open=True)
    for index in range(0, len(text), chunk):
        panel.add_events(stream.feed(text[index : index + chunk]))
    panel.add_events(stream.flush())
    qtbot.waitUntil(lambda: panel.text.pending == 0, timeout=60_000)


def _panel(qtbot: QtBot) -> TracePanel:
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.resize(420, 500)
    panel.show()
    return panel


def test_stored_trace_is_shown_and_copied_byte_for_byte(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_version(_version(HOSTILE))
    assert _view_text(panel) == HOSTILE
    clipboard: list[str] = []
    panel.copy_requested.connect(clipboard.append)
    panel.copy_button.click()
    assert clipboard == [HOSTILE]
    assert _is_monospace(panel, HOSTILE.index("print(i)"))
    assert not _is_monospace(panel, HOSTILE.index("So the answer"))
    panel.text.selectAll()
    qtbot.keyClick(panel.text, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == HOSTILE


def test_live_trace_is_faithful_and_steps_do_not_enter_the_text(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    _stream_live(qtbot, panel, HOSTILE, 7)
    assert _view_text(panel) == HOSTILE
    assert _is_monospace(panel, HOSTILE.index("print(i)"))
    assert not _is_monospace(panel, HOSTILE.index("So the answer"))  # text after code is not code
    assert "Reasoning" not in _view_text(panel)
    assert panel.step_count() >= 2
    # Every step mark sits where its step starts in the text.
    for mark in panel.text.marks():
        assert HOSTILE[mark.start] not in " \n\t"


def test_view_follows_the_stream_until_the_user_scrolls_away(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.begin_live()
    stream = ReasoningStream(assume_open=True)
    bar = panel.text.verticalScrollBar()
    for index in range(200):
        panel.add_events(stream.feed(f"Line {index} of the trace, thinking on.\n\n"))
    qtbot.waitUntil(lambda: panel.text.pending == 0)
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    assert not panel.jump_button.isVisible()
    bar.setValue(0)  # the user scrolls up to read
    for index in range(50):
        panel.add_events(stream.feed(f"More {index}.\n\n"))
    qtbot.waitUntil(lambda: panel.text.pending == 0)
    assert bar.value() == 0
    assert panel.jump_button.isVisible()
    panel.jump_button.click()
    assert bar.value() == bar.maximum()
    assert not panel.jump_button.isVisible()
    steps_bar = panel.steps.verticalScrollBar()
    assert steps_bar.value() == steps_bar.maximum()


def test_a_5_mb_line_ends_up_fully_in_the_view(qtbot: QtBot) -> None:
    line = "x" * 5_000_000
    panel = _panel(qtbot)
    _stream_live(qtbot, panel, line, 500_000)
    document = panel.text.document()
    assert document.characterCount() - 1 - len(line) == len(line) // MAX_LINE - 1  # display breaks
    assert max(len(document.findBlockByNumber(i).text()) for i in range(5)) <= MAX_LINE
    panel.text.selectAll()
    qtbot.keyClick(panel.text, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == line  # the breaks are display-only
    assert panel.trace_text() == line


def test_the_stored_copy_of_a_streamed_trace_keeps_the_reader_in_place(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.begin_live()
    stream = ReasoningStream(assume_open=True)
    trace = "".join(f"Line {index}, still reasoning.\n\n" for index in range(200)).strip()
    panel.add_events(stream.feed(trace))
    panel.add_events(stream.flush())
    qtbot.waitUntil(lambda: panel.text.pending == 0)
    bar = panel.text.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    panel.end_live()
    panel.show_version(_version(trace))
    assert bar.value() == position and _view_text(panel) == trace
    assert len(panel.text.marks()) == panel.step_count() > 0


def test_text_the_model_did_not_write_is_marked_and_kept(qtbot: QtBot) -> None:

    note = "Wait, integers only."
    trace = f"First. {note} Then more."
    start = trace.index(note)
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.show_version(Version(1, 0, "A", trace=trace, state="complete", stats={
        "interventions": [{"start": start, "end": start + len(note), "kind": "user"}, "junk"]}))
    qtbot.waitUntil(lambda: panel.text.pending == 0, timeout=5_000)
    cursor = panel.text.textCursor()
    cursor.setPosition(panel.text.document_position(start + 2))
    assert cursor.charFormat().fontItalic() and "note" in cursor.charFormat().toolTip()
    cursor.setPosition(panel.text.document_position(2))
    assert not cursor.charFormat().fontItalic()
    assert panel.text.source_text() == trace  # marked, not changed


def test_windows_line_ends_keep_every_character_and_offset(qtbot: QtBot) -> None:
    """Lines go into the document a slice at a time; a "\\r\\n" inserted in one piece became one
    line break, so the view held a character less than the trace and Copy lost it."""
    from denkspur.gui.trace_view import TraceView

    written = "First line.\r\nSecond line.\r\nThird.\rFourth.\n"
    view = TraceView()
    qtbot.addWidget(view)
    view.append(written)
    qtbot.waitUntil(lambda: view.pending == 0)
    assert view.document().characterCount() - 1 == len(written)
    assert view.document_position(written.index("Third")) == written.index("Third")
    view.selectAll()
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == written


def test_the_step_being_written_is_marked_where_it_starts(qtbot: QtBot) -> None:
    """A step is complete only when the next one begins; its mark (and label) appeared only
    then, so with a slow model the labels trailed the text by a step or two."""
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.begin_live()
    stream = ReasoningStream(assume_open=True)
    # A sentence is final once the text after it settles its end: here "Wait, …?" is, and its step
    # (the second) has begun, but it is complete only when a third one starts.
    trace = "Let me add 2 and 3. That gives 5.\n\nWait, is that right? I should check it again. "
    panel.add_events(stream.feed(trace + "Then I add them "))
    qtbot.waitUntil(lambda: panel.pending == 0)
    wait = "Wait, is that right?"
    opened = panel.text.open_mark()
    assert opened is not None and opened.start == trace.index(wait)
    assert opened.kind is StepKind.SELF_CORRECTION
    assert opened.start not in [mark.start for mark in panel.text.marks()]  # not complete yet
    panel.add_events([*stream.feed("once more.\n\nYes, 2 + 3 = 5.</think>It is 5."), *stream.flush()])
    panel.end_live()
    qtbot.waitUntil(lambda: not panel.is_live and panel.pending == 0, timeout=5_000)
    assert panel.text.open_mark() is None
    assert [mark.start for mark in panel.text.marks()] == [
        step.start for step in segment_steps(panel.trace_text())]
