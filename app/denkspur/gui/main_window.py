"""The main window: conversations | chat | reasoning trace, in one splitter."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.settings import Settings, data_dir
from denkspur.gui.chat_session import ChatSession
from denkspur.gui.chat_view import ChatView
from denkspur.gui.composer import Composer
from denkspur.gui.conversation_list import ConversationList
from denkspur.gui.i18n import LANGUAGES, install_language
from denkspur.gui.plain import message_box, plain_label
from denkspur.gui.trace_panel import TracePanel, copy_to_clipboard
from denkspur.gui.unsaved_bar import UnsavedBar
from denkspur.gui.window_actions import WindowActions

if TYPE_CHECKING:  # imported where used: start-up only pays for what the first window needs
    from denkspur.core.conversations.store import Conversation, Version
    from denkspur.core.trace.stream import StreamEvent
    from denkspur.engine import protocol as p
    from denkspur.gui.engine_worker import GenerationResult

log = logging.getLogger("denkspur.gui")


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
        self.resize(1280, 800)
        self._settings_path = settings_path
        self.settings = settings or Settings.load(settings_path)
        self.language = install_language(self.settings.language)
        self.data_path = data_path or data_dir()
        self.session = ChatSession(self.data_path, self.settings, engine_fault=engine_fault, parent=self)
        self._build()
        self._connect()
        self.retranslate()
        self._restore_layout()
        # The window comes first; the conversation list follows from the store thread.
        QTimer.singleShot(0, self.session.refresh_conversations)
        if autoload and self.settings.model_path and Path(self.settings.model_path).is_file():
            self.load_model(self.settings.model_path)
        else:
            QTimer.singleShot(150, self._show_recommendation)  # after the first paint: not urgent

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
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.conversations)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.trace)
        self.splitter.setSizes([240, 640, 400])
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.model_label = plain_label(name="modelLabel")  # names a server's model: outside text
        self.speed_label = plain_label(name="speedLabel")
        self.statusBar().addWidget(self.model_label, 1)
        self.statusBar().addPermanentWidget(self.speed_label)
        self._build_menus()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_model_action = self.file_menu.addAction("", self.choose_model)
        self.open_model_action.setShortcut(QKeySequence.StandardKey.Open)
        self.models_action = self.file_menu.addAction("", self.show_models)
        self.models_action.setShortcut(QKeySequence("Ctrl+M"))
        self.remote_action = self.file_menu.addAction("", self.connect_remote)
        self.import_action = self.file_menu.addAction("", self.import_conversation)
        self.export_md_action = self.file_menu.addAction("", lambda: self.export_current("md"))
        self.export_json_action = self.file_menu.addAction("", lambda: self.export_current("json"))
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("", self.close)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.view_menu = bar.addMenu("")
        self.toggle_trace_action = QAction(self)
        self.toggle_trace_action.setCheckable(True)
        self.toggle_trace_action.setChecked(self.settings.trace_panel_visible)
        self.toggle_trace_action.setShortcut(QKeySequence("Ctrl+T"))
        self.toggle_trace_action.toggled.connect(self.set_trace_visible)
        self.view_menu.addAction(self.toggle_trace_action)
        self.compare_action = self.view_menu.addAction("", self.compare_traces)
        self.corpus_action = self.view_menu.addAction("", self.show_corpus)
        self.corpus_action.setShortcut(QKeySequence("Ctrl+K"))
        self.settings_menu = bar.addMenu("")
        self.preferences_action = self.settings_menu.addAction("", self.edit_settings)
        self.language_menu = self.settings_menu.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = self.language_menu.addAction(name, partial(self.set_language, code))
            action.setCheckable(True)
            action.setChecked(code == self.language)
            group.addAction(action)
            self.language_actions[code] = action
        self.engine_menu = bar.addMenu("")
        self.restart_action = self.engine_menu.addAction("", self.session.restart_engine)
        # Esc stops wherever the focus is (trace panel, list, chat): a window-wide
        # shortcut, enabled only while a reply is generated so Esc keeps its usual
        # meaning otherwise.
        self.stop_action = self.engine_menu.addAction("", self.session.stop)
        self.stop_action.setObjectName("stopGenerating")
        self.stop_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.stop_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.stop_action.setEnabled(False)
        self.addAction(self.stop_action)
        self.trace.setVisible(self.settings.trace_panel_visible)

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
        self.conversations.search_requested.connect(s.search)
        self.conversations.export_requested.connect(self.export_conversation)
        self.composer.send_requested.connect(self._send)
        self.composer.stop_requested.connect(s.stop)
        self.composer.answer_now_requested.connect(s.answer_now)
        self.composer.probe_requested.connect(s.probe)
        self.chat.version_selected.connect(self._on_version_selected)
        self.chat.regenerate_requested.connect(s.regenerate)
        self.chat.edit_requested.connect(s.edit_and_resend)
        self.chat.version_requested.connect(s.select_version)
        self.chat.restart_requested.connect(s.restart_engine)
        self.trace.copy_requested.connect(copy_to_clipboard)

    def retranslate(self) -> None:
        self.setWindowTitle("Denkspur")
        self.file_menu.setTitle(self.tr("&File"))
        self.open_model_action.setText(self.tr("Open model file…"))
        self.import_action.setText(self.tr("Import conversation…"))
        self.export_md_action.setText(self.tr("Export conversation as Markdown…"))
        self.export_json_action.setText(self.tr("Export conversation as JSON…"))
        self.quit_action.setText(self.tr("Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.toggle_trace_action.setText(self.tr("Reasoning trace panel"))
        self.compare_action.setText(self.tr("Compare traces…"))
        self.corpus_action.setText(self.tr("DeepSeek-R1 in the news (explained)"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.preferences_action.setText(self.tr("Preferences…"))
        self.language_menu.setTitle(self.tr("Language"))
        self.engine_menu.setTitle(self.tr("&Engine"))
        self.restart_action.setText(self.tr("Restart engine"))
        self.stop_action.setText(self.tr("Stop generating"))
        self.open_model_button.setText(self.tr("Open a GGUF model file…"))
        self.models_button.setText(self.tr("Browse and download models…"))
        self.models_action.setText(self.tr("Models…"))
        self.remote_action.setText(self.tr("Connect to a server…"))
        for widget in (self.conversations, self.composer, self.trace):
            widget.retranslate()
        self.chat.set_model_present(self.session.model is not None)
        self._update_model_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.session.conversation is not None:
                self.chat.show_conversation(self.session.conversation)
        super().changeEvent(event)

    # -- layout memory ------------------------------------------------------------------
    def _qsettings(self) -> QSettings:
        return QSettings("Denkspur", "Denkspur")

    def _restore_layout(self) -> None:
        state = self._qsettings().value("mainSplitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.unsaved and not self._may_drop_unsaved():
            event.ignore()
            return
        self._qsettings().setValue("mainSplitter", self.splitter.saveState())
        self.settings.trace_panel_visible = self.trace.isVisible()
        try:
            self.settings.save(self._settings_path)
        except OSError as error:
            log.warning("could not save settings: %s", error)
        self.session.close()
        super().closeEvent(event)

    def _branch(self, version_id: int, offset: int, note: str) -> None:
        """Continue an answer differently from a point of its trace (a new version, nothing replaced)."""
        if not self.session.branch_from(version_id, offset, note):
            self._show_problem(self.tr("Continuing differently needs a local model and no reply "
                                       "being written."))

    def _may_drop_unsaved(self) -> bool:
        """Replies live only in memory (the disk was full): quitting loses them, so ask first."""
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
        self.model_label.setText(self.tr("Loading %1…").replace("%1", Path(path).name))
        self.session.load_model(path)

    def set_trace_visible(self, visible: bool) -> None:
        self.trace.setVisible(visible)
        if self.toggle_trace_action.isChecked() != visible:
            self.toggle_trace_action.setChecked(visible)

    def set_language(self, code: str) -> None:
        self.settings.language = code
        self.language = install_language(code)
        if getattr(self, "corpus_panel", None) is not None:
            self.corpus_panel.set_language(self.language)
        for other, action in self.language_actions.items():
            action.setChecked(other == self.language)

    def _send(self, text: str) -> None:
        if self.session.model is None:
            self._show_problem(self.tr("Open a model first (File → Open model file…)."))
            return
        if self.session.send(text):
            self.composer.clear()

    def _show_conversation(self, conversation: Conversation | None) -> None:
        self.chat.show_conversation(conversation)

    def _on_version_selected(self, version: Version | None) -> None:
        if self.session.busy and version is not None and version.id == self.session.generating_version:
            return  # the live trace is already showing
        if not self.trace.is_live or version is not None:
            self.trace.show_version(version)

    def _on_generation_started(self, version_id: int) -> None:
        self.composer.set_busy(True)
        self.stop_action.setEnabled(True)
        self.composer.set_thinking(self._answer_now_possible())
        self.composer.clear_provisional()
        self.chat.begin_live(version_id)
        self.trace.begin_live()
        self.speed_label.setText("")

    def _on_live_events(self, version_id: int, events: list[StreamEvent]) -> None:
        from denkspur.core.trace.stream import ProvisionalAnswer, TraceClosed, TraceText

        for event in events:
            if isinstance(event, ProvisionalAnswer):
                self.composer.show_provisional(event.text, event.trace_tokens)
        self.trace.add_events(events)
        self.chat.add_events(version_id, events)
        if any(isinstance(e, TraceClosed) for e in events):
            self.composer.set_thinking(False)
        elif any(isinstance(e, TraceText) for e in events):
            self.composer.set_thinking(self._answer_now_possible())

    def _answer_now_possible(self) -> bool:
        """Only a local model that thinks can be told to stop thinking (servers decide themselves)."""
        model = self.session.model
        return not self.session.is_remote and (model is None or model.reasoning)

    def _on_generation_finished(self, result: GenerationResult) -> None:
        self.trace.end_live()
        self.composer.set_busy(False)
        self.stop_action.setEnabled(False)
        stats = result.outcome.result.stats
        if stats.tokens_per_second:
            self.speed_label.setText(self.tr("%1 tokens/s").replace("%1", f"{stats.tokens_per_second:.1f}"))
        model = self.session.model
        if model is not None and stats.prompt_tokens is not None:
            used = stats.prompt_tokens + stats.completion_tokens
            self._context_text = f"{used:,}/{model.n_ctx:,}"
            self._update_model_label()
        if result.outcome.error is not None:
            self.statusBar().showMessage(result.outcome.error.message, 10_000)

    def _on_model_changed(self, model: p.ModelLoaded | None) -> None:
        self.chat.set_model_present(model is not None)
        self.open_model_button.setVisible(model is None)
        self.models_button.setVisible(model is None)
        self._update_model_label()

    def _update_model_label(self) -> None:
        model = self.session.model
        context = getattr(self, "_context_text", "")
        if model is None:
            self.model_label.setText(self.tr("No model loaded"))
            return
        text = self.tr("Model: %1").replace("%1", Path(model.path).name)
        text += " · " + self.tr("context %1").replace("%1", context or f"0/{model.n_ctx:,}")
        if self.session.is_remote:
            text += " · " + self.tr("server %1").replace("%1", self.settings.remote_url)
        elif self.session.ready is not None:
            text += f" · llama.cpp {self.session.ready.backend}"
        self.model_label.setText(text)

    def _show_problem(self, message: str) -> None:
        """Tell the user without blocking: the window keeps working behind the note."""
        self.statusBar().showMessage(message, 15_000)
        self._update_model_label()
        self.problem_box = message_box(self, QMessageBox.Icon.Warning, "Denkspur", message)
        self.problem_box.setObjectName("problemBox")
        self.problem_box.open()
