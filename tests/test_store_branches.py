"""Conversations are trees: editing and regenerating branch, nothing is ever deleted (real SQLite)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from denkspur.core.conversations.export import export_json, export_markdown, import_json
from denkspur.core.conversations.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "chats.sqlite3")


def _answer(store: Store, conversation: int, text: str) -> int:
    _, version = store.add_message(conversation, "assistant", state="generating")
    store.save_version(version, answer=text, trace=f"thinking about {text}", state="complete")
    return version


def _texts(store: Store, conversation: int) -> list[str]:
    return [m.text for m in store.load_conversation(conversation).messages]


def _q1_q2_regenerated(store: Store) -> tuple[int, int]:
    """Ask Q1, ask Q2, regenerate Q2 (the scenario that lost data before)."""
    conversation = store.create_conversation()
    q1, _ = store.add_message(conversation, "user", "Q1")
    _answer(store, conversation, "A1")
    store.add_message(conversation, "user", "Q2")
    a2 = _answer(store, conversation, "A2")
    message_a2 = store.load_conversation(conversation).messages[3].id
    again = store.add_version(message_a2)
    store.save_version(again, answer="A2 again", trace="", state="complete")
    assert a2 != again
    return conversation, q1


def test_editing_a_question_branches_and_keeps_the_old_path(store: Store) -> None:
    conversation, q1 = _q1_q2_regenerated(store)
    store.add_version(q1, text="Q1 edited", state="complete")
    _answer(store, conversation, "A1 edited")
    assert _texts(store, conversation) == ["Q1 edited", "A1 edited"]

    store.select_version(q1, 0)  # back to the old question: everything after it is still there
    old = store.load_conversation(conversation)
    assert [m.text for m in old.messages] == ["Q1", "A1", "Q2", "A2 again"]
    assert [v.answer for v in old.messages[3].versions] == ["A2", "A2 again"]
    assert old.hidden_messages == 1  # "A1 edited" sits on the other branch


def test_a_new_message_continues_the_visible_branch(store: Store) -> None:
    conversation, q1 = _q1_q2_regenerated(store)
    store.add_version(q1, text="Q1 edited", state="complete")
    _answer(store, conversation, "A1 edited")
    store.add_message(conversation, "user", "Q3")
    _answer(store, conversation, "A3")
    assert _texts(store, conversation) == ["Q1 edited", "A1 edited", "Q3", "A3"]
    store.select_version(q1, 0)
    assert _texts(store, conversation) == ["Q1", "A1", "Q2", "A2 again"]


def test_regenerating_an_earlier_answer_keeps_the_later_turns_on_its_old_version(store: Store) -> None:
    conversation, _ = _q1_q2_regenerated(store)
    a1 = store.load_conversation(conversation).messages[1].id
    store.add_version(a1)
    assert _texts(store, conversation) == ["Q1", ""]
    store.select_version(a1, 0)
    assert _texts(store, conversation) == ["Q1", "A1", "Q2", "A2 again"]


def test_reveal_version_selects_the_branch_of_a_search_hit(store: Store) -> None:
    conversation, q1 = _q1_q2_regenerated(store)
    store.add_version(q1, text="Q1 edited", state="complete")
    (hit,) = [h for h in store.search("again") if h.conversation_id == conversation]
    store.reveal_version(hit.version_id)
    assert _texts(store, conversation) == ["Q1", "A1", "Q2", "A2 again"]


def test_json_export_round_trips_the_tree(store: Store) -> None:
    conversation, q1 = _q1_q2_regenerated(store)
    store.add_version(q1, text="Q1 edited", state="complete")
    branched_from = _answer(store, conversation, "A1 edited")
    a1_edited = store.load_conversation(conversation).messages[1].id
    branch = store.add_version(a1_edited, trace="thinking about", parent_version_id=branched_from,
                               branch_offset=8)
    store.save_version(branch, answer="A1 branched", trace="thinking about it", state="complete")

    exported = export_json(store.load_conversation(conversation))
    assert len(exported["messages"]) == 5  # every branch (Q1, A1, Q2, A2, A1 edited), not only the path
    copy = store.load_conversation(import_json(store, exported))
    assert [m.text for m in copy.messages] == ["Q1 edited", "A1 branched"]
    branched = copy.messages[1].version
    assert branched.branch_offset == 8
    assert branched.parent_version_id == copy.messages[1].versions[0].id
    assert _without_times(export_json(copy)["messages"]) == _without_times(exported["messages"])


def _without_times(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**m, "versions": [{k: v for k, v in version.items() if k != "created"}
                               for version in m["versions"]]} for m in messages]


def test_markdown_export_says_that_other_branches_exist(store: Store) -> None:
    conversation, q1 = _q1_q2_regenerated(store)
    store.add_version(q1, text="Q1 edited", state="complete")
    text = export_markdown(store.load_conversation(conversation))
    assert "Q1 edited" in text and "other branches" in text


def test_format_1_exports_still_import_as_one_line(store: Store) -> None:
    line = {"format": "denkspur-conversation", "format_version": 1, "title": "Old", "messages": [
        {"role": "user", "current": 0, "versions": [{"answer": "Q"}]},
        {"role": "assistant", "current": 1, "versions": [{"answer": "A"}, {"answer": "B"}]},
        {"role": "user", "current": 0, "versions": [{"answer": "Q2"}]},
    ]}
    assert _texts(store, import_json(store, line)) == ["Q", "B", "Q2"]


def test_schema_1_database_is_migrated_with_its_line_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    from denkspur.core.conversations.store import MIGRATIONS

    db = sqlite3.connect(path)
    db.executescript(f"BEGIN; {MIGRATIONS[0]}; PRAGMA user_version = 1; COMMIT;")
    db.execute("INSERT INTO conversations VALUES (1, 'Old', 0, 0, '{}')")
    for position, role in enumerate(("user", "assistant", "user", "assistant")):
        db.execute("INSERT INTO messages VALUES (?, 1, ?, ?, ?)", (position + 1, position, role,
                                                                  1 if position == 1 else 0))
    rows = [(1, 1, 0, "Q1"), (2, 2, 0, "A1"), (3, 2, 1, "A1 again"), (4, 3, 0, "Q2"), (5, 4, 0, "A2")]
    for version_id, message_id, number, text in rows:
        db.execute("INSERT INTO versions(id, message_id, number, answer, created, updated) "
                   "VALUES (?, ?, ?, ?, 0, 0)", (version_id, message_id, number, text))
    db.commit()
    db.close()

    store = Store(path)
    assert _texts(store, 1) == ["Q1", "A1 again", "Q2", "A2"]
    assert [v.answer for v in store.load_conversation(1).messages[1].versions] == ["A1", "A1 again"]
    assert store.search("again")[0].message_id == 2


def test_imported_steps_outside_the_trace_are_dropped(store: Store) -> None:
    hostile = {"format": "denkspur-conversation", "format_version": 2, "title": "x", "messages": [
        {"role": "user", "current": 0, "after": None, "versions": [{"answer": "Q"}]},
        {"role": "assistant", "current": 0, "after": [0, 0], "versions": [{
            "answer": "A", "trace": "Think. Wait, no.", "state": "owned", "stats": "not a dict",
            "steps": [{"start": 0, "end": 6, "kind": "reasoning", "text": "Think."},
                      {"start": 10**30, "end": 10**31, "kind": "nope"}, {"start": -5, "end": 10},
                      "not a step", {"start": True, "end": 3}]}]},
    ]}
    version = store.load_conversation(import_json(store, hostile)).messages[1].version
    assert [(s["start"], s["end"]) for s in version.steps] == [(0, 6)]
    assert version.state == "interrupted" and version.stats == {}


def test_markdown_export_keeps_model_html_as_text(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation, "user", "Q")
    _, version = store.add_message(conversation, "assistant", state="generating")
    store.save_version(version, answer="A", trace="<img src=/dev/zero> then </details> end",
                       state="complete")
    text = export_markdown(store.load_conversation(conversation))
    assert "&lt;img src=/dev/zero&gt;" in text and text.count("</details>") == 1
