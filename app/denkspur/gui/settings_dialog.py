"""Preferences: model directory, threads, context, sampling, GPU, budget, language, appearance,
the news articles folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.corpus.guide import corpus_override, default_corpus_dir
from denkspur.core.models.gpu_layers import GpuLayers, GpuOffload
from denkspur.core.settings import Settings, data_dir
from denkspur.gui.i18n import LANGUAGES
from denkspur.gui.plain import make_labels_plain


def _spin(low: int, high: int, value: int, special: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    if special:
        box.setSpecialValueText(special)
    return box


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, *,
                 data: Path | None = None) -> None:
        """``data``: the app's data folder (``DENKSPUR_DATA_DIR`` or the platform's), for the default
        model folder shown while none is chosen."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)  # room for folder paths
        self._settings = settings
        self.model_dir = QLineEdit(settings.model_dir)
        default_folder = str(Settings().model_folder(data or data_dir()))  # downloads' default place
        self.model_dir.setPlaceholderText(default_folder)
        self.model_dir.setToolTip(self.tr("Where downloaded models go; empty: %1")
                                  .replace("%1", default_folder))
        folder = self._folder_row(self.model_dir, self.tr("Model folder"))
        corpus = self._corpus_rows(settings)
        self.threads = _spin(0, 256, settings.threads, self.tr("automatic"))
        self.context = _spin(512, 131072, settings.context_size)
        self.context.setSingleStep(1024)
        self.temperature = _decimal(0.0, 2.0, settings.temperature)
        self.top_p = _decimal(0.05, 1.0, settings.top_p)
        gpu = self._gpu_row(settings)
        self.budget = _spin(0, 1_000_000, settings.thinking_budget, self.tr("unlimited"))
        self.budget.setSingleStep(256)
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.theme = QComboBox()
        self.theme.setObjectName("themeChoice")
        for code, name in (("system", self.tr("Like the system")), ("light", self.tr("Light")),
                           ("dark", self.tr("Dark"))):
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.token_signals = QCheckBox(self.tr("Record how sure the model is at each token"))
        self.token_signals.setToolTip(self.tr("For the trace panel's confidence view; costs a few percent "
                                              "of the decoding speed"))
        self.token_signals.setChecked(settings.token_signals)
        form = QFormLayout(self)
        form.addRow(self.tr("Model folder"), folder)
        form.addRow(self.tr("CPU threads"), self.threads)
        form.addRow(self.tr("Context size (tokens)"), self.context)
        form.addRow(self.tr("Temperature (R1: 0.6)"), self.temperature)
        form.addRow(self.tr("Top-p (R1: 0.95)"), self.top_p)
        form.addRow(self.tr("GPU layers"), gpu)
        form.addRow(self.tr("Thinking budget (tokens)"), self.budget)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Appearance"), self.theme)
        form.addRow(self.tr("Token signals"), self.token_signals)
        form.addRow(self.tr("News articles folder"), corpus)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        make_labels_plain(self)

    def _folder_row(self, edit: QLineEdit, title: str) -> QHBoxLayout:
        """A folder's path and a "Choose…" button that opens the folder dialog titled ``title``."""
        browse = QPushButton(self.tr("Choose…"))

        def choose() -> None:
            chosen = QFileDialog.getExistingDirectory(self, title, edit.text())
            if chosen:
                edit.setText(chosen)

        browse.clicked.connect(choose)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        return row

    def _corpus_rows(self, settings: Settings) -> QVBoxLayout:
        """The folder with the five news articles the corpus panel explains (the texts are not
        shipped); ``DENKSPUR_CORPUS`` wins over it, and the dialog says so."""
        self.corpus_dir = QLineEdit(settings.corpus_dir)
        self.corpus_dir.setObjectName("corpusFolder")
        found = default_corpus_dir()
        self.corpus_dir.setPlaceholderText(
            self.tr("none: the explanations without the article texts") if found is None
            else self.tr("not set: %1").replace("%1", str(found)))
        self.corpus_dir.setToolTip(self.tr("The folder with the five news articles the corpus panel "
                                           "explains (their texts are not part of Denkspur)"))
        override = corpus_override()
        self.corpus_note = QLabel()
        self.corpus_note.setObjectName("corpusOverride")
        self.corpus_note.setWordWrap(True)
        self.corpus_note.setText(self.tr("DENKSPUR_CORPUS is set (%1): it wins over this folder "
                                         "as long as it is set.").replace("%1", override) if override else "")
        self.corpus_note.setVisible(bool(override))
        rows = QVBoxLayout()
        rows.addLayout(self._folder_row(self.corpus_dir, self.tr("News articles folder")))
        rows.addWidget(self.corpus_note)
        return rows

    def _gpu_row(self, settings: Settings) -> QHBoxLayout:
        """Automatic, all, or a number of layers (one meaning everywhere: see ``GpuOffload``)."""
        self.gpu_mode = QComboBox()
        self.gpu_mode.addItem(self.tr("automatic (as many as fit)"), GpuOffload.AUTO.value)
        self.gpu_mode.addItem(self.tr("all"), GpuOffload.ALL.value)
        self.gpu_mode.addItem(self.tr("this many:"), "count")
        chosen = settings.gpu_layers
        named = chosen.value if isinstance(chosen, GpuOffload) else None
        self.gpu_mode.setCurrentIndex(self.gpu_mode.findData(named or "count"))
        count = 0 if isinstance(chosen, GpuOffload) else chosen
        self.gpu_layers = _spin(0, 999, count, self.tr("none (CPU)"))
        self.gpu_layers.setEnabled(named is None)
        self.gpu_mode.currentIndexChanged.connect(
            lambda _index: self.gpu_layers.setEnabled(self.gpu_mode.currentData() == "count"))
        row = QHBoxLayout()
        row.addWidget(self.gpu_mode, 1)
        row.addWidget(self.gpu_layers)
        return row

    def _chosen_gpu_layers(self) -> GpuLayers:
        mode = str(self.gpu_mode.currentData())
        return self.gpu_layers.value() if mode == "count" else GpuOffload(mode)

    def result_settings(self) -> Settings:
        return replace(
            self._settings,
            model_dir=self.model_dir.text().strip(),
            threads=self.threads.value(),
            context_size=self.context.value(),
            temperature=self.temperature.value(),
            top_p=self.top_p.value(),
            gpu_layers=self._chosen_gpu_layers(),
            thinking_budget=self.budget.value(),
            language=str(self.language.currentData()),
            theme=str(self.theme.currentData()),
            token_signals=self.token_signals.isChecked(),
            corpus_dir=self.corpus_dir.text().strip(),
        )


def _decimal(low: float, high: float, value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(0.05)
    box.setValue(value)
    return box
