"""The main window's keyboard shortcuts and its Chat and Help menus.

Kept out of :mod:`denkspur.gui.main_window` so the window stays about layout and
wiring; every shortcut is a menu action, so the Help → Keyboard shortcuts dialog
lists exactly what the keys do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from denkspur.core.settings import config_dir
from denkspur.gui.keyboard_menu import install_keyboard_menu
from denkspur.gui.lazy_qt import Qt, set_enum_properties, set_shortcut

if TYPE_CHECKING:
    from denkspur.gui.main_window import MainWindow


class WindowKeys(QObject):
    """Creates the Chat and Help menus and the shortcuts on ``window``'s menu actions."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        bar = window.menuBar()
        self.chat_menu = QMenu(window)
        bar.insertMenu(window.menus.settings_menu.menuAction(), self.chat_menu)
        self.new_chat = self._add(self.chat_menu, "Ctrl+N", self.start_new_chat, "newChatAction")
        self.find = self._add(self.chat_menu, "Ctrl+F", window.conversations.focus_search, "findAction")
        self.chat_menu.addSeparator()
        self.answer_now = self._add(self.chat_menu, "Ctrl+Shift+A", self.answer_now_if_thinking,
                                    "answerNowAction")
        self.regenerate = self._add(self.chat_menu, "Ctrl+R", self.regenerate_last, "regenerateAction")
        self.continue_reply = self._add(self.chat_menu, "Ctrl+Shift+R", self.continue_stopped,
                                        "continueAction")
        self.focus_composer = self._add(self.chat_menu, "Ctrl+L", self.focus_message_box,
                                        "focusComposerAction")
        self.pick_model = self._add(self.chat_menu, "Ctrl+P", window.model_picker.showMenu, "pickModelAction")
        self.go_to_steps = self._add(self.chat_menu, "Ctrl+J", self.focus_trace_steps, "goToStepsAction")
        set_shortcut(window.menus.preferences_action, QKeySequence("Ctrl+,"))
        self.help_menu = bar.addMenu("")
        self.shortcuts = self._add(self.help_menu, "F1", self.show_shortcuts, "shortcutsAction")
        self.data_places = self._add(self.help_menu, "", self.show_data_places, "dataPlacesAction")
        self.help_menu.addSeparator()
        self.about = self._add(self.help_menu, "", self.show_about, "aboutAction")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        # Shift+F10 opens the context menus the Menu key opens (steps, trace text, conversations).
        install_keyboard_menu(window.trace.steps, window.trace.text, window.conversations.items)

    def _add(self, menu: QMenu, keys: str, slot: Callable[[], None], name: str) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if keys:
            set_shortcut(action, QKeySequence(keys))
            set_enum_properties(action, shortcutContext="WindowShortcut")
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def retranslate(self) -> None:
        self.chat_menu.setTitle(self.tr("&Chat"))
        self.new_chat.setText(self.tr("New chat"))
        self.find.setText(self.tr("Search conversations…"))
        self.answer_now.setText(self.tr("Answer now"))
        self.regenerate.setText(self.tr("Regenerate the last answer"))
        self.continue_reply.setText(self.tr("Continue the stopped answer"))
        self.focus_composer.setText(self.tr("Go to the message box"))
        self.pick_model.setText(self.tr("Switch model…"))
        self.go_to_steps.setText(self.tr("Go to the reasoning steps"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.shortcuts.setText(self.tr("Keyboard shortcuts…"))
        self.data_places.setText(self.tr("Where my data lives…"))
        self.about.setText(self.tr("About Denkspur…"))

    # -- what the keys do -------------------------------------------------------------
    def start_new_chat(self) -> None:
        self.window.session.new_conversation()
        self.focus_message_box()

    def focus_message_box(self) -> None:
        self.window.composer.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_trace_steps(self) -> None:
        """The trace panel's steps list (the panel is shown if hidden): arrows pick, Enter jumps."""
        if self.window.trace.isHidden():
            self.window.set_trace_visible(True)
        self.window.trace.focus_steps()

    def answer_now_if_thinking(self) -> None:
        """Same as the composer's button, and only when it is enabled (a local model thinking)."""
        if self.window.composer.answer_now.isEnabled():
            self.window.session.answer_now()

    def regenerate_last(self) -> None:
        conversation = self.window.session.conversation
        if conversation is None:
            return
        replies = [m for m in conversation.messages if m.role == "assistant"]
        if replies:
            self.window.session.regenerate(replies[-1].id)

    def continue_stopped(self) -> None:
        """"Continue" the selected reply if it was stopped, else the last one if it was."""
        version_id = self.window.chat.stopped_version()
        if version_id is not None:
            self.window.session.continue_reply(version_id)

    def show_shortcuts(self) -> None:
        from denkspur.gui.help_dialogs import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self.window)
        self.shortcuts_dialog.open()

    def show_about(self) -> None:
        from denkspur.gui.help_dialogs import AboutDialog

        self.about_dialog = AboutDialog(self.window, self.window.session.ready)
        self.about_dialog.open()

    def show_data_places(self) -> None:
        from denkspur.gui.help_dialogs import DataLocationsDialog

        window = self.window
        settings_file = window._settings_path or config_dir() / "settings.json"
        places = [
            (self.tr("Conversations"), window.data_path),
            (self.tr("Settings"), settings_file.parent),
            (self.tr("Models"), window.settings.model_folder(window.data_path)),
        ]
        self.data_dialog = DataLocationsDialog(window, places)
        self.data_dialog.open()
