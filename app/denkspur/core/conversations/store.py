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
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from denkspur.core.conversations.states import VersionState
from denkspur.core.text.clean import clean_text

SCHEMA_VERSION = 3
STATES = tuple(state.value for state in VersionState)


_SCHEMA_1 = """
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            created REAL NOT NULL,
            updated REAL NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
            current_version INTEGER NOT NULL DEFAULT 0,
            UNIQUE (conversation_id, position)
        );
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            answer TEXT NOT NULL DEFAULT '',
            trace TEXT NOT NULL DEFAULT '',
            steps TEXT NOT NULL DEFAULT '[]',
            stats TEXT NOT NULL DEFAULT '{}',
            model TEXT NOT NULL DEFAULT '',
            params TEXT NOT NULL DEFAULT '{}',
            state TEXT NOT NULL DEFAULT 'complete',
            error TEXT NOT NULL DEFAULT '',
            created REAL NOT NULL,
            updated REAL NOT NULL,
            UNIQUE (message_id, number)
        );
        CREATE INDEX versions_state ON versions(state);
        CREATE VIRTUAL TABLE versions_fts USING fts5(
            answer, trace, content='versions', content_rowid='id', tokenize='unicode61'
        );
        CREATE TRIGGER versions_ai AFTER INSERT ON versions BEGIN
            INSERT INTO versions_fts(rowid, answer, trace) VALUES (new.id, new.answer, new.trace);
        END;
        CREATE TRIGGER versions_ad AFTER DELETE ON versions BEGIN
            INSERT INTO versions_fts(versions_fts, rowid, answer, trace)
            VALUES ('delete', old.id, old.answer, old.trace);
        END;
        CREATE TRIGGER versions_au AFTER UPDATE OF answer, trace ON versions BEGIN
            INSERT INTO versions_fts(versions_fts, rowid, answer, trace)
            VALUES ('delete', old.id, old.answer, old.trace);
            INSERT INTO versions_fts(rowid, answer, trace) VALUES (new.id, new.answer, new.trace);
        END;
"""

# Schema 2: conversations become trees. A message follows one version of the message
# before it, so positions are no longer unique (two branches share a depth). Existing
# messages follow the version that was selected before them. Versions may record the
# version they were branched from and where in its trace (branch from a step).
_SCHEMA_2 = """
        CREATE TABLE messages_tree (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
            current_version INTEGER NOT NULL DEFAULT 0,
            after_version_id INTEGER REFERENCES versions(id) ON DELETE CASCADE
        );
        INSERT INTO messages_tree(id, conversation_id, position, role, current_version, after_version_id)
            SELECT m.id, m.conversation_id, m.position, m.role, m.current_version,
                   (SELECT v.id FROM messages p JOIN versions v ON v.message_id = p.id
                    WHERE p.conversation_id = m.conversation_id AND p.position = m.position - 1
                    ORDER BY v.number = p.current_version DESC, v.number DESC LIMIT 1)
            FROM messages m;
        DROP TABLE messages;
        ALTER TABLE messages_tree RENAME TO messages;
        CREATE INDEX messages_after ON messages(conversation_id, after_version_id);
        ALTER TABLE versions ADD COLUMN parent_version_id INTEGER REFERENCES versions(id) ON DELETE SET NULL;
        ALTER TABLE versions ADD COLUMN branch_offset INTEGER;
"""

# Schema 3: conversations can be pinned to the top of the list.
_SCHEMA_3 = """
        ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
"""

#: SQL scripts; index i migrates schema version i to i + 1 (each runs in one transaction).
MIGRATIONS: list[str] = [_SCHEMA_1, _SCHEMA_2, _SCHEMA_3]

#: Where a search match starts and ends in :attr:`SearchHit.marked` (control characters
#: that stored text does not use, so brackets in an answer are never taken for a match).
MATCH_START = "\x02"
MATCH_END = "\x03"
_WHITESPACE = re.compile(r"\s+")
#: Size cap of a chat's settings (a system prompt is the only long part).
SETTINGS_LIMIT = 64_000


def _json_object(text: str) -> dict[str, object]:
    """A stored JSON object, or {} for anything else (a damaged or foreign value)."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class StoreError(RuntimeError):
    """The conversation database cannot be used; the message says why."""


@dataclass
class Version:
    id: int
    number: int
    answer: str
    trace: str = ""
    steps: list[dict[str, object]] = field(default_factory=list)
    stats: dict[str, object] = field(default_factory=dict)
    model: str = ""
    params: dict[str, object] = field(default_factory=dict)
    state: VersionState = VersionState.COMPLETE
    error: str = ""
    created: float = 0.0
    parent_version_id: int | None = None  # the version this one was branched from, if any
    branch_offset: int | None = None  # where in the parent's trace the branch starts


@dataclass
class Message:
    id: int
    position: int
    role: str
    versions: list[Version]
    current: int  # index into versions
    after_version_id: int | None = None  # the version of the previous message this one follows

    @property
    def version(self) -> Version:
        return self.versions[self.current]

    @property
    def text(self) -> str:
        return self.version.answer


@dataclass
class Conversation:
    id: int
    title: str
    created: float
    updated: float
    messages: list[Message] = field(default_factory=list)  # the path along the selected versions
    all_messages: list[Message] = field(default_factory=list)  # every branch, in creation order
    #: This chat's own settings (system prompt, sampling, budget) over the app's defaults.
    settings: dict[str, object] = field(default_factory=dict)

    @property
    def hidden_messages(self) -> int:
        """Messages on branches that the current path does not show."""
        return len(self.all_messages) - len(self.messages)

    def turns(self, before_position: int | None = None) -> list[tuple[str, str]]:
        """(role, text) of the current versions, for the model.

        Only answers go back to the model, never traces; failed or empty
        replies are left out so that they do not confuse the next turn.
        """
        turns = []
        for message in self.messages:
            if before_position is not None and message.position >= before_position:
                break
            text = message.version.answer
            failed = message.version.state == VersionState.ERROR
            if message.role == "assistant" and (not text.strip() or failed):
                continue
            turns.append((message.role, text))
        return turns


@dataclass(frozen=True)
class ConversationSummary:
    id: int
    title: str
    updated: float
    message_count: int
    pinned: bool = False


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    title: str
    message_id: int
    version_id: int
    snippet: str
    in_trace: bool
    marked: str = ""  # the snippet with matches between MATCH_START and MATCH_END

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, whitespace folded to single spaces."""
        pieces: list[tuple[str, bool]] = []
        for i, chunk in enumerate(self.marked.split(MATCH_START)):
            match, _, rest = chunk.partition(MATCH_END) if i else ("", "", chunk)
            for raw, is_match in ((match, True), (rest, False)):
                text = _WHITESPACE.sub(" ", raw)
                if text:
                    pieces.append((text, is_match))
        return pieces


class _Tail:
    """Marker: a new message continues the visible path."""


TAIL = _Tail()


class Store:
    """Access to one conversation database file (or ``:memory:``)."""

    def __init__(self, path: str | Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = str(path)
        self._clock = clock
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # the data folder is a file, or cannot be made
            raise StoreError(f"the conversation database {self.path} cannot be opened: its folder "
                             f"cannot be made ({error.strerror or error})") from error
        try:
            self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"the conversation database {self.path} cannot be opened: {error}") from error

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

    # -- schema ------------------------------------------------------------------
    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the conversation database was written by a newer Denkspur (schema {version}); "
                "update the app to open it"
            )
        if version == SCHEMA_VERSION:
            return
        # Table rebuilds must not cascade into the rows that reference them.
        self._db.execute("PRAGMA foreign_keys = OFF")
        try:
            for target in range(version, SCHEMA_VERSION):
                self._db.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[target]}; PRAGMA user_version = {target + 1}; COMMIT;"
                )
            broken = self._db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(f"the conversation database has {len(broken)} dangling references")
        finally:
            self._db.execute("PRAGMA foreign_keys = ON")

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
        return _version_from_row(row)

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
            messages[version["message_id"]].versions.append(_version_from_row(version))
        for message in messages.values():
            message.current = next(
                (i for i, v in enumerate(message.versions) if v.number == message.current), 0
            )
        conversation.all_messages = sorted(messages.values(), key=lambda m: m.id)
        conversation.messages = _visible_path(conversation.all_messages)
        return conversation

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over answers *and* traces (current and older versions)."""
        terms = [t for t in clean_text(query).replace('"', " ").split() if t]
        if not terms:
            return []
        match = " ".join(f'"{term}"*' for term in terms)
        rows = self._db.execute(
            "SELECT v.id AS version_id, m.id AS message_id, c.id AS conversation_id, c.title,"
            " snippet(versions_fts, 0, ?, ?, '…', 12) AS answer_snippet,"
            " snippet(versions_fts, 1, ?, ?, '…', 12) AS trace_snippet"
            " FROM versions_fts JOIN versions v ON v.id = versions_fts.rowid"
            " JOIN messages m ON m.id = v.message_id JOIN conversations c ON c.id = m.conversation_id"
            " WHERE versions_fts MATCH ? ORDER BY rank LIMIT ?",
            (MATCH_START, MATCH_END, MATCH_START, MATCH_END, match, limit),
        ).fetchall()
        hits = []
        for row in rows:
            in_answer = MATCH_START in row["answer_snippet"]
            marked = row["answer_snippet"] if in_answer else row["trace_snippet"]
            snippet = marked.replace(MATCH_START, "[").replace(MATCH_END, "]")
            hits.append(SearchHit(row["conversation_id"], row["title"], row["message_id"],
                                  row["version_id"], snippet, not in_answer, marked))
        return hits


def _visible_path(messages: list[Message]) -> list[Message]:
    """Walk from the first message along the selected versions (the newest continuation wins)."""
    followers: dict[int | None, Message] = {}
    for candidate in messages:  # in creation order, so later continuations replace earlier ones
        followers[candidate.after_version_id] = candidate
    path: list[Message] = []
    seen: set[int] = set()
    message = followers.get(None)
    while message is not None and message.id not in seen and message.versions:
        seen.add(message.id)
        path.append(message)
        message = followers.get(message.version.id)
    return path


def _version_from_row(row: sqlite3.Row) -> Version:
    return Version(
        id=row["id"],
        number=row["number"],
        answer=row["answer"],
        trace=row["trace"],
        steps=json.loads(row["steps"]),
        stats=json.loads(row["stats"]),
        model=row["model"],
        params=json.loads(row["params"]),
        state=VersionState(row["state"]),
        error=row["error"],
        created=row["created"],
        parent_version_id=row["parent_version_id"],
        branch_offset=row["branch_offset"],
    )
