"""Connect to an OpenAI-compatible server: address, model, API key (kept in the OS keyring), TLS."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from denkspur.core.settings import Settings
from denkspur.engine.remote import RemoteClient, RemoteError, RemoteSettings, load_api_key, store_api_key


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
        self.model.setCurrentText(settings.remote_model)
        self.verify = QCheckBox(self.tr("Verify TLS certificates"))
        self.verify.setChecked(settings.remote_verify_tls)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(5, 600)
        self.timeout.setValue(settings.remote_timeout)
        self.timeout.setSuffix(" s")
        self.status = QLabel()
        self.status.setObjectName("remoteStatus")
        self.status.setWordWrap(True)
        fetch = QPushButton(self.tr("List models"))
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
        form.addRow("", self.verify)
        form.addRow(self.status)
        form.addRow(buttons)

    def remote_settings(self) -> RemoteSettings:
        url = self.url.text().strip()
        key = self.key.text().strip() or (load_api_key(url) if url else None)
        return RemoteSettings(url, model=self.model.currentText().strip(), api_key=key,
                              timeout=self.timeout.value(), verify_tls=self.verify.isChecked())

    def list_models(self) -> None:
        try:
            with RemoteClient(self.remote_settings()) as client:
                models = client.list_models()
        except RemoteError as error:
            self.status.setText(error.message)
            return
        current = self.model.currentText()
        self.model.clear()
        self.model.addItems(models)
        if current in models:
            self.model.setCurrentText(current)
        self.status.setText(self.tr("%1 model(s) on the server").replace("%1", str(len(models))))

    def save(self, settings: Settings) -> RemoteSettings:
        """Remember the connection; the key goes to the keyring (if there is one)."""
        remote = self.remote_settings()
        settings.remote_url, settings.remote_model = remote.base_url, remote.model
        settings.remote_verify_tls, settings.remote_timeout = remote.verify_tls, remote.timeout
        if self.key.text().strip():
            try:
                store_api_key(remote.base_url, self.key.text().strip())
            except Exception as error:  # no keyring service: use the key for this session only
                self.status.setText(self.tr("The key could not be stored (%1); it is used for this "
                                            "session only.").replace("%1", type(error).__name__))
        return remote
