""""Your GGUF files" in the model manager: imported models and files opened from disk.

Read from disk in the background (:func:`read_installed_state`), shown as rows of
plain labels beside real buttons: names come from GGUF metadata and file names,
so they are never links or rich text built from outside text. The filter of the
model manager narrows these rows too (:meth:`YourFiles.apply_filter`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from denkspur.core.models.catalog import CatalogEntry
from denkspur.core.models.download import partial_path
from denkspur.core.models.registry import InstalledModel, ModelRegistry
from denkspur.gui.model_card import file_size
from denkspur.gui.plain import plain_label


@dataclass(frozen=True)
class InstalledState:
    """The installed models and which downloads can resume (read from disk in the background)."""

    installed: dict[str, InstalledModel]
    resumable: frozenset[str]
    opened: list[tuple[str, int]]  # recent model files outside the registry: path, size


def read_installed_state(registry: ModelRegistry, folder: Path, entries: Iterable[CatalogEntry],
                         opened: Iterable[str]) -> InstalledState:
    """The registry, the catalog files with a ``.part`` to resume, and the opened files that
    still exist and are not already in the registry (disk I/O: call it off the GUI thread)."""
    installed = {m.id: m for m in registry.all()}
    resumable = frozenset(e.id for e in entries if partial_path(folder / e.files[0]).exists())
    known = {str(Path(path)) for model in installed.values() for path in model.paths}
    files = []
    for path in opened:
        candidate = Path(path)
        if str(candidate) not in known and candidate.is_file():
            files.append((path, candidate.stat().st_size))
    return InstalledState(installed, resumable, files)


class YourFiles(QWidget):
    """The heading and one row per imported model or opened file, each with Load (and Remove).

    ``load_model(model id)``, ``remove_model(model id)`` and ``load_path(path)`` say which
    button was pressed; the manager acts on them.
    """

    load_model = Signal(str)
    remove_model = Signal(str)
    load_path = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = plain_label(name="installedModels")
        self.heading.setStyleSheet("font-weight: 600;")
        self._rows_layout = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self._rows_layout)
        #: Each row with the text the filter searches in it.
        self._rows: list[tuple[QWidget, str]] = []

    def show_files(self, models: list[InstalledModel], opened: list[tuple[str, int]]) -> None:
        """Replace the rows: ``models`` not from the catalog, then the ``opened`` files."""
        mine = bool(models or opened)
        self.heading.setText(self.tr("Your GGUF files") if mine else "")
        self.heading.setVisible(mine)
        self._rows.clear()
        while self._rows_layout.count():
            item = self._rows_layout.takeAt(0)
            row = item.widget() if item is not None else None
            if row is not None:
                row.deleteLater()
        for model in models:
            self._rows_layout.addWidget(self._installed_row(model))
        for path, size in opened:
            self._rows_layout.addWidget(self._opened_row(path, size))

    def apply_filter(self, words: list[str]) -> None:
        """Show the rows whose name, quantization, size or path holds every word; the heading
        only over rows that are shown."""
        shown = 0
        for row, searched in self._rows:
            row.setVisible(all(word in searched for word in words))
            shown += not row.isHidden()
        self.heading.setVisible(shown > 0)

    def _row(self, name: str, text: str, tooltip: str, load: QPushButton) -> tuple[QWidget, QHBoxLayout]:
        row = QWidget()
        row.setObjectName(name)
        line = QHBoxLayout(row)
        line.setContentsMargins(12, 0, 0, 0)
        label = plain_label(text, name="installedName")
        label.setToolTip(tooltip)
        line.addWidget(label, 1)
        line.addWidget(load)
        self._rows.append((row, f"{text}\n{tooltip}".lower()))
        return row, line

    def _installed_row(self, model: InstalledModel) -> QWidget:
        load = QPushButton(self.tr("Load"))
        load.setObjectName("loadInstalled")
        load.clicked.connect(lambda: self.load_model.emit(model.id))
        text = (self.tr("%1 (%2, %3, imported)").replace("%1", model.name)
                .replace("%2", model.quantization or "?").replace("%3", file_size(model.size_bytes)))
        row, line = self._row(f"installed-{model.id}", text, model.path, load)
        remove = QPushButton(self.tr("Remove"))
        remove.setObjectName("removeInstalled")
        remove.clicked.connect(lambda: self.remove_model.emit(model.id))
        line.addWidget(remove)
        return row

    def _opened_row(self, path: str, size: int) -> QWidget:
        load = QPushButton(self.tr("Load"))
        load.setObjectName("loadOpened")
        load.clicked.connect(lambda: self.load_path.emit(path))
        text = (self.tr("%1 (%2, opened from disk)").replace("%1", Path(path).name)
                .replace("%2", file_size(size)))
        return self._row("opened", text, path, load)[0]
