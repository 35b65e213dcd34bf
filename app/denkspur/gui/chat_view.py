"""The chat: one card per message (:mod:`denkspur.gui.message_card`), pages of history,
per-message actions (copy, versions, edit, errors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from denkspur.gui.clipboard import copy_text
from denkspur.gui.lazy_qt import set_enum_properties
from denkspur.gui.message_card import MessageCard
from denkspur.gui.plain import plain_label

if TYPE_CHECKING:  # and imported where used: the empty first window needs none of them
    from denkspur.core.conversations.store import Conversation, Message
    from denkspur.core.trace.stream import StreamEvent


def _add_copy(card: MessageCard, text: str, tooltip: str, content: Callable[[], str], name: str) -> None:
    """A card button that copies ``content()`` and says "Copied" for a moment."""

    def copy() -> None:
        copy_text(content(), button=button)

    button = card.add_action(text, tooltip, copy, name)


#: Messages shown at once; "show earlier" adds this many more.
PAGE = 40
#: One style sheet for all cards (set once on the chat, not per card: parsing a style
#: sheet per widget made long conversations slow to open).
CHAT_STYLE = """
QFrame#messageCard[role="user"] { background: palette(alternate-base); border-radius: 8px; }
QFrame#messageCard[role="assistant"] { border: 1px solid palette(mid); border-radius: 8px; }
QFrame#messageCard[selected="true"] { border: 2px solid palette(highlight); border-radius: 8px; }
QLabel#roleLabel { font-weight: 600; }
QLabel#stateLabel { color: palette(mid); }
QLabel#errorText { color: #c0392b; }
"""

class ChatView(QScrollArea):
    version_selected = Signal(object)  # Version | None
    regenerate_requested = Signal(int)  # message id
    continue_requested = Signal(int)  # version id of a stopped reply
    edit_requested = Signal(int, str)  # message id, new text
    version_requested = Signal(int, int)  # message id, version number
    restart_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.setWidgetResizable(True)
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.setSpacing(10)
        self._layout.addStretch(1)
        self.setWidget(self._content)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        set_enum_properties(self.empty, alignment="AlignCenter", textFormat="RichText")  # see lazy_qt
        self._layout.insertWidget(0, self.empty)
        self.earlier = QPushButton()
        self.earlier.setObjectName("showEarlier")
        self.earlier.setVisible(False)
        self.earlier.clicked.connect(self.show_earlier)
        centred = QHBoxLayout()  # stretches, not an alignment flag: see lazy_qt
        centred.addStretch(1)
        centred.addWidget(self.earlier)
        centred.addStretch(1)
        self._layout.insertLayout(1, centred)
        self.cards: list[MessageCard] = []
        self._selected: MessageCard | None = None
        self._has_model = False
        self._recommendation = ""
        self._shown = PAGE
        self._conversation: Conversation | None = None
        self._conversation_id: int | None = None

    # -- content ---------------------------------------------------------------------
    def set_recommendation(self, text: str) -> None:
        self._recommendation = text
        self._update_empty()

    def set_model_present(self, present: bool) -> None:
        self._has_model = present
        self._update_empty()

    def _update_empty(self) -> None:
        self.empty.setVisible(not self.cards)
        if self._has_model:
            self.empty.setText(
                "<h2>" + self.tr("Ask something") + "</h2><p>"
                + self.tr("Type below and press Ctrl+Enter. The model's reasoning appears in the "
                          "trace panel on the right while it thinks.") + "</p>"
            )
        else:
            self.empty.setText(
                "<h2>" + self.tr("No model loaded yet") + "</h2><p>"
                + self.tr("Denkspur runs DeepSeek-R1 distills on this computer, offline. Download one "
                          "from the catalog, or open a GGUF file you already have.")
                + "</p>"
                + self._recommendation_html()
            )

    def _recommendation_html(self) -> str:
        if not self._recommendation:
            return ""
        import html  # with the recommendation, after the first frame

        return "<p>" + self.tr("Recommended for this machine: %1").replace(
            "%1", f"<b>{html.escape(self._recommendation)}</b>") + "</p>"

    def show_conversation(self, conversation: Conversation | None) -> None:
        """Show the last :data:`PAGE` messages; earlier ones come in pages on request.

        Widgets per message are costly (a 1,000-message chat would take seconds
        to lay out), and people read the end of a conversation first.
        """
        if conversation is None or conversation.id != self._conversation_id:
            self._shown = PAGE
        self._conversation_id = conversation.id if conversation else None
        selected_id = self._selected.version.id if self._selected else None
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        self._selected = None
        messages = conversation.messages if conversation else []
        hidden = max(0, len(messages) - self._shown)
        for message in messages[hidden:]:
            card = self._make_card(message)
            self._layout.insertWidget(self._layout.count() - 1, card)
            self.cards.append(card)
        self.earlier.setVisible(hidden > 0)
        self.earlier.setText(self.tr("Show earlier messages (%1)").replace("%1", str(hidden)))
        self._conversation = conversation
        self._update_empty()
        target = next((c for c in self.cards if c.version.id == selected_id), None)
        if target is None:
            assistants = [c for c in self.cards if c.message.role == "assistant"]
            target = assistants[-1] if assistants else None
        self.select(target)
        self.scroll_to_bottom()

    def show_earlier(self) -> None:
        self._shown += PAGE
        self.show_conversation(self._conversation)
        self.verticalScrollBar().setValue(0)

    def _make_card(self, message: Message) -> MessageCard:
        if not self._content.styleSheet():  # the cards' look: with the first card (start-up)
            self._content.setStyleSheet(CHAT_STYLE)
        card = MessageCard(message)
        card.selected.connect(self.select)
        self._add_version_buttons(card)  # edited questions are branches too: ◀ ▶ flips between them
        if message.role == "assistant":
            card.add_action("⟳", self.tr("Regenerate (keeps this version)"),
                            lambda: self.regenerate_requested.emit(message.id), "regenerate")
            from denkspur.session.states import CONTINUABLE

            if card.version.state in CONTINUABLE:
                card.add_action(self.tr("Continue"), self.tr("Go on from where it stopped (a new version; "
                                                             "this one stays) · Ctrl+Shift+R"),
                                lambda: self.continue_requested.emit(card.version.id), "continueReply")
            _add_copy(card, self.tr("Copy"), self.tr("Copy answer"), lambda: card.version.answer,
                      "copyAnswer")
            _add_copy(card, self.tr("Copy trace"), self.tr("Copy the reasoning trace"),
                      lambda: card.version.trace, "copyTrace")
            if card.version.state == "error":
                self._add_error(card)
        else:
            card.add_action("✎", self.tr("Edit and resend"), lambda: self._edit(message), "edit")
        return card

    def _add_version_buttons(self, card: MessageCard) -> None:
        message = card.message
        if len(message.versions) < 2:
            return
        previous = card.add_action("◀", self.tr("Previous version"), lambda: self.version_requested.emit(
            message.id, message.versions[message.current - 1].number), "previousVersion")
        following = card.add_action("▶", self.tr("Next version"), lambda: self.version_requested.emit(
            message.id, message.versions[message.current + 1].number), "nextVersion")
        previous.setEnabled(message.current > 0)
        following.setEnabled(message.current < len(message.versions) - 1)

    def _add_error(self, card: MessageCard) -> None:
        from denkspur.gui.failures import failure_text
        from denkspur.session.states import Remedy, remedies_for

        kind = card.version.stats.get("error_kind")
        text = failure_text(kind if isinstance(kind, str) else None, card.version.error)
        label = plain_label(text or self.tr("The engine failed."), name="errorText", wrap=True)
        card.error_row.addWidget(label, 1)

        for remedy in remedies_for(kind if isinstance(kind, str) else None):
            if remedy is Remedy.RESTART_ENGINE:
                button = QPushButton(self.tr("Restart engine"))
                button.setObjectName("restartEngine")
                button.clicked.connect(self.restart_requested.emit)
            else:
                button = QPushButton(self.tr("Try again"))
                button.setObjectName("retryReply")
                button.setToolTip(self.tr("Ask again (this version is kept)"))
                button.clicked.connect(lambda _=False, m=card.message.id: self.regenerate_requested.emit(m))
            card.error_row.addWidget(button)

    def _edit(self, message: Message) -> None:
        from denkspur.gui.text_dialog import ask_text

        prompt = self.tr("New text (the old text and the replies after it stay: ◀ ▶ switches back):")
        text, ok = ask_text(self, self.tr("Edit message"), prompt, message.text)
        if ok and text.strip():
            self.edit_requested.emit(message.id, text)

    def select(self, card: MessageCard | None) -> None:
        if self._selected is not None and self._selected in self.cards:
            self._selected.set_selected(False)
        self._selected = card
        if card is not None:
            card.set_selected(True)
        if card is None or card.message.role != "assistant":
            self.version_selected.emit(None)
            return
        self.version_selected.emit(card.version)

    def stopped_version(self) -> int | None:
        """The reply "Continue" takes up: the selected one if it stopped early, else the last if it did."""
        candidates = [self._selected] if self._selected is not None else []
        candidates += [c for c in reversed(self.cards) if c.message.role == "assistant"][:1]
        from denkspur.session.states import CONTINUABLE

        for card in candidates:
            if card is not None and card.message.role == "assistant" and card.version.state in CONTINUABLE:
                return card.version.id
        return None

    # -- live --------------------------------------------------------------------------
    def card_for_version(self, version_id: int) -> MessageCard | None:
        return next((c for c in self.cards if c.version.id == version_id), None)

    def begin_live(self, version_id: int) -> None:
        card = self.card_for_version(version_id)
        if card is not None:
            card.begin_live()
            self._selected = card
            card.set_selected(True)
            self.scroll_to_bottom()

    def add_events(self, version_id: int, events: list[StreamEvent]) -> None:
        from denkspur.core.trace.stream import AnswerText

        card = self.card_for_version(version_id)
        if card is None:
            return
        card.add_events(events)
        if any(isinstance(e, AnswerText) for e in events):
            self.scroll_to_bottom()

    def scroll_to_bottom(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
