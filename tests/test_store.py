"""The SQLite conversation store, export and import (real SQLite files)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from denkspur.core.conversations.export import (
    ConversationImportError,
    export_json,
    export_markdown,
    import_json,
)
from denkspur.core.conversations.store import SCHEMA_VERSION, Store, StoreError


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "chats.sqlite3")


def _chat(store: Store) -> int:
    conversation = store.create_conversation("Arithmetic")
    store.add_message(conversation, "user", "What is 2 + 3?")
    _, version = store.add_message(conversation, "assistant", state="generating", model="tiny")
    store.save_version(version, answer="It is 5.", trace="Add. Wait, check: 5.", state="complete",
                       steps=[{"index": 0, "kind": "reasoning"}], stats={"thinking_seconds": 2.0})
    return conversation


def test_schema_wal_and_fts(store: Store, tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "chats.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'versions_fts'").fetchone()


def test_roundtrip_and_turns_leave_traces_out(store: Store) -> None:
    conversation = store.load_conversation(_chat(store))
    assert [m.role for m in conversation.messages] == ["user", "assistant"]
    reply = conversation.messages[1].version
    assert (reply.answer, reply.trace, reply.state, reply.model) == (
        "It is 5.", "Add. Wait, check: 5.", "complete", "tiny")
    assert reply.stats == {"thinking_seconds": 2.0}
    assert conversation.turns() == [("user", "What is 2 + 3?"), ("assistant", "It is 5.")]


def test_regenerate_keeps_versions_and_flips(store: Store) -> None:
    conversation_id = _chat(store)
    message = store.load_conversation(conversation_id).messages[1]
    second = store.add_version(message.id, model="tiny")
    store.save_version(second, answer="Five.", trace="Quick.", state="complete")
    reloaded = store.load_conversation(conversation_id).messages[1]
    assert [v.answer for v in reloaded.versions] == ["It is 5.", "Five."]
    assert reloaded.version.answer == "Five."
    store.select_version(message.id, 0)
    assert store.load_conversation(conversation_id).messages[1].version.answer == "It is 5."


def test_search_finds_answers_and_traces(store: Store) -> None:
    _chat(store)
    other = store.create_conversation("Other")
    store.add_message(other, "user", "Tell me about photosynthesis")
    (hit,) = store.search("check")
    assert hit.in_trace and hit.title == "Arithmetic" and "[check]" in hit.snippet
    (answer_hit,) = store.search("photo")  # prefix search
    assert not answer_hit.in_trace and answer_hit.conversation_id == other
    assert store.search('"') == [] and store.search("   ") == []


def test_search_follows_updates(store: Store) -> None:
    conversation = store.create_conversation()
    _, version = store.add_message(conversation, "assistant", state="generating")
    store.save_version(version, answer="partial zebra", trace="", state="generating")
    assert len(store.search("zebra")) == 1
    store.save_version(version, answer="final giraffe", trace="", state="complete")
    assert store.search("zebra") == [] and len(store.search("giraffe")) == 1


def test_generating_versions_become_interrupted(store: Store) -> None:
    conversation = store.create_conversation()
    _, version = store.add_message(conversation, "assistant", state="generating")
    store.save_version(version, answer="half", trace="thinking", state="generating")
    assert store.mark_interrupted() == 1
    assert store.version(version).state == "interrupted"


def test_sigkill_mid_write_loses_nothing_saved(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    script = (
        "import os, signal, sys\n"
        "from denkspur.core.conversations.store import Store\n"
        f"s = Store({str(path)!r})\n"
        "c = s.create_conversation('x')\n"
        "_, v = s.add_message(c, 'assistant', state='generating')\n"
        "s.save_version(v, answer='so far', trace='thinking so far', state='generating')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], check=False)
    assert run.returncode == -9
    store = Store(path)
    store.mark_interrupted()
    (summary,) = store.list_conversations()
    version = store.load_conversation(summary.id).messages[0].version
    assert (version.answer, version.trace, version.state) == ("so far", "thinking so far", "interrupted")


def test_rename_delete(store: Store) -> None:
    conversation = _chat(store)
    store.rename_conversation(conversation, "Sums")
    assert store.list_conversations()[0].title == "Sums"
    store.delete_conversation(conversation)
    assert store.list_conversations() == []
    assert store.search("What") == []


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer Denkspur"):
        Store(path)


def test_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot be opened"):
        Store(path)


def test_markdown_export_folds_the_trace(store: Store) -> None:
    text = export_markdown(store.load_conversation(_chat(store)))
    assert text.startswith("# Arithmetic")
    assert "<details>\n<summary>Reasoning (1 steps, thought for 2 s)</summary>" in text
    assert text.index("Add. Wait") < text.index("</details>") < text.index("It is 5.")


def test_json_export_import_roundtrip(store: Store, tmp_path: Path) -> None:
    conversation = store.load_conversation(_chat(store))
    store.add_version(conversation.messages[1].id)
    data = json.loads(json.dumps(export_json(store.load_conversation(conversation.id))))
    other = Store(tmp_path / "other.sqlite3")
    imported = other.load_conversation(import_json(other, data))
    assert imported.title == "Arithmetic"
    assert [len(m.versions) for m in imported.messages] == [1, 2]
    assert imported.messages[1].versions[0].trace == "Add. Wait, check: 5."
    assert imported.messages[1].versions[1].state == "interrupted"  # was generating


@pytest.mark.parametrize("data", [[], {"format": "other"}, {"format": "denkspur-conversation"},
                                  {"format": "denkspur-conversation", "messages": [{"role": "x"}]},
                                  {"format": "denkspur-conversation", "format_version": "2", "messages": []},
                                  {"format": "denkspur-conversation", "format_version": [2]}])
def test_import_rejects_foreign_files(store: Store, data: object) -> None:
    with pytest.raises(ConversationImportError):
        import_json(store, data)
    assert store.list_conversations() == []


def test_pinned_conversations_come_first_and_survive_a_reopen(tmp_path: Path) -> None:
    ticks = iter(range(100))
    store = Store(tmp_path / "pins.sqlite3", clock=lambda: float(next(ticks)))
    old = store.create_conversation("Old")
    new = store.create_conversation("New")
    assert [c.title for c in store.list_conversations()] == ["New", "Old"]
    store.set_pinned(old, True)
    store.close()
    again = Store(tmp_path / "pins.sqlite3")
    listed = again.list_conversations()
    assert [(c.title, c.pinned) for c in listed] == [("Old", True), ("New", False)]
    again.set_pinned(old, False)
    assert [c.id for c in again.list_conversations()] == [new, old]


def test_schema_2_database_gains_the_pinned_column(tmp_path: Path) -> None:
    from denkspur.core.conversations.store import MIGRATIONS

    path = tmp_path / "v2.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(f"BEGIN; {MIGRATIONS[0]}; {MIGRATIONS[1]}; PRAGMA user_version = 2; COMMIT;")
    db.execute("INSERT INTO conversations(title, created, updated) VALUES ('Kept', 1, 1)")
    db.commit()
    db.close()
    (summary,) = Store(path).list_conversations()
    assert (summary.title, summary.pinned) == ("Kept", False)


def test_search_snippet_marks_matches_not_brackets_in_the_text(store: Store) -> None:
    conversation = store.create_conversation("Lists")
    store.add_message(conversation, "user", "x = [1, 2]\nthen\n\n  the zebra [note] runs")
    (hit,) = store.search("zebra")
    assert "[zebra]" in hit.snippet
    parts = hit.parts()
    assert ("zebra", True) in parts
    assert all("\n" not in text and "  " not in text for text, _ in parts)
    assert [text for text, is_match in parts if is_match] == ["zebra"]
    assert "[note]" in "".join(text for text, _ in parts)  # brackets of the text stay text
    assert not hit.in_trace


def test_import_keeps_the_model_and_the_settings_of_each_reply(store: Store, tmp_path: Path) -> None:
    """A reply names the model that wrote it and keeps its settings (thinking budget …) after a
    JSON round trip (imported replies said "Assistant" and lost their budget note)."""
    conversation_id = store.create_conversation("Models")
    store.add_message(conversation_id, "user", "2+3?")
    store.add_message(conversation_id, "assistant", "5", model="/m/R1-7B-Q4_K_M.gguf",
                      params={"temperature": 0.6, "thinking_budget": 500})
    data = json.loads(json.dumps(export_json(store.load_conversation(conversation_id))))
    other = Store(tmp_path / "other.sqlite3")
    reply = other.load_conversation(import_json(other, data)).messages[1].version
    assert reply.model == "/m/R1-7B-Q4_K_M.gguf"
    assert reply.params == {"temperature": 0.6, "thinking_budget": 500}
    hostile = json.loads(json.dumps(data))
    hostile["messages"][1]["versions"][0].update(model=["not", "text"], params="not a dict")
    reply = other.load_conversation(import_json(other, hostile)).messages[1].version
    assert reply.model == "" and reply.params == {}
