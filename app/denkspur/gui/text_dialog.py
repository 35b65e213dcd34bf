"""Asking for a few lines of text (a note that steers the reasoning, an edited question).

``QInputDialog.getMultiLineText`` gives a box in which Tab types a tab: a keyboard
user cannot reach OK that way. Here Tab leaves the box, as it leaves the composer
(Ctrl+Tab there types a tab), and Enter on OK then accepts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QPlainTextEdit, QWidget


def text_dialog(parent: QWidget | None, title: str, label: str, text: str) -> QInputDialog:
    """A multi-line text dialog, not yet shown, whose text box Tab leaves."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setTextValue(text)
    for editor in dialog.findChildren(QPlainTextEdit):
        editor.setTabChangesFocus(True)
    return dialog


def ask_text(parent: QWidget | None, title: str, label: str, text: str) -> tuple[str, bool]:
    """Like ``QInputDialog.getMultiLineText``: the text, and whether the user accepted it."""
    dialog = text_dialog(parent, title, label, text)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue(), accepted
