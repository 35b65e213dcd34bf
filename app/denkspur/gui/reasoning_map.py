"""The reasoning map: the whole trace as a strip of cells, one per sentence.

Each cell is coloured by the sentence's reasoning function and as wide as the
sentence is long (in estimated tokens, clamped), wrapping into rows; it grows
live as sentences arrive. Hover shows the sentence as plain text, a click emits
the sentence's start offset (the trace view scrolls there), and a filter dims
everything but backtracks, checks or conclusions.

Integration (trace panel): ``map.add_sentence(sentence_dict, text)`` for each
``SentenceDone`` (or ``set_sentences(trace, result.sentences)`` for a stored
trace), ``map.clear()`` on a new reply, and connect ``sentenceClicked(int)`` to
scroll the trace view to that character offset.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from denkspur.core.text.bidi import visible_bidi
from denkspur.core.trace.tokens import estimate_tokens
from denkspur.gui.function_style import COLORS, UNKNOWN_COLOR, function_name
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


@dataclass(frozen=True)
class MapCell:
    start: int
    function: str
    text: str
    width: int


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
        #: (start, end) of a sentence -> its mean token log-probability, when signals are known
        self._confidence: Callable[[int, int], float | None] | None = None
        self._filter = MapFilter.ALL
        self._rects: list[QRect] = []
        self._laid_out_width = -1
        self.marks = MapMarks()  # points of the trace marked over the cells (where the answer settled)

    # -- content ------------------------------------------------------------------
    def clear(self) -> None:
        self._cells.clear()
        self.marks.set([])
        self.truncated = False
        self._natural = 0
        self._changed()

    def add_sentence(self, sentence: Mapping[str, object] | object, text: str) -> None:
        """Append one sentence (a ``Sentence`` or its ``to_dict()``) with its text."""
        self.add_sentences([(sentence, text)])

    def add_sentences(self, items: Iterable[tuple[Mapping[str, object] | object, str]]) -> None:
        """Append sentences with their texts; laid out and painted once (a flood brings thousands)."""
        for sentence, text in items:
            if len(self._cells) >= MAX_CELLS:
                self.truncated = True
                break
            start, function = _fields(sentence)
            # The width stops growing at MAX_CELL: a sentence's first characters decide it
            # (a flood's megabyte-long "sentence" is not scanned whole on the GUI thread).
            width = round(estimate_tokens(text[:WIDTH_CHARS]) * PIXELS_PER_TOKEN)
            cell = MapCell(start, function, text, max(MIN_CELL, min(MAX_CELL, width)))
            self._cells.append(cell)
            self._natural += cell.width + CELL_GAP
        self._changed()

    def set_sentences(self, trace: str, sentences: Iterable[Mapping[str, object] | object]) -> None:
        """Show a finished trace's sentences (stored versions carry them as dicts)."""
        self._cells.clear()
        self.truncated = False
        self._natural = 0
        items = []
        for sentence in sentences:
            start, _ = _fields(sentence)
            end = int(_get(sentence, "end"))  # type: ignore[call-overload]
            items.append((sentence, trace[start:end]))
        self.add_sentences(items)

    def set_confidence(self, source: Callable[[int, int], float | None] | None) -> None:
        """Where a sentence's mean token log-probability comes from, asked on hover only."""
        self._confidence = source

    def set_marks(self, marks: list[MapMark]) -> None:
        """Marks at trace offsets, each with its tooltip (plain text)."""
        self.marks.set(marks)
        self.update()

    def mark_at(self, point: QPoint) -> MapMark | None:
        self._layout()
        return self.marks.at(point, self._cells, self._rects, CELL_HEIGHT)

    def set_filter(self, which: MapFilter) -> None:
        self._filter = which
        self.update()

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
        self._layout()
        for index, rect in enumerate(self._rects):
            if rect.contains(point):
                return index
        return None

    def tooltip_text(self, index: int) -> str:
        """What hovering a cell shows (plain text; escaped when handed to Qt)."""
        cell = self._cells[index]
        body = cell.text if len(cell.text) <= TOOLTIP_CHARS else cell.text[: TOOLTIP_CHARS - 1] + "…"
        mean = self._confidence(cell.start, cell.start + len(cell.text)) if self._confidence else None
        sure = "" if mean is None else f" · confidence {math.exp(mean):.0%} (mean log-probability {mean:.2f})"
        return f"{function_name(cell.function)}{sure}\n{visible_bidi(body)}"

    # -- Qt -----------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = self._row_count(width)
        return max(1, rows) * (CELL_HEIGHT + ROW_GAP)

    def sizeHint(self) -> QSize:
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(50, CELL_HEIGHT + ROW_GAP)

    def resizeEvent(self, event: object) -> None:
        self._laid_out_width = -1
        super().resizeEvent(event)  # type: ignore[arg-type]

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._cells:
            return  # nothing to draw (the empty map of a new window)
        from PySide6.QtGui import QPainter  # built on first use: start-up does not need it

        self._layout()
        painter = QPainter(self)
        dim = QColor(UNKNOWN_COLOR)
        dim.setAlpha(90)
        for cell, rect in zip(self._cells, self._rects, strict=True):
            color = QColor(COLORS.get(cell.function, UNKNOWN_COLOR)) if self._stands_out(cell) else dim
            painter.fillRect(rect, color)
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

    def _layout(self) -> None:
        width = max(self.width(), MIN_CELL)
        if width == self._laid_out_width and len(self._rects) == len(self._cells):
            return
        self._rects = self._placed(width)
        self._laid_out_width = width

    def _placed(self, width: int) -> list[QRect]:
        """Cells in rows of ``width``; narrowed (no gaps) when they would need more than MAX_ROWS rows."""
        natural = self._natural
        if natural <= width * MAX_ROWS * 0.9:  # room to wrap whole cells
            rects, x, y = [], 0, 0
            for cell in self._cells:
                if x and x + cell.width > width:
                    x, y = 0, y + CELL_HEIGHT + ROW_GAP
                rects.append(QRect(x, y, min(cell.width, width), CELL_HEIGHT))
                x += cell.width + CELL_GAP
            return rects
        scale = width * MAX_ROWS / natural  # a density strip: each cell keeps its share of the length
        rects, position = [], 0.0
        for cell in self._cells:
            row = min(int(position // width), MAX_ROWS - 1)
            x = int(position - row * width)
            rects.append(QRect(x, row * (CELL_HEIGHT + ROW_GAP), max(1, round(cell.width * scale)),
                               CELL_HEIGHT))
            position += (cell.width + CELL_GAP) * scale
        return rects


def _get(sentence: Mapping[str, object] | object, key: str) -> object:
    if isinstance(sentence, Mapping):
        return sentence[key]
    return getattr(sentence, key)


def _fields(sentence: Mapping[str, object] | object) -> tuple[int, str]:
    return int(_get(sentence, "start")), str(_get(sentence, "function"))  # type: ignore[call-overload]
