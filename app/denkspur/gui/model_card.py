"""One card per model of the catalog (one size of a distill), with its quantizations in a combo box.

The card shows the chosen file's size, memory need and fit on this machine, and
what can be done with that file (download, resume, cancel, load, delete). Each
file keeps its own status line (a download's outcome, or why it is refused), so
switching the quantization shows that file's state. While a file downloads the
choice is locked to it: the progress on the card is always the shown file's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from denkspur.core.models.catalog import CatalogEntry
from denkspur.core.models.download import Progress
from denkspur.core.models.fit import Fit, Verdict
from denkspur.gui.plain import plain_label

VERDICT_COLORS = {Verdict.GPU: "#27ae60", Verdict.PARTIAL: "#d68910", Verdict.CPU: "#2e86c1",
                  Verdict.TOO_BIG: "#c0392b"}
ERROR_COLOR = "#c0392b"


def verdict_text(verdict: Verdict) -> str:
    return {
        Verdict.GPU: QCoreApplication.translate("Verdict", "runs fully on the GPU"),
        Verdict.PARTIAL: QCoreApplication.translate("Verdict", "partly on the GPU"),
        Verdict.CPU: QCoreApplication.translate("Verdict", "CPU only"),
        Verdict.TOO_BIG: QCoreApplication.translate("Verdict", "too big for this machine"),
    }[verdict]


def gigabytes(size: int, decimals: int = 1) -> str:
    """``size`` bytes in GB, in the UI language's number format (1.5 / 1,5)."""
    return QLocale().toString(size / 1e9, "f", decimals)


def file_size(size: int) -> str:
    """A file's size with its unit (kB to GB, SI), in the UI language's number format."""
    return QLocale().formattedDataSize(size, 2, QLocale.DataSizeFormat.DataSizeSIFormat)


class CardActions:
    """What the card's buttons ask the manager to do, by catalog entry."""

    def __init__(self, download: Callable[[CatalogEntry], None], cancel: Callable[[str], None],
                 load: Callable[[str], None], delete: Callable[[str], None]) -> None:
        self.download, self.cancel, self.load, self.delete = download, cancel, load, delete


class ModelCard(QFrame):
    """One model: its facts, a quantization choice, the chosen file's fit and buttons."""

    def __init__(self, entries: list[CatalogEntry], fits: dict[str, Fit], chosen: CatalogEntry,
                 refusals: dict[str, str], *, recommended: bool, actions: CardActions) -> None:
        super().__init__()
        first = entries[0]
        self.name = first.name
        self.setObjectName(f"model-{first.name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        if recommended:
            self.setStyleSheet("ModelCard { border: 2px solid #b7950b; border-radius: 4px; }")
        self.entries, self.fits, self.refusals = entries, fits, refusals
        self.recommended = recommended
        self.installed: frozenset[str] = frozenset()
        self.downloading: frozenset[str] = frozenset()
        self.resumable: frozenset[str] = frozenset()
        self._statuses: dict[str, tuple[str, bool]] = {}  # entry id: (text, is an error)
        title = plain_label(first.name, name="modelTitle")
        title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = plain_label(self.tr("★ Recommended for this machine"), name="recommendedBadge")
        self.badge.setStyleSheet("color: #b7950b; font-weight: 600;")
        self.badge.setVisible(recommended)
        facts = plain_label(self.tr("%1 billion parameters · licence: %2")
                            .replace("%1", QLocale().toString(first.parameters_billion, "g", 3))
                            .replace("%2", first.license), name="modelFacts", wrap=True)
        facts.setStyleSheet("color: palette(placeholder-text);")
        self.verdict = plain_label(name="verdict")
        self.description = plain_label(first.description, name="modelDescription", wrap=True)
        self.quantization = QComboBox()
        self.quantization.setObjectName("quantization")
        # One width on every card, wide enough for "Q4_K_M · 19.9 GB · installed": the columns line up.
        self.quantization.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.quantization.setMinimumContentsLength(26)
        self.quantization.setToolTip(self.tr("Quantization: coarser files are smaller and faster, "
                                             "finer ones closer to the original model"))
        for entry in entries:
            self.quantization.addItem(entry.quantization, entry.id)
        self.need = plain_label(name="need")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = plain_label(name="downloadStatus", wrap=True)  # download errors quote the server
        self.download_button = self._button("download", lambda: actions.download(self.entry))
        self.cancel_button = self._button("cancel", lambda: actions.cancel(self.entry.id))
        self.load_button = self._button("load", lambda: actions.load(self.entry.id))
        self.delete_button = self._button("delete", lambda: actions.delete(self.entry.id))
        self.cancel_button.setText(self.tr("Cancel"))
        self.load_button.setText(self.tr("Load"))
        self.delete_button.setText(self.tr("Delete"))
        self.buttons = (self.download_button, self.cancel_button, self.load_button, self.delete_button)
        self._lay_out(title, facts)
        self.choose(chosen.id)
        self.quantization.currentIndexChanged.connect(lambda _index: self._show_choice())
        self._show_choice()

    def _button(self, name: str, clicked: Callable[[], None]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(clicked)
        button.setVisible(False)  # until the installed state is read
        return button

    def _lay_out(self, title: QLabel, facts: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.badge)
        top.addStretch(1)
        top.addWidget(self.verdict)
        choice = QHBoxLayout()
        choice.addWidget(plain_label(self.tr("Quantization")))
        choice.addWidget(self.quantization)
        choice.addWidget(self.need, 1)
        for button in self.buttons:
            choice.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(facts)
        layout.addWidget(self.description)
        layout.addLayout(choice)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

    # -- the chosen file -----------------------------------------------------------------
    @property
    def entry(self) -> CatalogEntry:
        """The file the card shows now (the chosen quantization)."""
        return self.entries[max(0, self.quantization.currentIndex())]

    def entry_ids(self) -> list[str]:
        return [entry.id for entry in self.entries]

    def choose(self, entry_id: str) -> None:
        index = self.quantization.findData(entry_id)
        if index >= 0:
            self.quantization.setCurrentIndex(index)

    def _show_choice(self) -> None:
        entry, fit = self.entry, self.fits[self.entry.id]
        self.verdict.setText(verdict_text(fit.verdict))
        self.verdict.setStyleSheet(f"color: {VERDICT_COLORS[fit.verdict]}; font-weight: 600;")
        self.need.setText(self.tr("needs about %1 GB of memory").replace("%1", gigabytes(fit.estimate.total)))
        self.need.setToolTip(self.tr("The file (%1 GB), the KV cache for the context set in Preferences "
                                     "and llama.cpp's buffers").replace("%1", gigabytes(entry.size_bytes)))
        refusal = self.refusals.get(entry.id, "")
        self.download_button.setEnabled(not refusal)
        self.download_button.setToolTip(refusal)
        status, error = self._statuses.get(entry.id, (refusal, False))
        self.status.setText(status)
        self.status.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")
        self.status.setVisible(bool(status))
        self._show_buttons()

    def _show_buttons(self) -> None:
        entry_id = self.entry.id
        installed, downloading = entry_id in self.installed, entry_id in self.downloading
        self.download_button.setText(self.tr("Resume") if entry_id in self.resumable else self.tr("Download"))
        self.download_button.setVisible(not installed and not downloading)
        self.cancel_button.setVisible(downloading)
        self.progress.setVisible(downloading)
        self.load_button.setVisible(installed)
        self.delete_button.setVisible(installed)
        self.quantization.setEnabled(not downloading)  # the progress shown is this file's

    def set_status(self, entry_id: str, text: str, *, error: bool = False) -> None:
        """Remember what happened to ``entry_id`` (shown whenever that file is chosen)."""
        self._statuses[entry_id] = (text, error)
        if entry_id == self.entry.id:
            self._show_choice()

    def refresh(self, installed: frozenset[str], downloading: frozenset[str],
                resumable: frozenset[str]) -> None:
        self.installed, self.downloading, self.resumable = installed, downloading, resumable
        for index, entry in enumerate(self.entries):
            label = f"{entry.quantization} · {gigabytes(entry.size_bytes)} GB"
            if entry.id in installed:
                label += " · " + self.tr("installed")
            elif entry.id in self.refusals:
                label += " · " + self.tr("too big")
            self.quantization.setItemText(index, label)
        self._show_buttons()

    def show_progress(self, progress: Progress) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(progress.fraction * 1000))
        locale = QLocale()
        eta = (self.tr(", %1 s left").replace("%1", locale.toString(round(progress.eta)))
               if progress.eta else "")
        self.status.setVisible(True)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("%1 of %2 MB, %3 MB/s")
                            .replace("%1", locale.toString(round(progress.done / 1e6)))
                            .replace("%2", locale.toString(round(progress.total / 1e6)))
                            .replace("%3", locale.toString(progress.speed / 1e6, "f", 1)) + eta)

    # -- the filter --------------------------------------------------------------------
    def matches(self, words: list[str]) -> bool:
        """Whether some file of this model holds every word typed (name, size or quantization).

        When the chosen file does not but another does (``q8`` typed), that one is chosen.
        """
        hits = [entry for entry in self.entries
                if all(word in f"{entry.name} {entry.quantization} {entry.parameters_billion:g}b".lower()
                       for word in words)]
        if hits and self.entry not in hits and not self.downloading & set(self.entry_ids()):
            self.choose(hits[0].id)
        return bool(hits)
