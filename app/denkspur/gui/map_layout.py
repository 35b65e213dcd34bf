"""The reasoning map's layout, kept between paints and extended as sentences come.

Cells are placed one after another, wrapping into rows, or, for a long trace, narrowed
into a density strip of :data:`MAX_ROWS` rows. While the layout's geometry holds (the
widget's width, the rows' pitch, the widest cell, the filter) appending sentences places
only the new cells; a change of geometry lays all of them out again, once. A density
strip is laid out for a little more length than its cells have (:data:`DENSE_SLACK`),
so that a live trace's cells move (and are placed again) only each time it outgrows
that room, a few dozen times up to the map's last cell, and not on each repaint.

The confidence curve is gathered per pixel column as cells are placed (:class:`CurveRun`);
its points and low marks are built from those columns on each layout, O(pixels), since
the strip's bottom and the "lowest tenth" threshold move as tokens come.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QRect

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPolygonF

    from denkspur.gui.reasoning_map import Curve, MapCell

CELL_HEIGHT = 14
ROW_GAP = 3
CELL_GAP = 1
#: The map never takes more rows than this: a long trace's cells get narrower instead,
#: so the trace text under it keeps its room.
MAX_ROWS = 3
#: The confidence strip under each row of cells (only when the trace has token signals).
STRIP_HEIGHT = 9
STRIP_GAP = 1
#: A density strip grown past its room is laid out for this much more length than its
#: cells have: the last row's end stays empty until cells come to fill it.
DENSE_SLACK = 0.125


class Geometry(NamedTuple):
    """What a layout's cell positions depend on, besides the cells before them."""

    width: int
    pitch: int  # the height of a row, its confidence strip included
    dense: bool  # a density strip (cells narrowed to fit MAX_ROWS rows)
    widest: int  # the widest cell's natural width
    functions: frozenset[str] | None  # the filter: the functions that stand out (None: all)


def dense_for(natural: int, width: int) -> bool:
    """Whether cells of ``natural`` total width need a density strip in rows of ``width``."""
    return natural > width * MAX_ROWS * 0.9


def wrapped_rows(widths: Iterable[int], width: int) -> int:
    """Rows that whole cells of these widths take, wrapped at ``width`` (no Qt objects)."""
    rows, x = 0, 0
    for cell_width in widths:
        if not rows or (x and x + cell_width > width):
            rows, x = rows + 1, 0
        x += cell_width + CELL_GAP
    return rows


class MapLayout:
    """Cell rectangles, colour groups and the curve's columns, placed incrementally."""

    def __init__(self) -> None:
        self.geometry: Geometry | None = None
        self.rects: list[QRect] = []
        #: The rectangles grouped by colour key (a function; None: dimmed by the filter).
        self.groups: dict[str | None, list[QRect]] = {}
        self.room = 0.0  # a density strip's length the cells are scaled to
        self.placed = 0  # cells placed since made (each relayout counts them all again)
        self._scale = 1.0
        self._row, self._left = 0, 0.0  # where the next cell goes
        self._runs: list[CurveRun] = []  # closed runs of the curve
        self._run = CurveRun()  # the open one (y < 0: none)

    def fits(self, geometry: Geometry, natural: int) -> bool:
        """Whether cells appended since can be placed after the others (nothing else moves)."""
        return geometry == self.geometry and (not geometry.dense or natural <= self.room)

    def restart(self, geometry: Geometry, natural: int, growing: bool) -> None:
        """Start again with no cells placed; ``growing``: a density strip that outgrew its room."""
        self.geometry = geometry
        self.room = natural * (1 + DENSE_SLACK) if growing else float(natural)
        room = self.room + (MAX_ROWS - 1) * (geometry.widest + CELL_GAP)  # a cell per row may wrap early
        self._scale = geometry.width * MAX_ROWS / room if geometry.dense else 1.0
        self.rects, self.groups, self._runs, self._run = [], {}, [], CurveRun()
        self._row, self._left = 0, 0.0

    def extend(self, cells: Sequence[MapCell]) -> None:
        """Place the cells after those already placed (``cells`` holds all of them)."""
        geometry = self.geometry
        assert geometry is not None
        width, pitch, dense, functions = geometry.width, geometry.pitch, geometry.dense, geometry.functions
        scale, row, left = self._scale, self._row, self._left
        rects, groups = self.rects, self.groups
        first = len(rects)
        run = self._run
        # One pass, everything local: a flood's strip of 4,000 cells is placed again each time
        # it outgrows its room, and this loop is then most of the turn's map work.
        for index in range(first, len(cells)):
            _start, function, _text, natural, _confidence, levels = cells[index]
            if dense:
                # Each cell keeps its share of the length. A cell that would run past a row's
                # end starts the next row (room for that is kept: at most a cell per row).
                cell_width = round(natural * scale) or 1
                if left > 0 and left + cell_width > width and row < MAX_ROWS - 1:
                    row, left = row + 1, 0.0
                x = int(left)
                if x > width - cell_width:
                    x = max(0, width - cell_width)
                left += (natural + CELL_GAP) * scale
            else:
                if left and left + natural > width:
                    row, left = row + 1, 0.0
                x, cell_width = int(left), min(natural, width)
                left += natural + CELL_GAP
            y = row * pitch
            rect = QRect(x, y, cell_width, CELL_HEIGHT)
            rects.append(rect)
            key = function if functions is None or function in functions else None
            group = groups.get(key)
            if group is None:
                groups[key] = [rect]
            else:
                group.append(rect)
            if levels and cell_width == 1 and y == run.y:  # a dense strip's usual cell, inline
                run.right = max(run.right, x + 1)
                coarsest = levels[-1]  # its one summary: mean, lowest window
                run.add(x, coarsest[0], coarsest[1])
            else:
                run = self._fold(levels, x, y, cell_width)
        self.placed += len(cells) - first
        self._row, self._left = row, left

    def _fold(self, levels: tuple[Curve, ...], x: int, y: int, width: int) -> CurveRun:
        """Fold a cell's curve summary into the columns it covers (a gap or a new row ends a
        run); return the open run."""
        run = self._run
        if not levels or y != run.y:
            if run.y >= 0:
                self._runs.append(run)
                self._run = run = CurveRun()
            if not levels:
                return run
        if run.y < 0:
            run.start(x, y)
        run.right = max(run.right, x + width)
        if width == 1:  # a dense strip's usual cell: its one summary (the coarsest level)
            coarsest = levels[-1]
            run.add(x, coarsest[0], coarsest[1])
            return run
        columns = _columns(levels, width)
        step = width / (len(columns) // 2)
        for index in range(len(columns) // 2):
            run.add(int(x + (index + 0.5) * step), columns[2 * index], columns[2 * index + 1])
        return run

    def curve(self, threshold: float | None,
              floor: float) -> tuple[list[QPolygonF], list[QRectF], list[QRectF]]:
        """The curve's polylines, low marks and strip backgrounds, from the columns gathered."""
        lines: list[QPolygonF] = []
        marks: list[QRectF] = []
        strips: list[QRectF] = []
        for run in (*self._runs, self._run):
            run.emit(threshold, floor, lines, marks, strips)
        return lines, marks, strips


class CurveRun:
    """One run of cells with signals in a row, gathered per pixel column: the mean of what
    falls in a column, and its lowest full window."""

    def __init__(self) -> None:
        self.y = -1  # the row's top; -1: no run open
        self.left = self.right = 0
        self.sums: list[float] = []
        self.counts: list[int] = []
        self.lows: list[float] = []

    def start(self, x: int, y: int) -> None:
        self.y, self.left, self.right = y, x, x

    def add(self, column: int, mean: float, low: float) -> None:
        """A bucket's mean and lowest full window (``math.inf``: none) in this column."""
        index = column - self.left
        index = max(index, 0)
        if index >= len(self.sums):
            more = index + 1 - len(self.sums)
            self.sums += [0.0] * more
            self.counts += [0] * more
            self.lows += [math.inf] * more
        self.sums[index] += mean
        self.counts[index] += 1
        self.lows[index] = min(self.lows[index], low)

    def emit(self, threshold: float | None, floor: float,
             lines: list[QPolygonF], marks: list[QRectF], strips: list[QRectF]) -> None:
        """Append the run's strip, polyline (a point per column with data) and low marks
        (joined over touching columns); a mean at ``floor`` or lower is the strip's bottom."""
        from PySide6.QtCore import QPointF, QRectF  # built on first use: start-up does not need them
        from PySide6.QtGui import QPolygonF

        if self.y < 0:
            return
        top = self.y + CELL_HEIGHT + STRIP_GAP
        height = STRIP_HEIGHT - 2
        strips.append(QRectF(self.left, top, self.right - self.left, STRIP_HEIGHT))
        points = []
        marked = -1  # where the current low mark began (-1: none)
        for index, count in enumerate(self.counts):
            if count:
                mean = self.sums[index] / count
                points.append(QPointF(self.left + index + 0.5, top + 1 + height * min(1.0, mean / floor)))
            low = threshold is not None and self.lows[index] <= threshold
            if low and marked < 0:
                marked = index
            elif not low and marked >= 0:
                marks.append(QRectF(self.left + marked, top, index - marked, STRIP_HEIGHT))
                marked = -1
        if marked >= 0:
            marks.append(QRectF(self.left + marked, top, len(self.counts) - marked, STRIP_HEIGHT))
        if len(points) > 1:
            lines.append(QPolygonF(points))


def _columns(levels: tuple[Curve, ...], width: int) -> Curve:
    """A cell's curve in at most ``width`` columns (means averaged, lows the lowest), from the
    coarsest level that still has them (so a layout costs about one step per pixel, however
    many tokens a cell holds)."""
    curve = levels[0]
    for level in reversed(levels):  # from the coarsest (one bucket) to the finest
        if len(level) >= 2 * width:
            curve = level
            break
    buckets = len(curve) // 2
    if buckets <= width:
        return curve
    columns = array("d")
    for column in range(width):
        first, end = column * buckets // width, (column + 1) * buckets // width
        means = curve[2 * first: 2 * end: 2]
        columns.append(sum(means) / len(means))
        columns.append(min(curve[2 * first + 1: 2 * end: 2]))
    return columns
