"""Connect to an OpenAI-compatible server: address, model, API key (kept in the OS keyring), TLS."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from denkspur.core.settings import Settings
from denkspur.core.text.bidi import visible_bidi
from denkspur.engine.remote import (
    REASONING_MODES,
    KeyNotStored,
    RemoteClient,
    RemoteSettings,
    load_api_key,
    store_api_key,
)
from denkspur.gui.background import BackgroundOp, Job, failure_text
from denkspur.gui.plain import make_labels_plain, plain_label


class RemoteDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a server"))
        self.setObjectName("RemoteDialog")
        self.url = QLineEdit(settings.remote_url)
        self.url.setPlaceholderText("http://127.0.0.1:8080/v1  ·  https://api.deepseek.com")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("stored in the system keyring, never in settings files"))
        self.model = QComboBox()
        self.model.setEditable(True)
        #: Model ids as shown (direction controls as markers) → as the server spells them.
        self._model_ids: dict[str, str] = {}
        self.model.setCurrentText(self._shown_model(settings.remote_model))
        self.verify = QCheckBox(self.tr("Verify TLS certificates"))
        self.verify.setChecked(settings.remote_verify_tls)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(5, 600)
        self.timeout.setValue(settings.remote_timeout)
        self.timeout.setSuffix(" s")
        self.reasoning = QComboBox()
        self.reasoning.setObjectName("reasoningMode")
        labels = {"detect": self.tr("detect from the reply"),
                  "template": self.tr("trace opened by the server's template"),
                  "none": self.tr("no reasoning: the content is the answer")}
        for mode in REASONING_MODES:
            self.reasoning.addItem(labels[mode], mode)
        self.reasoning.setCurrentIndex(max(0, self.reasoning.findData(settings.remote_reasoning)))
        self.reasoning.setToolTip(self.tr(
            "Detect: the reply holds a trace only if the server marks one (a reasoning field or "
            "think tags). Choose the template option for a reasoning model whose server opens the "
            "trace in the prompt, and 'no reasoning' for a model that does not think."))
        self.status = plain_label(name="remoteStatus", wrap=True)  # server errors: outside text
        self.fetch = fetch = QPushButton(self.tr("List models"))
        fetch.setObjectName("listModels")
        fetch.clicked.connect(self.list_models)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        buttons.button(standard.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Server address"), self.url)
        form.addRow(self.tr("API key"), self.key)
        form.addRow(self.tr("Model"), self.model)
        form.addRow("", fetch)
        form.addRow(self.tr("Timeout"), self.timeout)
        form.addRow(self.tr("Reasoning"), self.reasoning)
        form.addRow("", self.verify)
        form.addRow(self.status)
        form.addRow(buttons)
        make_labels_plain(self)

    def typed_settings(self) -> RemoteSettings:
        """The connection as typed; the API key only if one was typed (no keyring look-up)."""
        shown = self.model.currentText().strip()
        return RemoteSettings(self.url.text().strip(), model=self._model_ids.get(shown, shown),
                              api_key=self.key.text().strip() or None, timeout=self.timeout.value(),
                              verify_tls=self.verify.isChecked(), reasoning=str(self.reasoning.currentData()))

    def list_models(self) -> None:
        """Ask the server in the background (it may take until the timeout); the dialog stays usable."""
        typed = self.typed_settings()

        def ask(_job: Job) -> list[str]:
            with RemoteClient(with_stored_key(typed)) as client:  # the keyring, too, may be slow
                return client.list_models()

        self.fetch.setEnabled(False)
        self.status.setText(self.tr("Asking %1 for its models…").replace("%1", typed.base_url))
        BackgroundOp(self, op=ask, success=self._show_models, name="list-models") \
            .failure(self._show_listing_failure).run()

    def _show_listing_failure(self, error: Exception) -> None:
        self.fetch.setEnabled(True)
        self.status.setText(failure_text(error))

    def _show_models(self, models: list[str]) -> None:
        self.fetch.setEnabled(True)
        current = self.model.currentText()
        self.model.clear()
        self.model.addItems([self._shown_model(model) for model in models])
        if self.model.findText(current) >= 0:
            self.model.setCurrentText(current)
        self.status.setText(self.tr("%n model(s) on the server", "", len(models)))

    def _shown_model(self, model: str) -> str:
        """A server's model id as the list shows it: its direction controls as markers, never
        obeyed (an id could pose as another); the id itself is what is sent."""
        shown = visible_bidi(model)
        self._model_ids[shown] = model
        return shown

    def save(self, settings: Settings) -> RemoteSettings:
        """Remember the connection in ``settings``; the key is for :func:`keep_key` (never a file)."""
        remote = self.typed_settings()
        settings.remote_url, settings.remote_model = remote.base_url, remote.model
        settings.remote_verify_tls, settings.remote_timeout = remote.verify_tls, remote.timeout
        settings.remote_reasoning = remote.reasoning
        return remote


def with_stored_key(settings: RemoteSettings) -> RemoteSettings:
    """``settings`` with the key from the keyring when none was typed."""
    if settings.api_key is None and settings.base_url:
        return replace(settings, api_key=load_api_key(settings.base_url))
    return settings


def keep_key(settings: RemoteSettings) -> tuple[RemoteSettings, str]:
    """Store a typed key in the keyring, or fetch the stored one (blocking: run it in the background).

    Returns the settings to connect with and a note for the user ("" when all went well).
    """
    if settings.api_key is None:
        return with_stored_key(settings), ""
    try:
        store_api_key(settings.base_url, settings.api_key)
    except KeyNotStored as error:  # no keyring service: the key is for this session only
        return settings, QCoreApplication.translate(
            "RemoteDialog", "The key could not be stored (%1); it is used for this session only."
        ).replace("%1", error.reason)
    return settings, ""
