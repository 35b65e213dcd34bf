"""Text-direction controls in outside text (U+202E RIGHT-TO-LEFT OVERRIDE …) are shown, never obeyed.

An override in a trace, an answer, a title or a model name reorders what is shown
around it ("2+3=5" appears as "5=3+2"): the screen must show what was written, and
Copy must still give it exactly (:mod:`denkspur.core.text.bidi`).
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QTextCursor
from pytestqt.qtbot import QtBot

from denkspur.core.text.bidi import BIDI_CONTROLS, STAND_IN, visible_bidi

RLO, PDF = "\u202e", "\u202c"
WRITTEN = f"So the sum is {RLO}5 = 3 + 2{PDF}, which I check.\nNext {chr(0x2067)}line{chr(0x2069)} here."


def _no_controls(text: str) -> bool:
    return not any(char in text for char in BIDI_CONTROLS)


def test_markers_name_every_control_and_leave_none() -> None:
    assert visible_bidi(f"a{RLO}b") == "a⟨U+202E⟩b"
    every = "".join(BIDI_CONTROLS)
    assert _no_controls(visible_bidi(every)) and visible_bidi(every).count("⟨U+") == len(every)
    plain = "no controls here"
    assert visible_bidi(plain) is plain  # the common case costs no copy


def test_trace_view_shows_controls_as_stand_ins_and_copies_them_as_written(qtbot: QtBot) -> None:
    from denkspur.gui.trace_view import TraceView

    view = TraceView()
    qtbot.addWidget(view)
    view.append(WRITTEN)
    qtbot.waitUntil(lambda: view.pending == 0)
    shown = view.document().toPlainText()
    assert _no_controls(shown)  # nothing left to reorder the line
    assert len(shown) == len(WRITTEN) and shown[WRITTEN.index(RLO)] == STAND_IN  # offsets unchanged
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.document_position(WRITTEN.index(RLO)) + 1)
    tip = cursor.charFormat().toolTip()
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in tip
    view.selectAll()
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == WRITTEN  # Copy gives what the model wrote
    assert view.source_text() == WRITTEN


def test_confidence_view_shows_stand_ins_and_copies_as_written(qtbot: QtBot) -> None:
    from denkspur.gui.confidence_view import ConfidenceView

    view = ConfidenceView()
    qtbot.addWidget(view)
    view.show_trace(WRITTEN, [])
    assert _no_controls(view.document().toPlainText())
    cursor = view.textCursor()
    cursor.setPosition(WRITTEN.index("sum"))
    cursor.setPosition(WRITTEN.index("which"), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == WRITTEN[WRITTEN.index("sum"):WRITTEN.index("which")]


def test_labels_show_markers_for_outside_strings(qtbot: QtBot) -> None:
    from denkspur.gui.plain import plain_label

    label = plain_label(f"DeepSeek-R1{RLO}fdd.gguf")  # a server's model name
    qtbot.addWidget(label)
    assert label.text() == "DeepSeek-R1⟨U+202E⟩fdd.gguf"
    label.setText(f"error {RLO}txt.exe")
    assert label.text() == "error ⟨U+202E⟩txt.exe"


def test_answers_render_the_markers(qtbot: QtBot) -> None:
    from denkspur.core.conversations.store import Message, Version
    from denkspur.gui.message_card import MessageCard

    card = MessageCard(Message(1, 1, "assistant", [Version(1, 0, f"It is **{RLO}51{PDF}**.")], 0))
    qtbot.addWidget(card)
    assert _no_controls(card.body.text()) and "⟨U+202E⟩51⟨U+202C⟩" in card.body.text()


def test_conversation_titles_show_markers_and_rename_keeps_the_title(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from denkspur.core.conversations.store import ConversationSummary
    from denkspur.gui.conversation_list import ConversationList

    widget = ConversationList()
    qtbot.addWidget(widget)
    title = f"Invoice {RLO}fdp.exe"
    widget.show_conversations([ConversationSummary(1, title, 0.0, 2, False)])
    item = next(widget.items.item(row) for row in range(widget.items.count())
                if widget.items.item(row).text() == title)  # the item keeps it, for renaming
    index = widget.items.indexFromItem(item)
    option = QStyleOptionViewItem()
    widget.items.itemDelegate().initStyleOption(option, index)  # type: ignore[attr-defined]
    assert option.text == "Invoice ⟨U+202E⟩fdp.exe"
    assert _no_controls(item.toolTip())


def test_step_titles_show_markers(qtbot: QtBot) -> None:
    from denkspur.gui.step_style import first_words

    assert first_words(f"Wait, {RLO}5 = 3 + 2") == "Wait, ⟨U+202E⟩5 = 3 + 2"


def test_compare_choices_show_markers_for_model_names(qtbot: QtBot) -> None:
    from denkspur.core.conversations.store import Version
    from denkspur.gui.compare_dialog import CompareDialog

    one, two = Version(1, 0, "5", trace="Five."), Version(2, 1, "5", trace="Six. Wait, five.")
    dialog = CompareDialog([(f"Reply 1, version 1 (srv{RLO}x)", one), ("Reply 1, version 2 (m)", two)])
    qtbot.addWidget(dialog)
    assert dialog.left.itemText(0) == "Reply 1, version 1 (srv⟨U+202E⟩x)"


def test_other_invisible_controls_are_shown_too(qtbot: QtBot) -> None:
    """A model can write control characters (byte tokens: NUL, BEL, ESC …): the trace view shows
    each as the stand-in, named on hover, instead of an empty box; tab and newlines stay as they are;
    labels show the marker; Copy gives what was written."""
    from denkspur.gui.trace_view import TraceView

    written = "Okay.\x02\x00\x07\tthen\x1b[31m red\x7f\x85 end\nline two\r\n"
    assert visible_bidi("a\x00b\x07c") == "a⟨U+0000⟩b⟨U+0007⟩c"
    assert visible_bidi("tab\there\nand line") == "tab\there\nand line"
    view = TraceView()
    qtbot.addWidget(view)
    view.append(written)
    qtbot.waitUntil(lambda: view.pending == 0)
    shown = view.document().toPlainText()
    assert not any(char in shown for char in "\x00\x02\x07\x1b\x7f\x85")
    assert "\tthen" in shown and shown.count(STAND_IN) == 6
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.document_position(written.index("\x07")) + 1)
    assert "U+0007" in cursor.charFormat().toolTip()
    view.selectAll()
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == written
