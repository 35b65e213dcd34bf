"""The trace panel's confidence mode: a legend over the curve and the token view.

The pane keeps what it is fed (a stored version's packed signals, or the live
stream's tokens) and makes its widgets (:mod:`denkspur.gui.confidence_view`)
when it is first shown: the panel starts in its plain mode, and the window's
first frame does not wait for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from denkspur.gui.lazy_qt import set_enum_properties

if TYPE_CHECKING:
    from denkspur.core.trace.signals import SignalColumns, TokenSignal
    from denkspur.core.trace.stream import StreamEvent
    from denkspur.gui.confidence_view import ConfidenceCurve, ConfidenceView


class ConfidencePane(QWidget):
    """The trace panel's confidence mode: a legend, the curve over the trace, the token view.

    Fed like the panel: :meth:`show_stored` for a stored version (its ``signals``
    stats), :meth:`begin_live` and :meth:`add_events` while a reply streams.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confidencePane")
        self.legend = QLabel()
        self.legend.setObjectName("confidenceLegend")
        set_enum_properties(self.legend, textFormat="PlainText")  # see lazy_qt
        self.legend.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.legend)
        self._widgets: tuple[ConfidenceCurve, ConfidenceView] | None = None
        self._trace = ""
        # The trace's tokens, as columns the garbage collector does not walk (a flood brings
        # hundreds of thousands; see SignalColumns), made with the first token (the signals
        # module is not loaded before the first frame).
        self._signals: Sequence[TokenSignal] = ()
        self._stored: object = None  # a stored version's packed signals, read when first needed
        self._steps: list[tuple[int, int, str]] = []
        self._dirty = False  # the widgets do not show the data yet (they were hidden)
        self._show_legend()

    @property
    def curve(self) -> ConfidenceCurve:
        return self._built()[0]

    @property
    def view(self) -> ConfidenceView:
        return self._built()[1]

    def _built(self) -> tuple[ConfidenceCurve, ConfidenceView]:
        """The curve and the token view, made when first needed (the pane is hidden at first)."""
        if self._widgets is None:
            from denkspur.gui.confidence_view import ConfidenceCurve, ConfidenceView

            self._widgets = ConfidenceCurve(), ConfidenceView()
            self._layout.addWidget(self._widgets[0])
            self._layout.addWidget(self._widgets[1], 1)
        return self._widgets

    def has_signals(self) -> bool:
        self._read_stored()
        return bool(self._signals)

    def show_stored(self, trace: str, stats: Mapping[str, object],
                    steps: Iterable[Mapping[str, object]]) -> None:
        """A stored version: its trace, the trace tokens of its ``signals`` and its steps.

        Nothing is read or laid out until the pane is shown: opening a conversation
        with the plain trace in front costs nothing extra.
        """
        self._trace, self._signals, self._stored = trace, (), stats.get("signals")
        self._steps = [_step_span(step, number) for number, step in enumerate(steps, 1)]
        self._changed()

    def begin_live(self) -> None:
        self._trace, self._signals, self._stored, self._steps = "", (), None, []
        self._changed()

    def add_events(self, events: Sequence[StreamEvent]) -> None:
        from denkspur.core.trace.stream import StepDone, TraceText, TraceWithdrawn  # loaded by then

        steps_before = len(self._steps)
        for event in events:
            if isinstance(event, TraceText):
                self._trace += event.text
                if event.tokens:
                    self._columns().extend(event.tokens)
                if self.isVisible() and not self._dirty:
                    self.view.append_text(event.text, event.tokens)
            elif isinstance(event, StepDone):
                self._steps.append((event.step.start, event.step.end, step_label(event.step.index + 1)))
            elif isinstance(event, TraceWithdrawn):
                self.begin_live()
        if len(self._steps) != steps_before:  # the curve follows step by step, not token by token
            self._changed(only_curve=True)

    def end_live(self) -> None:
        self._changed(only_curve=True)

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self._render()
        super().showEvent(event)

    def _columns(self) -> SignalColumns:
        from denkspur.core.trace.signals import SignalColumns

        if not isinstance(self._signals, SignalColumns):
            self._signals = SignalColumns(self._signals)
        return self._signals

    def _changed(self, *, only_curve: bool = False) -> None:
        if not self.isVisible():
            self._dirty = True
        elif only_curve and not self._dirty:
            self._refresh_curve()
            self._show_legend()
        else:
            self._render()

    def _render(self) -> None:
        self._read_stored()
        self.view.show_trace(self._trace, self._signals)
        self._refresh_curve()
        self._show_legend()
        self._dirty = False

    def _read_stored(self) -> None:
        if self._stored is not None:
            from denkspur.core.trace.signals import SignalColumns, unpack

            signals, trace_count = unpack(self._stored)
            self._signals, self._stored = SignalColumns(signals[:trace_count]), None

    def _refresh_curve(self) -> None:
        from denkspur.core.trace.signals import align

        # the tokens' places, not kept: a list per token for every garbage collection to visit
        self.curve.set_data(self._signals, align(self._trace, self._signals), self._steps)
        self.curve.setVisible(bool(self._signals))

    def _show_legend(self) -> None:
        if self._signals or self._stored is not None:
            from denkspur.core.trace.signals import WINDOW

            self.legend.setText(self.tr(
                "Background: how unsure the model was at each token (entropy of its next-token "
                "distribution; deeper = less sure). Bold underlined: forks. Hover a token for its five "
                "alternatives. Curve: mean log-probability over %1-token windows, the lowest tenth "
                "shaded red; the band below: each step's mean confidence.").replace("%1", str(WINDOW)))
        else:
            self.legend.setText(self.tr(
                "No token signals for this reply: they were not recorded (Settings), the reply is older, "
                "or the server sent no log-probabilities."))


def _step_span(step: Mapping[str, object], number: int) -> tuple[int, int, str]:
    start, end = step.get("start"), step.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return (0, 0, "")
    return (start, end, step_label(number))


def step_label(number: int) -> str:
    """How the confidence band's tooltip names a step ("Step 3", "Schritt 3")."""
    return QCoreApplication.translate("ConfidencePane", "Step %1").replace("%1", str(number))
