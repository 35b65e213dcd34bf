"""Editing a question in the app branches the conversation; the old path stays one click away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QToolButton, QWidget
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.export import export_json
from denkspur.gui.main_window import MainWindow
from gui_helpers import ask, open_window, wait_idle


def _card_texts(window: MainWindow) -> list[str]:
    return [card.message.text for card in window.chat.cards]


def _button(card: QWidget, name: str) -> QToolButton:
    button = card.findChild(QToolButton, name)
    assert button is not None, name
    return button


def test_edit_after_regenerate_keeps_every_turn(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "Q1: What is 2 + 3?")
    wait_idle(qtbot, window)
    ask(qtbot, window, "Q2: And 2 + 3 again?")
    wait_idle(qtbot, window)
    assert window.session.regenerate(window.chat.cards[3].message.id)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.chat.cards[3].message.versions) == 2, timeout=5_000)

    assert window.session.edit_and_resend(window.chat.cards[0].message.id, "Q1 edited")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: _card_texts(window)[0] == "Q1 edited", timeout=5_000)
    assert len(window.chat.cards) == 2

    _button(window.chat.cards[0], "previousVersion").click()  # back to the first question
    qtbot.waitUntil(lambda: len(window.chat.cards) == 4, timeout=5_000)
    assert _card_texts(window)[0] == "Q1: What is 2 + 3?"
    assert _card_texts(window)[2] == "Q2: And 2 + 3 again?"
    assert len(window.chat.cards[3].message.versions) == 2
    conversation = window.session.conversation
    assert conversation is not None
    assert len(export_json(conversation)["messages"]) == 5  # exports keep the other branch too
    window.close()
