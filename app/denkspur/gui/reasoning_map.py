"""The reasoning map: the whole trace as a strip of cells, one per sentence.

Each cell is coloured by the sentence's reasoning function and as wide as the
sentence is long (in estimated tokens, clamped), wrapping into rows; it grows
live as sentences arrive. Hover shows the sentence as plain text, a click emits
the sentence's start offset (the trace view scrolls there), and a filter dims
everything but backtracks, checks or conclusions.

With token signals (``set_track``), a thin strip under each row of cells draws
the confidence curve (the sliding-window mean log-probability of
:class:`~denkspur.core.trace.confidence_track.ConfidenceTrack`) at the same x as
the sentences it runs through, the lowest tenth of its windows marked red, and
each cell's hover gives the sentence's mean confidence. A cell's share of the
curve is summarised once, when it is added; a layout only spreads those
summaries over the pixels (never the whole curve again), and keeps what it placed:
sentences appended later are placed after the others (gui/map_layout.py).

Integration (trace panel): ``map.add_sentence(sentence_dict, text)`` for each
``SentenceDone`` (or ``set_sentences(trace, result.sentences)`` for a stored
trace), ``map.clear()`` on a new reply, and connect ``sentenceClicked(int)`` to
scroll the trace view to that character offset.
"""

from __future__ import annotations

import enum
import math
from array import array
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from denkspur.core.text.bidi import visible_bidi
from denkspur.core.trace.tokens import estimate_tokens
from denkspur.gui import map_layout
from denkspur.gui.function_style import COLORS, UNKNOWN_COLOR, function_name
from denkspur.gui.lazy_qt import Qt
from denkspur.gui.map_layout import Geometry, MapLayout, dense_for, wrapped_rows

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPolygonF

    from denkspur.core.trace.confidence_track import ConfidenceTrack
    from denkspur.gui.map_marks import MapMark, MapMarks

# The map's sizes live with its layout (gui/map_layout.py); named here too, as before.
CELL_HEIGHT = map_layout.CELL_HEIGHT
ROW_GAP = map_layout.ROW_GAP
CELL_GAP = map_layout.CELL_GAP
MAX_ROWS = map_layout.MAX_ROWS
STRIP_HEIGHT = map_layout.STRIP_HEIGHT
STRIP_GAP = map_layout.STRIP_GAP
MIN_CELL = 3
MAX_CELL = 80
PIXELS_PER_TOKEN = 1.5
#: Characters looked at for a cell's width: more than enough tokens for MAX_CELL.
WIDTH_CHARS = 1_000
TOOLTIP_CHARS = 600
#: Cells beyond this are not drawn (a flooding trace of tens of thousands of sentences would
#: make every repaint slow); the map then covers the trace's beginning and says so.
MAX_CELLS = 4_000
#: A full strip (cells narrowed to fit MAX_ROWS rows) is painted again at most this often
#: while sentences stream in: the strip's points and marks are built again for each paint,
#: and each time the strip outgrows its room every cell moves (see gui/map_layout.py).
DENSE_REPAINT_MS = 150
LOW_MARK = QColor(192, 57, 43, 110)
STRIP_BACKGROUND = QColor(127, 127, 127, 28)


class MapFilter(str, enum.Enum):
    """Which sentences stand out; the others are dimmed."""

    ALL = "all"
    BACKTRACKS = "backtracks"
    CHECKS = "checks"
    CONCLUSIONS = "conclusions"


_FILTER_FUNCTIONS: dict[MapFilter, frozenset[str]] = {
    MapFilter.BACKTRACKS: frozenset({"uncertainty_management"}),
    MapFilter.CHECKS: frozenset({"self_checking"}),
    MapFilter.CONCLUSIONS: frozenset({"result_consolidation", "final_answer_emission"}),
}


#: A sentence's confidence curve: per bucket its mean, then its lowest full window (``math.inf``:
#: none), one after the other in an ``array('d')`` (see ConfidenceTrack.sample_curve).
Curve: TypeAlias = "array[float]"
_NO_CURVE: Curve = array("d")


class MapCell(NamedTuple):  # a named tuple, not a dataclass: a quarter of the class's cost at start
    start: int
    function: str
    text: str
    width: int
    #: Mean log-probability of the sentence's tokens (None: no signals for it).
    confidence: float | None = None
    #: The confidence curve through the sentence (see :data:`Curve`), then the same halved
    #: again and again (a narrow cell takes the level that fits its pixels).
    levels: tuple[Curve, ...] = ()

    @property
    def curve(self) -> Curve:
        return self.levels[0] if self.levels else _NO_CURVE


class ReasoningMap(QWidget):
    """One coloured cell per trace sentence; see the module docstring."""

    sentenceClicked = Signal(int)  # the sentence's start offset in the trace

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasoningMap")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._cells: list[MapCell] = []
        self.truncated = False  # more sentences came than the map draws (MAX_CELLS)
        self._natural = 0  # the cells' widths with gaps, summed as they come
        #: The trace's token confidence (None or empty: no signals, no strip)
        self._track: ConfidenceTrack | None = None
        self._floor = -0.05  # the lowest curve value on the map: the strip's bottom
        self._curved = 0  # cells with a piece of the curve
        self._filter = MapFilter.ALL
        self._widest = 0  # the widest cell's natural width
        #: The layout, kept between paints: appended cells are placed after the others.
        self._laid = MapLayout()
        self._stale = True  # the cells changed otherwise than by appending: lay all out again
        self._rects: list[QRect] = []
        #: The cells' rectangles grouped by colour, as laid out: painted one call per colour
        #: (a full map is 4,000 cells, and a Python call per cell cost a flood ~10 ms a frame).
        self._by_color: list[tuple[QColor, list[QRect]]] = []
        self._lines: list[QPolygonF] = []  # the curve, laid out
        self._low_marks: list[QRectF] = []  # its lowest windows, laid out
        self._strips: list[QRectF] = []  # the strip's background under runs of cells with signals
        self._laid_out_width = -1
        self._marks: MapMarks | None = None  # see marks
        self._repaint: QTimer | None = None  # made with the first dense strip

    @property
    def marks(self) -> MapMarks:
        """Points of the trace marked over the cells (where the answer settled). Made when first
        used: the empty map of a new window loads no painting code (QPainter, QPen…)."""
        if self._marks is None:
            from denkspur.gui.map_marks import MapMarks

            self._marks = MapMarks()
        return self._marks

    # -- content ------------------------------------------------------------------
    def clear(self) -> None:
        self._cells.clear()
        if self._marks is not None:
            self._marks.set([])
        self.truncated = False
        self._natural = 0
        self._widest = 0
        self._curved = 0
        self._floor = -0.05
        if self._repaint is not None:
            self._repaint.stop()
        self._changed()

    def add_sentence(self, sentence: Mapping[str, object] | object, text: str) -> None:
        """Append one sentence (a ``Sentence`` or its ``to_dict()``) with its text."""
        self.add_sentences([(sentence, text)])

    def add_sentences(self, items: Iterable[tuple[Mapping[str, object] | object, str]]) -> None:
        """Append sentences with their texts; laid out and painted once (a flood brings thousands)."""
        count, dense = len(self._cells), self._dense()
        for sentence, text in items:
            if len(self._cells) >= MAX_CELLS:
                self.truncated = True
                break
            start, function = _fields(sentence)
            # The width stops growing at MAX_CELL: a sentence's first characters decide it
            # (a flood's megabyte-long "sentence" is not scanned whole on the GUI thread).
            width = round(estimate_tokens(text[:WIDTH_CHARS]) * PIXELS_PER_TOKEN)
            width = max(MIN_CELL, min(MAX_CELL, width))
            confidence, levels = self._confidence_of(start, start + len(text), width)
            cell = MapCell(start, function, text, width, confidence, levels)
            self._cells.append(cell)
            self._natural += cell.width + CELL_GAP
            self._widest = max(self._widest, cell.width)
            self._curved += bool(cell.curve)
        if len(self._cells) == count:  # a full map (MAX_CELLS) is not laid out and painted again
            return
        if dense:  # the height stays (MAX_ROWS rows): the strip is repainted a little later
            self._repaint_soon()
        else:
            self._changed(relayout=False)  # the new cells are placed after the others

    def _dense(self) -> bool:
        """Whether the cells, as shown, are narrowed to fit MAX_ROWS rows (see gui/map_layout.py)."""
        return self.isVisible() and dense_for(self._natural, max(self.width(), MIN_CELL))

    def _repaint_soon(self) -> None:
        if self._repaint is None:
            self._repaint = QTimer(self)
            self._repaint.setSingleShot(True)
            self._repaint.setInterval(DENSE_REPAINT_MS)
            self._repaint.timeout.connect(self.update)
        if not self._repaint.isActive():
            self._repaint.start()

    def set_sentences(self, trace: str, sentences: Iterable[Mapping[str, object] | object]) -> None:
        """Show a finished trace's sentences (stored versions carry them as dicts)."""
        self._cells.clear()
        self._stale = True
        self.truncated = False
        self._natural = 0
        self._widest = 0
        self._curved = 0
        self._floor = -0.05
        items = []
        for sentence in sentences:
            start, _ = _fields(sentence)
            end = int(_get(sentence, "end"))  # type: ignore[call-overload]
            items.append((sentence, trace[start:end]))
        self.add_sentences(items)

    def set_track(self, track: ConfidenceTrack | None) -> None:
        """The trace's token confidence; set before the sentences it covers are added."""
        self._track = track
        self._floor = -0.05

    @property
    def has_curve(self) -> bool:
        """Whether the confidence strip is drawn (some sentence has token signals)."""
        return self._curved > 0

    def _confidence_of(self, start: int, end: int, width: int) -> tuple[float | None, tuple[Curve, ...]]:
        track = self._track
        if track is None or not len(track):
            return None, ()
        first, last = track.tokens_in(start, end)
        curve = track.sample_curve(first, last, width)
        if not curve:
            return track.mean(first, last), ()
        self._floor = min(self._floor, *curve[0::2])
        levels = [curve]
        while len(levels[-1]) > 2:  # more than one bucket
            levels.append(_halved(levels[-1]))
        return track.mean(first, last), tuple(levels)

    def set_marks(self, marks: list[MapMark]) -> None:
        """Marks at trace offsets, each with its tooltip (plain text)."""
        self.marks.set(marks)
        self.update()

    def mark_at(self, point: QPoint) -> MapMark | None:
        self._layout()
        return self.marks.at(point, self._cells, self._rects, CELL_HEIGHT)

    def set_filter(self, which: MapFilter) -> None:
        self._filter = which
        self._changed()  # the cells' colours are grouped when laid out

    # -- queries (also for tests) -------------------------------------------------
    def cell_count(self) -> int:
        return len(self._cells)

    @property
    def cells_laid_out(self) -> int:
        """Cells placed by layouts since the map was made (a relayout counts every cell again):
        appending sentences places only the new ones."""
        return self._laid.placed

    def highlighted(self) -> list[int]:
        """Indices of the cells the current filter lets stand out."""
        return [i for i, cell in enumerate(self._cells) if self._stands_out(cell)]

    def cell_start(self, index: int) -> int:
        """Where the sentence of cell ``index`` starts in the trace."""
        return self._cells[index].start

    def cell_rect(self, index: int) -> QRect:
        self._layout()
        return self._rects[index]

    def cell_at(self, point: QPoint) -> int | None:
        """The cell at ``point``, its part of the confidence strip included."""
        self._layout()
        below = self._pitch() - CELL_HEIGHT - ROW_GAP
        for index, rect in enumerate(self._rects):
            if rect.adjusted(0, 0, 0, below).contains(point):
                return index
        return None

    def curve_lines(self) -> list[QPolygonF]:
        """The confidence curve as laid out: one polyline per run of cells with signals in a row."""
        self._layout()
        return self._lines

    def low_marks(self) -> list[QRectF]:
        """Where the curve is among its lowest tenth, as laid out."""
        self._layout()
        return self._low_marks

    def tooltip_text(self, index: int) -> str:
        """What hovering a cell shows (plain text; escaped when handed to Qt)."""
        cell = self._cells[index]
        body = cell.text if len(cell.text) <= TOOLTIP_CHARS else cell.text[: TOOLTIP_CHARS - 1] + "…"
        mean = cell.confidence
        locale = QLocale()  # -0.19 / -0,19: the UI language's number format
        sure = "" if mean is None else " · " + self.tr("confidence %1 per token (mean log-probability %2)") \
            .replace("%1", f"{math.exp(mean):.0%}") \
            .replace("%2", locale.toString(mean, "f", 2))
        threshold = self._track.lowest_threshold() if self._track is not None else None
        low = cell.levels[-1][1] if cell.levels else math.inf  # the coarsest level: the whole sentence
        if threshold is not None and low <= threshold:
            sure += " · " + self.tr("among the least sure tenth of the trace")
        return f"{function_name(cell.function)}{sure}\n{visible_bidi(body)}"

    # -- Qt -----------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = self._row_count(width)
        return max(1, rows) * self._pitch()

    def sizeHint(self) -> QSize:
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(50, self._pitch())

    def resizeEvent(self, event: object) -> None:
        self._laid_out_width = -1
        super().resizeEvent(event)  # type: ignore[arg-type]

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._cells:
            return  # nothing to draw (the empty map of a new window)
        from PySide6.QtGui import QPainter  # built on first use: start-up does not need it

        self._layout()
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        for color, rects in self._by_color:
            painter.setBrush(color)
            painter.drawRects(rects)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for strip in self._strips:
            painter.fillRect(strip, STRIP_BACKGROUND)
        for mark in self._low_marks:
            painter.fillRect(mark, LOW_MARK)
        if self._lines:
            from PySide6.QtGui import QPen

            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.palette().text().color(), 1.0))
            for line in self._lines:
                painter.drawPolyline(line)
        self.marks.paint(painter, self._cells, self._rects, CELL_HEIGHT)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.cell_at(event.position().toPoint())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.sentenceClicked.emit(self._cells[index].start)
            event.accept()
            return
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            import html  # with the first tooltip

            index = self.cell_at(event.pos())
            mark = self.mark_at(event.pos())
            if mark is not None:
                QToolTip.showText(event.globalPos(), f"<qt>{html.escape(mark.tooltip)}</qt>", self)
            elif index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                # Escaped inside <qt>: Qt shows the sentence's characters, never markup.
                text = html.escape(self.tooltip_text(index)).replace("\n", "<br>")
                QToolTip.showText(event.globalPos(), f"<qt>{text}</qt>", self)
            return True
        return super().event(event)

    # -- internals ----------------------------------------------------------------
    def _stands_out(self, cell: MapCell) -> bool:
        functions = _FILTER_FUNCTIONS.get(self._filter)
        return functions is None or cell.function in functions

    def _changed(self, relayout: bool = True) -> None:
        """The cells changed (``relayout``: otherwise than by appending); the height may too."""
        self._stale = self._stale or relayout
        self.updateGeometry()
        self.update()

    def _row_count(self, width: int) -> int:
        width = max(width, MIN_CELL)
        if not self._cells:
            return 0
        if dense_for(self._natural, width):  # a density strip: always the full rows
            return MAX_ROWS
        return wrapped_rows((cell.width for cell in self._cells), width)

    def _pitch(self) -> int:
        """Height of one row: cells, the confidence strip when there is one, the gap."""
        strip = STRIP_GAP + STRIP_HEIGHT if self._cells and self.has_curve else 0
        return CELL_HEIGHT + strip + ROW_GAP

    def _layout(self) -> None:
        """Bring the layout up to date: place appended cells after the others, or all of them
        when the geometry changed (see :mod:`denkspur.gui.map_layout`); the curve's points
        and the colour groups are rebuilt from what is placed (O(pixels + colours))."""
        width = max(self.width(), MIN_CELL)
        if width == self._laid_out_width and not self._stale and len(self._rects) == len(self._cells):
            return
        dense = dense_for(self._natural, width)
        geometry = Geometry(width, self._pitch(), dense, self._widest if dense else 0,
                            _FILTER_FUNCTIONS.get(self._filter))
        laid = self._laid
        if self._stale or len(laid.rects) > len(self._cells) or not laid.fits(geometry, self._natural):
            laid.restart(geometry, self._natural, growing=not self._stale and geometry == laid.geometry)
        laid.extend(self._cells)
        self._stale = False
        self._rects = laid.rects
        dim = QColor(UNKNOWN_COLOR)
        dim.setAlpha(90)
        self._by_color = [(QColor(COLORS.get(key, UNKNOWN_COLOR)) if key is not None else dim, rects)
                          for key, rects in laid.groups.items()]
        threshold = self._track.lowest_threshold() if self._track is not None else None
        self._lines, self._low_marks, self._strips = laid.curve(threshold, self._floor) if self._curved \
            else ([], [], [])
        self._laid_out_width = width


def _halved(curve: Curve) -> Curve:
    """Neighbouring buckets merged in pairs: means averaged, lows the lowest (each sentence
    of a flood builds ~7 of these: plain loops, no object per bucket)."""
    pairs = array("d")
    means, lows = curve[0::2], curve[1::2]
    for index in range(0, len(means) - 1, 2):
        pairs.append((means[index] + means[index + 1]) / 2)
        pairs.append(min(lows[index], lows[index + 1]))
    if len(means) % 2:
        pairs.append(means[-1])
        pairs.append(lows[-1])
    return pairs


def _get(sentence: Mapping[str, object] | object, key: str) -> object:
    if isinstance(sentence, Mapping):
        return sentence[key]
    return getattr(sentence, key)


def _fields(sentence: Mapping[str, object] | object) -> tuple[int, str]:
    return int(_get(sentence, "start")), str(_get(sentence, "function"))  # type: ignore[call-overload]
