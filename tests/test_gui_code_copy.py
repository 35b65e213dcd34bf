"""Code blocks show their language and a Copy link; every copy says "Copied"; replies name their model."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Conversation, Message, Version
from denkspur.core.text.markdown import COPY_CODE_LINK, code_blocks, render_markdown
from denkspur.gui.chat_view import ChatView
from denkspur.gui.clipboard import copies
from denkspur.gui.message_card import MessageCard

ANSWER = "Two blocks:\n\n```python\nprint(1)\n```\n\nand\n\n```<b>evil\nrm -rf /\n```\n"


def test_code_blocks_get_a_language_line_and_numbered_copy_links() -> None:
    html = render_markdown(ANSWER, copy_text="Copy")
    assert f'href="{COPY_CODE_LINK}0"' in html and f'href="{COPY_CODE_LINK}1"' in html
    assert "<b>python</b>" in html and "<b>&lt;b&gt;evil</b>" in html  # the language is escaped
    assert code_blocks(ANSWER) == [("python", "print(1)\n"), ("<b>evil", "rm -rf /\n")]
    assert COPY_CODE_LINK not in render_markdown(ANSWER)  # only where the app asks for it
    forged = render_markdown(f"[copy]({COPY_CODE_LINK}0)", copy_text="Copy")
    assert "href" not in forged  # model-written links cannot use the app's scheme


def test_copy_link_copies_that_block_and_says_copied(qtbot: QtBot) -> None:
    model = "/m/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"
    card = MessageCard(Message(1, 1, "assistant", [Version(1, 0, ANSWER, model=model)], 0))
    qtbot.addWidget(card)
    assert card.role_label.text() == "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M"
    with qtbot.waitSignal(copies.copied) as note:
        card.body.linkActivated.emit(f"{COPY_CODE_LINK}1")
    assert QApplication.clipboard().text() == "rm -rf /\n"
    assert note.args[0].startswith("Copied")
    card.body.linkActivated.emit(f"{COPY_CODE_LINK}7")  # no such block: nothing happens
    assert QApplication.clipboard().text() == "rm -rf /\n"


def test_answer_copy_buttons_say_copied_and_server_model_names_are_plain_text(qtbot: QtBot) -> None:
    reply = Version(2, 0, "It is 5.", trace="Add.", model="<i>server-model</i>")
    messages = [Message(1, 0, "user", [Version(1, 0, "2+3?")], 0), Message(2, 1, "assistant", [reply], 0)]
    view = ChatView()
    qtbot.addWidget(view)
    view.show_conversation(Conversation(1, "t", 0, 0, messages))
    card = view.cards[1]
    assert card.role_label.text() == "<i>server-model</i>"  # shown as text, never as markup
    for name, expected in (("copyAnswer", "It is 5."), ("copyTrace", "Add.")):
        button = card.findChild(QToolButton, name)
        label = button.text()
        with qtbot.waitSignal(copies.copied):
            button.click()
        assert QApplication.clipboard().text() == expected
        assert button.text() == "Copied"
        qtbot.waitUntil(lambda b=button, t=label: b.text() == t, timeout=5_000)  # and back
