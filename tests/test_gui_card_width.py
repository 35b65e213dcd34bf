"""Chat cards at the width the chat gets in a 1024×700 window: the buttons wrap, never leave the view,
and the reply keeps the name of the model that wrote it."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Conversation, Message, Version
from denkspur.gui.chat_view import ChatView
from denkspur.gui.message_card import MessageCard
from denkspur.session.states import VersionState


def _stopped_conversation(model: str) -> Conversation:
    """A question and a stopped reply with two versions: every button a card can have."""
    first = Version(2, 0, "It is 5.", trace="Add.", model=model)
    stopped = Version(3, 1, "", trace="Okay, so I add 2 and 3.", model=model, state=VersionState.CANCELLED)
    messages = [Message(1, 0, "user", [Version(1, 0, "What is 2 + 3?")], 0),
                Message(2, 1, "assistant", [first, stopped], 1)]
    return Conversation(1, "t", 0, 0, messages)


def test_narrow_cards_wrap_their_buttons_and_keep_the_model_name(qtbot: QtBot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(272, 400)  # the chat pane of a 1024×700 screen's window
    view.show()
    view.show_conversation(_stopped_conversation("/models/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"))
    card = view.cards[1]
    qtbot.waitUntil(card.isVisible, timeout=5_000)
    buttons = [b for b in card.findChildren(QToolButton) if b.isVisibleTo(card)]
    assert len(buttons) >= 5  # ◀ ▶ ⟳ Continue Copy Copy trace

    def sticking_out() -> list[str]:
        """What reaches past the chat's right edge (the layout settles over a few event-loop turns)."""
        right = view.viewport().width()
        out = [b.objectName() for b in buttons if b.mapTo(view.viewport(), QPoint(b.width(), 0)).x() > right]
        if card.width() > right or view.horizontalScrollBar().maximum() > 0:
            out.append("card")
        return out

    try:
        qtbot.waitUntil(lambda: not sticking_out(), timeout=5_000)
    finally:
        assert sticking_out() == []  # nothing sticks out to the right
    assert card.role_label.width() >= min(card.role_label.sizeHint().width(), card.width() - 30)


def test_wide_cards_keep_one_header_line(qtbot: QtBot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    view.show_conversation(_stopped_conversation("/models/tiny-r1.gguf"))
    card = view.cards[1]
    qtbot.waitUntil(lambda: card.width() > 800, timeout=5_000)
    copy = card.findChild(QToolButton, "copyAnswer")
    assert copy is not None
    assert abs(copy.mapTo(card, QPoint(0, 0)).y() - card.role_label.mapTo(card, QPoint(0, 0)).y()) < 10


def test_a_short_model_name_is_never_clipped(qtbot: QtBot) -> None:
    """A finished reply has no state text: its name gets all the room left of the buttons."""
    reply = Version(2, 0, "2 + 3 = 5.", trace="Add.", model="/models/tiny-r1.gguf")
    _view, card = _narrow_chat_with(qtbot, reply)
    assert card.role_label.text() == "tiny-r1"
    assert card.role_label.width() >= card.role_label.sizeHint().width()


def test_long_words_and_code_lines_wrap_inside_the_card(qtbot: QtBot) -> None:
    """A 400-character token or a long code line wraps inside the card instead of widening it
    past the chat (its buttons and a centred formula were out of view)."""
    answer = ("A very long token: " + "x" * 400 + "\n\n```python\n"
              "is_prime[i*i::i] = [False] * len(is_prime[i*i::i])  # cross out every multiple of i\n```\n")
    reply = Version(2, 0, answer, trace="Add.", model="/models/tiny-r1.gguf")
    view, card = _narrow_chat_with(qtbot, reply)
    assert view.horizontalScrollBar().maximum() == 0
    assert card.width() <= view.viewport().width()
    copy = card.findChild(QToolButton, "copyAnswer")
    assert copy is not None
    assert copy.mapTo(view.viewport(), QPoint(copy.width(), 0)).x() <= view.viewport().width()


def _narrow_chat_with(qtbot: QtBot, reply: Version) -> tuple[ChatView, MessageCard]:
    """A chat as narrow as a 1024x700 window's, showing a question and ``reply``, laid out."""
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(272, 400)
    view.show()
    view.show_conversation(Conversation(1, "t", 0, 0, [Message(1, 0, "user", [Version(1, 0, "2 + 3?")], 0),
                                                       Message(2, 1, "assistant", [reply], 0)]))
    card = view.cards[1]
    qtbot.waitUntil(card.isVisible, timeout=5_000)
    qtbot.wait(50)
    return view, card
