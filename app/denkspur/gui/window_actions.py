"""What the main window's menus and buttons open: dialogs, panels, export and import.

Kept apart from :mod:`denkspur.gui.main_window` (layout and session wiring) so that
each stays small; :class:`WindowActions` is mixed into ``MainWindow`` and uses its
``session``, ``settings``, ``chat`` and status widgets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from denkspur.core.regular_files import read_capped
from denkspur.gui.lazy_qt import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QMainWindow

    from denkspur.core.conversations.store import Conversation, Store, Version
    from denkspur.core.models.catalog import CatalogEntry
    from denkspur.core.settings import Settings
    from denkspur.engine.remote import RemoteSettings
    from denkspur.gui.chat_session import ChatSession
    from denkspur.gui.chat_view import ChatView
    from denkspur.gui.model_picker import ModelPicker

    _Window = QMainWindow  # for the type checker: the mixin lives in a main window
else:
    _Window = object


class WindowActions(_Window):
    """Dialog and panel actions of the main window (a mixin for ``MainWindow``).

    Texts are translated in the "MainWindow" context explicitly: ``self.tr`` here
    would be looked up by Linguist under this mixin's name.
    """

    if TYPE_CHECKING:  # what MainWindow provides
        session: ChatSession
        settings: Settings
        data_path: Path
        language: str
        chat: ChatView
        model_label: QLabel
        model_picker: ModelPicker

        def load_model(self, path: str) -> None: ...
        def save_settings(self) -> None: ...
        def set_theme(self, theme: str) -> None: ...
        def set_language(self, code: str) -> None: ...
        def _show_problem(self, message: str) -> None: ...

    # Dialog classes are imported where used: PySide builds each Qt class on first use.
    def choose_model(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = self.settings.model_dir or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("MainWindow", "Open model file"),
            start,
            QCoreApplication.translate("MainWindow", "GGUF models (*.gguf)"),
        )
        if path:
            self.load_model(path)

    def show_corpus(self) -> None:
        """The corpus panel as a dock; built on first use."""
        from PySide6.QtWidgets import QDockWidget

        from denkspur.core.corpus.guide import corpus_folder
        from denkspur.gui.corpus_panel import CorpusPanel

        if getattr(self, "corpus_dock", None) is None:
            folder = corpus_folder(self.settings.corpus_dir)
            self.corpus_panel = CorpusPanel(folder, self.language)
            self.corpus_panel.ask_requested.connect(self.ask_in_new_chat)
            self.corpus_dock = QDockWidget(
                QCoreApplication.translate("MainWindow", "DeepSeek-R1 in the news"), self
            )
            self.corpus_dock.setObjectName("corpusDock")
            self.corpus_dock.setWidget(self.corpus_panel)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.corpus_dock)
        self.corpus_dock.show()
        self.corpus_dock.raise_()

    def ask_in_new_chat(self, prompt: str) -> None:
        """Put a question to the loaded model in a fresh conversation (corpus panel)."""
        if self.session.model is None:
            self._show_problem(
                QCoreApplication.translate("MainWindow", "Load a model first to ask it (File → Models…).")
            )
            return
        if self.session.busy:
            self._show_problem(
                QCoreApplication.translate("MainWindow", "The model is still answering; stop it or wait.")
            )
            return
        self.session.new_conversation()
        self.session.send(prompt)

    def connect_remote(self) -> None:
        """Chat with a model on an OpenAI-compatible server instead of a local file."""
        from denkspur.gui.background import BackgroundOp
        from denkspur.gui.remote_dialog import RemoteDialog, keep_key

        dialog = RemoteDialog(self.settings, self)
        if dialog.exec():
            remote = dialog.save(self.settings)
            self._show_connecting(remote)
            BackgroundOp(self, op=lambda _job: keep_key(remote), success=self._connect_remote_with,
                         name="keyring").run()

    def reconnect_server(self, server: dict[str, object]) -> None:
        """Connect to a recent server again (the picker; the start, when a server was last used):
        its key from the keyring, looked up in the background, and the connection made on the
        engine thread, so the window never waits; a failure is reported like any other."""
        from denkspur.engine.remote import RemoteSettings
        from denkspur.gui.background import BackgroundOp
        from denkspur.gui.remote_dialog import keep_key

        s = self.settings
        s.remote_url = str(server["url"])
        s.remote_model = str(server.get("model", ""))
        s.remote_reasoning = str(server.get("reasoning", s.remote_reasoning))
        verify, timeout = server.get("verify_tls"), server.get("timeout")
        s.remote_verify_tls = verify if isinstance(verify, bool) else s.remote_verify_tls
        s.remote_timeout = float(timeout) if isinstance(timeout, (int, float)) else s.remote_timeout
        remote = RemoteSettings(s.remote_url, model=s.remote_model, timeout=s.remote_timeout,
                                verify_tls=s.remote_verify_tls, reasoning=s.remote_reasoning)
        self._show_connecting(remote)
        BackgroundOp(self, op=lambda _job: keep_key(remote), success=self._connect_remote_with,
                     name="keyring").run()

    def last_server(self) -> dict[str, object]:
        """The server in use now (or last), as the recent list keeps it: never its API key."""
        s = self.settings
        model = self.session.model
        used = model.path if model is not None and self.session.is_remote else s.remote_model
        return {"url": s.remote_url, "model": used, "reasoning": s.remote_reasoning,
                "verify_tls": s.remote_verify_tls, "timeout": s.remote_timeout}

    def _show_connecting(self, remote: RemoteSettings) -> None:
        from denkspur.gui.model_picker import server_name

        self.model_label.setText(
            QCoreApplication.translate("MainWindow", "Connecting to %1…").replace("%1", remote.base_url))
        self.model_picker.show_model(server_name(remote.base_url, remote.model), remote=True, loading=True)

    def _connect_remote_with(self, keyed: tuple[RemoteSettings, str]) -> None:
        remote, note = keyed
        if note:
            self.statusBar().showMessage(note, 15_000)
        self.session.connect_remote(remote)

    def show_models(self) -> None:
        from denkspur.core.models.registry import ModelRegistry
        from denkspur.gui.model_manager import ModelManager

        ready = self.session.ready
        folder = self.settings.model_folder(self.data_path)
        self.model_manager = ModelManager(
            ModelRegistry.in_data_dir(self.data_path),
            folder,
            n_ctx=self.settings.context_size,
            gpu_offload=bool(ready and ready.gpu_offload),
            opened=self.settings.recent_models,
            parent=self,
        )
        self.model_manager.load_requested.connect(self.load_model)
        self.model_manager.show()

    def _show_recommendation(self) -> None:
        """With no model yet, the empty state names the catalog model that fits this machine."""
        if self.session.model is not None:
            return
        from denkspur.gui.background import BackgroundOp

        context = self.settings.context_size

        def recommended(_job: object) -> CatalogEntry | None:
            from denkspur.core.models.survey import survey  # hardware probe: off the GUI thread

            return survey(context, gpu_offload=False).recommended

        BackgroundOp(self, op=recommended, success=self._recommend, name="recommend-model").run()

    def _recommend(self, best: CatalogEntry | None) -> None:
        if best is not None and self.session.model is None:
            size = QLocale().toString(best.size_bytes / 1e9, "f", 1)  # 1,9 GB in German
            self.chat.set_recommendation(f"{best.name} {best.quantization} ({size} GB)")

    def edit_settings(self) -> None:
        from denkspur.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self, data=self.data_path)
        accepted = bool(dialog.exec())
        new = dialog.result_settings()
        # Deleted by Qt now, not by Python's collector at exit (which warned "shared QObject was
        # deleted directly" at times).
        dialog.deleteLater()
        if accepted:
            reload_model = (new.context_size, new.gpu_layers, new.threads) != (
                self.settings.context_size,
                self.settings.gpu_layers,
                self.settings.threads,
            )
            language_changed = new.language != self.settings.language
            corpus_changed = new.corpus_dir != self.settings.corpus_dir
            theme_changed = new.theme != self.settings.theme
            self.settings.__dict__.update(new.__dict__)
            if theme_changed:
                self.set_theme(new.theme)
            if language_changed:
                self.set_language(new.language)
            self.save_settings()
            if corpus_changed and getattr(self, "corpus_panel", None) is not None:
                from denkspur.core.corpus.guide import corpus_folder

                self.corpus_panel.set_folder(corpus_folder(new.corpus_dir))
            if reload_model and self.session.model is not None:
                self.load_model(self.session.model.path)

    def compare_traces(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from denkspur.gui.compare_dialog import CompareDialog

        conversation = self.session.conversation
        versions: list[tuple[str, Version]] = []
        for message in conversation.messages if conversation else []:
            if message.role != "assistant":
                continue
            for version in message.versions:
                if version.trace:
                    label = QCoreApplication.translate("MainWindow", "Reply %1, version %2 (%3)").replace(
                        "%1", str(message.position // 2 + 1)
                    )
                    label = label.replace("%2", str(version.number + 1)).replace("%3", version.model or "?")
                    versions.append((label, version))
        if len(versions) < 2:
            QMessageBox.information(
                self,
                QCoreApplication.translate("MainWindow", "Compare traces"),
                QCoreApplication.translate(
                    "MainWindow", "Regenerate an answer (⟳) to get a second trace to compare."
                ),
            )
            return
        self.compare_dialog = CompareDialog(versions, self)
        self.compare_dialog.show()

    def export_current(self, kind: str) -> None:
        if self.session.conversation is not None:
            self.export_conversation(self.session.conversation.id, kind)

    def export_conversation(self, conversation_id: int, kind: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        suffix = "md" if kind == "md" else "json"
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("MainWindow", "Export conversation"),
            f"conversation.{suffix}",
            f"*.{suffix}",
        )
        if path:
            from denkspur.session.conversation import with_unsaved

            unsaved = dict(self.session.unsaved)  # replies the disk did not take are exported too
            self.session.store.call(
                lambda s: _export(with_unsaved(s.load_conversation(conversation_id), unsaved), kind, path),
                on_error=lambda e: self._show_problem(str(e)),
            )

    def import_conversation(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("MainWindow", "Import conversation"), "", "*.json"
        )
        if path:
            self.session.store.call(
                lambda s: _import(s, path),
                self.session.open_conversation,
                lambda e: self._show_problem(str(e)),
            )
            self.session.refresh_conversations()

    # -- session callbacks -----------------------------------------------------------------


def _export(conversation: Conversation, kind: str, path: str) -> None:
    from denkspur.core.conversations.export import export_json, export_markdown

    if kind == "md":
        text = export_markdown(conversation)
    else:
        text = json.dumps(export_json(conversation), ensure_ascii=False, indent=2)
    Path(path).write_text(text, encoding="utf-8")


#: The largest conversation export imported (a thousand replies with token signals take tens of MB).
MAX_IMPORT_BYTES = 512 * 2**20


def _import(store: Store, path: str) -> int:
    from denkspur.core.conversations.export import ConversationImportError, import_json

    try:  # regular files only (a FIFO would hold the store's thread, and every save, for good)
        data = json.loads(read_capped(Path(path), MAX_IMPORT_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError) as error:  # RecursionError: absurdly nested JSON
        raise ConversationImportError(f"cannot read {path}: {type(error).__name__}: {error}") from error
    return import_json(store, data)
