"""Text views whose document differs from their source, so Copy gives the source.

The trace view breaks very long lines for display and shows direction controls as
stand-ins; the confidence view colours tokens. What the user copies must be what
the model wrote, so Ctrl+C and the context menu's Copy ask the view for the
source of the selection instead of copying the document's characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit

if TYPE_CHECKING:
    from PySide6.QtGui import QContextMenuEvent, QKeyEvent


class CopiesSource(QPlainTextEdit):
    """A text view whose document differs from its source (display-only breaks, stand-ins for
    direction controls): Ctrl+C and the menu's Copy give the source of the selection."""

    def selected_source(self) -> str:
        raise NotImplementedError

    def copy_selection(self) -> None:
        """Copy what is selected, as written. (Not via ``createMimeDataFromSelection``:
        a QMimeData made in Python is deleted twice at exit once the clipboard owns it.)"""
        if self.textCursor().hasSelection():
            QGuiApplication.clipboard().setText(self.selected_source())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        for action in menu.actions():
            if action.objectName() == "edit-copy":
                action.triggered.disconnect()
                action.triggered.connect(self.copy_selection)
        menu.exec(event.globalPos())
        menu.deleteLater()
