"""One-line labels on a narrow window: the trace panel's header and a card's state are cut with
"…" where they do not fit (the whole text in the tooltip), never clipped mid-letter; the steps
list cuts long titles instead of scrolling sideways."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Conversation, Message, Version
from denkspur.core.trace.stream import ReasoningStream
from denkspur.gui.chat_view import ChatView
from denkspur.gui.i18n import install_language
from denkspur.gui.plain import ElidedLabel
from denkspur.gui.trace_panel import TracePanel
from denkspur.session.states import VersionState


def _shown(label: QLabel) -> str:
    """What the label paints (its ``text()`` is the whole text)."""
    return QLabel.text(label)


def _fits(label: QLabel) -> bool:
    return label.fontMetrics().horizontalAdvance(_shown(label)) <= label.contentsRect().width()


def test_a_narrow_trace_panel_cuts_its_german_header_with_an_ellipsis(qtbot: QtBot) -> None:
    install_language("de")
    try:
        panel = TracePanel()
        qtbot.addWidget(panel)
        panel.resize(160, 500)  # too narrow for the header even on a line of its own
        panel.show()
        panel.begin_live()
        stream = ReasoningStream(assume_open=True)
        panel.add_events(stream.feed("Okay, so I add 2 and 3. " * 200))
        header = panel.header
        assert isinstance(header, ElidedLabel)
        qtbot.waitUntil(lambda: header.text().startswith("Denkt nach…") and _shown(header).endswith("…"))
        assert header.text().endswith("Token")  # the whole text stays the label's text …
        assert header.toolTip() == header.text()  # … and is its tooltip
        assert _fits(header)
        panel.end_live()
        panel.resize(600, 500)  # more room: the whole text shows, no tooltip
        qtbot.waitUntil(lambda: _shown(header) == header.text())
        assert header.toolTip() == ""
    finally:
        install_language("en")


def test_a_continued_reply_card_cuts_its_long_german_state(qtbot: QtBot) -> None:
    install_language("de")
    try:
        view = ChatView()
        qtbot.addWidget(view)
        view.resize(272, 400)  # the chat pane of a 1024×700 window
        view.show()
        stopped = Version(2, 0, "", trace="Okay, so I add 2 and 3.", model="/models/r1.gguf",
                          state=VersionState.CANCELLED)
        continued = Version(3, 1, "Es ist 5.", trace="Okay, so I add 2 and 3. That is 5.",
                            model="/models/r1.gguf", parent_version_id=2,
                            stats={"interventions": [{"start": 0, "end": 23, "kind": "continued"}]})
        messages = [Message(1, 0, "user", [Version(1, 0, "Was ist 2 + 3?")], 0),
                    Message(2, 1, "assistant", [stopped, continued], 1)]
        view.show_conversation(Conversation(1, "t", 0, 0, messages))
        card = view.cards[1]
        state = card.state_label
        qtbot.waitUntil(lambda: state.isVisible() and state.width() > 0)
        assert state.text().endswith("setzt Version 1 dort fort, wo sie angehalten wurde")
        qtbot.waitUntil(lambda: _fits(state))
        assert _shown(state).endswith("…") and state.toolTip() == state.text()
        right = view.viewport().width()
        assert state.mapTo(view.viewport(), state.rect().topRight()).x() <= right
    finally:
        install_language("en")


def test_long_step_titles_are_cut_not_scrolled_sideways(qtbot: QtBot) -> None:
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.resize(300, 500)
    panel.show()
    panel.begin_live()
    stream = ReasoningStream(assume_open=True)
    long = "Let me compute the squares of all the primes up to thirty one by one, carefully."
    panel.add_events(stream.feed(f"{long}\n\n" * 30))
    panel.add_events(stream.flush())
    panel.end_live()
    qtbot.waitUntil(lambda: panel.steps.count() == panel.step_count() > 20)
    assert panel.steps.horizontalScrollBar().maximum() == 0 or panel.steps.horizontalScrollBar().isHidden()
    assert not panel.steps.horizontalScrollBar().isVisible()


def test_the_buttons_go_under_a_header_that_does_not_fit_beside_them(qtbot: QtBot) -> None:
    """At 1024×700 in German the live header lost its token count beside the buttons."""
    install_language("de")
    try:
        panel = TracePanel()
        qtbot.addWidget(panel)
        panel.resize(390, 500)
        panel.show()
        panel.begin_live()
        stream = ReasoningStream(assume_open=True)
        panel.add_events(stream.feed("Okay, so I add 2 and 3. " * 200))
        header = panel.header
        qtbot.waitUntil(lambda: header.text().endswith("Token") and _shown(header) == header.text())
        assert panel.confidence_button.y() > header.y() + header.height() // 2  # on a line of its own
        panel.end_live()
        panel.resize(900, 500)  # room for both: one line again
        qtbot.waitUntil(lambda: abs(panel.confidence_button.y() - header.y()) < header.height())
    finally:
        install_language("en")
