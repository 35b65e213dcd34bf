"""The words a reply ends with, as types: how generation stopped and what the stored version says.

Every enum mixes in ``str`` (Python 3.10 has no ``StrEnum``), so members compare
equal to, and serialise in JSON and SQLite as, exactly the words used before.
"""

from __future__ import annotations

from enum import Enum

from denkspur.core.conversations.states import VersionState
from denkspur.engine.errors import FailureKind

__all__ = ["CONTINUABLE", "FailureKind", "Remedy", "StopReason", "VersionState", "remedies_for",
           "state_after"]

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


class Remedy(str, Enum):
    """What the user can do about a failed reply, offered beside its error."""

    RESTART_ENGINE = "restart-engine"  # the engine process died or froze: a fresh one helps
    RETRY = "retry"  # a passing failure (network, a busy or failing server): asking again may work

    def __str__(self) -> str:
        return str(self.value)


_RESTARTABLE = {FailureKind.ENGINE, FailureKind.KILLED, FailureKind.CRASH, FailureKind.EXIT,
                FailureKind.HANG}
_PASSING = {FailureKind.CONNECT, FailureKind.TIMEOUT, FailureKind.RATE_LIMIT, FailureKind.SERVER,
            FailureKind.BAD_RESPONSE, FailureKind.DROPPED}


def remedies_for(kind: str | None) -> tuple[Remedy, ...]:
    """The actions that can help after a failure of this kind (a reply's stored ``error_kind``).

    Only a dead or frozen engine is helped by restarting it; a server that failed on
    the way may answer when asked again. The rest (a template error, a bad request, a
    context that does not fit, a key the server refuses, a model it does not have)
    fail the same way again: the message says what to change, and no button pretends
    otherwise. A reply stored before kinds were kept (``None``) may have been a crash,
    so it keeps the restart it always had.
    """
    if kind is None or kind in _RESTARTABLE:
        return (Remedy.RESTART_ENGINE,)
    if kind in _PASSING:
        return (Remedy.RETRY,)
    return ()
