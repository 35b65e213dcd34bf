"""Copying with feedback: every copy says "Copied" (in the status bar, and on the button pressed).

One :data:`copies` notifier for the whole app, so that any widget can copy without
being wired to the main window, and the window shows the note in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton

FLASH_MS = 1_500


class _Copies(QObject):
    copied = Signal(str)  # the note to show ("Copied", "Copied code (python)", …)


copies = _Copies()


def copy_text(text: str, what: str = "", button: QAbstractButton | None = None) -> str:
    """Put ``text`` on the clipboard and announce it; ``button`` says "Copied" for a moment."""
    QGuiApplication.clipboard().setText(text)
    note = QCoreApplication.translate("Clipboard", "Copied")
    if what:
        note = QCoreApplication.translate("Clipboard", "Copied %1").replace("%1", what)
    copies.copied.emit(note)
    if button is not None:
        _flash(button, QCoreApplication.translate("Clipboard", "Copied"))
    return note


def _flash(button: QAbstractButton, text: str) -> None:
    original = button.property("originalText") or button.text()
    button.setProperty("originalText", original)
    button.setText(text)
    QTimer.singleShot(FLASH_MS, button, lambda: button.setText(original))
