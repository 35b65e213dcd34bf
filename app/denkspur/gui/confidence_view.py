"""How sure the model was: the trace token by token, and a confidence curve over it.

:class:`ConfidenceView` shows the trace text with each token's background by
the entropy of the distribution it was sampled from (clear: sure; deep orange:
unsure), forking tokens (entropy >= ``FORK_ENTROPY``) bold and underlined, and
on hover the token's five most likely alternatives with their probabilities
(plain text). Text no token wrote (a user's note, the engine's bridge) shows
without colour. :class:`ConfidenceCurve` draws the sliding-window mean
log-probability over the trace, shades its lowest windows and gives every step
(or sentence) a band coloured by its mean confidence.

Both take a trace as shown and its token records (``TokenSignal``); the trace
panel's :class:`~denkspur.gui.confidence_pane.ConfidencePane` feeds them from the
stream live or from a stored version's ``signals``, and loads this module when it
is first shown.
"""

from __future__ import annotations

import html
import math
from array import array
from bisect import bisect_right
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPointF, QRectF, QSize
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QShowEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from denkspur.core.text.bidi import with_stand_ins
from denkspur.core.trace.signals import (
    FORK_ENTROPY,
    WINDOW,
    SignalColumns,
    TokenSignal,
    align,
    confidence_curve,
    token_logprobs,
    tokens_in_spans,
)
from denkspur.gui.copies_source import CopiesSource

#: Entropy (nats) at which a token's background is at its deepest.
FULL_ENTROPY = 2 * FORK_ENTROPY
UNSURE = QColor(230, 126, 34)  # the warm colour of doubt in the reasoning map
FORK_UNDERLINE = QColor("#a04000")
#: The share of windows shaded as the lowest (DeepConf's "bottom 10 %" group confidence).
LOWEST_SHARE = 0.10


def _number(value: float, decimals: int) -> str:
    """``value`` in the UI language's format (0,123 in German)."""
    return QLocale().toString(value, "f", decimals)


def _percent(share: float, decimals: int = 1) -> str:
    return f"{_number(share * 100, decimals)}%"


def token_tooltip(signal: TokenSignal) -> str:
    """What hovering a token shows (plain text; escaped when handed to Qt), in the UI's language."""
    head = (QCoreApplication.translate("ConfidenceView", "%1: probability %2 (log %3), entropy %4 nats")
            .replace("%1", repr(signal.text)).replace("%2", _percent(math.exp(signal.logprob)))
            .replace("%3", _number(signal.logprob, 3)).replace("%4", _number(signal.entropy, 2)))
    if signal.forking:
        head += " — " + QCoreApplication.translate("ConfidenceView", "a fork")
    lines = [head]
    lines.extend(f"{_percent(prob):>7}  {text!r}" for text, prob in signal.top)
    return "\n".join(lines)


def _show_tooltip(widget: QWidget, event: QHelpEvent, text: str | None) -> None:
    """A plain-text tooltip: escaped inside <qt>, so Qt shows characters, never markup."""
    if text is None:
        QToolTip.hideText()
        event.ignore()
        return
    body = html.escape(text).replace("\n", "<br>").replace("  ", "&nbsp; ")
    QToolTip.showText(event.globalPos(), f"<qt><span style='white-space:pre'>{body}</span></qt>", widget)


def _utf16(text: str) -> int:
    """Length in UTF-16 units: what QTextDocument positions count."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class _TokenHighlighter(QSyntaxHighlighter):
    """Paints the tokens' formats block by block, as Qt lays blocks out (no per-token edits)."""

    def __init__(self, view: ConfidenceView) -> None:
        super().__init__(view.document())
        self._view = view

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock().position()
        view = self._view
        starts, ends, formats, shared = view._starts, view._ends, view._token_formats, view._shared_formats
        index = max(0, bisect_right(starts, block) - 1)
        end = block + self.currentBlock().length()
        while index < len(starts) and starts[index] < end:
            if ends[index] > block:
                begin = max(starts[index], block)
                self.setFormat(begin - block, ends[index] - begin, shared[formats[index]])
            index += 1


class ConfidenceView(CopiesSource):
    """The trace, each token on a background by its entropy; see the module docstring.

    The text goes in as plain text in one piece; the token formats are applied by a
    syntax highlighter per block, so a long trace (30,000 tokens) shows at once.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confidenceView")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        # Per placed token, in arrays (no item per token for the garbage collector to visit):
        self._starts = array("q")  # its document position (UTF-16 units)
        self._ends = array("q")
        self._placed = SignalColumns()  # kept as columns: no object per token for the collector to walk
        self._token_formats = array("h")  # its format, an index into _shared_formats
        self._shared_formats: list[QTextCharFormat] = []
        self._length = 0  # UTF-16 units shown so far
        self._written: list[str] = []  # the text as written (the document shows stand-ins for controls)
        self._formats: dict[tuple[int, bool], int] = {}  # (shade, fork) -> index in _shared_formats
        self._highlighter = _TokenHighlighter(self)

    def showEvent(self, event: QShowEvent) -> None:
        # Hover tooltips need mouse tracking. Set when first shown: the pane is hidden at
        # start-up, and the first viewport() makes PySide look up many widget classes.
        self.viewport().setMouseTracking(True)
        super().showEvent(event)

    # -- content ------------------------------------------------------------------
    def clear_view(self) -> None:
        del self._starts[:], self._ends[:], self._token_formats[:]
        self._placed.clear()
        self._length = 0
        self._written.clear()
        self.clear()

    def show_trace(self, trace: str, signals: Sequence[TokenSignal]) -> None:
        """Show a whole trace with its tokens (a stored version)."""
        self.clear_view()
        self.append_text(trace, signals)

    def append_text(self, text: str, signals: Sequence[TokenSignal]) -> None:
        """Append trace text (a live event) with the tokens it holds, coloured where they show."""
        shown_chars, shown_units = 0, 0  # how far into ``text`` positions are known
        placed: list[TokenSignal] = []
        for signal, offset in zip(signals, align(text, signals), strict=True):
            if offset is None:
                continue
            # align() matches a token trimmed when the splitter trimmed its whitespace
            token_text = signal.text if text.startswith(signal.text, offset) else signal.text.strip()
            shown_units += _utf16(text[shown_chars:offset])
            shown_chars = offset
            start = self._length + shown_units
            if self._ends and start < self._ends[-1]:
                continue
            self._starts.append(start)
            self._ends.append(start + _utf16(token_text))
            placed.append(signal)
            self._token_formats.append(self._format(signal))
        self._placed.extend(placed)
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(with_stand_ins(text), QTextCharFormat())  # direction controls shown, not obeyed
        self._written.append(text)
        self._length += _utf16(text)

    def selected_source(self) -> str:
        """The selection as written (document positions are UTF-16 units, one per source unit)."""
        cursor = self.textCursor()
        units = "".join(self._written).encode("utf-16-le")
        return units[2 * cursor.selectionStart() : 2 * cursor.selectionEnd()].decode("utf-16-le", "replace")

    # -- queries (also for tests) ---------------------------------------------------
    def token_count(self) -> int:
        return len(self._placed)

    def signal_at(self, position: int) -> TokenSignal | None:
        """The token shown at document ``position``, if any."""
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and position < self._ends[index]:
            return self._placed[index]
        return None

    def token_position(self, index: int) -> int:
        return self._starts[index]

    def format_at(self, position: int) -> QTextCharFormat:
        """The format the view paints at document ``position`` (plain where no token is)."""
        block = self.document().findBlock(position)
        inside = position - block.position()
        for span in block.layout().formats():
            if span.start <= inside < span.start + span.length:
                return QTextCharFormat(span.format)  # a copy: the range is a temporary
        return QTextCharFormat()

    # -- Qt -----------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            signal = self.signal_at(self.cursorForPosition(event.pos()).position())
            _show_tooltip(self.viewport(), event, token_tooltip(signal) if signal else None)
            return True
        return super().viewportEvent(event)

    # -- internals ----------------------------------------------------------------
    def _format(self, signal: TokenSignal) -> int:
        """The index of the token's format in the shared formats (one per shade and fork or not)."""
        level = round(20 * min(1.0, signal.entropy / FULL_ENTROPY))  # 21 shades, formats shared
        key = (level, signal.forking)
        number = self._formats.get(key)
        if number is None:
            cached = QTextCharFormat()
            if level:
                color = QColor(UNSURE)
                color.setAlpha(round(30 + 190 * level / 20))
                cached.setBackground(color)
            if signal.forking:
                cached.setFontWeight(QFont.Weight.Bold)
                cached.setFontUnderline(True)
                cached.setUnderlineColor(FORK_UNDERLINE)
            number = self._formats[key] = len(self._shared_formats)
            self._shared_formats.append(cached)
        return number


class ConfidenceCurve(QWidget):
    """Sliding-window mean log-probability over the trace, its lowest windows, bands per span."""

    CURVE_HEIGHT = 56
    BAND_HEIGHT = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confidenceCurve")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._curve = array("d")  # window means (an array: no item per token for the collector)
        self._window = WINDOW
        self._tokens = 0
        self._spans: list[tuple[int, int, str, float | None]] = []  # first token, end token, label, mean

    def set_data(self, signals: Sequence[TokenSignal], offsets: Sequence[int | None],
                 spans: Sequence[tuple[int, int, str]] = (), window: int = WINDOW) -> None:
        """``offsets``: each token's place in the shown trace (:func:`align`); ``spans``:
        (start, end, label) of steps or sentences in the same text."""
        logprobs = token_logprobs(signals)
        self._tokens = len(logprobs)
        self._window = max(1, min(window, self._tokens or 1))
        self._curve = array("d", confidence_curve(logprobs, self._window))
        self._spans = []
        chosen_per_span = tokens_in_spans([(start, end) for start, end, _ in spans], signals, offsets)
        for (_start, _end, label), chosen in zip(spans, chosen_per_span, strict=True):
            if chosen:
                mean = math.fsum(logprobs[i] for i in chosen) / len(chosen)
                self._spans.append((min(chosen), max(chosen) + 1, label, mean))
        self.update()

    # -- queries (also for tests) ---------------------------------------------------
    def lowest_windows(self) -> list[int]:
        """First-token indices of the lowest :data:`LOWEST_SHARE` of windows (at least one)."""
        if not self._curve:
            return []
        count = max(1, round(len(self._curve) * LOWEST_SHARE))
        return sorted(sorted(range(len(self._curve)), key=self._curve.__getitem__)[:count])

    def span_means(self) -> list[tuple[str, float | None]]:
        return [(label, mean) for _first, _end, label, mean in self._spans]

    def tooltip_at(self, x: float) -> str | None:
        if not self._tokens:
            return None
        token = min(self._tokens - 1, max(0, int(x / max(1, self.width()) * self._tokens)))
        window = min(token, len(self._curve) - 1)
        mean = self._curve[window]
        lines = [self.tr("tokens %1–%2: mean log-probability %3 (≈ %4 per token)")
                 .replace("%1", QLocale().toString(window + 1))
                 .replace("%2", QLocale().toString(window + self._window))
                 .replace("%3", _number(mean, 3)).replace("%4", _percent(math.exp(mean), 0))]
        for first, end, label, span_mean in self._spans:
            if first <= token < end and span_mean is not None:
                lines.append(self.tr("%1: mean log-probability %2 (≈ %3)").replace("%1", label)
                             .replace("%2", _number(span_mean, 3))
                             .replace("%3", _percent(math.exp(span_mean), 0)))
        return "\n".join(lines)

    # -- Qt -----------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(300, self.CURVE_HEIGHT + self.BAND_HEIGHT + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.CURVE_HEIGHT + self.BAND_HEIGHT + 6)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, self.width(), self.CURVE_HEIGHT), self.palette().base())
        if self._curve and self._tokens:
            per_token = self.width() / self._tokens
            self._paint_curve(painter, per_token)
            top = self.CURVE_HEIGHT + 4
            for first, end, _label, mean in self._spans:
                width = max(1.0, (end - first) * per_token - 1)
                cell = QRectF(first * per_token, top, width, self.BAND_HEIGHT)
                painter.fillRect(cell, confidence_color(mean))
        painter.end()

    def _paint_curve(self, painter: QPainter, per_token: float) -> None:
        height = float(self.CURVE_HEIGHT)
        low = min(*self._curve, -0.05)  # 0 (sure) at the top, the lowest window at the bottom
        shade = QColor(192, 57, 43, 70)
        for start in self.lowest_windows():
            painter.fillRect(QRectF(start * per_token, 0, max(1.0, self._window * per_token), height), shade)
        middle = self._window / 2
        points = [QPointF((index + middle) * per_token, 2 + (height - 4) * value / low)
                  for index, value in enumerate(self._curve)]
        painter.setPen(QPen(self.palette().text().color(), 1.2))
        if len(points) == 1:
            painter.drawLine(QPointF(0, points[0].y()), QPointF(self.width(), points[0].y()))
        else:
            painter.drawPolyline(QPolygonF(points))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            _show_tooltip(self, event, self.tooltip_at(event.pos().x()))
            return True
        return super().event(event)


def confidence_color(mean: float | None) -> QColor:
    """Green when sure (mean probability near 1), through amber, to red when unsure."""
    if mean is None:
        return QColor("#bdc3c7")
    probability = math.exp(mean)
    hue = round(120 * max(0.0, min(1.0, (probability - 0.3) / 0.7)))  # 0 red … 120 green
    return QColor.fromHsv(hue, 170, 215)
