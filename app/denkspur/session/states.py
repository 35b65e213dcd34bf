"""The words a reply ends with, as types: how generation stopped and what the stored version says.

Every enum mixes in ``str`` (Python 3.10 has no ``StrEnum``), so members compare
equal to, and serialise in JSON and SQLite as, exactly the words used before.
"""

from __future__ import annotations

from enum import Enum

from denkspur.core.conversations.states import VersionState
from denkspur.engine.errors import FailureKind

__all__ = ["CONTINUABLE", "FailureKind", "StopReason", "VersionState", "state_after"]

#: The states of a reply that "Continue" can take up: stopped by the user, or cut off by a quit or crash.
CONTINUABLE = (VersionState.CANCELLED, VersionState.INTERRUPTED)


class StopReason(str, Enum):
    STOP = "stop"  # the model ended its reply
    LENGTH = "length"  # the token limit was reached
    CANCELLED = "cancelled"  # the user stopped it
    ERROR = "error"  # the engine or the server failed

    def __str__(self) -> str:
        return str(self.value)


_STATE_AFTER = {
    StopReason.STOP: VersionState.COMPLETE,
    StopReason.LENGTH: VersionState.COMPLETE,
    StopReason.CANCELLED: VersionState.CANCELLED,
    StopReason.ERROR: VersionState.ERROR,
}


def state_after(stop_reason: StopReason) -> VersionState:
    """The stored state of a reply that stopped this way."""
    return _STATE_AFTER[stop_reason]
