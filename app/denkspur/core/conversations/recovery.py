"""A damaged conversation database is detected at start, kept aside, and read back.

SQLite does not complain about a damaged file until a query touches a damaged
page, and then only with ``database disk image is malformed``: without a check
the app shows an empty history and keeps writing into the broken file. So the
file is checked (``PRAGMA quick_check``) when it is opened; a damaged one is
renamed with a timestamp (with its ``-wal``/``-shm``), a fresh database takes its
place, and every row that can still be read is copied over, table by table,
skipping past unreadable stretches. What happened comes back as a
:class:`RecoveryReport` for the app to tell the user.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from denkspur.core.conversations.store import Store, StoreError

#: Tables copied, parents first (the columns are those both files have).
_TABLES = ("conversations", "messages", "versions")
_CHECK_ROWS = 5  # problems quick_check lists at most (the first says enough)
_MAX_SKIPS = 64  # attempts per table to jump past unreadable rows


@dataclass(frozen=True)
class RecoveryReport:
    """A damaged database was replaced: where it went and what could be read back."""

    problem: str  # what SQLite said about the file
    damaged_copy: Path  # the damaged file, kept for the user (or a tool) to look at
    recovered: dict[str, int] = field(default_factory=dict)  # rows copied per table
    unreadable: int = 0  # stretches of rows that could not be read
    orphans: int = 0  # rows whose parent was lost (kept under a placeholder where possible)

    def message(self) -> str:
        """Plain text for the user."""
        got = self.recovered
        parts = [f"The conversation history was damaged ({self.problem}).",
                 f"The damaged file was kept as {self.damaged_copy}.",
                 f"Recovered into a fresh database: {got.get('conversations', 0)} conversations, "
                 f"{got.get('messages', 0)} messages, {got.get('versions', 0)} replies."]
        if self.unreadable:
            parts.append("Some parts could not be read and are missing.")
        return " ".join(parts)


def open_checked(
    path: str | Path, *, clock: Callable[[], float] = time.time
) -> tuple[Store, RecoveryReport | None]:
    """Open the conversation database, first replacing it if it is damaged."""
    path = Path(path)
    problem = find_damage(path)
    if problem is None:
        return Store(path, clock=clock), None
    damaged = _move_aside(path, clock())
    store = Store(path, clock=clock)
    report = _copy_readable(damaged, store, problem)
    return store, report


def find_damage(path: Path) -> str | None:
    """What is wrong with the database file at ``path`` (``None``: nothing, or no file yet).

    Only damage counts: a file that cannot be opened or written for other reasons
    (a read-only folder, a full disk, a lock) raises :class:`StoreError` instead, and
    is never moved aside, since the history in it is fine.
    """
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(path, timeout=10)
    except sqlite3.DatabaseError as error:
        return _damage_or_raise(path, error)
    try:
        rows = db.execute(f"PRAGMA quick_check({_CHECK_ROWS})").fetchall()
    except sqlite3.DatabaseError as error:
        return _damage_or_raise(path, error)
    finally:
        db.close()
    findings = [str(row[0]) for row in rows]
    return None if findings == ["ok"] else "; ".join(findings)[:300]


#: SQLite's result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB.
_DAMAGE_CODES = (11, 26)


def _damage_or_raise(path: Path, error: sqlite3.DatabaseError) -> str:
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    text = str(error)
    damaged = (code & 0xFF in _DAMAGE_CODES) if isinstance(code, int) else (
        "malformed" in text or "not a database" in text)
    if damaged:
        return text
    raise StoreError(f"the conversation database {path} cannot be used: {text} "
                     "(is the data folder writable, and is there room on the disk?)") from error


def _move_aside(path: Path, now: float) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    damaged = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    try:
        for suffix in ("", "-wal", "-shm"):  # SQLite finds the WAL by name: keep the three together
            source = Path(f"{path}{suffix}")
            if source.exists():
                source.replace(f"{damaged}{suffix}")
    except OSError as error:
        raise StoreError(f"the conversation database {path} is damaged and cannot be moved aside: "
                         f"{error}") from error
    return damaged


def _copy_readable(damaged: Path, store: Store, problem: str) -> RecoveryReport:
    with tempfile.TemporaryDirectory(dir=damaged.parent, prefix=".recovery-") as scratch:
        try:
            source = sqlite3.connect(f"file:{_readable_copy(damaged, Path(scratch))}?mode=ro", uri=True)
        except (sqlite3.DatabaseError, OSError):
            return RecoveryReport(problem, damaged, {}, unreadable=1)
        source.text_factory = lambda raw: raw.decode("utf-8", errors="replace")
        try:
            return _Copier(store.connection).run(source, problem, damaged)
        finally:
            source.close()


def _readable_copy(damaged: Path, scratch: Path) -> Path:
    """A scratch copy SQLite will read as far as it goes (the damaged file itself stays as it was).

    A truncated file still claims its old size in the header, and SQLite then refuses
    every page; with the size field zeroed it uses the real file size instead.
    """
    copy = scratch / "damaged.sqlite3"
    shutil.copyfile(damaged, copy)
    if Path(f"{damaged}-wal").exists():
        shutil.copyfile(f"{damaged}-wal", f"{copy}-wal")
    with copy.open("r+b") as file:
        if file.read(16) == b"SQLite format 3\0":
            file.seek(28)
            file.write(bytes(4))
    return copy


class _Copier:
    """Copies readable rows into the fresh database, then mends the links the damage cut.

    Foreign keys are off while copying (messages and versions point at each other);
    afterwards rows whose parent was lost get placeholders (a conversation for
    messages, one "Recovered messages" conversation for versions whose message was
    lost), messages without any version go, links to lost versions are dropped,
    and a message that lost its predecessor follows the message one position
    before it, as schema 2's migration links them.
    """

    def __init__(self, target: sqlite3.Connection) -> None:
        self._db = target
        self.recovered: dict[str, int] = {}
        self.unreadable = 0
        self.orphans = 0

    def run(self, source: sqlite3.Connection, problem: str, damaged: Path) -> RecoveryReport:
        self._db.execute("PRAGMA foreign_keys = OFF")
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for table in _TABLES:
                    columns = _shared_columns(source, self._db, table)
                    rows = _ReadableRows(source, table, columns)
                    self.recovered[table] = sum(self._copy(table, columns, row) for row in rows)
                    self.unreadable += rows.skips
                self._mend()
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        finally:
            self._db.execute("PRAGMA foreign_keys = ON")
        return RecoveryReport(problem, damaged, self.recovered, self.unreadable, self.orphans)

    def _copy(self, table: str, columns: tuple[str, ...], row: tuple[object, ...]) -> bool:
        if table == "versions":
            row = _with_valid_json(columns, row)
        marks = ", ".join("?" for _ in columns)
        try:
            self._db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", row)
            return True
        except (sqlite3.Error, ValueError, OverflowError):  # garbage that breaks a constraint
            self.unreadable += 1
            return False

    def _mend(self) -> None:
        db, now = self._db, time.time()
        lost_conversations = db.execute(
            "INSERT INTO conversations (id, title, created, updated) SELECT DISTINCT m.conversation_id, "
            "'Recovered conversation', ?, ? FROM messages m WHERE m.conversation_id NOT IN "
            "(SELECT id FROM conversations)", (now, now)).rowcount
        lost_messages = db.execute("SELECT DISTINCT message_id FROM versions WHERE message_id NOT IN "
                                   "(SELECT id FROM messages) ORDER BY message_id").fetchall()
        if lost_messages:
            home = db.execute("INSERT INTO conversations (title, created, updated) VALUES (?, ?, ?)",
                              ("Recovered messages (their conversations were lost)", now, now)).lastrowid
            for position, (message_id,) in enumerate(lost_messages):
                first = db.execute("SELECT number, model FROM versions WHERE message_id = ? ORDER BY number",
                                   (message_id,)).fetchone()
                role = "assistant" if first[1] else "user"  # replies name their model, questions do not
                db.execute("INSERT INTO messages (id, conversation_id, position, role, current_version) "
                           "VALUES (?, ?, ?, ?, ?)", (message_id, home, position, role, first[0]))
        db.execute("DELETE FROM messages WHERE id NOT IN (SELECT message_id FROM versions)")
        if "after_version_id" in _columns_of(db, "messages"):
            db.execute("UPDATE messages SET after_version_id = NULL "
                       "WHERE after_version_id NOT IN (SELECT id FROM versions)")
            db.execute(
                "UPDATE messages SET after_version_id = (SELECT v.id FROM messages p "
                "JOIN versions v ON v.message_id = p.id WHERE p.conversation_id = messages.conversation_id "
                "AND p.position = messages.position - 1 "
                "ORDER BY v.number = p.current_version DESC, v.number DESC LIMIT 1) "
                "WHERE after_version_id IS NULL AND position > 0")
        if "parent_version_id" in _columns_of(db, "versions"):
            db.execute("UPDATE versions SET parent_version_id = NULL "
                       "WHERE parent_version_id NOT IN (SELECT id FROM versions)")
        for table, rowid, _parent, _key in db.execute("PRAGMA foreign_key_check").fetchall():
            db.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))  # whatever still dangles
            self.unreadable += 1
        self.orphans += lost_conversations + len(lost_messages)


def _columns_of(db: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []


def _shared_columns(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> tuple[str, ...]:
    """Columns of ``table`` in both files (an older damaged file lacks newer columns); ``id`` first."""
    present = set(_columns_of(source, table))
    return tuple(name for name in _columns_of(target, table) if name in present)


class _ReadableRows:
    """Rows of one table in id order, jumping past stretches that cannot be read.

    After a read error the scan restarts just past the last good id, and jumps
    twice as far each time the same stretch fails again: rows in a skipped gap
    are lost, everything after it is still found.
    """

    def __init__(self, db: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> None:
        self._db, self._columns = db, columns
        self._query = f"SELECT {', '.join(columns)} FROM {table} WHERE id > ? ORDER BY id"
        self.skips = 0

    def __iter__(self) -> Iterator[tuple[object, ...]]:
        if not self._columns or self._columns[0] != "id":  # the table's schema itself is unreadable
            return
        last, jump = 0, 1
        while self.skips <= _MAX_SKIPS:
            try:
                for row in self._db.execute(self._query, (last,)):
                    if isinstance(row[0], int):
                        last, jump = row[0], 1
                        yield tuple(row)
                return
            except sqlite3.DatabaseError:
                self.skips += 1
                last, jump = last + jump, jump * 2
                if last >= 2**62:  # past any id the app ever gave out
                    return


def _with_valid_json(columns: tuple[str, ...], row: tuple[object, ...]) -> tuple[object, ...]:
    """JSON columns that no longer parse get their empty defaults (the app parses them on load)."""
    defaults = {"steps": "[]", "stats": "{}", "params": "{}"}
    fixed = list(row)
    for index, name in enumerate(columns):
        if name in defaults:
            try:
                json.loads(str(fixed[index]))
            except ValueError:
                fixed[index] = defaults[name]
    return tuple(fixed)
