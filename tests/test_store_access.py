"""A healthy history on a disk that cannot be written is reported as such, never treated as damaged."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from denkspur.core.conversations.recovery import open_checked
from denkspur.core.conversations.store import Store, StoreError
from small_disk import small_disk


def _history(path: Path) -> None:
    store = Store(path)
    conversation = store.create_conversation("Kept")
    store.add_message(conversation, "user", "What is 2 + 3?")
    store.close()


def test_a_read_only_disk_is_not_damage() -> None:
    with small_disk() as disk:
        path = disk.path / "conversations.sqlite3"
        _history(path)
        subprocess.run(["mount", "-o", "remount,ro", str(disk.path)], check=True)
        try:
            with pytest.raises(StoreError, match="writable"):
                open_checked(path)
            assert sorted(p.name for p in disk.path.iterdir()) == ["conversations.sqlite3"]  # untouched
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(disk.path)], check=True)
        store, report = open_checked(path)
        assert report is None and store.list_conversations()[0].title == "Kept"
        store.close()


def test_a_full_disk_at_start_keeps_the_history() -> None:
    with small_disk() as disk:
        path = disk.path / "conversations.sqlite3"
        _history(path)
        for suffix in ("-wal", "-shm"):
            (disk.path / f"conversations.sqlite3{suffix}").unlink(missing_ok=True)
        disk.fill()
        try:
            store, report = open_checked(path)
        except StoreError as error:
            assert "damaged" not in str(error)
        else:
            assert report is None and store.list_conversations()[0].title == "Kept"
            store.close()
        assert not any("damaged" in p.name for p in disk.path.iterdir())
