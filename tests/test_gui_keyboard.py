"""Keyboard first: focus, Tab, the window's shortcuts, and the Help menu's dialogs (real widgets)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from denkspur.gui.main_window import MainWindow
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE
from gui_helpers import ask, open_window, wait_idle

CTRL = Qt.KeyboardModifier.ControlModifier


def _active(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def test_focus_starts_in_the_composer_and_tab_leaves_it(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    _active(qtbot, window)
    editor = window.composer.editor
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=5_000)
    qtbot.keyClicks(editor, "a")
    qtbot.keyClick(editor, Qt.Key.Key_Tab, CTRL)  # a literal tab
    assert editor.toPlainText() == "a\t"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not editor and editor.toPlainText() == "a\t"
    window.close()


def test_ctrl_f_searches_and_ctrl_n_starts_a_new_chat_in_the_composer(qtbot: QtBot, tmp_path: Path,
                                                                      tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    _active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.conversations.search
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: not window.chat.cards, timeout=5_000)
    assert window.session.conversation is None
    assert QApplication.focusWidget() is window.composer.editor
    window.close()


def test_ctrl_r_regenerates_the_last_answer(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    _active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.session.busy, timeout=5_000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.chat.cards[-1].message.versions) == 2, timeout=5_000)
    assert [v.answer for v in window.chat.cards[-1].message.versions] == [EXPECTED_ANSWER] * 2
    window.close()


def test_ctrl_shift_a_answers_now(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model, engine_fault="slow@token:150")
    ask(qtbot, window, "What is 2 + 3?")
    qtbot.waitUntil(lambda: window.trace.trace_text() != "", timeout=10_000)
    _active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    wait_idle(qtbot, window)
    version = window.chat.cards[-1].version
    assert version.state == "complete" and version.answer == EXPECTED_ANSWER
    assert len(version.trace) < len(EXPECTED_TRACE)
    window.close()


def test_ctrl_comma_opens_preferences(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    _active(qtbot, window)
    seen: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            seen.append(type(dialog).__name__)
            dialog.reject()

    QTimer.singleShot(300, close_it)
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen == ["SettingsDialog"]
    # Closed means gone: a dialog left to Python's collector warned "shared QObject was deleted
    # directly" at exit.
    qtbot.waitUntil(lambda: not [w for w in window.findChildren(QDialog)
                                 if type(w).__name__ == "SettingsDialog"], timeout=5_000)
    window.close()


def test_help_shortcuts_list_the_real_keys(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    _active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window.keys, "shortcuts_dialog", None) is not None, timeout=5_000)
    rows = dict(window.keys.shortcuts_dialog.rows())
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["New chat"] == QKeySequence("Ctrl+N").toString(native)
    assert rows["Search conversations"] == QKeySequence("Ctrl+F").toString(native)
    assert rows["Preferences"] == QKeySequence("Ctrl+,").toString(native)
    assert "Answer now" in rows and "Regenerate the last answer" in rows
    assert rows["Rename the selected conversation"] == "F2"
    assert rows["Context menu (steps, trace, conversations)"] == "Menu key or Shift+F10"
    window.keys.shortcuts_dialog.close()
    window.close()


def test_about_and_data_places(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    qtbot.waitUntil(lambda: window.session.ready is not None, timeout=30_000)
    window.keys.about.trigger()
    about = window.keys.about_dialog
    ready = window.session.ready
    assert ready is not None
    assert ready.llama_cpp_version in about.engine_label.text() and ready.backend in about.engine_label.text()
    assert "MIT" in about.licences_label.text() and "LGPL" in about.licences_label.text()
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in about.findChildren(QLabel))
    about.close()
    window.keys.data_places.trigger()
    shown = [label.text() for label in window.keys.data_dialog.path_labels]
    assert shown == [str(tmp_path / "data"), str(tmp_path), str(tmp_path / "data" / "models")]
    window.keys.data_dialog.close()
    window.close()


def test_window_fits_the_screen_and_remembers_its_layout_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    from denkspur.gui.window_layout import fitting_size

    assert fitting_size(1920, 1080) == (1280, 800) and fitting_size(1024, 700) == (921, 630)
    window = open_window(qtbot, tmp_path, None)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    window.resize(780, 480)  # within the (800×600 offscreen) screen
    window.splitter.setSizes([150, 400, 230])
    size, sizes = window.size(), window.splitter.sizes()
    layout = tmp_path / "layout.ini"  # beside settings.json, i.e. in the app's config folder
    qtbot.waitUntil(lambda: layout.is_file() and "geometry" in layout.read_text(encoding="latin-1"),
                    timeout=5_000)  # saved soon after the change, no clean quit needed
    window.layout_memory.save()  # the splitter moved by code, not by the user's drag
    again = open_window(qtbot, tmp_path, None)
    assert again.size() == size
    assert again.splitter.sizes() == sizes
    again.close()
    window.close()


def test_settings_are_saved_when_changed_not_only_on_quit(qtbot: QtBot, tmp_path: Path) -> None:
    import json

    window = open_window(qtbot, tmp_path, None)
    saved = tmp_path / "settings.json"
    window.menus.toggle_trace_action.trigger()
    assert json.loads(saved.read_text(encoding="utf-8"))["trace_panel_visible"] is False
    window.set_language("de")
    assert json.loads(saved.read_text(encoding="utf-8"))["language"] == "de"
    window.set_language("en")
    window.close()


def test_ctrl_j_goes_to_the_steps_arrows_pick_one_and_enter_jumps_the_trace_there(
    qtbot: QtBot, tmp_path: Path, tiny_model: Path
) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    steps, text = window.trace.steps, window.trace.text
    qtbot.waitUntil(lambda: steps.count() == window.trace.step_count() >= 3, timeout=5_000)
    window.menus.toggle_trace_action.trigger()  # hidden: the shortcut brings the panel back
    assert window.trace.isHidden()
    _active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_J, CTRL)
    assert not window.trace.isHidden() and window.menus.toggle_trace_action.isChecked()
    assert QApplication.focusWidget() is steps and steps.currentRow() == 0
    qtbot.keyClick(steps, Qt.Key.Key_Down)
    qtbot.keyClick(steps, Qt.Key.Key_Down)
    assert steps.currentRow() == 2
    start = int(steps.currentItem().data(Qt.ItemDataRole.UserRole))
    assert start > 0 and text.trace_offset(text.textCursor().position()) != start  # arrows alone do not jump
    qtbot.keyClick(steps, Qt.Key.Key_Return)
    assert text.trace_offset(text.textCursor().position()) == start
    assert QApplication.focusWidget() is steps  # the next step is one arrow away
    qtbot.keyClick(steps, Qt.Key.Key_Up)
    qtbot.keyClick(steps, Qt.Key.Key_Enter)  # the keypad's Enter too
    first = int(steps.currentItem().data(Qt.ItemDataRole.UserRole))
    assert steps.currentRow() == 1 and text.trace_offset(text.textCursor().position()) == first
    window.close()
