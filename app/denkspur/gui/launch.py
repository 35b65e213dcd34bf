"""Start the desktop app (imports Qt only here, never llama.cpp)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def launch(argv: Sequence[str] = ()) -> int:
    from PySide6.QtWidgets import QApplication

    from denkspur.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("Denkspur")
    app.setOrganizationName("Denkspur")
    window = MainWindow()
    window.show()
    return int(app.exec())
