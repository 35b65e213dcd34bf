"""The main window's File, View, Settings and Engine menus (the Chat and Help menus and the
shortcuts that are not in these menus are :mod:`denkspur.gui.window_keys`').

Kept out of :mod:`denkspur.gui.main_window` so the window stays about layout and
wiring; the actions call the window's and the session's methods.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from denkspur.gui.i18n import LANGUAGES
from denkspur.gui.lazy_qt import set_enum_properties, set_shortcut

if TYPE_CHECKING:
    from denkspur.gui.main_window import MainWindow


class WindowMenus(QObject):
    """Creates the menus on ``window``'s menu bar; their actions are attributes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_model_action = self.file_menu.addAction("", window.choose_model)
        set_shortcut(self.open_model_action, QKeySequence(QKeySequence.StandardKey.Open))
        self.models_action = self.file_menu.addAction("", window.show_models)
        set_shortcut(self.models_action, QKeySequence("Ctrl+M"))
        self.remote_action = self.file_menu.addAction("", window.connect_remote)
        self.import_action = self.file_menu.addAction("", window.import_conversation)
        self.export_md_action = self.file_menu.addAction("", lambda: window.export_current("md"))
        self.export_json_action = self.file_menu.addAction("", lambda: window.export_current("json"))
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("", window.close)
        set_shortcut(self.quit_action, QKeySequence(QKeySequence.StandardKey.Quit))
        self.view_menu = bar.addMenu("")
        self.toggle_trace_action = QAction(self)
        self.toggle_trace_action.setCheckable(True)
        self.toggle_trace_action.setChecked(window.settings.trace_panel_visible)
        set_shortcut(self.toggle_trace_action, QKeySequence("Ctrl+T"))
        self.toggle_trace_action.toggled.connect(window.set_trace_visible)
        self.view_menu.addAction(self.toggle_trace_action)
        self.compare_action = self.view_menu.addAction("", window.compare_traces)
        self.corpus_action = self.view_menu.addAction("", window.show_corpus)
        set_shortcut(self.corpus_action, QKeySequence("Ctrl+K"))
        self.settings_menu = bar.addMenu("")
        self.preferences_action = self.settings_menu.addAction("", window.edit_settings)
        self.language_menu = self.settings_menu.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = self.language_menu.addAction(name, partial(window.set_language, code))
            action.setCheckable(True)
            action.setChecked(code == window.language)
            group.addAction(action)
            self.language_actions[code] = action
        self.engine_menu = bar.addMenu("")
        self.restart_action = self.engine_menu.addAction("", window.session.restart_engine)
        # Esc stops wherever the focus is (trace panel, list, chat): a window-wide
        # shortcut, enabled only while a reply is generated so Esc keeps its usual
        # meaning otherwise.
        self.stop_action = self.engine_menu.addAction("", window.session.stop)
        self.stop_action.setObjectName("stopGenerating")
        set_shortcut(self.stop_action, QKeySequence("Esc"))
        set_enum_properties(self.stop_action, shortcutContext="WindowShortcut")
        self.stop_action.setEnabled(False)
        window.addAction(self.stop_action)

    def retranslate(self) -> None:
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
        self.models_action.setText(self.tr("Models…"))
        self.remote_action.setText(self.tr("Connect to a server…"))
