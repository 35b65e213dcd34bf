"""The states a stored reply version can be in (the words stored in SQLite and exported as JSON)."""

from __future__ import annotations

from enum import Enum


class VersionState(str, Enum):
    """A version's state; the values are exactly the strings stored in the database.

    ``str`` is mixed in (Python 3.10 has no ``StrEnum``) so a member compares
    equal to, and serialises as, its stored word.
    """

    COMPLETE = "complete"
    GENERATING = "generating"  # saved while streaming; a killed app leaves it so
    INTERRUPTED = "interrupted"  # found "generating" on the next start
    CANCELLED = "cancelled"
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)
