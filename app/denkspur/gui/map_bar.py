"""The strip above the trace: the reasoning map, its filter, and the "going in circles" hint.

It is fed the trace's sentences (live, one by one, or all at once for a stored
answer), keeps the function of each step's first sentence for the steps list's
titles, and watches for loops so the user can be told to use Answer now. A
right click on a sentence offers to continue differently from there.

With token signals it also keeps the trace's :class:`ConfidenceTrack` (fed the
trace text with its tokens, live or stored), from which the map draws its
confidence strip and the steps list takes each step's mean confidence. When
signals were asked for and the server sends none, a line says so, once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QPoint, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QVBoxLayout, QWidget

from denkspur.gui.lazy_qt import set_enum_properties
from denkspur.gui.plain import plain_label
from denkspur.gui.reasoning_map import MapFilter, ReasoningMap

if TYPE_CHECKING:
    from denkspur.core.trace.analytics import LoopDetector
    from denkspur.core.trace.confidence_track import ConfidenceTrack
    from denkspur.core.trace.settle import ProbePoint
    from denkspur.core.trace.signals import TokenSignal
    from denkspur.core.trace.steps import Sentence

#: Stored traces longer than this are not split into sentences when shown (it would
#: take the GUI thread too long); the map stays empty for them.
MAP_TRACE_LIMIT = 300_000
#: Sentences put on the map per event-loop turn while a flood arrives (as many as the
#: trace panel's slice of events can bring: the map keeps up with it).
MAP_SLICE = 400
#: Of each slice, the latest sentences checked for loops (the hint looks at the last
#: 20; each check costs ~40 us, so a slice of a flood checks only its tail).
LOOP_WINDOW = 50
#: Trace events without a single token after which a reply that asked for signals is
#: taken to have none (a server that sends no log-probabilities).
SIGNALS_PATIENCE = 8


class MapBar(QWidget):
    sentence_clicked = Signal(int)  # the sentence's start offset in the trace
    branch_requested = Signal(int)  # continue differently from this offset

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map = ReasoningMap()
        self.map.sentenceClicked.connect(self.sentence_clicked)
        set_enum_properties(self.map, contextMenuPolicy="CustomContextMenu")  # see lazy_qt
        self.map.customContextMenuRequested.connect(self._menu)
        self.filter = QComboBox()
        self.filter.setObjectName("mapFilter")
        self.filter.currentIndexChanged.connect(
            lambda _i: self.map.set_filter(MapFilter(self.filter.currentData())))
        self.loop_hint = plain_label(name="loopHint", wrap=True)
        self.loop_hint.setStyleSheet("color: #d35400;")
        self.loop_hint.hide()
        self.signals_note = plain_label(name="mapSignalsNote", wrap=True)
        self.signals_note.setStyleSheet("color: palette(placeholder-text);")
        self.signals_note.hide()
        # The map gets the whole width; the filter goes under it, beside the note on signals,
        # and the loop hint under both, across the whole width (side by side, the two wrapped
        # into columns of 4-6 short lines on a narrow panel).
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.signals_note, 1)
        row.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.map)
        layout.addLayout(row)
        layout.addWidget(self.loop_hint)
        self.step_functions: dict[int, str] = {}  # step index -> function of its first sentence
        self._track: ConfidenceTrack | None = None  # see track
        self._signals_expected = False
        self._events_without_tokens = 0
        self._signals_state = "none"  # "present", "unavailable" (asked, none came) or "none"
        self._loops: LoopDetector | None = None
        self._pending: list[tuple[Sentence, str]] = []
        self._slices = QTimer(self)
        self._slices.setSingleShot(True)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._add_slice)
        self.branching = False  # whether "continue differently" is offered (a finished local answer)
        self.answer_now_possible = True  # servers decide themselves when to stop thinking
        self.retranslate()

    def retranslate(self) -> None:
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        for which, label in ((MapFilter.ALL, self.tr("All sentences")),
                             (MapFilter.BACKTRACKS, self.tr("Only backtracks")),
                             (MapFilter.CHECKS, self.tr("Only checks")),
                             (MapFilter.CONCLUSIONS, self.tr("Only conclusions"))):
            self.filter.addItem(label, which.value)
        self.filter.setCurrentIndex(max(0, self.filter.findData(current)))
        self.filter.blockSignals(False)
        self._update_hint_text()
        self._show_signals_state()

    def _update_hint_text(self) -> None:
        self.loop_hint.setText(
            self.tr("The model seems to be going in circles: Answer now makes it answer from what it has.")
            if self.answer_now_possible else
            self.tr("The model seems to be going in circles: Stop ends the reply."))

    # -- content ------------------------------------------------------------------
    def clear(self) -> None:
        self.map.clear()
        self._pending.clear()
        self._slices.stop()
        self.step_functions.clear()
        self._loops = None  # a fresh detector with the first sentences (start-up never loads it)
        self.loop_hint.hide()
        self._reset_track()

    @property
    def track(self) -> ConfidenceTrack:
        """The trace's token confidence (empty without signals). Made when first fed or read:
        the empty first window loads no signal code (the map takes no track as an empty one)."""
        if self._track is None:
            from denkspur.core.trace.confidence_track import ConfidenceTrack

            self._track = ConfidenceTrack()
            self.map.set_track(self._track)
        return self._track

    def _reset_track(self, state: str = "none") -> None:
        self._track = None
        self.map.set_track(None)
        self._events_without_tokens = 0
        self._set_signals_state(state)

    def begin_live(self, signals_expected: bool) -> None:
        """A reply starts; ``signals_expected``: it asked for token signals."""
        self.clear()
        self._signals_expected = signals_expected

    def add_trace_text(self, text: str, tokens: Sequence[TokenSignal]) -> None:
        """Live trace text with the tokens it holds (before the sentences it completes)."""
        self.track.add_text(text, tokens)
        if tokens:
            self._set_signals_state("present")
        elif self._signals_expected and not len(self.track):
            self._events_without_tokens += 1
            if self._events_without_tokens >= SIGNALS_PATIENCE:
                self._set_signals_state("unavailable")

    def withdraw_trace(self) -> None:
        """The text streamed as trace was the answer: its tokens leave the map too."""
        self._reset_track()

    def step_confidence(self, start: int, end: int) -> float | None:
        """Mean log-probability of a step's tokens (None without signals)."""
        return self.track.span_mean(start, end)

    def _set_signals_state(self, state: str) -> None:
        if state != self._signals_state:
            self._signals_state = state
            self._show_signals_state()

    def _show_signals_state(self) -> None:
        state = self._signals_state
        if state == "unavailable":
            self.signals_note.setText(self.tr(
                "No confidence curve: the server sent no log-probabilities for this reply."))
            self.signals_note.setToolTip("")
        elif state == "present":
            self.signals_note.setText(self.tr("Under the map: confidence · red: least sure tenth"))
            self.signals_note.setToolTip(self.tr(
                "The line under the sentences is the mean log-probability of the model's tokens over "
                "sliding %1-token windows (higher: surer); red marks the lowest tenth of the windows. "
                "Hover a sentence for its mean confidence.").replace("%1", str(self.track.window)))
        legend_room = state == "present" and not self.loop_hint.isVisibleTo(self)
        self.signals_note.setVisible(state == "unavailable" or legend_room)

    def set_answer_now_possible(self, possible: bool) -> None:
        self.answer_now_possible = possible
        self._update_hint_text()

    def add_sentences(self, sentences: list[tuple[Sentence, str]]) -> None:
        """Sentences of the live trace that are final.

        Step titles need their functions at once; the cells and the loop check follow
        in slices, so that a flood (thousands of sentences in one batch) never holds
        the window up.
        """
        for sentence, _text in sentences:
            self.step_functions.setdefault(sentence.step, sentence.function)
        self._pending.extend(sentences)
        if self._pending and not self._slices.isActive():
            self._slices.start()

    @property
    def pending(self) -> int:
        """Sentences received but not yet on the map."""
        return len(self._pending)

    def _add_slice(self) -> None:
        batch, self._pending = self._pending[:MAP_SLICE], self._pending[MAP_SLICE:]
        self.map.add_sentences(batch)
        if self._loops is None:
            from denkspur.core.trace.analytics import LoopDetector

            self._loops = LoopDetector()
        for _sentence, text in batch[-LOOP_WINDOW:]:  # the hint is about the latest sentences
            self._loops.add(text)
        self.loop_hint.setVisible(self._loops.going_in_circles())
        self._show_signals_state()  # the hint takes the legend's place
        if self._pending:
            self._slices.start()

    def show_trace(self, trace: str, stats: Mapping[str, object] | None = None) -> None:
        """A stored trace: split it into sentences again (they are not stored); the token
        signals in its version's ``stats`` give the confidence strip and the steps' means."""
        self.clear()
        self.loop_hint.hide()
        self._signals_expected = False
        stored = (stats or {}).get("signals")
        if stored == "unavailable":
            self._set_signals_state("unavailable")
        elif trace and isinstance(stored, dict):
            from denkspur.core.trace.signals import unpack

            signals, trace_count = unpack(stored, alternatives=False)
            self.track.add_text(trace, signals[:trace_count])
            self._set_signals_state("present" if len(self.track) else "none")
        if not trace or len(trace) > MAP_TRACE_LIMIT:
            return
        from denkspur.core.trace.steps import StepTracker

        tracker = StepTracker()
        tracker.extend(trace)
        tracker.finish()
        self.map.set_sentences(trace, tracker.sentences)
        for sentence in tracker.sentences:
            self.step_functions.setdefault(sentence.step, sentence.function)

    def end_live(self) -> None:
        self.loop_hint.hide()
        self._show_signals_state()

    def show_settled(self, point: ProbePoint | None) -> None:
        """Mark where the provisional answer stopped changing ("probe every N sentences"); None: no mark."""
        from denkspur.core.text.markdown import markdown_plain
        from denkspur.gui.map_marks import MapMark

        if point is None:
            self.map.set_marks([])
            return
        tip = (self.tr("Answer settled at token %1: %2")  # the answer as plain text, not raw Markdown
               .replace("%1", QLocale().toString(point.token)).replace("%2", markdown_plain(point.answer)))
        self.map.set_marks([MapMark(point.offset, tip)])

    # -- actions --------------------------------------------------------------------
    def _menu(self, point: QPoint) -> None:
        index = self.map.cell_at(point)
        if index is None or not self.branching:
            return
        menu = QMenu(self)
        start = self.map.cell_start(index)
        menu.addAction(self.tr("Continue differently from here"), lambda: self.branch_requested.emit(start))
        menu.exec(self.map.mapToGlobal(point))
