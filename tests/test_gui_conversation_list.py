"""The conversation list widget: date groups, pins, inline rename, keyboard opening, highlighted hits."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import ConversationSummary, Store
from denkspur.gui.conversation_list import _DATE, _HEADER, _HTML, ConversationList, highlighted

NOW = datetime(2026, 3, 12, 15, 0).timestamp()


def _summary(cid: int, title: str, days_ago: float, pinned: bool = False) -> ConversationSummary:
    return ConversationSummary(cid, title, NOW - days_ago * 86_400, 2, pinned)


def _list(qtbot: QtBot) -> ConversationList:
    widget = ConversationList()
    widget.clock = lambda: NOW
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _rows(widget: ConversationList) -> list[str]:
    items = (widget.items.item(i) for i in range(widget.items.count()))
    return [("# " if item.data(_HEADER) else "") + item.text() for item in items]


def test_groups_by_date_with_pinned_first(qtbot: QtBot) -> None:
    widget = _list(qtbot)
    widget.show_conversations([
        _summary(5, "Pinned old", 40, pinned=True),
        _summary(1, "Now", 0.01),
        _summary(2, "Yesterday's", 1),
        _summary(3, "This week", 4),
        _summary(4, "Ancient", 30),
    ])
    assert _rows(widget) == ["# Pinned", "Pinned old", "# Today", "Now", "# Yesterday", "Yesterday's",
                             "# Last 7 days", "This week", "# Older", "Ancient"]
    now_row = widget.conversation_items()[1]
    assert now_row.data(_DATE) and ":" in now_row.data(_DATE)  # a time of day
    assert not widget.items.item(0).flags() & Qt.ItemFlag.ItemIsSelectable  # headers are not rows


def test_arrows_and_enter_open_and_f2_renames_in_place(qtbot: QtBot) -> None:
    widget = _list(qtbot)
    widget.show_conversations([_summary(1, "First", 0), _summary(2, "Second", 0)])
    widget.items.setFocus()
    widget.items.setCurrentItem(widget.conversation_items()[0])
    qtbot.keyClick(widget.items, Qt.Key.Key_Down)
    with qtbot.waitSignal(widget.open_requested) as opened:
        qtbot.keyClick(widget.items, Qt.Key.Key_Return)
    assert opened.args == [2]
    qtbot.keyClick(widget.items, Qt.Key.Key_F2)
    editor = widget.items.focusWidget() or widget.focusWidget()
    assert editor is not None and editor is not widget.items
    qtbot.keyClicks(editor, "Renamed  second")
    with qtbot.waitSignal(widget.rename_requested) as renamed:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert renamed.args == [2, "Renamed second"]


def test_pin_from_the_menu_moves_to_the_top_after_a_store_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    first = store.create_conversation("First")
    store.create_conversation("Second")
    widget = _list(qtbot)
    widget.pin_requested.connect(store.set_pinned)
    widget.pin_requested.connect(lambda *_a: widget.show_conversations(store.list_conversations()))
    widget.show_conversations(store.list_conversations())
    assert [i.text() for i in widget.conversation_items()] == ["Second", "First"]
    widget.pin_requested.emit(first, True)
    assert _rows(widget)[:2] == ["# Pinned", "First"]


def test_search_hits_show_a_clean_highlighted_snippet_escaped(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    chat = store.create_conversation("<b>Hostile</b> title")
    store.add_message(chat, "user", "line one\n\n[x] <script>zebra</script>\tend")
    widget = _list(qtbot)
    widget.search.setText("zebra")
    widget.show_hits("zebra", store.search("zebra"))
    (row,) = widget.conversation_items()
    assert "\n\n" not in row.text() and "\t" not in row.text()
    markup = row.data(_HTML)
    assert "&lt;script&gt;<b>zebra</b>&lt;/script&gt;" in markup
    assert "&lt;b&gt;Hostile&lt;/b&gt;" in markup and "<script>" not in markup
    assert highlighted([("a<", False), ("b&", True)]) == "a&lt;<b>b&amp;</b>"
    widget.resize(260, 300)
    widget.grab()  # the delegate paints the markup without error


def test_enter_in_search_moves_to_the_first_hit(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    chat = store.create_conversation("Zoo")
    store.add_message(chat, "user", "a zebra")
    widget = _list(qtbot)
    widget.focus_search()
    qtbot.keyClicks(widget.search, "zebra")
    widget.show_hits("zebra", store.search("zebra"))
    qtbot.keyClick(widget.search, Qt.Key.Key_Return)
    assert widget.items.hasFocus() or widget.items.currentItem() is widget.conversation_items()[0]
    with qtbot.waitSignal(widget.open_requested) as opened:
        qtbot.keyClick(widget.items, Qt.Key.Key_Return)
    assert opened.args == [chat]

