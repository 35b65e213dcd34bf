"""The main window (placeholder until the chat window lands)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Denkspur")
        self.resize(1280, 800)
        label = QLabel(
            "<h2>Denkspur</h2><p>No model yet. Use <code>denkspur chat --model FILE.gguf "
            "\"question\"</code> in a terminal; the chat window is coming.</p>"
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setTextFormat(Qt.TextFormat.RichText)
        self.setCentralWidget(label)
