"""The model manager: one card per model with a quantization choice, downloads, your GGUF files.

The catalog is shown one card per model (one size of a distill, see
:mod:`denkspur.gui.model_card`), the recommended model first, each with the file
that suits this machine chosen; a filter narrows them. Below the machine summary,
"Your GGUF files" lists the models imported into Denkspur and the files opened
from disk (the recent models), each with Load.

Everything that touches the disk, the network or the hardware runs as a
:class:`~denkspur.gui.background.BackgroundOp`: the hardware probe and catalog
(the cards appear when it is done), the installed list, imports, deletes, and
downloads (one op per model, cancelled through its ``job.cancel`` flag). A
download that was cancelled, or cut off by quitting the app, shows "Resume" and
continues from its ``.part`` file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.models.catalog import CatalogEntry
from denkspur.core.models.download import DownloadCancelled, Progress, download_entry
from denkspur.core.models.files import import_gguf, remove_model
from denkspur.core.models.fit import Verdict
from denkspur.core.models.hardware import Hardware
from denkspur.core.models.registry import InstalledModel, ModelRegistry
from denkspur.core.models.survey import Survey, survey
from denkspur.gui.background import BackgroundOp, Job, failure_text
from denkspur.gui.model_card import CardActions, ModelCard, gigabytes
from denkspur.gui.model_files_list import InstalledState, YourFiles, read_installed_state
from denkspur.gui.plain import ask_yes_no, message_box, plain_label

#: The cards' column stops growing here: on a wide screen lines stay readable.
COLUMN_WIDTH = 1100


class ModelManager(QDialog):
    """Catalog, fit, downloads and installed models; emits ``load_requested(path)``.

    ``cards_shown`` says the catalog is on screen with each card's state (``ready``
    turns true then), ``refreshed`` that the installed list was re-read,
    ``download_progress(entry id, Progress)`` reports downloads and
    ``import_finished(model or None)`` ends an import.
    """

    load_requested = Signal(str)
    cards_shown = Signal()
    refreshed = Signal()
    download_progress = Signal(str, object)  # entry id, Progress
    import_finished = Signal(object)  # InstalledModel, or None when the file was refused

    def __init__(self, registry: ModelRegistry, folder: Path, *, n_ctx: int = 4096,
                 gpu_offload: bool = False, opened: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Models"))
        self.setObjectName("ModelManager")
        self._fit_screen()
        self.setAcceptDrops(True)
        self.registry, self.folder, self.n_ctx = registry, folder, n_ctx
        self.opened_paths = list(opened or [])
        self.survey: Survey | None = None
        self.ready = False
        self.installed: dict[str, InstalledModel] = {}
        self.opened: list[tuple[str, int]] = []
        self.last_message = ""
        self.downloads: dict[str, BackgroundOp[InstalledModel]] = {}
        self._refreshes = 0  # only the newest refresh is shown
        self.summary = plain_label(self.tr("Checking this machine…"), name="hardwareSummary", wrap=True)
        import_button = QPushButton(self.tr("Import a GGUF file…"))
        import_button.setObjectName("importModel")
        import_button.clicked.connect(self.choose_import)
        self.note = plain_label(name="managerNote", wrap=True)
        self.note.setVisible(False)
        self.your_files = YourFiles()
        self.your_files.load_model.connect(self.load_installed)
        self.your_files.remove_model.connect(self.delete_installed)
        self.your_files.load_path.connect(self.load_requested)
        self.installed_label = self.your_files.heading
        self.cards: dict[str, ModelCard] = {}  # by model name, in the order shown
        self.card_of_entry: dict[str, ModelCard] = {}
        self.column = QVBoxLayout()
        column = QWidget()
        column.setObjectName("modelColumn")
        column.setMaximumWidth(COLUMN_WIDTH)
        column.setLayout(self.column)
        self.column.addWidget(self.your_files)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll.setWidget(column)
        self.filter = self._filter_box()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.filter)
        layout.addWidget(scroll, 1)
        self.filter.setFocus()  # keyboard first: type to narrow the cards, Tab on to them
        BackgroundOp(self, op=lambda _job: survey(n_ctx, gpu_offload=gpu_offload), success=self._show_survey,
                     name="probe-hardware").run()
        self.refresh()

    def _fit_screen(self) -> None:
        """900×700, or less on a small screen (a 1024×700 laptop keeps its title bar in view)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        width, height = 960, 720
        if area is not None:
            width, height = min(width, area.width() - 40), min(height, area.height() - 60)
        self.resize(max(width, 480), max(height, 360))

    @property
    def hardware(self) -> Hardware | None:
        return self.survey.hardware if self.survey else None

    @property
    def recommended(self) -> CatalogEntry | None:
        return self.survey.recommended if self.survey else None

    def card_of(self, entry_id: str) -> ModelCard:
        """The card of a catalog file, with that file chosen."""
        card = self.card_of_entry[entry_id]
        card.choose(entry_id)
        return card

    def _show_survey(self, found: Survey) -> None:
        self.survey = found
        self.summary.setText(self._hardware_line(found))
        best = found.recommended
        actions = CardActions(self.start_download, self.cancel_download, self.load_installed,
                              self.delete_installed)
        refusals = {entry.id: self._refusal(found, entry) for entry in found.entries
                    if found.fits[entry.id].verdict == Verdict.TOO_BIG}
        # The recommended model first, then by size.
        names = sorted(found.groups, key=lambda name: (
            best is None or name != best.name, found.groups[name][0].parameters_billion, name))
        for name in names:
            group = found.groups[name]
            card = ModelCard(group, found.fits, found.preferred[name], refusals,
                             recommended=best is not None and best.name == name, actions=actions)
            self.cards[name] = card
            self.card_of_entry.update((entry.id, card) for entry in group)
            self.column.addWidget(card)
        self.column.addStretch(1)
        self.apply_filter(self.filter.text())
        self.refresh()  # the cards' buttons follow with the installed state

    def _refusal(self, found: Survey, entry: CatalogEntry) -> str:
        """Why Download is off for a file too big for this machine."""
        return (self.tr("Too big: needs about %1 GB, this machine has %2 GB of memory.")
                .replace("%1", gigabytes(found.fits[entry.id].estimate.total))
                .replace("%2", gigabytes(found.hardware.ram_total, 0)))

    def _hardware_line(self, found: Survey) -> str:
        hw = found.hardware
        gpus = ", ".join(f"{g.name} ({gigabytes(g.memory_free)} GB)" for g in hw.gpus) or self.tr("no GPU")
        offload = self.tr("GPU offload available") if hw.gpu_offload else self.tr("CPU build of llama.cpp")
        best = found.recommended
        best_name = best.name + " " + best.quantization if best else "—"
        return (self.tr("This machine: %1 GB RAM, %2, %3. Recommended: %4")
                .replace("%1", gigabytes(hw.ram_total, 0)).replace("%2", gpus)
                .replace("%3", offload).replace("%4", best_name))

    def _filter_box(self) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName("modelFilter")
        box.setClearButtonEnabled(True)
        box.setPlaceholderText(self.tr("Filter: name, size or quantization (e.g. 7b q4)"))
        box.textChanged.connect(self.apply_filter)
        return box

    def apply_filter(self, text: str) -> None:
        """Show the cards with a file whose name, size or quantization holds every word typed, and
        the rows of "Your GGUF files" whose name, quantization, size or path holds them."""
        words = text.lower().split()
        for card in self.cards.values():
            card.setVisible(card.matches(words))
        self.your_files.apply_filter(words)

    def show_note(self, text: str) -> None:
        self.last_message = text
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # -- state ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the installed models, ``.part`` files and opened files in the background."""
        self._refreshes += 1
        number = self._refreshes
        entries = [entry for card in self.cards.values() for entry in card.entries]
        opened = list(self.opened_paths)

        def read(_job: Job) -> InstalledState:
            return read_installed_state(self.registry, self.folder, entries, opened)

        BackgroundOp(self, op=read, success=lambda state: self._show_installed(number, state),
                     name="read-installed").run()

    def _show_installed(self, number: int, state: InstalledState) -> None:
        if number != self._refreshes:
            return  # a newer refresh is on its way
        self.installed, self.opened = state.installed, state.opened
        installed, downloading = frozenset(state.installed), frozenset(self.downloads)
        for card in self.cards.values():
            card.refresh(installed, downloading, state.resumable)
        # Which models are not from the catalog is known once the catalog is read.
        local = [m for m in state.installed.values() if m.id not in self.card_of_entry] if self.survey else []
        self.your_files.show_files(local, state.opened)
        self.apply_filter(self.filter.text())  # the rows just made follow the filter typed
        self.refreshed.emit()
        if self.cards and not self.ready:
            self.ready = True
            self.cards_shown.emit()

    # -- downloads ----------------------------------------------------------------------
    def start_download(self, entry: CatalogEntry) -> None:
        if entry.id in self.downloads:
            return

        def fetch(job: Job) -> InstalledModel:
            return download_entry(entry, self.folder, self.registry, cancel=job.cancel,
                                  on_progress=job.report)

        self.downloads[entry.id] = (
            BackgroundOp(self, op=fetch, success=lambda model: self._download_ended(entry.id, None, model),
                         name=f"download-{entry.id}")
            .failure(lambda error: self._download_ended(entry.id, error))
            .with_progress(lambda progress: self._on_progress(entry.id, progress))
            .run())
        self._show_downloads(entry.id)  # locked to this file now
        self.refresh()

    def _show_downloads(self, entry_id: str) -> ModelCard:
        """The card of ``entry_id`` follows the running downloads now; what is installed and
        resumable follows with the next :meth:`refresh`."""
        card = self.card_of_entry[entry_id]
        card.refresh(card.installed, frozenset(self.downloads), card.resumable)
        return card

    def cancel_download(self, entry_id: str) -> None:
        if entry_id in self.downloads:
            self.downloads[entry_id].cancel()

    def is_downloading(self) -> bool:
        return bool(self.downloads)

    def _on_progress(self, entry_id: str, progress: object) -> None:
        if isinstance(progress, Progress):
            self.card_of_entry[entry_id].show_progress(progress)
            self.download_progress.emit(entry_id, progress)

    def _download_ended(self, entry_id: str, error: Exception | None,
                        model: InstalledModel | None = None) -> None:
        self.downloads.pop(entry_id, None)
        card = self._show_downloads(entry_id)  # Download (or Resume) again at once, not after the re-read
        if isinstance(error, DownloadCancelled):
            card.set_status(entry_id, self.tr("Cancelled. “Resume” continues where it stopped."))
        elif error is not None:
            card.set_status(entry_id, failure_text(error), error=True)
        elif model is not None and not model.verified:
            card.set_status(entry_id, self.tr("Installed; no checksum from the Hub "
                                              "(its sha256 was computed here, not checked)."))
        else:
            card.set_status(entry_id, self.tr("Installed and verified (sha256)."))
        self.refresh()

    # -- installed -----------------------------------------------------------------------
    def load_installed(self, model_id: str) -> None:
        model = self.installed.get(model_id)
        if model is not None:
            self.load_requested.emit(model.path)

    def delete_installed(self, model_id: str, *, confirm: bool = True) -> None:
        model = self.installed.get(model_id)
        if model is None:
            return
        if confirm:
            question = (self.tr("Delete %1 and free %2 GB?") if model.owned
                        else self.tr("Remove %1 from the list? (The file itself stays.)"))
            question = question.replace("%1", model.name).replace("%2", gigabytes(model.size_bytes, 2))
            if not ask_yes_no(self, self.tr("Delete model"), question):
                return
        BackgroundOp(self, op=lambda _job: remove_model(model_id, self.registry),
                     success=lambda _removed: self.refresh(), name="remove-model").run()

    def import_file(self, path: Path) -> None:
        """Check and register ``path`` in the background; ``import_finished`` tells the outcome."""
        BackgroundOp(self, op=lambda _job: import_gguf(path, self.registry),
                     success=self._imported, name="import-model") \
            .failure(lambda error: self._import_refused(path, error)).run()

    def _imported(self, result: tuple[InstalledModel, list[str]]) -> None:
        model, warnings = result
        self.show_note("; ".join(warnings))
        self.refresh()
        self.import_finished.emit(model)

    def _import_refused(self, path: Path, error: Exception) -> None:
        self.show_note(self.tr("Cannot import %1: %2").replace("%1", path.name)
                       .replace("%2", failure_text(error)))
        if self.isVisible():
            self.import_box = message_box(self, QMessageBox.Icon.Warning, self.tr("Import"),
                                          self.last_message)
            self.import_box.open()
        self.import_finished.emit(None)

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a GGUF file"), str(Path.home()),
                                              self.tr("GGUF models (*.gguf)"))
        if name:
            self.import_file(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().endswith(".gguf") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(".gguf"):
                self.import_file(Path(url.toLocalFile()))
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Downloads stop (their ``.part`` files let them resume later); nothing waits for them."""
        for download in self.downloads.values():
            download.cancel()
        super().closeEvent(event)
