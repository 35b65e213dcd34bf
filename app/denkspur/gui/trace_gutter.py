"""The gutter beside the trace text: where each step starts and how far it runs.

Drawn, never inserted into the text (the trace view shows the text exactly as
written): a colour bar per step beside its lines, the step's icon and name on
the line where it starts ("+2" when more steps start there), and "↪" beside a
display-only break of a very long line. Hovering a label names the step's kind.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QToolTip, QWidget

from denkspur.core.trace.step_kind import StepKind
from denkspur.gui.lazy_qt import Qt
from denkspur.gui.step_style import COLORS, ICONS, kind_name

if TYPE_CHECKING:  # the painting classes load when first used (start-up: an empty view paints nothing)
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPaintEvent, QTextBlock

    from denkspur.gui.trace_view import TraceView

#: Below this viewport width the gutter shows icons only.
NARROW = 420


class StepMark(NamedTuple):  # a named tuple, not a dataclass: a quarter of the class's cost at start
    start: int  # character offset into the trace
    kind: StepKind


class StepGutter(QWidget):
    """Paints the step marks of ``view`` (its left viewport margin)."""

    def __init__(self, view: TraceView) -> None:
        super().__init__(view)
        self._view = view
        self.setMouseTracking(True)
        self.setAutoFillBackground(True)  # Qt fills it; paintEvent only draws marks

    def sizeHint(self) -> QSize:
        return QSize(self._view.gutter_width(), 0)

    def mouseMoveEvent(self, event: object) -> None:
        mark = self.mark_at(event.position().toPoint())  # type: ignore[attr-defined]
        if mark is not None:
            QToolTip.showText(event.globalPosition().toPoint(), kind_name(mark.kind), self)  # type: ignore[attr-defined]
        else:
            QToolTip.hideText()

    def paintEvent(self, event: QPaintEvent) -> None:
        view = self._view
        if not view.mark_starts and not view.has_display_breaks:
            return  # no step bars, labels or continuation arrows (the background is Qt's)
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        painter.setFont(view.font())
        block = view.firstVisibleBlock()
        offset = view.contentOffset()
        bottom_limit = event.rect().bottom()
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom_limit:
                break
            if block.isVisible():
                self._paint_block(painter, block, geometry)
            block = block.next()
        painter.end()

    def _paint_block(self, painter: QPainter, block: QTextBlock, geometry: QRectF) -> None:
        """The step bar beside ``block``, and the label of a step starting in it."""
        from PySide6.QtGui import QColor

        view = self._view
        starts, kinds, narrow = view.mark_starts, view.mark_kinds, view.width() < NARROW
        top, height = geometry.top(), geometry.height()
        first = view.trace_offset(block.position())
        last = first + max(0, block.length() - 1)
        index = bisect.bisect_right(starts, first) - 1
        if index >= 0 or (starts and starts[0] <= last):
            kind = kinds[max(index, 0)]
            painter.fillRect(QRect(self.width() - 4, int(top), 3, int(height) + 1), QColor(COLORS[kind]))
        line_height = view.fontMetrics().height()
        if view.is_continuation(block):
            painter.setPen(QColor("#999999"))
            painter.drawText(QRect(2, int(top), self.width() - 8, line_height),
                             Qt.AlignmentFlag.AlignLeft, "↪")
        begin = bisect.bisect_left(starts, first)
        end = bisect.bisect_right(starts, last)
        if begin >= end:
            return
        layout = block.layout()
        mark = StepMark(starts[begin], kinds[begin])
        line = layout.lineForTextPosition(max(0, view.document_position(mark.start) - block.position()))
        y = top + (line.y() if line.isValid() else 0)
        label = ICONS[mark.kind] if narrow else f"{ICONS[mark.kind]} {kind_name(mark.kind)}"
        if end - begin > 1:
            label += f" +{end - begin - 1}"
        painter.setPen(QColor(COLORS[mark.kind]))
        painter.drawText(QRect(2, int(y), self.width() - 8, line_height), Qt.AlignmentFlag.AlignLeft, label)

    def mark_at(self, point: QPoint) -> StepMark | None:
        """The step mark labelled at ``point`` in the gutter (for tooltips)."""
        view = self._view
        block = view.cursorForPosition(QPoint(0, point.y())).block()
        first = view.trace_offset(block.position())
        index = bisect.bisect_right(view.mark_starts, first + max(0, block.length() - 1)) - 1
        return StepMark(view.mark_starts[index], view.mark_kinds[index]) if index >= 0 else None
