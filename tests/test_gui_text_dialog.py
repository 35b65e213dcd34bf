"""The note and edit dialogs are keyboard-usable: Tab leaves the text box (it typed a tab), Enter accepts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from denkspur.gui.text_dialog import text_dialog


def test_tab_leaves_the_text_box_and_enter_accepts(qtbot: QtBot) -> None:
    dialog = text_dialog(None, "Steer the reasoning", "Your note:", "Wait, ")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    editor = dialog.findChild(QPlainTextEdit)
    assert editor is not None
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=5_000)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "integers only.")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert dialog.textValue() == "Wait, integers only."  # no tab typed into the note
    assert not editor.hasFocus()
    focused = dialog.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.textValue() == "Wait, integers only."


def test_the_note_and_edit_dialogs_use_it() -> None:
    """Both multi-line questions the window asks go through :func:`ask_text`."""
    from pathlib import Path

    from denkspur import gui

    folder = Path(gui.__file__).parent
    for name in ("trace_panel.py", "chat_view.py"):
        source = (folder / name).read_text(encoding="utf-8")
        assert "getMultiLineText" not in source and "ask_text(" in source, name
