"""Marks on the reasoning map at points of the trace, such as where the answer settled.

A layer of its own over the map's cells: the map hands it its cells and their
rectangles when it paints and when it is hovered, and the layer finds the point
of a trace offset inside the cell of the sentence that holds it. A mark whose
sentence is not on the map yet (it is still being written) waits for it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPoint, QPointF, QRect
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

#: How far (pixels) from a mark the pointer may be for its tooltip.
HIT_PIXELS = 4
MARK_COLOR = "#1a1a1a"


class Cell(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class MapMark:
    offset: int  # character offset in the trace
    tooltip: str  # plain text
    color: str = MARK_COLOR


class MapMarks:
    """The marks of one trace; see the module docstring."""

    def __init__(self) -> None:
        self.marks: list[MapMark] = []

    def set(self, marks: Sequence[MapMark]) -> None:
        self.marks = list(marks)

    def position(self, mark: MapMark, cells: Sequence[Cell], rects: Sequence[QRect]) -> QPoint | None:
        """Where ``mark`` sits: inside the cell holding its offset, in proportion; None if not on the map."""
        starts = [cell.start for cell in cells]
        index = bisect.bisect_right(starts, mark.offset) - 1
        if index < 0 or index >= len(rects):
            return None
        cell, rect = cells[index], rects[index]
        length = max(1, len(cell.text))
        if mark.offset > cell.start + length:
            return None  # past the last sentence on the map: it is not final yet
        share = min(1.0, (mark.offset - cell.start) / length)
        return QPoint(rect.x() + round(share * max(0, rect.width() - 1)), rect.y())

    def paint(self, painter: QPainter, cells: Sequence[Cell], rects: Sequence[QRect], height: int) -> None:
        for mark in self.marks:
            point = self.position(mark, cells, rects)
            if point is None:
                continue
            color = QColor(mark.color)
            painter.setPen(QPen(color, 2))
            painter.drawLine(point.x(), point.y(), point.x(), point.y() + height - 1)
            painter.setPen(QPen(QColor("white"), 1))
            painter.setBrush(color)
            x, y = float(point.x()), float(point.y())
            painter.drawPolygon(QPolygonF([QPointF(x - 4, y), QPointF(x + 4, y), QPointF(x, y + 5)]))

    def at(self, point: QPoint, cells: Sequence[Cell], rects: Sequence[QRect], height: int) -> MapMark | None:
        """The mark under ``point`` (for its tooltip), if any."""
        for mark in self.marks:
            where = self.position(mark, cells, rects)
            if (where is not None and abs(point.x() - where.x()) <= HIT_PIXELS
                    and where.y() <= point.y() < where.y() + height):
                return mark
        return None
