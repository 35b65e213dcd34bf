"""The reasoning-trace panel beside the chat.

Live, it fills while the model thinks ("Thinking… 12 s, 840 tokens"); the
steps list grows as the core commits steps; the text is a faithful plain-text
:class:`~denkspur.gui.trace_view.TraceView` that only ever appends, follows the
newest text unless the user scrolled away ("Jump to live" brings it back), and
marks step starts in its gutter instead of inserting labels into the text.
For a stored answer it shows that version's trace, steps and statistics.

``map_slot`` is a layout above the text reserved for the reasoning map.
"""

from __future__ import annotations

import math
import time
from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.trace.step_kind import StepKind
from denkspur.gui.confidence_pane import ConfidencePane
from denkspur.gui.i18n import plural_n
from denkspur.gui.lazy_qt import set_enum_properties
from denkspur.gui.live_queue import LiveQueue, Shown
from denkspur.gui.map_bar import MapBar
from denkspur.gui.plain import plain_label
from denkspur.gui.step_style import parse_kind
from denkspur.gui.steps_list import StepsList
from denkspur.gui.trace_gutter import StepMark
from denkspur.gui.trace_view import TraceView

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QResizeEvent

    from denkspur.core.conversations.store import Version
    from denkspur.core.trace.steps import Sentence, Step
    from denkspur.core.trace.stream import StreamEvent


#: Live events taken per event-loop turn. A normal batch (tens of events) is taken
#: at once; a flood (a megabyte of text brings ~40,000 sentence and step events)
#: is spread over turns so that the window never waits for all of it. With the
#: step items, map cells and trace text they bring, a slice costs ~10 ms (2 cores).
EVENT_SLICE = 400
#: Step items added to the list per event-loop turn: as many as a slice of events
#: can bring (a step comes with at least one sentence), so the list keeps up with
#: the events and no backlog builds up behind the engine thread's backpressure.
STEP_SLICE = EVENT_SLICE // 2
#: Of the step being written, the text kept for its row's name and tooltip (a step can be
#: megabytes long; its row shows its first words).
OPEN_TEXT_KEPT = 600


#: Room kept free beside a live header before its buttons come back up beside it (its
#: seconds and token count grow by a few digits).
LIVE_HEADER_SPARE = 80


class _Live:
    """The answer being written (a plain class: a dataclass costs half a millisecond at start)."""

    __slots__ = ("closed_after", "collections_held", "estimated", "started", "trace_events")

    def __init__(self, started: float, *, estimated: bool = False) -> None:
        from denkspur.gui.gc_guard import live_reply_hold

        # the events in flight would be most of what a collection walks (see gc_guard)
        self.collections_held = live_reply_hold()
        self.started = started
        self.trace_events = 0
        self.closed_after: float | None = None
        self.estimated = estimated  # the token count is an estimate (a server's events are not tokens)


class TracePanel(QWidget):
    """Steps list + trace text + statistics for one answer version."""

    copy_requested = Signal(str)
    #: "Continue differently from here": version id, trace offset, the user's note ("" for none).
    branch_requested = Signal(int, int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TracePanel")
        self.top = self._build_top()
        self.steps = StepsList(lambda: self._live is None or self.text.following)
        self.steps.jump_requested.connect(self._scroll_to_offset)
        self.steps.branch_requested.connect(lambda offset: self._request_branch(offset, ""))
        self.steps.note_requested.connect(self._ask_note)
        text_column = self._build_text_column()
        self.stats = plain_label(name="traceStats", wrap=True)
        split = QSplitter()
        set_enum_properties(split, orientation="Vertical")
        split.addWidget(self.steps)
        split.addWidget(text_column)
        split.setSizes([180, 420])
        self.confidence = ConfidencePane()
        self.modes = QStackedWidget()
        self.modes.addWidget(split)
        self.modes.addWidget(self.confidence)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.top)
        layout.addWidget(self.modes, 1)
        layout.addWidget(self.stats)
        self._live: _Live | None = None
        self._live_text = ""
        # Steps wait here and enter the list in slices: a flood of text can bring
        # thousands of steps in one batch. (kind, text, start, index, confidence): the
        # title is looked up when the item is made, once the step's first sentence is in.
        self._pending_steps: deque[tuple[StepKind, str, int, int, float | None]] = deque()
        # The step of the latest sentence shown: a step's title needs its first sentence's
        # function, and the stream sends a chunk's finished steps before its sentences (a
        # flood's slice can end between them).
        # ... and the step shown before it is complete (see _show_open_step): its first
        # sentence's start, kind and function, and its text so far (the start of it).
        self._sentence_step = self._open_step = -1
        self._open: tuple[int, StepKind, str] | None = None
        self._open_text = ""
        self._steps_timer = self._next_turn(self._add_pending_steps)
        # Live events wait here when a batch is too big for one turn (see EVENT_SLICE).
        self._queued: LiveQueue[StreamEvent] = LiveQueue()
        self._ending = False  # the reply ended while events were still queued
        self._events_timer = self._next_turn(self._take_queued)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._update_header)
        self._version: Version | None = None
        self.retranslate()
        self.show_version(None)

    def _build_top(self) -> QBoxLayout:
        """The header, and its buttons beside it, or under it where the header's text would be
        cut beside them (German at 1024×700: see _fit_top)."""
        self.header = plain_label(name="traceHeader", elided=True)
        self.header.setStyleSheet("font-weight: 600; font-size: 13px;")
        self.header.setMinimumWidth(40)  # cut with "…" on a narrow panel rather than widening the window
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(self.trace_text()))
        self.confidence_button = self._confidence_toggle()
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addWidget(self.header, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confidence_button)
        buttons.addWidget(self.copy_button)
        top.addLayout(buttons)
        return top

    def _next_turn(self, slot: Callable[[], None]) -> QTimer:
        """A timer that runs ``slot`` once in the next event-loop turn when started."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(slot)
        return timer

    def _build_text_column(self) -> QWidget:
        """The reasoning-map slot, the trace text, and "Jump to live" under it."""
        self.text = TraceView()
        self.text.setObjectName("traceText")
        self.text.following_changed.connect(self._following_changed)
        self.jump_button = QPushButton()
        self.jump_button.setObjectName("jumpToLive")
        self.jump_button.setVisible(False)
        self.jump_button.clicked.connect(self.follow_live)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        #: Where the reasoning map (a strip over the whole trace) goes.
        self.map_slot = QVBoxLayout()
        self.map_slot.setObjectName("reasoningMapSlot")
        self.map_bar = MapBar()
        self.map_bar.sentence_clicked.connect(self.text.scroll_to_offset)
        self.map_bar.branch_requested.connect(lambda offset: self._request_branch(offset, ""))
        self.map_slot.addWidget(self.map_bar)
        layout.addLayout(self.map_slot)
        layout.addWidget(self.text, 1)
        to_the_right = QHBoxLayout()  # a stretch, not an alignment flag: see lazy_qt
        to_the_right.addStretch(1)
        to_the_right.addWidget(self.jump_button)
        layout.addLayout(to_the_right)
        return column

    def retranslate(self) -> None:
        self.copy_button.setText(self.tr("Copy trace"))
        self.copy_button.setToolTip(self.tr("Copy the whole reasoning trace"))
        self.confidence_button.setText(self.tr("Confidence"))
        self.confidence_button.setToolTip(self.tr("Show how sure the model was at each token of the trace"))
        self.jump_button.setText(self.tr("↓ Jump to live"))
        self.map_bar.retranslate()
        if self._live is None:
            self.show_version(self._version)
        self._fit_top(self.width())  # the buttons' widths changed

    # -- stored versions -----------------------------------------------------------
    def show_version(self, version: Version | None) -> None:
        """Show a stored answer's trace (``None``: nothing selected)."""
        # The stored copy of the reply that was just streamed: keep the view (and where
        # the reader is in it), only the marks and figures are replaced.
        same_text = version is not None and bool(version.trace) and self.text.source_text() == version.trace
        self.steps.pinned = same_text and self.steps.pinned  # the reply just streamed: stay at its end
        self._stop_live()
        self._version = version
        self._live_text = ""
        self.steps.clear_steps()
        self._pending_steps.clear()
        self._sentence_step = -1
        self._open_step = -1
        if not same_text:
            self.text.reset()
        self.confidence.show_stored(version.trace if version else "", version.stats if version else {},
                                    version.steps if version else [])
        self.map_bar.branching = self.steps.branching = _can_branch(version)
        self.map_bar.show_trace(version.trace if version is not None else "",
                                version.stats if version is not None else None)
        if version is not None:
            from denkspur.core.trace.settle import settled_point

            self.map_bar.show_settled(settled_point(version.stats))
        if version is None or not version.trace:
            self._set_header(self.tr("Reasoning trace"))
            self.text.setPlaceholderText(
                self.tr("Select an answer to see how the model reached it.")
                if version is None else self.tr("This answer has no reasoning trace.")
            )
            self.stats.setText("")
            return
        # Partial versions (interrupted, crashed) were saved without steps: segment now.
        if not version.steps:
            from denkspur.core.trace.steps import segment_steps
        steps = version.steps or [step.to_dict() for step in segment_steps(version.trace)]
        marks = self._add_stored_steps(version.trace, steps)
        if same_text:
            self.text.set_marks(marks)
        else:
            self.text.set_text(version.trace, marks)
        self.text.set_interventions(_interventions(version.stats.get("interventions")))
        finished = version.stats.get("finished")
        trace_closed = finished if isinstance(finished, bool) else bool(version.answer)
        self._set_header(self._thought_label(version.stats, version.state, trace_closed))
        self.stats.setText(self._stats_line(version.stats, steps, version.trace))

    def _add_stored_steps(self, trace: str, steps: list[dict[str, object]]) -> list[StepMark]:
        """A stored answer's steps into the list; their marks for the text."""
        marks: list[StepMark] = []
        for index, step in enumerate(steps):
            kind = parse_kind(step.get("kind"))
            text = str(step.get("text", ""))
            start = step.get("start")
            if not isinstance(start, int):  # rows saved before steps had offsets
                found = trace.find(text[:40])
                start = max(found, marks[-1].start if marks else 0)
            marks.append(StepMark(start, kind))
            end = step.get("end")
            confidence = self.map_bar.step_confidence(start, end) if isinstance(end, int) else None
            self.steps.add_step(kind, text, start, self.map_bar.step_functions.get(index), confidence)
        if self.steps.pinned:
            self.steps.scrollToBottom()
        else:
            self.steps.scrollToTop()  # another answer: from its first step
        return marks

    def _thought_label(self, stats: dict[str, object], state: str, trace_closed: bool) -> str:
        stopped = state in ("interrupted", "cancelled", "error")
        if not trace_closed:
            if stats.get("notice") == "budget-refused":
                return self.tr("Thinking budget reached: this server cannot be asked for the answer")
            if stats.get("stop_reason") == "length":
                return self.tr("Reply limit reached while thinking (raise it in Preferences)")
            return self.tr("Stopped while thinking") if stopped else self.tr("Still thinking")
        seconds = stats.get("thinking_seconds")
        label = (self.tr("Thought for %1").replace("%1", format_seconds(float(seconds)))
                 if isinstance(seconds, (int, float)) else self.tr("Reasoning trace"))
        if stopped:
            label += " · " + self.tr("stopped while answering")
        return label

    def _stats_line(self, stats: dict[str, object], steps: list[dict[str, object]], trace: str) -> str:
        """Figures of a version; a reply cut off before its stats were saved gets counted ones."""
        from denkspur.core.trace.tokens import estimate_tokens

        corrections = sum(parse_kind(step.get("kind")) is StepKind.SELF_CORRECTION for step in steps)
        trace_tokens = _count(stats, "trace_tokens") if "trace_tokens" in stats else estimate_tokens(trace)
        # "≈": counted from text (a server's events are not tokens, or the stats were not saved)
        about = "≈" if stats.get("token_counts") == "estimated" or "trace_tokens" not in stats else ""
        parts = [
            self.tr("%Ln step(s)", "", len(steps)),
            self.tr("%Ln self-correction(s)", "", corrections),
            about + self.tr("%Ln trace token(s)", "", plural_n(trace_tokens)),
        ]
        if "answer_tokens" in stats:
            answer_tokens = plural_n(_count(stats, "answer_tokens"))
            parts.append(about + self.tr("%Ln answer token(s)", "", answer_tokens))
        speed = stats.get("tokens_per_second")
        if isinstance(speed, (int, float)):
            parts.append(self.tr("%1 tokens/s").replace("%1", QLocale().toString(float(speed), "f", 1)))
        return " · ".join(parts)

    # -- live ------------------------------------------------------------------------
    def begin_live(self, *, estimated: bool = False, signals_expected: bool = False,
                   started: float | None = None) -> None:
        """A reply starts streaming; ``estimated``: its token counts will be estimates (a server);
        ``signals_expected``: it asked for token signals; ``started``: when it started
        (``time.monotonic()``; now when not given), for a reply shown again midway."""
        self.show_version(None)  # ends a live reply shown before (and its hold on collections)
        self.map_bar.begin_live(signals_expected)
        self._live = _Live(time.monotonic() if started is None else started, estimated=estimated)
        self._live_text = ""
        self.text.setPlaceholderText("")
        self.confidence.begin_live()
        self.text.follow()
        self._timer.start()
        self._update_header()

    @property
    def is_live(self) -> bool:
        return self._live is not None

    def add_events(self, events: list[StreamEvent], shown: Shown | None = None) -> None:
        """Events of the live reply, in order. A normal batch is shown at once; what a
        flood brings beyond :data:`EVENT_SLICE` follows in later turns, always after
        what came before. ``shown`` is called once the whole batch is shown (at once
        for a normal batch; also when the panel stops showing the reply)."""
        if self._live is None:
            if shown is not None:
                shown()
            return
        self._live.collections_held.touch()
        self._queued.put(events, shown)
        if not self._events_timer.isActive():
            self._take_queued()

    @property
    def pending(self) -> int:
        """Live events received and not yet shown (the text view, the steps list and
        the map drain their own backlogs after that)."""
        return len(self._queued)

    def _take_queued(self) -> None:
        queued = self._queued
        if self._live is not None:
            self._live.collections_held.touch()  # a flood may take seconds to show
        events, shown = queued.take(EVENT_SLICE)
        self._apply(events)
        for callback in shown:
            callback()
        if queued:
            self._events_timer.start()
        elif self._ending:
            self._finish_live()

    def _apply(self, events: list[StreamEvent]) -> None:
        from denkspur.core.trace.settle import AnswerSettled
        from denkspur.core.trace.stream import SentenceDone, StepDone, TraceClosed, TraceText, TraceWithdrawn

        live = self._live
        if live is None:
            return
        self.confidence.add_events(events)
        new_text: list[str] = []
        new_steps: list[Step] = []
        sentences: list[tuple[Sentence, str]] = []
        for event in events:
            if isinstance(event, TraceText):
                live.trace_events = event.trace_tokens or live.trace_events + 1
                new_text.append(event.text)
                self.map_bar.add_trace_text(event.text, event.tokens)
            elif isinstance(event, TraceWithdrawn):
                self.map_bar.withdraw_trace()
            elif isinstance(event, StepDone):
                new_steps.append(event.step)
            elif isinstance(event, SentenceDone):
                sentences.append((event.sentence, event.text))
            elif isinstance(event, TraceClosed):
                live.closed_after = time.monotonic() - live.started
            elif isinstance(event, AnswerSettled):
                self.map_bar.show_settled(event.point)
        self.map_bar.add_sentences(sentences)  # before the steps: their titles come from sentences
        if sentences:
            self._sentence_step = sentences[-1][0].step
        if new_steps:
            self._commit_steps(new_steps)
        elif sentences and self._pending_steps and not self._steps_timer.isActive():
            self._steps_timer.start()  # steps that waited for these sentences
        if sentences:
            self._show_open_step(sentences)
        elif new_steps and self._open_step < self.step_count():
            self.steps.drop_open_step()  # complete, and no next step yet (the trace closed)
        if new_text:
            text = "".join(new_text)
            self._live_text += text
            self.text.append(text)
        self._update_header()

    def _confidence_toggle(self) -> QPushButton:
        button = QPushButton()
        button.setObjectName("confidenceButton")
        button.setCheckable(True)  # off by default: the plain trace first
        button.toggled.connect(self._show_confidence)
        return button

    def _show_confidence(self, on: bool) -> None:
        self.modes.setCurrentIndex(int(on))

    def end_live(self) -> None:
        """The reply ended; with events still queued, it ends when they are shown."""
        if self._queued:
            self._ending = True
        else:
            self._finish_live()

    def _finish_live(self) -> None:
        self._stop_live()
        self.confidence.end_live()
        self.map_bar.end_live()
        if self._pending_steps and not self._steps_timer.isActive():
            self._steps_timer.start()  # no sentence comes any more: every step goes in

    def _stop_live(self) -> None:
        self._timer.stop()
        self._events_timer.stop()
        for callback in self._queued.clear():  # not shown, but the engine thread must not wait
            callback()
        self._ending = False
        if self._live is not None:
            self._live.collections_held.end()
        self._live = None
        self.steps.drop_open_step()  # the last step, if any, comes complete (or the reply stopped)
        self.jump_button.setVisible(False)

    def _show_open_step(self, sentences: list[tuple[Sentence, str]]) -> None:
        """The step being written is shown from its first sentence on (its kind is known
        then), not only once the next step begins and completes it: marked in the gutter,
        and as the steps list's last row, in italics, named by its words so far."""
        step = sentences[-1][0].step
        if step < self.step_count():
            self.steps.drop_open_step()  # complete: its own row comes from the pending steps
            return
        if step != self._open_step:
            # Sentences come in order: the first batch with any of the step's sentences has its first.
            sentence, text = next(pair for pair in sentences if pair[0].step == step)
            from denkspur.core.trace.steps import step_kind_of

            kind = step_kind_of(text, sentence.function)
            self.text.show_open_mark(StepMark(sentence.start, kind))
            self.steps.drop_open_step()  # the previous step's (its colour, start and tooltip)
            self._open_step = step
            self._open = (sentence.start, kind, sentence.function)
            self._open_text = ""
        if len(self._open_text) < OPEN_TEXT_KEPT:
            # Sentences come without the space between them: a title collapses spaces anyway.
            words = " ".join(text for sentence, text in sentences if sentence.step == step)
            self._open_text = f"{self._open_text} {words}".lstrip()[:OPEN_TEXT_KEPT]
        if self._open is not None:  # set above, when the step's first sentence came
            start, kind, function = self._open
            self.steps.show_open_step(start, kind, function, self._open_text, follow=self.text.following)

    def _commit_steps(self, steps: list[Step]) -> None:
        self.text.add_marks([StepMark(step.start, step.kind) for step in steps])
        self._pending_steps.extend((step.kind, step.text, step.start, step.index,
                                    self.map_bar.step_confidence(step.start, step.end))
                                   for step in steps)
        if not self._steps_timer.isActive():
            self._steps_timer.start()

    def _add_pending_steps(self) -> None:
        """A slice of the waiting steps, in order, as far as their first sentences are in
        (the rest follows when they are, or when the reply has ended)."""
        pending, functions = self._pending_steps, self.map_bar.step_functions
        ended = self._live is None
        for _ in range(STEP_SLICE):
            if not pending or not (ended or pending[0][3] <= self._sentence_step):
                break
            kind, text, start, index, confidence = pending.popleft()
            self.steps.add_step(kind, text, start, functions.get(index), confidence)
        if pending and (ended or pending[0][3] <= self._sentence_step):
            self._steps_timer.start()
        elif not pending and self.text.following:
            self.steps.scrollToBottom()

    def follow_live(self) -> None:
        self.text.follow()
        self.steps.scrollToBottom()

    def _following_changed(self, following: bool) -> None:
        self.jump_button.setVisible(self._live is not None and not following)

    def _update_header(self) -> None:
        live = self._live
        if live is None:
            return
        if live.closed_after is not None:
            self._set_header(self.tr("Thought for %1").replace("%1", format_seconds(live.closed_after)))
            return
        elapsed = int(time.monotonic() - live.started)
        tokens = self.tr("%Ln token(s)", "", live.trace_events)
        self._set_header(self.tr("Thinking… %1 s, %2").replace("%1", str(elapsed))
                            .replace("%2", ("≈" if live.estimated else "") + tokens))

    def _set_header(self, text: str) -> None:
        if text != self.header.text():
            self.header.setText(text)
            self._fit_top(self.width())

    def _fit_top(self, width: int) -> None:
        """The buttons beside the header while its whole text fits there, else under it (cut
        with "…" only where it does not fit a line of its own). While a reply streams they do
        not come back up: its growing counts would make the panel jump at every flip."""
        layout = self.layout()
        if layout is None:  # still being built
            return
        margins = self.contentsMargins() + layout.contentsMargins()
        room = width - margins.left() - margins.right()
        buttons = self.confidence_button.sizeHint().width() + self.copy_button.sizeHint().width()
        needed = self.header.sizeHint().width() + buttons + 2 * self.top.spacing()
        beside = needed <= room
        # Live, they come back up only with room to spare for the counts to grow (a window
        # made wider mid-reply), so that the header does not flip back and forth.
        stay_under = (self._live is not None and self.top.direction() is QBoxLayout.Direction.TopToBottom
                      and needed + LIVE_HEADER_SPARE > room)
        direction = QBoxLayout.Direction.LeftToRight if beside and not stay_under \
            else QBoxLayout.Direction.TopToBottom
        if self.top.direction() != direction:
            self.top.setDirection(direction)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_top(event.size().width())

    def _ask_note(self, offset: int) -> None:
        from denkspur.gui.text_dialog import ask_text

        note, ok = ask_text(
            self, self.tr("Steer the reasoning"),
            self.tr("Your note, inserted into the trace here (it is marked as yours):"),
            self.tr("Wait, "))
        if ok and note.strip():
            self._request_branch(offset, note)

    def _request_branch(self, offset: int, note: str) -> None:
        if self._version is not None:
            self.branch_requested.emit(self._version.id, offset, note)

    def focus_steps(self) -> None:
        """Keyboard way into the steps list: the selected step, else the first, gets the focus."""
        self.confidence_button.setChecked(False)  # the steps live in the plain view
        self.steps.focus_first()

    def _scroll_to_offset(self, offset: int) -> None:
        self.text.scroll_to_offset(offset)

    def step_count(self) -> int:
        """Complete steps known so far (some may still be on their way into the list; the
        open step's row is not counted)."""
        return self.steps.complete_rows() + len(self._pending_steps)

    def trace_text(self) -> str:
        if self._live is not None or self._version is None:  # live, or the reply just ended
            return self._live_text.strip()
        return self._version.trace


def _interventions(stored: object) -> list[tuple[int, int, str]]:
    """The reply's record of text it did not write, as stored (outside data: checked)."""
    spans = []
    for item in stored if isinstance(stored, list) else []:
        if isinstance(item, dict) and isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
            spans.append((int(item["start"]), int(item["end"]), str(item.get("kind", ""))))
    return spans


def _can_branch(version: Version | None) -> bool:
    """A finished or stopped answer with a trace can be continued differently (not one being written)."""
    return version is not None and bool(version.trace) and version.state != "generating"


def format_seconds(seconds: float) -> str:
    """A duration as people read it: "< 0.1 s", "0.2 s", "42 s", "2 min 5 s" (in German "0,2 s":
    the decimal sign of the UI language)."""
    if seconds < 0.05:
        return f"< {QLocale().toString(0.1, 'f', 1)} s"
    if seconds < 9.95:
        return f"{QLocale().toString(seconds, 'f', 1)} s"
    if seconds < 59.5:
        return f"{round(seconds)} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def _count(stats: dict[str, object], key: str) -> int:
    """A count from a stored stats dict (written by older versions too: absent or odd values are 0)."""
    value = stats.get(key)
    return int(value) if isinstance(value, (int, float)) and math.isfinite(value) else 0
