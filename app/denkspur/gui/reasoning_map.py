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
summaries over the pixels (never the whole curve again).

Integration (trace panel): ``map.add_sentence(sentence_dict, text)`` for each
``SentenceDone`` (or ``set_sentences(trace, result.sentences)`` for a stored
trace), ``map.clear()`` on a new reply, and connect ``sentenceClicked(int)`` to
scroll the trace view to that character offset.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from denkspur.core.text.bidi import visible_bidi
from denkspur.core.trace.tokens import estimate_tokens
from denkspur.gui.function_style import COLORS, UNKNOWN_COLOR, function_name
from denkspur.gui.lazy_qt import Qt

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPolygonF

    from denkspur.core.trace.confidence_track import ConfidenceTrack
    from denkspur.gui.map_marks import MapMark, MapMarks

CELL_HEIGHT = 14
ROW_GAP = 3
CELL_GAP = 1
MIN_CELL = 3
MAX_CELL = 80
PIXELS_PER_TOKEN = 1.5
#: Characters looked at for a cell's width: more than enough tokens for MAX_CELL.
WIDTH_CHARS = 1_000
TOOLTIP_CHARS = 600
#: The map never takes more rows than this: a long trace's cells get narrower instead,
#: so the trace text under it keeps its room.
MAX_ROWS = 3
#: Cells beyond this are not drawn (a flooding trace of tens of thousands of sentences would
#: make every repaint slow); the map then covers the trace's beginning and says so.
MAX_CELLS = 4_000
#: A full strip (cells narrowed to fit MAX_ROWS rows) is painted again at most this often
#: while sentences stream in: each new cell moves every other, and laying out thousands
#: of cells per event-loop turn was a third of a flood's turn.
DENSE_REPAINT_MS = 150
#: The confidence strip under each row of cells (only when the trace has token signals).
STRIP_HEIGHT = 9
STRIP_GAP = 1
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


Curve = tuple[tuple[float, float | None], ...]


class MapCell(NamedTuple):  # a named tuple, not a dataclass: a quarter of the class's cost at start
    start: int
    function: str
    text: str
    width: int
    #: Mean log-probability of the sentence's tokens (None: no signals for it).
    confidence: float | None = None
    #: The confidence curve through the sentence: (mean, lowest full window or None) per bucket,
    #: then the same halved again and again (a narrow cell takes the level that fits its pixels).
    levels: tuple[Curve, ...] = ()

    @property
    def curve(self) -> Curve:
        return self.levels[0] if self.levels else ()


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
            self._curved += bool(cell.curve)
        if len(self._cells) == count:  # a full map (MAX_CELLS) is not laid out and painted again
            return
        if dense:  # the height stays (MAX_ROWS rows): the strip is repainted a little later
            self._laid_out_width = -1
            self._repaint_soon()
        else:
            self._changed()

    def _dense(self) -> bool:
        """Whether the cells, as shown, are narrowed to fit MAX_ROWS rows (see :meth:`_placed`)."""
        return self.isVisible() and self._natural > max(self.width(), MIN_CELL) * MAX_ROWS * 0.9

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
        self.truncated = False
        self._natural = 0
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
        curve = tuple(track.samples(first, last, width))
        if not curve:
            return track.mean(first, last), ()
        self._floor = min(self._floor, *(mean for mean, _low in curve))
        levels = [curve]
        while len(levels[-1]) > 1:
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
        low = cell.levels[-1][0][1] if cell.levels else None  # the coarsest level: the whole sentence
        if threshold is not None and low is not None and low <= threshold:
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

    def _changed(self) -> None:
        self._laid_out_width = -1
        self.updateGeometry()
        self.update()

    def _row_count(self, width: int) -> int:
        width = max(width, MIN_CELL)
        if not self._cells:
            return 0
        if self._natural > width * MAX_ROWS * 0.9:  # a density strip: always the full rows
            return MAX_ROWS
        return len({rect.y() for rect in self._placed(width)})

    def _pitch(self) -> int:
        """Height of one row: cells, the confidence strip when there is one, the gap."""
        strip = STRIP_GAP + STRIP_HEIGHT if self._cells and self.has_curve else 0
        return CELL_HEIGHT + strip + ROW_GAP

    def _layout(self) -> None:
        width = max(self.width(), MIN_CELL)
        if width == self._laid_out_width and len(self._rects) == len(self._cells):
            return
        self._rects = self._placed(width)
        self._group_colors()
        self._lay_out_curve()
        self._laid_out_width = width

    def _group_colors(self) -> None:
        dim = QColor(UNKNOWN_COLOR)
        dim.setAlpha(90)
        groups: dict[str | None, list[QRect]] = {}
        functions = _FILTER_FUNCTIONS.get(self._filter)
        for cell, rect in zip(self._cells, self._rects, strict=True):
            key = cell.function if functions is None or cell.function in functions else None
            groups.setdefault(key, []).append(rect)
        self._by_color = [(QColor(COLORS.get(key, UNKNOWN_COLOR)) if key is not None else dim, rects)
                          for key, rects in groups.items()]

    def _lay_out_curve(self) -> None:
        """The curve per pixel column: each cell's summary (see :func:`_columns`) is folded into
        the columns it covers, and each run of cells with signals in a row becomes one polyline
        of at most one point per column. Cost: O(cells + pixels); the points, marks and
        rectangles built (the Qt objects, the dear part) are O(pixels), however many cells."""
        self._lines, self._low_marks, self._strips = [], [], []
        if not self._curved:
            return
        run = _Run(self._track.lowest_threshold() if self._track is not None else None,
                   self._floor, STRIP_HEIGHT - 2)
        for cell, rect in zip(self._cells, self._rects, strict=True):
            x, y, width = rect.x(), rect.y(), max(1, rect.width())
            levels = cell.levels
            if not levels or y != run.y:  # a gap in the signals, or a new row
                run.end(self)
            if not levels:
                continue
            if run.y < 0:
                run.start(x, y)
            run.right = max(run.right, x + width)
            if width == 1:  # a dense strip's usual cell: its one summary (the coarsest level)
                mean, low = levels[-1][0]
                run.add(x, mean, low)
                continue
            columns = _columns(levels, width)
            step = width / len(columns)
            for index, (mean, low) in enumerate(columns):
                run.add(int(x + (index + 0.5) * step), mean, low)
        run.end(self)

    def _placed(self, width: int) -> list[QRect]:
        """Cells in rows of ``width``; narrowed (no gaps) when they would need more than MAX_ROWS rows."""
        natural = self._natural
        pitch = self._pitch()
        if natural <= width * MAX_ROWS * 0.9:  # room to wrap whole cells
            rects, x, y = [], 0, 0
            for cell in self._cells:
                if x and x + cell.width > width:
                    x, y = 0, y + pitch
                rects.append(QRect(x, y, min(cell.width, width), CELL_HEIGHT))
                x += cell.width + CELL_GAP
            return rects
        # A density strip: each cell keeps its share of the length. A cell that would run past
        # a row's end starts the next row (room for that is kept: at most a cell per row).
        widest = max(cell.width for cell in self._cells) + CELL_GAP
        scale = width * MAX_ROWS / (natural + (MAX_ROWS - 1) * widest)
        rects, row, left = [], 0, 0.0
        for cell in self._cells:
            cell_width = max(1, round(cell.width * scale))
            if left > 0 and left + cell_width > width and row < MAX_ROWS - 1:
                row, left = row + 1, 0.0
            start = min(int(left), max(0, width - cell_width))
            rects.append(QRect(start, row * pitch, cell_width, CELL_HEIGHT))
            left += (cell.width + CELL_GAP) * scale
        return rects


class _Run:
    """One run of cells with signals in a row, gathered per pixel column (see
    :meth:`ReasoningMap._lay_out_curve`): the mean of what falls in a column, and its lowest
    full window."""

    def __init__(self, threshold: float | None, floor: float, height: int) -> None:
        self.threshold, self.floor, self.height = threshold, floor, height
        self.y = -1  # the row's top; -1: no run open
        self.left = self.right = 0
        self.sums: list[float] = []
        self.counts: list[int] = []
        self.lows: list[float] = []

    def start(self, x: int, y: int) -> None:
        self.y, self.left, self.right = y, x, x
        self.sums, self.counts, self.lows = [], [], []

    def add(self, column: int, mean: float, low: float | None) -> None:
        index = max(0, column - self.left)
        if index >= len(self.sums):
            more = index + 1 - len(self.sums)
            self.sums += [0.0] * more
            self.counts += [0] * more
            self.lows += [math.inf] * more
        self.sums[index] += mean
        self.counts[index] += 1
        if low is not None and low < self.lows[index]:
            self.lows[index] = low

    def end(self, board: ReasoningMap) -> None:
        """Hand the run's strip, polyline and low marks to ``board``; close the run."""
        from PySide6.QtCore import QPointF, QRectF  # built on first use: start-up does not need them
        from PySide6.QtGui import QPolygonF

        if self.y < 0:
            return
        top = self.y + CELL_HEIGHT + STRIP_GAP
        board._strips.append(QRectF(self.left, top, self.right - self.left, STRIP_HEIGHT))
        points, threshold, floor, height = [], self.threshold, self.floor, self.height
        marked = -1  # where the current low mark began (-1: none)
        for index, count in enumerate(self.counts):
            if count:
                mean = self.sums[index] / count
                points.append(QPointF(self.left + index + 0.5, top + 1 + height * min(1.0, mean / floor)))
            low = threshold is not None and self.lows[index] <= threshold
            if low and marked < 0:
                marked = index
            elif not low and marked >= 0:
                board._low_marks.append(QRectF(self.left + marked, top, index - marked, STRIP_HEIGHT))
                marked = -1
        if marked >= 0:
            board._low_marks.append(QRectF(self.left + marked, top, len(self.counts) - marked, STRIP_HEIGHT))
        if len(points) > 1:
            board._lines.append(QPolygonF(points))
        self.y = -1


def _halved(curve: Curve) -> Curve:
    """Neighbouring buckets merged in pairs: means averaged, lows the lowest."""
    return tuple(_merged(curve[i: i + 2]) for i in range(0, len(curve), 2))


def _merged(part: Curve) -> tuple[float, float | None]:
    lows = [low for _mean, low in part if low is not None]
    return sum(mean for mean, _low in part) / len(part), min(lows) if lows else None


def _columns(levels: tuple[Curve, ...], width: int) -> list[tuple[float, float | None]]:
    """A cell's curve in at most ``width`` columns, from the coarsest level that still has them
    (so a layout costs about one step per pixel, however many tokens a cell holds)."""
    curve = levels[0]
    for level in reversed(levels):  # from the coarsest (one bucket) to the finest
        if len(level) >= width:
            curve = level
            break
    if len(curve) <= width:
        return list(curve)
    columns: list[tuple[float, float | None]] = []
    for column in range(width):
        columns.append(_merged(curve[column * len(curve) // width: (column + 1) * len(curve) // width]))
    return columns


def _get(sentence: Mapping[str, object] | object, key: str) -> object:
    if isinstance(sentence, Mapping):
        return sentence[key]
    return getattr(sentence, key)


def _fields(sentence: Mapping[str, object] | object) -> tuple[int, str]:
    return int(_get(sentence, "start")), str(_get(sentence, "function"))  # type: ignore[call-overload]
