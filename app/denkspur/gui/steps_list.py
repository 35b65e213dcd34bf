"""The steps list of the trace panel: one row per step, the step being written last.

A row is named by its step's function and first words (see
:func:`~denkspur.gui.function_style.step_title`), coloured by kind, with the
step's text (and confidence, with signals) in its tooltip; its trace offset is
the row's data, so a click or Enter asks to jump there. While a reply streams,
the step being written is the last row, in italics, renamed as it grows, until
it completes. The list keeps showing its end while it grows or shrinks once the
reader has reached it; scrolling up lets go.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QPoint, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QWidget

from denkspur.core.trace.step_kind import StepKind
from denkspur.core.trace.step_names import naming_text
from denkspur.gui.function_style import step_title
from denkspur.gui.lazy_qt import Qt, set_enum_properties
from denkspur.gui.step_style import COLORS, ICONS, first_words, kind_name

if TYPE_CHECKING:
    from collections.abc import Callable


class StepsList(QListWidget):
    """Rows of complete steps, and the open step's row at the end.

    ``jump_requested(offset)``: a row was clicked or activated; ``branch_requested(offset)``
    and ``note_requested(offset)``: its context menu (offered while ``branching`` is true).
    ``may_keep_end`` says whether the list may move to its end on its own (the panel: not
    while the reader has scrolled the live text away).
    """

    jump_requested = Signal(int)
    branch_requested = Signal(int)
    note_requested = Signal(int)

    def __init__(self, may_keep_end: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("traceSteps")
        # One line per step: uniform sizes let the list lay out 100,000 steps without
        # measuring each (scrolling to the newest took seconds otherwise).
        self.setUniformItemSizes(True)
        self.itemClicked.connect(self._jump)
        self.itemActivated.connect(self._jump)  # Enter (arrows move, Ctrl+J comes here)
        # A title wider than the list is cut with "…" (its tooltip has the step's text), not
        # scrolled sideways (a horizontal bar hid the last row and showed no more of the others).
        set_enum_properties(self, contextMenuPolicy="CustomContextMenu",  # see lazy_qt
                            horizontalScrollBarPolicy="ScrollBarAlwaysOff", textElideMode="ElideRight")
        self.customContextMenuRequested.connect(self._menu)
        self.branching = False
        self._may_keep_end = may_keep_end
        self.open_row = False  # the last row is the open step's
        # The list shows its end and keeps showing it when it grows or shrinks (rows added, the
        # statistics line appearing under it at the end of a reply); scrolling up lets go.
        self.pinned = False
        self._end_timer = QTimer(self)
        self._end_timer.setSingleShot(True)
        self._end_timer.setInterval(0)
        self._end_timer.timeout.connect(self._keep_end)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.actionTriggered.connect(self._scrolled_by_user)
        bar.rangeChanged.connect(self._range_changed)

    def clear_steps(self) -> None:
        self.clear()
        self.open_row = False

    def complete_rows(self) -> int:
        """Rows of complete steps (the open step's row is not one)."""
        return self.count() - self.open_row

    def add_step(self, kind: StepKind, text: str, start: int, function: str | None = None,
                 confidence: float | None = None) -> None:
        """One complete step's row, before the open step's; with signals, a swatch coloured
        by the step's mean confidence (green sure … red unsure)."""
        title = step_title(function, text) if function else first_words(naming_text(text), 100)
        # Added by text and touched through a temporary handle: an item made in Python
        # keeps its Python wrapper alive for the list's lifetime, and 100,000 of them made
        # every full garbage collection on the GUI thread a stall.
        row = self.complete_rows()
        self.insertItem(row, f"{ICONS[kind]}  {title}")
        item = self.item(row)
        item.setForeground(QColor(COLORS[kind]))
        sure = ""
        if confidence is not None:
            sure = " · " + self.tr("confidence %1 per token (mean log-probability %2)").replace(
                "%1", f"{math.exp(confidence):.0%}").replace("%2", QLocale().toString(confidence, "f", 2))
            from denkspur.gui.confidence_view import confidence_color  # loaded with the first signals

            item.setData(Qt.ItemDataRole.DecorationRole, confidence_color(confidence))
        item.setToolTip(f"{kind_name(kind)}{sure}\n\n{first_words(text, 400)}")
        item.setData(Qt.ItemDataRole.UserRole, start)
        if kind is StepKind.SELF_CORRECTION:
            font = item.font()
            font.setBold(True)
            item.setFont(font)

    def show_open_step(self, start: int, kind: StepKind, function: str, text: str, *, follow: bool) -> None:
        """Make or rename the open step's row (named by ``text``, its words so far) at the end;
        ``follow``: the list shows it."""
        title = f"{ICONS[kind]}  {step_title(function, text)}"
        if not self.open_row:
            self.addItem(title)
            self.open_row = True
            item = self.item(self.count() - 1)
            item.setForeground(QColor(COLORS[kind]))
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
            item.setData(Qt.ItemDataRole.UserRole, start)
        else:
            item = self.item(self.count() - 1)
            if item.text() == title:
                return
            item.setText(title)
        item.setToolTip(self.tr("%1 (being written)").replace("%1", kind_name(kind))
                        + f"\n\n{first_words(text, 400)}")
        if follow:
            self.scrollToBottom()

    def drop_open_step(self) -> None:
        if self.open_row:
            self.takeItem(self.count() - 1)
            self.open_row = False

    def focus_first(self) -> None:
        """Keyboard way in: the selected step, else the first, gets the focus."""
        if self.currentRow() < 0 and self.count():
            self.setCurrentRow(0)
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _jump(self, item: QListWidgetItem) -> None:
        self.jump_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _menu(self, point: QPoint) -> None:
        item = self.itemAt(point)
        if item is None or not self.branching:
            return
        offset = int(item.data(Qt.ItemDataRole.UserRole))
        menu = QMenu(self)
        menu.addAction(self.tr("Continue differently from here"), lambda: self.branch_requested.emit(offset))
        menu.addAction(self.tr("Insert a note here and continue…"), lambda: self.note_requested.emit(offset))
        menu.exec(self.mapToGlobal(point))

    # -- keeping the end in view ------------------------------------------------------
    def _scrolled(self, value: int) -> None:
        """The list's end was reached (by following, or by the reader): it stays there."""
        maximum = self.verticalScrollBar().maximum()
        if value >= maximum > 0:  # an empty or short list says nothing about where the reader is
            self.pinned = True

    def _scrolled_by_user(self, _action: int) -> None:
        """The reader scrolled (wheel, bar, keys on the bar): pinned only if still at the end.
        (The list's own moves, e.g. keeping its top row while it is laid out again, do not count.)"""
        bar = self.verticalScrollBar()
        self.pinned = bar.sliderPosition() >= bar.maximum()

    def _keep_end(self) -> None:
        if self.pinned and self._may_keep_end():
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _range_changed(self, _minimum: int, _maximum: int) -> None:
        if self.pinned:  # after the list has finished laying itself out (it keeps its top row)
            self._end_timer.start()
