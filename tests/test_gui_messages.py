"""How the chat view shows messages: untrusted model output rendered inert, long chats paged."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Message, Version
from denkspur.gui.chat_view import MessageCard


def test_hostile_answer_renders_inert(qtbot: QtBot) -> None:
    hostile = ("<script>alert(1)</script> <img src=x onerror=alert(1)> "
               "[click](javascript:alert(1)) ![pic](http://evil.example/pixel.png) [ok](https://example.org)")
    message = Message(1, 1, "assistant", [Version(1, 0, hostile)], 0)
    card = MessageCard(message)
    qtbot.addWidget(card)
    html = card.body.text()
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html
    assert "[image: pic]" in html  # an image becomes a link; nothing is fetched
    assert 'href="https://example.org"' in html


def test_long_conversations_open_at_the_end_and_page_back(qtbot: QtBot) -> None:
    from denkspur.core.conversations.store import Conversation
    from denkspur.gui.chat_view import PAGE, ChatView

    messages = [Message(i, i, "user" if i % 2 == 0 else "assistant", [Version(i, 0, f"message {i}")], 0)
                for i in range(1000)]
    view = ChatView()
    qtbot.addWidget(view)
    view.show_conversation(Conversation(1, "long", 0, 0, messages))
    assert len(view.cards) == PAGE and view.cards[-1].message.text == "message 999"
    assert view.earlier.isVisibleTo(view) and str(1000 - PAGE) in view.earlier.text()
    view.earlier.click()
    assert len(view.cards) == 2 * PAGE and view.cards[0].message.text == f"message {1000 - 2 * PAGE}"
