"""The conversation list: search in answers and traces, rename, delete, and finding chats after a restart."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.gui.main_window import MainWindow
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE
from gui_helpers import ask, open_window, wait_idle


def test_search_answers_and_traces(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    window.conversations.search.setText("wrong")
    qtbot.waitUntil(lambda: "trace:" in _first_item(window), timeout=5_000)
    assert "wrong" in _first_item(window) and "[" not in _first_item(window)
    window.session.new_conversation()
    qtbot.waitUntil(lambda: not window.chat.cards, timeout=5_000)
    window.conversations.items.itemClicked.emit(window.conversations.conversation_items()[0])
    qtbot.waitUntil(lambda: len(window.chat.cards) == 2, timeout=5_000)
    window.conversations.search.clear()
    qtbot.waitUntil(lambda: _first_item(window) == "What is 2 + 3?", timeout=5_000)
    window.close()


def _first_item(window: MainWindow) -> str:
    rows = window.conversations.conversation_items()
    return rows[0].text() if rows else ""


def test_restart_finds_the_conversation_again(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    window.close()
    again = open_window(qtbot, tmp_path, None)
    qtbot.waitUntil(lambda: _first_item(again) == "What is 2 + 3?", timeout=5_000)
    again.conversations.items.itemClicked.emit(again.conversations.conversation_items()[0])
    qtbot.waitUntil(lambda: len(again.chat.cards) == 2, timeout=5_000)
    assert again.chat.cards[1].version.answer == EXPECTED_ANSWER
    assert again.trace.trace_text() == EXPECTED_TRACE  # the stored trace, shown again
    assert again.trace.step_count() == 4
    again.close()


def test_rename_and_delete_conversations(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    conversation_id = window.session.conversation.id  # type: ignore[union-attr]
    window.conversations.rename_requested.emit(conversation_id, "Sums")
    qtbot.waitUntil(lambda: _first_item(window) == "Sums", timeout=5_000)
    window.conversations.delete_requested.emit(conversation_id)
    qtbot.waitUntil(lambda: len(window.conversations.conversation_items()) == 0, timeout=5_000)
    assert not window.chat.cards
    window.close()


def _current_id(window: MainWindow) -> int | None:
    from denkspur.gui.conversation_list import _ID

    item = window.conversations.items.currentItem()
    return None if item is None else int(item.data(_ID))


def test_the_list_marks_the_open_conversation(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    """After a chat was opened from the list, a new chat (Ctrl+N) and its first question: the list
    marks the new chat, not the one opened before (the chat shown and the row marked agree)."""
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    first = window.session.conversation.id  # type: ignore[union-attr]
    window.conversations.items.itemClicked.emit(window.conversations.conversation_items()[0])
    qtbot.waitUntil(lambda: _current_id(window) == first, timeout=5_000)
    window.keys.new_chat.trigger()
    qtbot.waitUntil(lambda: _current_id(window) is None, timeout=5_000)  # the new chat has no row yet
    ask(qtbot, window, "And 3 + 4?")
    wait_idle(qtbot, window)
    second = window.session.conversation.id  # type: ignore[union-attr]
    assert second != first
    qtbot.waitUntil(lambda: len(window.conversations.conversation_items()) == 2, timeout=5_000)
    qtbot.waitUntil(lambda: _current_id(window) == second, timeout=5_000)
    window.close()
