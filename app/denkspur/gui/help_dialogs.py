"""The Help menu's dialogs: keyboard shortcuts, About, and where Denkspur keeps its files.

Shortcuts are read from the window's own actions, so the list can never drift from
what the keys really do. Versions from the engine child arrive in its Ready message:
the GUI never imports llama.cpp.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from denkspur import __version__
from denkspur.gui.plain import make_labels_plain

if TYPE_CHECKING:
    from denkspur.engine import protocol as p


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fixed_keys() -> list[tuple[str, str]]:
    """Keys that belong to a widget rather than a menu action (composer, conversation list)."""
    return [
        (QCoreApplication.translate("HelpDialogs", "Send the message"), "Ctrl+Enter"),
        (QCoreApplication.translate("HelpDialogs", "Stop the answer"), "Esc"),
        (QCoreApplication.translate("HelpDialogs", "Leave the message box"), "Tab"),
        (QCoreApplication.translate("HelpDialogs", "Type a tab in the message box"), "Ctrl+Tab"),
        (QCoreApplication.translate("HelpDialogs", "Open the selected conversation"), "Enter"),
        (QCoreApplication.translate("HelpDialogs", "Rename the selected conversation"), "F2"),
        (QCoreApplication.translate("HelpDialogs", "From the search box to the hits"), "Enter"),
        (QCoreApplication.translate("HelpDialogs", "Jump the trace to the selected step"), "Enter"),
        (QCoreApplication.translate("HelpDialogs", "Context menu (steps, trace, conversations)"),
         QCoreApplication.translate("HelpDialogs", "Menu key or Shift+F10")),
    ]


def action_keys(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) of every action of ``window`` that has a shortcut, in menu order."""
    rows = []
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = action.text().replace("&", "").rstrip("…").strip()
        if keys and text:
            rows.append((text, keys))
    return rows


class ShortcutsDialog(QDialog):
    """A table of every keyboard shortcut of the main window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(QCoreApplication.translate("HelpDialogs", "Keyboard shortcuts"))
        rows = action_keys(window) + fixed_keys()
        self._rows = rows
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("HelpDialogs", "Action"),
                                              QCoreApplication.translate("HelpDialogs", "Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 480)
        make_labels_plain(self)

    def rows(self) -> list[tuple[str, str]]:
        return list(self._rows)


def engine_text(ready: p.Ready | None) -> str:
    """The llama.cpp build the engine child reported, or why there is none."""
    if ready is None:
        return QCoreApplication.translate("HelpDialogs", "not started yet")
    if ready.backend == "remote":
        return QCoreApplication.translate("HelpDialogs", "not used (connected to a server)")
    return f"llama-cpp-python {ready.llama_cpp_version} · {ready.backend}"


LICENCES = (
    ("Denkspur", "MIT"),
    ("Qt 6 / PySide6", "LGPL-3.0"),
    ("llama.cpp, llama-cpp-python", "MIT"),
    ("huggingface_hub", "Apache-2.0"),
    ("platformdirs", "MIT"),
)


class AboutDialog(QDialog):
    """Version, the llama.cpp build in use, and the licences of what Denkspur is made of."""

    def __init__(self, parent: QWidget | None, ready: p.Ready | None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(QCoreApplication.translate("HelpDialogs", "About Denkspur"))
        title = QLabel(f"Denkspur {__version__}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        engine = QCoreApplication.translate("HelpDialogs", "llama.cpp: %1").replace("%1", engine_text(ready))
        self.engine_label = _plain_label(engine)
        self.engine_label.setObjectName("aboutEngine")
        python = ".".join(str(part) for part in sys.version_info[:3])
        versions = _plain_label(f"Qt {qVersion()} · PySide6 {pyside_version} · Python {python}")
        summary = _plain_label(QCoreApplication.translate("HelpDialogs",
            "See how DeepSeek-R1 models think: the answer, and beside it the reasoning trace, "
            "on your own computer."))
        licences = "\n".join(f"{name}: {licence}" for name, licence in LICENCES)
        heading = QCoreApplication.translate("HelpDialogs", "Licences")
        self.licences_label = _plain_label(heading + "\n" + licences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, summary, self.engine_label, versions, self.licences_label):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        make_labels_plain(self)


class DataLocationsDialog(QDialog):
    """Where conversations, settings and models live, each with Open and Copy."""

    def __init__(self, parent: QWidget | None, places: list[tuple[str, Path]]) -> None:
        super().__init__(parent)
        self.setObjectName("dataLocationsDialog")
        self.setWindowTitle(QCoreApplication.translate("HelpDialogs", "Where Denkspur keeps its files"))
        grid = QGridLayout()
        self.path_labels: list[QLabel] = []
        for row, (what, path) in enumerate(places):
            grid.addWidget(QLabel(what), row, 0)
            shown = _plain_label(str(path))
            self.path_labels.append(shown)
            grid.addWidget(shown, row, 1)
            open_button = QPushButton(QCoreApplication.translate("HelpDialogs", "Open"))
            open_button.setEnabled(path.is_dir())
            open_button.clicked.connect(
                lambda _c=False, p=path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p))))
            grid.addWidget(open_button, row, 2)
            copy_button = QPushButton(QCoreApplication.translate("HelpDialogs", "Copy"))
            copy_button.clicked.connect(lambda _c=False, p=path, b=copy_button: self._copy(p, b))
            grid.addWidget(copy_button, row, 3)
        grid.setColumnStretch(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.resize(640, 200)
        make_labels_plain(self)

    def _copy(self, path: Path, button: QPushButton) -> None:
        QGuiApplication.clipboard().setText(str(path))
        button.setText(QCoreApplication.translate("HelpDialogs", "Copied"))

