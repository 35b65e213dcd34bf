"""The main window's size, position and splitters, kept in the app's own config folder.

An INI file beside ``settings.json`` (so ``DENKSPUR_CONFIG_DIR`` and a test's folder
hold it too, never ``~/.config/Denkspur/Denkspur.conf``), written shortly after
every change rather than only on a clean quit. A first start fits the screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QMainWindow, QSplitter

#: What a first start aims for; smaller screens get 90 % of their free area.
PREFERRED_SIZE = (1280, 800)
_SAVE_DELAY_MS = 400


def fitting_size(available_width: int, available_height: int) -> tuple[int, int]:
    """The preferred size, shrunk to 90 % of a smaller screen's available area."""
    width = min(PREFERRED_SIZE[0], int(available_width * 0.9))
    height = min(PREFERRED_SIZE[1], int(available_height * 0.9))
    return width, height


class WindowLayout(QObject):
    """Restores ``window``'s geometry and ``splitter``; saves them soon after they change."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.splitter = splitter
        self.path = path
        self._save_soon = QTimer(self)
        self._save_soon.setSingleShot(True)
        self._save_soon.setInterval(_SAVE_DELAY_MS)
        self._save_soon.timeout.connect(self.save)

    def _settings(self) -> QSettings:
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def restore(self) -> None:
        stored = self._settings()
        geometry = stored.value("geometry")
        if not (isinstance(geometry, QByteArray) and self.window.restoreGeometry(geometry)):
            self._fit_screen()
        state = stored.value("mainSplitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(lambda *_a: self._save_soon.start())
        self.window.installEventFilter(self)

    def _fit_screen(self) -> None:
        area = self.window.screen().availableGeometry()
        width, height = fitting_size(area.width(), area.height())
        self.window.resize(width, height)
        self.window.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._save_soon.start()
        return False

    def save(self) -> None:
        self._save_soon.stop()
        stored = self._settings()
        stored.setValue("geometry", self.window.saveGeometry())
        stored.setValue("mainSplitter", self.splitter.saveState())
        stored.sync()
