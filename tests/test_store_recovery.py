"""Issue 12, item 4: a damaged conversation database is detected, kept aside and read back.

Real SQLite files, damaged the two ways disks and crashes damage them: cut short
(truncated) and a page overwritten with garbage.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from denkspur.core.conversations.recovery import find_damage, open_checked
from denkspur.core.conversations.store import Store

CONVERSATIONS = 150
PAGE = 4096


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A closed database with 150 conversations (a question and a 2 kB reply each), WAL checkpointed."""
    path = tmp_path / "conversations.sqlite3"
    store = Store(path)
    for index in range(CONVERSATIONS):
        conversation = store.create_conversation(f"Question {index}")
        store.add_message(conversation, "user", f"What is {index} + 1?")
        _, version = store.add_message(conversation, "assistant", state="generating", model="r1-1.5b")
        store.save_version(version, answer=f"It is {index + 1}.", trace=f"Add one to {index}. " * 100,
                           state="complete", steps=[{"index": 0}], stats={"steps": 1})
    store.close()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    return path


def _check_usable(store: Store) -> None:
    """Everything listed opens, and new conversations can be written."""
    for summary in store.list_conversations():
        store.load_conversation(summary.id)
    new = store.create_conversation("After the repair")
    store.add_message(new, "user", "Still working?")
    assert store.load_conversation(new).messages[0].text == "Still working?"


def test_a_healthy_database_is_left_alone(history: Path) -> None:
    store, report = open_checked(history)
    assert report is None and len(store.list_conversations()) == CONVERSATIONS
    assert sorted(p.name for p in history.parent.iterdir() if "damaged" in p.name) == []
    store.close()


def test_a_truncated_database_is_kept_aside_and_read_back(history: Path) -> None:
    size = history.stat().st_size
    with history.open("r+b") as file:
        file.truncate(size // 2 // PAGE * PAGE)
    assert find_damage(history) is not None
    store, report = open_checked(history)
    assert report is not None
    assert report.damaged_copy.exists() and report.damaged_copy.stat().st_size == size // 2 // PAGE * PAGE
    assert "damaged" in report.damaged_copy.name and str(report.damaged_copy) in report.message()
    replies = [m.text for s in store.list_conversations() for m in store.load_conversation(s.id).messages
               if m.role == "assistant"]
    assert 0 < len(replies) < CONVERSATIONS and all(reply.startswith("It is ") for reply in replies)
    assert report.recovered["versions"] >= len(replies)
    assert find_damage(history) is None
    _check_usable(store)
    store.close()


def test_a_page_of_garbage_is_skipped_and_the_rest_recovered(history: Path) -> None:
    pages = history.stat().st_size // PAGE
    noise = random.Random(12).randbytes(PAGE)
    with history.open("r+b") as file:
        file.seek(pages // 2 * PAGE)
        file.write(noise)
    store, report = open_checked(history)
    assert report is not None and report.problem
    found = store.list_conversations()
    assert len(found) >= CONVERSATIONS // 2, report
    whole = 0
    for summary in found:
        messages = store.load_conversation(summary.id).messages
        if summary.title.startswith("Question ") and len(messages) == 2:
            index = int(summary.title.split()[1])
            assert [m.role for m in messages] == ["user", "assistant"]
            assert [m.text for m in messages] == [f"What is {index} + 1?", f"It is {index + 1}."]
            whole += 1
    assert whole >= CONVERSATIONS // 2
    _check_usable(store)
    store.close()


def test_a_file_that_is_not_a_database_at_all(history: Path) -> None:
    with history.open("r+b") as file:
        file.write(b"garbage" * 20)
    store, report = open_checked(history)
    assert report is not None and "not a database" in report.problem
    assert store.list_conversations() == [] and report.damaged_copy.exists()
    _check_usable(store)
    store.close()


def test_plain_sqlite_sees_the_damage_the_store_used_to_miss(history: Path) -> None:
    """Before the check, the damaged file opened without a word and showed an empty or partial list."""
    with history.open("r+b") as file:
        file.truncate(history.stat().st_size // 2 // PAGE * PAGE)
    db = sqlite3.connect(history)
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("SELECT COUNT(*) FROM versions WHERE trace LIKE '%x%'").fetchall()
    db.close()


def test_the_app_says_so_at_start_and_works_on(history: Path, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gui_helpers import open_window

    data = tmp_path / "data"
    data.mkdir()
    with history.open("r+b") as file:
        file.truncate(history.stat().st_size // 2 // PAGE * PAGE)
    history.replace(data / "conversations.sqlite3")
    window = open_window(qtbot, tmp_path, None)
    qtbot.waitUntil(lambda: hasattr(window, "problem_box"), timeout=10_000)
    text = window.problem_box.text()
    assert "damaged" in text and "conversations.damaged-" in text
    qtbot.waitUntil(lambda: len(window.session.store.call(lambda s: s.list_conversations()).result()) > 0,
                    timeout=10_000)
    assert any(p.name.startswith("conversations.damaged-") for p in data.iterdir())
    window.problem_box.close()
    window.close()


def test_cli_save_into_a_damaged_history_says_so(history: Path, tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    from openai_server import OpenAIServer

    data = tmp_path / "data"
    data.mkdir()
    with history.open("r+b") as file:
        file.truncate(history.stat().st_size // 2 // PAGE * PAGE)
    history.replace(data / "conversations.sqlite3")
    env = {**os.environ, "DENKSPUR_DATA_DIR": str(data),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    with OpenAIServer() as server:
        command = [sys.executable, "-m", "denkspur", "chat", "--server", server.url, "--save", "--json", "Q"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, check=False)
    assert run.returncode == 0, run.stderr
    assert "damaged" in run.stderr and "conversations.damaged-" in run.stderr
    assert "conversation" in json.loads(run.stdout.splitlines()[-1])
    store = Store(data / "conversations.sqlite3")
    assert any(s.title == "Q" for s in store.list_conversations())
    store.close()
