"""Shift+F10 opens a widget's context menu, as the Menu key does.

Keyboards without a Menu key (most laptops) use Shift+F10, the key Windows and GNOME
give it; Qt itself only knows the Menu key. The menu opens where Qt opens it for the
Menu key: at the text cursor, or at the current item of a list.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QWidget

from denkspur.gui.lazy_qt import Qt


class KeyboardMenu(QObject):
    """An event filter: Shift+F10 on a watched widget becomes its keyboard context menu."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event's type first: Qt's enums are read only for a key press (see lazy_qt).
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() != Qt.Key.Key_F10 or event.modifiers() != Qt.KeyboardModifier.ShiftModifier:
            return False
        open_context_menu(watched)
        return True


def open_context_menu(widget: QWidget) -> None:
    """Send ``widget`` the context-menu request the Menu key sends (Qt's own position for it)."""
    area = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)  # PySide gives a QRect(F)
    pos = (area.toRect() if isinstance(area, QRectF) else area).center() if area else widget.rect().center()
    QCoreApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, pos,
                                                         widget.mapToGlobal(pos)))


def install_keyboard_menu(*widgets: QWidget) -> KeyboardMenu:
    """Shift+F10 opens the context menu of each of ``widgets``; one filter serves them all."""
    menu_keys = KeyboardMenu(widgets[0])
    for widget in widgets:
        widget.installEventFilter(menu_keys)
    return menu_keys
