"""A bar above the composer while replies exist only in memory because the disk did not take them.

Nothing the model wrote is lost to a full disk: the reply stays in the chat, the
bar says what went wrong and offers to try the save again or to export the
conversation elsewhere (another disk, say).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from denkspur.gui.lazy_qt import set_enum_properties


class UnsavedBar(QFrame):
    retry_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unsavedBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel()
        self.message.setObjectName("unsavedMessage")
        set_enum_properties(self.message, textFormat="PlainText")  # the error text comes from the OS/SQLite
        self.message.setWordWrap(True)
        self.retry = QPushButton(self.tr("Retry save"))
        self.retry.setObjectName("retrySave")
        self.retry.clicked.connect(self.retry_requested)
        self.export = QPushButton(self.tr("Export…"))
        self.export.setObjectName("exportUnsaved")
        self.export.clicked.connect(self.export_requested)
        row = QHBoxLayout(self)
        row.addWidget(self.message, 1)
        row.addWidget(self.retry)
        row.addWidget(self.export)
        self.hide()

    def show_state(self, unsaved: int, error: str) -> None:
        """``unsaved`` replies are only in memory; ``error`` is why the last save failed."""
        if not unsaved:
            self.hide()
            return
        text = self.tr("%n reply(s) could not be saved and are kept in memory only.", "", unsaved)
        if error:
            text += " " + self.tr("The disk said: %1").replace("%1", error[:300])
        self.message.setText(text)
        self.show()
