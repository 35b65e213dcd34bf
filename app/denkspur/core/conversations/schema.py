"""The conversation database's schema and its migrations, kept apart from the queries.

The schema version lives in SQLite's ``user_version``; each entry of :data:`MIGRATIONS`
takes a database one version up in its own transaction, so a file written by any
earlier Denkspur opens, and one written by a newer Denkspur is refused instead of
being damaged by queries that do not know its tables.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(RuntimeError):
    """The conversation database cannot be used; the message says why."""


SCHEMA_VERSION = 3



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


def migrate(db: sqlite3.Connection) -> None:
    """Bring ``db`` to :data:`SCHEMA_VERSION`, or refuse a database from a newer app."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the conversation database was written by a newer Denkspur (schema {version}); "
            "update the app to open it"
        )
    if version == SCHEMA_VERSION:
        return
    # Table rebuilds must not cascade into the rows that reference them.
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        for target in range(version, SCHEMA_VERSION):
            db.executescript(
                f"BEGIN IMMEDIATE; {MIGRATIONS[target]}; PRAGMA user_version = {target + 1}; COMMIT;"
            )
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StoreError(f"the conversation database has {len(broken)} dangling references")
    finally:
        db.execute("PRAGMA foreign_keys = ON")


def open_database(path: str) -> sqlite3.Connection:
    """A connection to the database at ``path`` (WAL, foreign keys on), migrated to this schema."""
    try:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # the data folder is a file, or cannot be made
        raise StoreError(f"the conversation database {path} cannot be opened: its folder "
                         f"cannot be made ({error.strerror or error})") from error
    try:
        db = sqlite3.connect(path, timeout=10, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"the conversation database {path} cannot be opened: {error}") from error
    return db
