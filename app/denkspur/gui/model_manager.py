"""The model manager: catalog cards with fit verdicts, downloads, installed models, import.

Everything that touches the disk, the network or the hardware runs as a
:class:`~denkspur.gui.background.BackgroundOp`: the hardware probe and catalog
(the cards appear when it is done), the installed list, imports, deletes, and
downloads (one op per model, cancelled through its ``job.cancel`` flag). A
download that was cancelled, or cut off by quitting the app, shows "Resume" and
continues from its ``.part`` file.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.models.catalog import CatalogEntry
from denkspur.core.models.download import (
    DownloadCancelled,
    Progress,
    download_entry,
    partial_path,
)
from denkspur.core.models.files import import_gguf, remove_model
from denkspur.core.models.fit import Fit, Verdict
from denkspur.core.models.hardware import Hardware
from denkspur.core.models.registry import InstalledModel, ModelRegistry
from denkspur.core.models.survey import Survey, survey
from denkspur.gui.background import BackgroundOp, Job, failure_text
from denkspur.gui.plain import ask_yes_no, message_box, plain_label

_VERDICT_COLORS = {Verdict.GPU: "#27ae60", Verdict.PARTIAL: "#d68910", Verdict.CPU: "#2e86c1",
                   Verdict.TOO_BIG: "#c0392b"}


def verdict_text(verdict: Verdict) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        Verdict.GPU: QCoreApplication.translate("Verdict", "runs fully on the GPU"),
        Verdict.PARTIAL: QCoreApplication.translate("Verdict", "partly on the GPU"),
        Verdict.CPU: QCoreApplication.translate("Verdict", "CPU only"),
        Verdict.TOO_BIG: QCoreApplication.translate("Verdict", "too big for this machine"),
    }[verdict]


class EntryCard(QFrame):
    """One catalog entry: facts, fit, and what can be done with it."""

    def __init__(self, entry: CatalogEntry, fit: Fit, recommended: bool, manager: ModelManager) -> None:
        super().__init__()
        self.setObjectName(f"card-{entry.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry, self.manager = entry, manager
        star = "★ " if recommended else ""
        title = QLabel(f"<b>{html.escape(star + entry.name)}</b> · {html.escape(entry.quantization)} · "
                       f"{entry.size_bytes / 1e9:.1f} GB")
        title.setObjectName("catalogTitle")
        title.setTextFormat(Qt.TextFormat.RichText)
        verdict = plain_label(verdict_text(fit.verdict), name="verdict")
        verdict.setStyleSheet(f"color: {_VERDICT_COLORS[fit.verdict]}; font-weight: 600;")
        need = plain_label(self.tr("needs about %1 GB").replace("%1", f"{fit.estimate.total / 1e9:.1f}"))
        description = plain_label(entry.description, wrap=True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = plain_label(name="downloadStatus", wrap=True)  # download errors quote the server
        self.download_button = QPushButton()
        self.download_button.setObjectName("download")
        self.download_button.clicked.connect(lambda: manager.start_download(entry))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(lambda: manager.cancel_download(entry.id))
        self.load_button = QPushButton(self.tr("Load"))
        self.load_button.setObjectName("load")
        self.load_button.clicked.connect(lambda: manager.load_installed(entry.id))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("delete")
        self.delete_button.clicked.connect(lambda: manager.delete_installed(entry.id))
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(verdict)
        buttons = QHBoxLayout()
        buttons.addWidget(need, 1)
        for button in (self.download_button, self.cancel_button, self.load_button, self.delete_button):
            buttons.addWidget(button)
            button.setVisible(False)  # until the installed state is read
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(description)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def refresh(self, installed: bool, downloading: bool, resumable: bool) -> None:
        self.download_button.setText(self.tr("Resume") if resumable else self.tr("Download"))
        self.download_button.setVisible(not installed and not downloading)
        self.cancel_button.setVisible(downloading)
        self.progress.setVisible(downloading)
        self.load_button.setVisible(installed)
        self.delete_button.setVisible(installed)

    def show_progress(self, progress: Progress) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(progress.fraction * 1000))
        eta = self.tr(", %1 s left").replace("%1", f"{progress.eta:.0f}") if progress.eta else ""
        self.status.setText(self.tr("%1 of %2 MB, %3 MB/s").replace("%1", f"{progress.done / 1e6:,.0f}")
                            .replace("%2", f"{progress.total / 1e6:,.0f}")
                            .replace("%3", f"{progress.speed / 1e6:.1f}") + eta)


@dataclass(frozen=True)
class InstalledState:
    """The installed models and which downloads can resume (read from disk in the background)."""

    installed: dict[str, InstalledModel]
    resumable: frozenset[str]


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
                 gpu_offload: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Models"))
        self.setObjectName("ModelManager")
        self.resize(900, 700)
        self.setAcceptDrops(True)
        self.registry, self.folder, self.n_ctx = registry, folder, n_ctx
        self.survey: Survey | None = None
        self.ready = False
        self.installed: dict[str, InstalledModel] = {}
        self.last_message = ""
        self.downloads: dict[str, BackgroundOp[InstalledModel]] = {}
        self._refreshes = 0  # only the newest refresh is shown
        self.summary = plain_label(self.tr("Checking this machine…"), name="hardwareSummary", wrap=True)
        import_button = QPushButton(self.tr("Import a GGUF file…"))
        import_button.setObjectName("importModel")
        import_button.clicked.connect(self.choose_import)
        self.note = plain_label(name="managerNote", wrap=True)
        self.note.setVisible(False)
        # Imported models: names come from GGUF metadata, so they are plain labels
        # beside real buttons (never links built from outside text).
        self.installed_label = plain_label(name="installedModels", wrap=True)
        self.installed_rows = QVBoxLayout()
        self.cards: dict[str, EntryCard] = {}
        self.column = QVBoxLayout()
        column = QWidget()
        column.setLayout(self.column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(column)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.installed_label)
        layout.addLayout(self.installed_rows)
        layout.addWidget(scroll, 1)
        BackgroundOp(self, op=lambda _job: survey(n_ctx, gpu_offload=gpu_offload), success=self._show_survey,
                     name="probe-hardware").run()
        self.refresh()

    @property
    def hardware(self) -> Hardware | None:
        return self.survey.hardware if self.survey else None

    @property
    def recommended(self) -> CatalogEntry | None:
        return self.survey.recommended if self.survey else None

    def _show_survey(self, found: Survey) -> None:
        self.survey = found
        self.summary.setText(self._hardware_line(found))
        ordered = sorted(found.entries, key=lambda e: (e is not found.recommended,
                                                       e.parameters_billion, e.quant_rank))
        for entry in ordered:
            card = EntryCard(entry, found.fits[entry.id], entry is found.recommended, self)
            self.cards[entry.id] = card
            self.column.addWidget(card)
        self.column.addStretch(1)
        self.refresh()  # the cards' buttons follow with the installed state

    def _hardware_line(self, found: Survey) -> str:
        hw = found.hardware
        gpus = ", ".join(f"{g.name} ({g.memory_free / 1e9:.1f} GB)" for g in hw.gpus) or self.tr("no GPU")
        offload = self.tr("GPU offload available") if hw.gpu_offload else self.tr("CPU build of llama.cpp")
        best = found.recommended
        best_name = best.name + " " + best.quantization if best else "—"
        return (self.tr("This machine: %1 GB RAM, %2, %3. Recommended: %4")
                .replace("%1", f"{hw.ram_total / 1e9:.0f}").replace("%2", gpus)
                .replace("%3", offload).replace("%4", best_name))

    def show_note(self, text: str) -> None:
        self.last_message = text
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # -- state ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the installed models and ``.part`` files in the background, then show them."""
        self._refreshes += 1
        number = self._refreshes
        entries = [card.entry for card in self.cards.values()]

        def read(_job: Job) -> InstalledState:
            installed = {m.id: m for m in self.registry.all()}
            resumable = frozenset(e.id for e in entries if partial_path(self.folder / e.files[0]).exists())
            return InstalledState(installed, resumable)

        BackgroundOp(self, op=read, success=lambda state: self._show_installed(number, state),
                     name="read-installed").run()

    def _show_installed(self, number: int, state: InstalledState) -> None:
        if number != self._refreshes:
            return  # a newer refresh is on its way
        self.installed = state.installed
        for entry_id, card in self.cards.items():
            card.refresh(entry_id in state.installed, entry_id in self.downloads, entry_id in state.resumable)
        # Which models are not from the catalog is known once the catalog is read.
        local = [m for m in state.installed.values() if m.id not in self.cards] if self.survey else []
        self.installed_label.setText(self.tr("Imported models") if local else "")
        self.installed_label.setVisible(bool(local))
        while self.installed_rows.count():
            item = self.installed_rows.takeAt(0)
            row = item.widget() if item is not None else None
            if row is not None:
                row.deleteLater()
        for model in local:
            self.installed_rows.addWidget(self._installed_row(model))
        self.refreshed.emit()
        if self.cards and not self.ready:
            self.ready = True
            self.cards_shown.emit()

    def _installed_row(self, model: InstalledModel) -> QWidget:
        row = QWidget()
        row.setObjectName(f"installed-{model.id}")
        line = QHBoxLayout(row)
        line.setContentsMargins(12, 0, 0, 0)
        line.addWidget(plain_label(f"{model.name} ({model.quantization}, {model.size_bytes / 1e9:.2f} GB)",
                                   name="installedName"), 1)
        load = QPushButton(self.tr("load"))
        load.setObjectName("loadInstalled")
        load.clicked.connect(lambda: self.load_installed(model.id))
        remove = QPushButton(self.tr("remove"))
        remove.setObjectName("removeInstalled")
        remove.clicked.connect(lambda: self.delete_installed(model.id))
        line.addWidget(load)
        line.addWidget(remove)
        return row

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
        self.refresh()

    def cancel_download(self, entry_id: str) -> None:
        if entry_id in self.downloads:
            self.downloads[entry_id].cancel()

    def is_downloading(self) -> bool:
        return bool(self.downloads)

    def _on_progress(self, entry_id: str, progress: object) -> None:
        if isinstance(progress, Progress):
            self.cards[entry_id].show_progress(progress)
            self.download_progress.emit(entry_id, progress)

    def _download_ended(self, entry_id: str, error: Exception | None,
                        model: InstalledModel | None = None) -> None:
        self.downloads.pop(entry_id, None)
        card = self.cards[entry_id]
        if isinstance(error, DownloadCancelled):
            card.status.setText(self.tr("Cancelled. “Resume” continues where it stopped."))
        elif error is not None:
            card.status.setText(failure_text(error))
            card.status.setStyleSheet("color: #c0392b;")
        elif model is not None and not model.verified:
            card.status.setText(self.tr("Installed; no checksum from the Hub "
                                        "(its sha256 was computed here, not checked)."))
        else:
            card.status.setText(self.tr("Installed and verified (sha256)."))
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
            question = question.replace("%1", model.name).replace("%2", f"{model.size_bytes / 1e9:.2f}")
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
