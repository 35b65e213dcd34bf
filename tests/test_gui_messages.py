"""How the chat view shows messages: untrusted model output rendered inert, long chats paged."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Message, Version
from denkspur.gui.message_card import MessageCard


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


def _failed_card(qtbot: QtBot, error_kind: str | None) -> tuple[object, MessageCard]:
    from denkspur.core.conversations.store import Conversation
    from denkspur.gui.chat_view import ChatView

    stats: dict[str, object] = {"error_kind": error_kind} if error_kind else {}
    reply = Version(2, 0, "", state="error", error="it failed", stats=stats)  # type: ignore[arg-type]
    messages = [Message(1, 0, "user", [Version(1, 0, "hi")], 0), Message(2, 1, "assistant", [reply], 0)]
    view = ChatView()
    qtbot.addWidget(view)
    view.show_conversation(Conversation(1, "t", 0, 0, messages))
    return view, view.cards[-1]


def test_error_cards_offer_only_what_helps_for_that_failure(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton

    def buttons(kind: str | None) -> set[str]:
        _view, card = _failed_card(qtbot, kind)
        return {b.objectName() for b in card.findChildren(QPushButton)} & {"restartEngine", "retryReply"}

    assert buttons("crash") == {"restartEngine"}  # the engine died: a fresh one helps
    assert buttons("hang") == {"restartEngine"}
    assert buttons("internal") == set()  # a template error fails the same way after a restart
    assert buttons("bad-request") == set()
    assert buttons("context-overflow") == set()
    assert buttons("auth") == set()
    assert buttons("server") == {"retryReply"}  # a server error may pass: ask again
    assert buttons("connect") == {"retryReply"}
    assert buttons(None) == {"restartEngine"}  # stored before kinds were kept: it may have been a crash


def test_try_again_regenerates_the_failed_reply(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton

    view, card = _failed_card(qtbot, "timeout")
    with qtbot.waitSignal(view.regenerate_requested) as signal:  # type: ignore[attr-defined]
        card.findChild(QPushButton, "retryReply").click()
    assert signal.args == [2]
