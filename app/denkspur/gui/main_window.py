"""The main window: conversations | chat | reasoning trace, in one splitter."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.settings import Settings, config_dir, data_dir
from denkspur.gui.chat_session import ChatSession
from denkspur.gui.chat_view import ChatView
from denkspur.gui.clipboard import copies, copy_text
from denkspur.gui.composer import Composer
from denkspur.gui.conversation_list import ConversationList
from denkspur.gui.i18n import install_language
from denkspur.gui.lazy_qt import Qt, set_shortcut
from denkspur.gui.model_picker import ModelPicker, elided, remember_model, remember_server, server_name
from denkspur.gui.plain import message_box, plain_label
from denkspur.gui.trace_panel import TracePanel
from denkspur.gui.unsaved_bar import UnsavedBar
from denkspur.gui.window_actions import WindowActions
from denkspur.gui.window_keys import WindowKeys
from denkspur.gui.window_layout import WindowLayout
from denkspur.gui.window_menus import WindowMenus

if TYPE_CHECKING:  # imported where used: start-up only pays for what the first window needs
    from denkspur.core.conversations.store import Conversation, Version
    from denkspur.core.trace.event_log import StreamEventLog
    from denkspur.core.trace.stream import StreamEvent
    from denkspur.engine import protocol as p
    from denkspur.gui.chat_settings import ChatSettingsDrawer
    from denkspur.gui.engine_worker import GenerationResult

log = logging.getLogger("denkspur.gui")
#: Start-up work waits for the first frame, or at most this long.
START_FALLBACK_MS = 1_000


class MainWindow(WindowActions, QMainWindow):
    def __init__(
        self,
        *,
        data_path: Path | None = None,
        settings: Settings | None = None,
        settings_path: Path | None = None,
        engine_fault: str | None = None,
        autoload: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self._texts_in: tuple[str, str] | None = None  # language and locale of the texts shown
        self._settings_path = settings_path
        self.settings = settings or Settings.load(settings_path)
        self.language = install_language(self.settings.language)
        if self.settings.theme != "system":  # the system's look needs no theme module (start-up)
            from denkspur.gui.theme import apply_theme

            apply_theme(self.settings.theme)
        self.data_path = data_path or data_dir()
        self.session = ChatSession(self.data_path, self.settings, engine_fault=engine_fault, parent=self)
        self._build()
        self._connect()
        self.retranslate()
        self._restore_layout()
        self.composer.editor.setFocus()  # keyboard first: typing starts a question
        self._model_to_load: str | None = None
        # The backend used last opens again: a server (connected after the first frame, never
        # blocking the window) or the model file.
        self._server_to_connect = autoload and self.settings.last_backend == "server" and bool(
            self.settings.remote_url)
        if self._server_to_connect:
            self.model_label.setText(self.tr("Connecting to %1…").replace("%1", self.settings.remote_url))
        elif autoload and self.settings.model_path and Path(self.settings.model_path).is_file():
            self._model_to_load = self.settings.model_path
            self._show_loading(self._model_to_load)
        # The window comes first: what it does not need for its first frame starts after it
        # (or after a second, should it never be painted).
        self._started = False
        QTimer.singleShot(START_FALLBACK_MS, self, self._start)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._started:
            QTimer.singleShot(0, self._start)

    def _start(self) -> None:
        """After the first frame: the conversation list (store thread), the model or a recommendation."""
        if self._started:
            return
        self._started = True
        self.session.refresh_conversations()
        if self._server_to_connect:
            self.reconnect_server(self.last_server())
        elif self._model_to_load is not None:
            self.session.load_model(self._model_to_load)
        else:
            self._show_recommendation()

    # -- construction -----------------------------------------------------------------
    def _build(self) -> None:
        self.conversations = ConversationList()
        self.chat = ChatView()
        self.composer = Composer()
        self.open_model_button = QPushButton()
        self.open_model_button.setObjectName("openModel")
        self.open_model_button.clicked.connect(self.choose_model)
        self.models_button = QPushButton()
        self.models_button.setObjectName("browseModels")
        self.models_button.clicked.connect(self.show_models)
        empty_actions = QHBoxLayout()
        empty_actions.addStretch(1)
        empty_actions.addWidget(self.models_button)
        empty_actions.addWidget(self.open_model_button)
        empty_actions.addStretch(1)
        center = QWidget()
        column = QVBoxLayout(center)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.chat, 1)
        column.addLayout(empty_actions)
        self.unsaved_bar = UnsavedBar()
        column.addWidget(self.unsaved_bar)
        column.addWidget(self.composer)
        self.trace = TracePanel()
        self.splitter = QSplitter()  # horizontal
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.conversations)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.trace)
        # The chat and the trace share the width beyond the conversation list, and grow and
        # shrink alike: the trace is the product, and stayed 400 px wide on a 1920 px window.
        self.splitter.setSizes([240, 520, 520])
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.setCentralWidget(self.splitter)
        self.model_label = plain_label(name="modelLabel")  # names a server's model: outside text
        self.speed_label = plain_label(name="speedLabel")
        self.statusBar().addWidget(self.model_label, 1)
        self.statusBar().addPermanentWidget(self.speed_label)
        self._build_top_bar()
        self._build_menus()

    def _build_top_bar(self) -> None:
        """Model picker (and what else belongs to the current chat) above the panes."""
        self.top_bar = QToolBar()
        self.top_bar.setObjectName("topBar")
        self.top_bar.setMovable(False)
        self.model_picker = ModelPicker(self.load_model, {
            "open": self.choose_model, "catalog": self.show_models, "server": self.connect_remote})
        self.model_picker.recent = self.settings.recent_models
        self.model_picker.recent_servers = self.settings.recent_servers
        self.model_picker.reconnect = self.reconnect_server
        self.top_bar.addWidget(self.model_picker)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.top_bar.addWidget(spacer)
        self.chat_settings: ChatSettingsDrawer | None = None  # built when first opened (start-up)
        self._shown_conversation: int | None = None
        # The live reply's events so far and when it started: its trace is shown again
        # after a look at another conversation. Kept compact (a flood's tokens would
        # otherwise be objects for every garbage collection to walk); made with the first reply.
        self._live_events: StreamEventLog | None = None
        self._live_started: float | None = None
        # The drawer goes into the right dock area when first opened: placing it names a
        # Qt.DockWidgetArea, and the first frame does not build Qt's enums (see lazy_qt).
        # The action does what the dock's toggleViewAction would.
        self.chat_settings_dock = QDockWidget(self)
        self.chat_settings_dock.setObjectName("chatSettingsDock")
        self.chat_settings_dock.hide()
        self._chat_settings_docked = False
        self.chat_settings_action = QAction(self)
        self.chat_settings_action.setObjectName("chatSettingsAction")
        self.chat_settings_action.setCheckable(True)
        set_shortcut(self.chat_settings_action, QKeySequence("Ctrl+Shift+S"))
        self.chat_settings_action.triggered.connect(self._toggle_chat_settings)
        self.chat_settings_dock.visibilityChanged.connect(self.chat_settings_action.setChecked)
        self.chat_settings_dock.visibilityChanged.connect(self._build_chat_settings)
        self.top_bar.addAction(self.chat_settings_action)
        self.addToolBar(self.top_bar)  # the top area

    def _toggle_chat_settings(self, visible: bool) -> None:
        dock = self.chat_settings_dock
        if not self._chat_settings_docked:
            self._chat_settings_docked = True
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if visible and dock.isHidden():
            dock.show()
        elif not visible and not dock.isHidden():
            dock.close()

    def _build_chat_settings(self, visible: bool) -> None:
        if not visible or self.chat_settings is not None:
            return
        from denkspur.gui import chat_settings

        self.chat_settings = chat_settings.ChatSettingsDrawer()
        self.chat_settings.show_values(self.session.chat_settings, self.settings)
        self.chat_settings.set_remote(self.session.is_remote)
        self.chat_settings.changed.connect(self.session.set_chat_settings)
        self.chat_settings_dock.setWidget(self.chat_settings)

    def _build_menus(self) -> None:
        self.menus = WindowMenus(self)
        self.trace.setVisible(self.settings.trace_panel_visible)
        self.keys = WindowKeys(self)

    def _connect(self) -> None:
        s = self.session
        s.conversations_changed.connect(self.conversations.show_conversations)
        s.search_results.connect(self.conversations.show_hits)
        s.conversation_loaded.connect(self._show_conversation)
        s.live_events.connect(self._on_live_events)
        s.generation_started.connect(self._on_generation_started)
        s.generation_finished.connect(self._on_generation_finished)
        s.model_changed.connect(self._on_model_changed)
        s.problem.connect(self._show_problem)
        s.unsaved_changed.connect(self.unsaved_bar.show_state)
        self.trace.branch_requested.connect(self._branch)
        self.unsaved_bar.retry_requested.connect(s.retry_saves)
        self.unsaved_bar.export_requested.connect(lambda: self.export_current("json"))
        s.store.recovered.connect(lambda report: self._show_problem(report.message()))
        s.note.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.conversations.open_requested.connect(s.open_conversation)
        self.conversations.new_requested.connect(s.new_conversation)
        self.conversations.rename_requested.connect(s.rename_conversation)
        self.conversations.delete_requested.connect(s.delete_conversation)
        self.conversations.pin_requested.connect(s.pin_conversation)
        self.conversations.search_requested.connect(s.search)
        self.conversations.export_requested.connect(self.export_conversation)
        self.composer.send_requested.connect(self._send)
        self.composer.stop_requested.connect(s.stop)
        self.composer.answer_now_requested.connect(s.answer_now)
        self.composer.probe_requested.connect(s.probe)
        self.chat.version_selected.connect(self._on_version_selected)
        self.chat.regenerate_requested.connect(s.regenerate)
        self.chat.continue_requested.connect(s.continue_reply)
        self.chat.edit_requested.connect(s.edit_and_resend)
        self.chat.version_requested.connect(s.select_version)
        self.chat.restart_requested.connect(s.restart_engine)
        self.trace.copy_requested.connect(copy_text)  # with "Copied" feedback, like every copy
        copies.copied.connect(self._show_note)  # a bound slot: disconnected when the window goes

    def _language_now(self) -> tuple[str, str]:
        """The UI language and the locale numbers are written in."""
        return self.language, QLocale().name()

    def retranslate(self) -> None:
        self._texts_in = self._language_now()
        self.setWindowTitle("Denkspur")
        self.menus.retranslate()
        self.open_model_button.setText(self.tr("Open a GGUF model file…"))
        self.models_button.setText(self.tr("Browse and download models…"))
        self.keys.retranslate()
        if self.chat_settings is not None:
            self.chat_settings.retranslate()
        self.chat_settings_dock.setWindowTitle(self.tr("This chat's settings"))
        self.chat_settings_action.setText(self.tr("Chat settings"))
        for widget in (self.conversations, self.composer, self.trace):
            widget.retranslate()
        self.chat.set_model_present(self.session.model is not None)
        self._update_model_label()
        self._update_speed_label()
        self._update_picker()

    def changeEvent(self, event: QEvent) -> None:
        # Installing the start-up language posts a LanguageChange that arrives after the window
        # is built in that language: it would translate everything a second time.
        if event.type() == QEvent.Type.LanguageChange and self._texts_in != self._language_now():
            self.retranslate()
            if self.session.conversation is not None:
                self.chat.show_conversation(self.session.conversation)
        super().changeEvent(event)

    # -- layout memory ------------------------------------------------------------------
    def _restore_layout(self) -> None:
        folder = self._settings_path.parent if self._settings_path else config_dir()
        self.layout_memory = WindowLayout(self, self.splitter, folder / "layout.ini")
        self.layout_memory.restore()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.unsaved and not self._may_drop_unsaved():
            event.ignore()
            return
        self._started = True  # closed before its first frame: nothing starts any more
        self.layout_memory.save()
        self.save_settings()
        self.session.close()
        super().closeEvent(event)

    def save_settings(self) -> None:
        """Write settings.json now: called on every change, not only on a clean quit."""
        self.settings.trace_panel_visible = not self.trace.isHidden()  # also before the window shows
        try:
            self.settings.save(self._settings_path)
        except OSError as error:
            log.warning("could not save settings: %s", error)

    def _branch(self, version_id: int, offset: int, note: str) -> None:
        """Continue an answer differently from a point of its trace (a new version, nothing replaced)."""
        if not self.session.branch_from(version_id, offset, note):
            self._show_problem(self.tr("Continuing differently needs a local model and no reply "
                                       "being written."))

    def _may_drop_unsaved(self) -> bool:
        """Replies live only in memory (the disk was full): quitting loses them, so ask first."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.warning(
            self, "Denkspur",
            self.tr("Some replies could not be saved and exist only in this window. "
                    "Quit anyway and lose them? (Cancel, then Retry save or Export…)"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    # -- actions ---------------------------------------------------------------------
    def load_model(self, path: str) -> None:
        self._show_loading(path)
        self.session.load_model(path)

    def _show_loading(self, path: str) -> None:
        self.model_label.setText(self.tr("Loading %1…").replace("%1", Path(path).name))
        self.model_picker.show_model(Path(path).name, remote=False, loading=True)

    def set_trace_visible(self, visible: bool) -> None:
        self.trace.setVisible(visible)
        if self.menus.toggle_trace_action.isChecked() != visible:
            self.menus.toggle_trace_action.setChecked(visible)
        self.save_settings()

    def set_theme(self, theme: str) -> None:
        """Light, dark or the system's look; the open chat is drawn again in the new colours."""
        from denkspur.gui.theme import apply_theme

        self.settings.theme = apply_theme(theme)
        if self.session.conversation is not None:
            self.chat.show_conversation(self.session.conversation)
        self.save_settings()

    def set_language(self, code: str) -> None:
        self.settings.language = code
        self.language = install_language(code)
        if getattr(self, "corpus_panel", None) is not None:
            self.corpus_panel.set_language(self.language)
        for other, action in self.menus.language_actions.items():
            action.setChecked(other == self.language)
        self.save_settings()

    def _send(self, text: str) -> None:
        if self.session.model is None:
            self._show_problem(self.tr("Open a model first (File → Open model file…)."))
            return
        if self.session.send(text):
            self.composer.clear()

    def _show_conversation(self, conversation: Conversation | None) -> None:
        shown = conversation.id if conversation is not None else None
        if shown != self._shown_conversation:  # another chat: its side answer goes
            self.composer.clear_provisional()
        self._shown_conversation = shown
        self.conversations.show_open(shown)
        self.chat.show_conversation(conversation)
        if self.chat_settings is not None:
            self.chat_settings.show_values(self.session.chat_settings, self.settings)

    def _on_version_selected(self, version: Version | None) -> None:
        if self.session.busy and version is not None and version.id == self.session.generating_version:
            if not self.trace.is_live:  # back from another conversation: show the reply so far
                events = self._live_events.events() if self._live_events is not None else []
                self._begin_live_trace(self._live_started)
                self.trace.add_events(events)
                self.chat.begin_live(version.id)  # its card was made again from the last save
                self.chat.add_events(version.id, events)
            return  # the live trace is showing
        if not self.trace.is_live or version is not None:
            self.trace.show_version(version)

    def _begin_live_trace(self, started: float | None = None) -> None:
        self.trace.begin_live(estimated=self.session.is_remote,  # a server's events are not tokens
                              signals_expected=self.settings.token_signals, started=started)

    def _on_generation_started(self, version_id: int) -> None:
        self.composer.set_busy(True)
        self.menus.stop_action.setEnabled(True)
        self.composer.set_thinking(self._answer_now_possible())
        self.composer.clear_provisional()
        self.trace.map_bar.set_answer_now_possible(self._answer_now_possible())
        self.chat.begin_live(version_id)
        self._live_log().clear()
        self._live_started = time.monotonic()
        self._begin_live_trace(self._live_started)
        self._speed = 0.0
        self._update_speed_label()

    def _on_live_events(self, version_id: int, events: list[StreamEvent]) -> None:
        from denkspur.core.trace.stream import ProvisionalAnswer, TraceClosed, TraceText

        for event in events:
            if isinstance(event, ProvisionalAnswer):
                self.composer.show_provisional(event.text, event.trace_tokens)
        self._live_log().extend(events)
        self.trace.add_events(events, self.session.defer_shown())  # a flood is shown over turns
        self.chat.add_events(version_id, events)
        if any(isinstance(e, TraceClosed) for e in events):
            self.composer.set_thinking(False)
        elif any(isinstance(e, TraceText) for e in events):
            self.composer.set_thinking(self._answer_now_possible())

    def _answer_now_possible(self) -> bool:
        """Only a local model that thinks can be told to stop thinking (servers decide themselves)."""
        model = self.session.model
        return not self.session.is_remote and (model is None or model.reasoning)

    def _live_log(self) -> StreamEventLog:
        if self._live_events is None:
            from denkspur.core.trace.event_log import StreamEventLog

            self._live_events = StreamEventLog()
        return self._live_events

    def _on_generation_finished(self, result: GenerationResult) -> None:
        if self._live_events is not None:
            self._live_events.clear()
        self.trace.end_live()
        self.composer.set_busy(False)
        self.menus.stop_action.setEnabled(False)
        stats = result.outcome.result.stats
        if stats.tokens_per_second:
            self._speed = float(stats.tokens_per_second)
            self._update_speed_label()
        model = self.session.model
        if model is not None and stats.prompt_tokens is not None and model.n_ctx > 0:
            # A continued reply's prompt holds the stopped one's tokens, which its counts include too.
            self._context_used = stats.prompt_tokens + stats.completion_tokens - stats.carried_tokens
            self._update_model_label()
        if result.outcome.error is not None:
            from denkspur.gui.failures import failure_text

            error = result.outcome.error
            self.statusBar().showMessage(failure_text(error.kind, error.message, one_line=True), 10_000)

    def _on_model_changed(self, model: p.ModelLoaded | None) -> None:
        self._context_used = 0  # figures of the previous model or server are not this one's
        self._speed = 0.0
        self._update_speed_label()
        if model is not None and not self.session.is_remote:
            self.settings.recent_models = remember_model(self.settings.recent_models, model.path)
            self.model_picker.recent = self.settings.recent_models
            self.settings.last_backend = "local"
        elif model is not None:
            self.settings.recent_servers = remember_server(self.settings.recent_servers, self.last_server())
            self.model_picker.recent_servers = self.settings.recent_servers
            self.settings.last_backend = "server"
        if model is not None:
            self.save_settings()  # the model to open next time
        self._update_picker()
        if self.chat_settings is not None:
            self.chat_settings.set_remote(self.session.is_remote)
        self.chat.set_model_present(model is not None)
        self.open_model_button.setVisible(model is None)
        self.models_button.setVisible(model is None)
        self._update_model_label()

    def _update_picker(self) -> None:
        model = self.session.model
        if model is None:
            self.model_picker.show_model("", remote=False, loading=False)
        elif self.session.is_remote:
            self.model_picker.show_model(server_name(self.settings.remote_url, model.path), remote=True,
                                         loading=False)
        else:
            self.model_picker.show_model(Path(model.path).name, remote=False, loading=False)

    def _update_speed_label(self) -> None:
        """Formatted when shown, so a language switch re-formats it (3.3 tokens/s, 3,3 Token/s)."""
        speed = getattr(self, "_speed", 0.0)
        text = self.tr("%1 tokens/s").replace("%1", QLocale().toString(speed, "f", 1)) if speed else ""
        self.speed_label.setText(text)

    def _update_model_label(self) -> None:
        model = self.session.model
        locale = QLocale()
        used = getattr(self, "_context_used", 0)
        if model is None:
            self.model_label.setText(self.tr("No model loaded"))
            return
        text = self.tr("Model: %1").replace("%1", elided(self.session.model_name))
        if model.n_ctx > 0:  # a server does not say its context size
            size = f"{locale.toString(used)}/{locale.toString(model.n_ctx)}"
            text += " · " + self.tr("context %1").replace("%1", size)
        if self.session.is_remote:
            text += " · " + self.tr("server %1").replace("%1", self.settings.remote_url)
        elif self.session.ready is not None:
            text += f" · llama.cpp {self.session.ready.backend}"
        self.model_label.setText(text)

    def _show_note(self, note: str) -> None:
        self.statusBar().showMessage(note, 3_000)

    def _show_problem(self, message: str) -> None:
        """Tell the user without blocking: the window keeps working behind the note."""
        from PySide6.QtWidgets import QMessageBox

        self.statusBar().showMessage(message, 15_000)
        self._update_model_label()
        self.problem_box = message_box(self, QMessageBox.Icon.Warning, "Denkspur", message)
        self.problem_box.setObjectName("problemBox")
        self.problem_box.open()
