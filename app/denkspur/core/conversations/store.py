"""Conversations on disk: SQLite in WAL mode, FTS5 search, versioned schema.

Every reply is a *version* of a message, so regenerating keeps the earlier ones
and the user can flip between them (and compare their traces). Conversations
are trees, never edited in place: each message follows one version of the
message before it (``after_version_id``), so editing a question adds a version
of it with a fresh continuation while the old answer and everything after it
stay reachable by flipping back. What the user sees is the *path* through the
tree along the selected versions. A version being
generated is saved with state ``generating`` at least every second; if the app
is killed, the next open finds it in that state and marks it ``interrupted``:
nothing up to the last save is lost.

One :class:`Store` per thread (SQLite connections are not shared); WAL lets the
engine worker write while the GUI's store thread reads.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from denkspur.core.conversations.records import (
    MATCH_END,
    MATCH_START,
    Conversation,
    ConversationSummary,
    Message,
    SearchHit,
    Version,
    version_from_row,
    visible_path,
)
from denkspur.core.conversations.schema import MIGRATIONS, SCHEMA_VERSION, StoreError, open_database
from denkspur.core.conversations.search import search_versions
from denkspur.core.conversations.states import VersionState
from denkspur.core.text.clean import clean_text

# The records and the schema live in their own modules; their names stay importable from here.
__all__ = [
    "MATCH_END", "MATCH_START", "MIGRATIONS", "SCHEMA_VERSION", "SETTINGS_LIMIT", "STATES", "TAIL",
    "Conversation", "ConversationSummary", "Message", "SearchHit", "Store", "StoreError", "Version",
]

STATES = tuple(state.value for state in VersionState)
#: Size cap of a chat's settings (a system prompt is the only long part).
SETTINGS_LIMIT = 64_000


def _json_object(text: str) -> dict[str, object]:
    """A stored JSON object, or {} for anything else (a damaged or foreign value)."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class _Tail:
    """Marker: a new message continues the visible path."""


TAIL = _Tail()


class Store:
    """Access to one conversation database file (or ``:memory:``)."""

    def __init__(self, path: str | Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = str(path)
        self._clock = clock
        self._db = open_database(self.path)

    def close(self) -> None:
        self._db.close()

    def refuse_writes(self) -> None:
        """From now on every write fails (SQLite ``query_only``), as on a full or read-only disk.

        Reading goes on. Lets the app's handling of a store that cannot save be exercised for real.
        """
        self._db.execute("PRAGMA query_only = ON")

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection, for bulk work beside the methods here (recovery)."""
        return self._db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def mark_interrupted(self) -> int:
        """Versions left ``generating`` by a killed app become ``interrupted``."""
        cursor = self._db.execute(
            "UPDATE versions SET state = ? WHERE state = ?",
            (VersionState.INTERRUPTED.value, VersionState.GENERATING.value),
        )
        return cursor.rowcount

    # -- conversations -----------------------------------------------------------
    def create_conversation(self, title: str = "New chat") -> int:
        now = self._clock()
        cursor = self._db.execute(
            "INSERT INTO conversations(title, created, updated) VALUES (?, ?, ?)",
            (clean_text(title), now, now),
        )
        return int(cursor.lastrowid or 0)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self._db.execute("UPDATE conversations SET title = ? WHERE id = ?",
                         (clean_text(title), conversation_id))

    def delete_conversation(self, conversation_id: int) -> None:
        self._db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    def set_conversation_settings(self, conversation_id: int, settings: dict[str, object]) -> None:
        """Replace the chat's own settings (a JSON object, at most :data:`SETTINGS_LIMIT` characters)."""
        text = json.dumps(settings, ensure_ascii=False)
        if len(text) > SETTINGS_LIMIT:
            raise ValueError(f"chat settings over {SETTINGS_LIMIT} characters")
        self._db.execute("UPDATE conversations SET settings = ? WHERE id = ?",
                         (clean_text(text), conversation_id))

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._db.execute("UPDATE conversations SET pinned = ? WHERE id = ?", (int(pinned), conversation_id))

    def list_conversations(self) -> list[ConversationSummary]:
        """Pinned conversations first, then the most recently updated."""
        rows = self._db.execute(
            "SELECT c.id, c.title, c.updated, c.pinned, COUNT(m.id) AS n FROM conversations c "
            "LEFT JOIN messages m ON m.conversation_id = c.id "
            "GROUP BY c.id ORDER BY c.pinned DESC, c.updated DESC, c.id DESC"
        ).fetchall()
        return [ConversationSummary(r["id"], r["title"], r["updated"], r["n"], bool(r["pinned"]))
                for r in rows]

    def _touch(self, conversation_id: int) -> None:
        self._db.execute(
            "UPDATE conversations SET updated = ? WHERE id = ?", (self._clock(), conversation_id)
        )

    # -- messages ----------------------------------------------------------------
    def add_message(
        self,
        conversation_id: int,
        role: str,
        text: str = "",
        *,
        trace: str = "",
        state: str = VersionState.COMPLETE,
        model: str = "",
        params: dict[str, object] | None = None,
        after_version_id: int | _Tail | None = TAIL,
    ) -> tuple[int, int]:
        """Add a message with its first version; return (message id, version id).

        It follows ``after_version_id`` (``None``: it starts the conversation); by
        default it continues the path the user sees.
        """
        with self._transaction() as db:
            if isinstance(after_version_id, _Tail):
                after_version_id = self._path_tail(conversation_id)
            position = 0
            if after_version_id is not None:
                row = db.execute(
                    "SELECT m.position FROM versions v JOIN messages m ON m.id = v.message_id "
                    "WHERE v.id = ? AND m.conversation_id = ?", (after_version_id, conversation_id),
                ).fetchone()
                if row is None:
                    raise StoreError(f"version {after_version_id} is not in conversation {conversation_id}")
                position = int(row[0]) + 1
            message_id = db.execute(
                "INSERT INTO messages(conversation_id, position, role, after_version_id) VALUES (?, ?, ?, ?)",
                (conversation_id, position, role, after_version_id),
            ).lastrowid
            version_id = self._insert_version(
                int(message_id or 0), 0, text, trace=trace, state=state, model=model, params=params
            )
            self._touch(conversation_id)
        return int(message_id or 0), version_id

    def add_version(
        self, message_id: int, *, model: str = "", params: dict[str, object] | None = None,
        text: str = "", state: str = VersionState.GENERATING, trace: str = "",
        parent_version_id: int | None = None, branch_offset: int | None = None,
    ) -> int:
        """A new version of a message (regenerate, edit, branch); it becomes the current one.

        The versions before it keep whatever followed them: the new one starts an
        empty continuation, and flipping back shows the old path again.
        """
        with self._transaction() as db:
            number = db.execute(
                "SELECT COALESCE(MAX(number) + 1, 0) FROM versions WHERE message_id = ?", (message_id,)
            ).fetchone()[0]
            version_id = self._insert_version(
                message_id, number, text, trace=trace, state=state, model=model, params=params,
                parent_version_id=parent_version_id, branch_offset=branch_offset,
            )
            db.execute("UPDATE messages SET current_version = ? WHERE id = ?", (number, message_id))
            self._touch(self._conversation_of(message_id))
        return version_id

    def _insert_version(
        self, message_id: int, number: int, text: str, *, trace: str, state: str, model: str,
        params: dict[str, object] | None, parent_version_id: int | None = None,
        branch_offset: int | None = None,
    ) -> int:
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}")
        now = self._clock()
        cursor = self._db.execute(
            "INSERT INTO versions(message_id, number, answer, trace, state, model, params, created, updated,"
            " parent_version_id, branch_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (message_id, number, clean_text(text), clean_text(trace), str(state), clean_text(model),
             json.dumps(params or {}), now, now, parent_version_id, branch_offset),
        )
        return int(cursor.lastrowid or 0)

    def message_of(self, version_id: int) -> int:
        """The message a version belongs to."""
        row = self._db.execute("SELECT message_id FROM versions WHERE id = ?", (version_id,)).fetchone()
        if row is None:
            raise StoreError(f"version {version_id} does not exist")
        return int(row[0])

    def _conversation_of(self, message_id: int) -> int:
        row = self._db.execute("SELECT conversation_id FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise StoreError(f"message {message_id} does not exist")
        return int(row[0])

    def save_version(
        self,
        version_id: int,
        *,
        answer: str,
        trace: str,
        state: str,
        steps: list[dict[str, object]] | None = None,
        stats: dict[str, object] | None = None,
        error: str = "",
    ) -> None:
        """Store a version's (partial or final) content in one short transaction.

        Text is cleaned of lone surrogates first: SQLite cannot encode them, and a
        reply must never fail to save because of what a model or server sent.
        """
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}")
        self._db.execute(
            "UPDATE versions SET answer = ?, trace = ?, state = ?, steps = ?, stats = ?, error = ?,"
            " updated = ? WHERE id = ?",
            (clean_text(answer), clean_text(trace), str(state), json.dumps(steps or []),
             json.dumps(stats or {}), clean_text(error), self._clock(), version_id),
        )

    def select_version(self, message_id: int, number: int) -> None:
        self._db.execute("UPDATE messages SET current_version = ? WHERE id = ?", (number, message_id))

    def set_branch_origin(self, version_id: int, parent_version_id: int, branch_offset: int | None) -> None:
        """Record which version ``version_id`` branched from, and where in its trace (imports)."""
        self._db.execute(
            "UPDATE versions SET parent_version_id = ?, branch_offset = ? WHERE id = ?",
            (parent_version_id, branch_offset, version_id),
        )

    def reveal_version(self, version_id: int) -> None:
        """Select the versions that put ``version_id`` on the visible path (e.g. for a search hit)."""
        with self._transaction() as db:
            current: int | None = version_id
            while current is not None:
                row = db.execute(
                    "SELECT v.number, m.id, m.after_version_id FROM versions v "
                    "JOIN messages m ON m.id = v.message_id WHERE v.id = ?", (current,),
                ).fetchone()
                if row is None:
                    raise StoreError(f"version {version_id} does not exist")
                db.execute("UPDATE messages SET current_version = ? WHERE id = ?", (row[0], row[1]))
                current = row[2]

    def _path_tail(self, conversation_id: int) -> int | None:
        """The selected version of the last message on the visible path (None: empty conversation)."""
        messages = self._db.execute(
            "SELECT m.id, m.after_version_id, v.id AS selected FROM messages m "
            "LEFT JOIN versions v ON v.message_id = m.id AND v.number = m.current_version "
            "WHERE m.conversation_id = ? ORDER BY m.position, m.id", (conversation_id,),
        ).fetchall()
        followers: dict[int | None, int] = {}
        selected: dict[int, int | None] = {}
        for row in messages:  # later messages win: the newest continuation of a version is shown
            followers[row["after_version_id"]] = row["id"]
            selected[row["id"]] = row["selected"]
        tail: int | None = None
        seen: set[int] = set()
        message = followers.get(None)
        while message is not None and message not in seen:
            seen.add(message)
            tail = selected[message]
            message = followers.get(tail) if tail is not None else None
        return tail

    def version(self, version_id: int) -> Version:
        row = self._db.execute("SELECT * FROM versions WHERE id = ?", (version_id,)).fetchone()
        if row is None:
            raise StoreError(f"version {version_id} does not exist")
        return version_from_row(row)

    # -- reading -------------------------------------------------------------------
    def load_conversation(self, conversation_id: int) -> Conversation:
        row = self._db.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise StoreError(f"conversation {conversation_id} does not exist")
        conversation = Conversation(row["id"], row["title"], row["created"], row["updated"],
                                    settings=_json_object(row["settings"]))
        messages: dict[int, Message] = {}
        for message in self._db.execute(
            "SELECT * FROM messages WHERE conversation_id = ? ORDER BY position, id", (conversation_id,)
        ):
            messages[message["id"]] = Message(
                message["id"], message["position"], message["role"], [], message["current_version"],
                message["after_version_id"],
            )
        for version in self._db.execute(
            "SELECT v.* FROM versions v JOIN messages m ON m.id = v.message_id "
            "WHERE m.conversation_id = ? ORDER BY v.message_id, v.number",
            (conversation_id,),
        ):
            messages[version["message_id"]].versions.append(version_from_row(version))
        for message in messages.values():
            message.current = next(
                (i for i, v in enumerate(message.versions) if v.number == message.current), 0
            )
        conversation.all_messages = sorted(messages.values(), key=lambda m: m.id)
        conversation.messages = visible_path(conversation.all_messages)
        return conversation

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over answers *and* traces (current and older versions)."""
        return search_versions(self._db, query, limit)
