"""The model manager: catalog cards with fit verdicts, downloads, installed models, import.

Downloads run on worker threads (one per model, each with its own cancel flag);
their progress reaches the widgets through a queued Qt signal. A download that
was cancelled, or cut off by quitting the app, shows "Resume" and continues
from its ``.part`` file.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
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

from denkspur.core.models.catalog import CatalogEntry, load_catalog
from denkspur.core.models.download import (
    DownloadCancelled,
    DownloadError,
    Progress,
    download_entry,
    partial_path,
)
from denkspur.core.models.files import import_gguf, remove_model
from denkspur.core.models.fit import Fit, Verdict, fit_entry, recommend
from denkspur.core.models.gguf_info import GGUFError
from denkspur.core.models.hardware import Hardware, probe
from denkspur.core.models.registry import InstalledModel, ModelRegistry

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
        title = QLabel(f"<b>{star}{entry.name}</b> · {entry.quantization} · "
                       f"{entry.size_bytes / 1e9:.1f} GB")
        verdict = QLabel(verdict_text(fit.verdict))
        verdict.setObjectName("verdict")
        verdict.setStyleSheet(f"color: {_VERDICT_COLORS[fit.verdict]}; font-weight: 600;")
        need = QLabel(self.tr("needs about %1 GB").replace("%1", f"{fit.estimate.total / 1e9:.1f}"))
        description = QLabel(entry.description)
        description.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("downloadStatus")
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


class ModelManager(QDialog):
    """Catalog, fit, downloads and installed models; emits ``load_requested(path)``."""

    load_requested = Signal(str)
    _progress = Signal(str, object)  # entry id, Progress
    _finished = Signal(str, object)  # entry id, InstalledModel | Exception

    def __init__(self, registry: ModelRegistry, folder: Path, *, n_ctx: int = 4096,
                 gpu_offload: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Models"))
        self.setObjectName("ModelManager")
        self.resize(900, 700)
        self.setAcceptDrops(True)
        self.registry, self.folder, self.n_ctx = registry, folder, n_ctx
        self.hardware: Hardware = probe(gpu_offload=gpu_offload)
        self.entries = load_catalog()
        self.recommended = recommend(self.entries, n_ctx, self.hardware)
        self.last_message = ""
        self._cancels: dict[str, threading.Event] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._progress.connect(self._on_progress)
        self._finished.connect(self._on_finished)
        self.summary = QLabel(self._hardware_line())
        self.summary.setObjectName("hardwareSummary")
        self.summary.setWordWrap(True)
        import_button = QPushButton(self.tr("Import a GGUF file…"))
        import_button.setObjectName("importModel")
        import_button.clicked.connect(self.choose_import)
        self.installed_label = QLabel()
        self.installed_label.setObjectName("installedModels")
        self.installed_label.setWordWrap(True)
        self.installed_label.setTextFormat(Qt.TextFormat.RichText)
        self.installed_label.linkActivated.connect(self._installed_link)
        self.cards: dict[str, EntryCard] = {}
        column = QWidget()
        cards = QVBoxLayout(column)
        ordered = sorted(self.entries, key=lambda e: (e is not self.recommended, e.parameters_billion,
                                                      e.quant_rank))
        for entry in ordered:
            fit = fit_entry(entry, n_ctx, self.hardware)
            card = EntryCard(entry, fit, entry is self.recommended, self)
            self.cards[entry.id] = card
            cards.addWidget(card)
        cards.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(column)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.installed_label)
        layout.addWidget(scroll, 1)
        self.refresh()

    def _hardware_line(self) -> str:
        hw = self.hardware
        gpus = ", ".join(f"{g.name} ({g.memory_free / 1e9:.1f} GB)" for g in hw.gpus) or self.tr("no GPU")
        offload = self.tr("GPU offload available") if hw.gpu_offload else self.tr("CPU build of llama.cpp")
        best = self.recommended.name + " " + self.recommended.quantization if self.recommended else "—"
        return (self.tr("This machine: %1 GB RAM, %2, %3. Recommended: %4")
                .replace("%1", f"{hw.ram_total / 1e9:.0f}").replace("%2", gpus)
                .replace("%3", offload).replace("%4", best))

    # -- state ------------------------------------------------------------------------
    def refresh(self) -> None:
        installed = {m.id: m for m in self.registry.all()}
        for entry_id, card in self.cards.items():
            entry = card.entry
            resumable = partial_path(self.folder / entry.files[0]).exists()
            card.refresh(entry_id in installed, entry_id in self._threads, resumable)
        local = [m for m in installed.values() if m.id not in self.cards]
        if local:
            load, remove, title = self.tr("load"), self.tr("remove"), self.tr("Imported models")
            rows = "".join(
                f"<li>{m.name} ({m.quantization}, {m.size_bytes / 1e9:.2f} GB) — "
                f'<a href="load:{m.id}">{load}</a> · '
                f'<a href="remove:{m.id}">{remove}</a></li>' for m in local)
            self.installed_label.setText(f"<b>{title}</b><ul>{rows}</ul>")
        else:
            self.installed_label.setText("")

    def _installed_link(self, link: str) -> None:
        action, _, model_id = link.partition(":")
        if action == "load":
            self.load_installed(model_id)
        else:
            self.delete_installed(model_id)

    # -- downloads ----------------------------------------------------------------------
    def start_download(self, entry: CatalogEntry) -> None:
        if entry.id in self._threads:
            return
        cancel = threading.Event()
        self._cancels[entry.id] = cancel

        def work() -> None:
            try:
                result: object = download_entry(
                    entry, self.folder, self.registry, cancel=cancel,
                    on_progress=lambda progress: self._progress.emit(entry.id, progress))
            except (DownloadError, OSError) as error:
                result = error
            self._finished.emit(entry.id, result)

        thread = threading.Thread(target=work, name=f"download-{entry.id}", daemon=True)
        self._threads[entry.id] = thread
        thread.start()
        self.refresh()

    def cancel_download(self, entry_id: str) -> None:
        if entry_id in self._cancels:
            self._cancels[entry_id].set()

    def is_downloading(self) -> bool:
        return bool(self._threads)

    def _on_progress(self, entry_id: str, progress: Progress) -> None:
        self.cards[entry_id].show_progress(progress)

    def _on_finished(self, entry_id: str, result: object) -> None:
        self._threads.pop(entry_id, None)
        self._cancels.pop(entry_id, None)
        card = self.cards[entry_id]
        if isinstance(result, DownloadCancelled):
            card.status.setText(self.tr("Cancelled. “Resume” continues where it stopped."))
        elif isinstance(result, Exception):
            card.status.setText(str(result))
            card.status.setStyleSheet("color: #c0392b;")
        else:
            card.status.setText(self.tr("Installed and verified (sha256)."))
        self.refresh()

    # -- installed -----------------------------------------------------------------------
    def load_installed(self, model_id: str) -> None:
        model: InstalledModel | None = self.registry.get(model_id)
        if model is not None:
            self.load_requested.emit(model.path)

    def delete_installed(self, model_id: str, *, confirm: bool = True) -> None:
        model = self.registry.get(model_id)
        if model is None:
            return
        if confirm:
            question = (self.tr("Delete %1 and free %2 GB?") if model.owned
                        else self.tr("Remove %1 from the list? (The file itself stays.)"))
            question = question.replace("%1", model.name).replace("%2", f"{model.size_bytes / 1e9:.2f}")
            answer = QMessageBox.question(self, self.tr("Delete model"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        remove_model(model_id, self.registry)
        self.refresh()

    def import_file(self, path: Path) -> InstalledModel | None:
        try:
            model, warnings = import_gguf(path, self.registry)
        except GGUFError as error:
            self.last_message = (self.tr("Cannot import %1: %2").replace("%1", path.name)
                                 .replace("%2", str(error)))
            if self.isVisible():
                QMessageBox.warning(self, self.tr("Import"), self.last_message)
            return None
        self.last_message = "; ".join(warnings)
        self.refresh()
        return model

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

    def closeEvent(self, event: object) -> None:
        for cancel in self._cancels.values():
            cancel.set()  # downloads stop; their .part files let them resume later
        for thread in list(self._threads.values()):
            thread.join(5)
        super().closeEvent(event)  # type: ignore[arg-type]
