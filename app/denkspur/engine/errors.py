"""Typed engine failures, each with a message a user can act on."""

from __future__ import annotations

import sys
from enum import Enum

_CRASH_SIGNALS = {"SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT"}
# Windows reports native crashes as NTSTATUS exit codes.
_WINDOWS_CODES = {
    0xC0000005: "access violation",
    0xC00000FD: "stack overflow",
    0xC0000409: "fatal error (stack buffer overrun / abort)",
    0xC0000017: "out of memory",
}


class FailureKind(str, Enum):
    """Every ``kind`` an engine or server failure carries: the words the CLI's JSON prints.

    ``str`` is mixed in so a member equals, and serialises as, its word; ``kind``
    attributes stay plain ``str`` so that a word from a newer engine passes through.
    """

    ENGINE = "engine"
    # the child refused a request (it is still usable)
    LOAD = "load"
    BAD_MODEL = "bad-model"
    CONTEXT_OVERFLOW = "context-overflow"
    #: the context asked for cannot fit this machine's memory (fewer GPU layers do not help)
    CONTEXT_TOO_LARGE = "context-too-large"
    BAD_REQUEST = "bad-request"
    INTERNAL = "internal"
    # the child died or froze
    KILLED = "killed"
    CRASH = "crash"
    EXIT = "exit"
    HANG = "hang"
    # a remote server failed
    CONNECT = "connect"
    TIMEOUT = "timeout"
    AUTH = "auth"
    NOT_FOUND = "not-found"
    RATE_LIMIT = "rate-limit"
    SERVER = "server"
    BAD_RESPONSE = "bad-response"
    DROPPED = "dropped"

    def __str__(self) -> str:
        return str(self.value)


class EngineError(Exception):
    """Base class; ``kind`` is a stable machine-readable word."""

    kind: str = FailureKind.ENGINE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as its type, message and attributes, whatever its constructor takes: errors
        cross from the session process to the app's (see session/process_runner.py)."""
        return _rebuilt, (type(self), self.message, dict(self.__dict__))


def _rebuilt(cls: type[EngineError], message: str, attributes: dict[str, object]) -> EngineError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(attributes)
    return error


class EngineRequestFailed(EngineError):
    """The child refused or failed one request and is still usable."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class EngineCrashed(EngineError):
    """The child process died or froze; a fresh one can be started."""

    def __init__(
        self,
        kind: str,
        message: str,
        *,
        during: str,
        exit_code: int | None = None,
        signal_name: str | None = None,
        log_tail: str = "",
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.during = during
        self.exit_code = exit_code
        self.signal_name = signal_name
        self.log_tail = log_tail

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "during": self.during,
            "exit_code": self.exit_code,
            "signal": self.signal_name,
        }


def describe_exit(exit_code: int | None, during: str, log_tail: str = "") -> EngineCrashed:
    """Turn a dead child's exit status into a typed error with a plain message."""
    name: str | None = None
    if exit_code is not None and exit_code < 0:
        import signal  # its enums are built on import: here, not at the GUI's start

        try:
            name = signal.Signals(-exit_code).name
        except ValueError:
            name = f"signal {-exit_code}"
    if name == "SIGKILL":
        kind = FailureKind.KILLED
        cause = "was killed (SIGKILL), most likely by the system for lack of memory"
    elif name in _CRASH_SIGNALS:
        kind = FailureKind.CRASH
        cause = f"crashed in native code ({name})"
    elif name is not None:
        kind = FailureKind.KILLED
        cause = f"was stopped by {name}"
    elif sys.platform == "win32" and exit_code is not None and (exit_code & 0xFFFFFFFF) in _WINDOWS_CODES:
        kind = FailureKind.CRASH
        cause = f"crashed: {_WINDOWS_CODES[exit_code & 0xFFFFFFFF]} (0x{exit_code & 0xFFFFFFFF:08X})"
    else:
        kind = FailureKind.EXIT
        cause = f"exited unexpectedly with code {exit_code}"
    hint = " The model file may be damaged." if during == "load" else ""
    if during == "start" and log_tail.strip():
        hint = f" Its last words: {log_tail.strip().splitlines()[-1]}"
    message = f"The inference engine {cause} while {_doing(during)}.{hint}"
    return EngineCrashed(kind, message, during=during, exit_code=exit_code, signal_name=name,
                         log_tail=log_tail)


def hang_error(during: str, seconds: float, log_tail: str = "") -> EngineCrashed:
    return EngineCrashed(
        FailureKind.HANG,
        f"The inference engine stopped responding for {seconds:.0f} s while {_doing(during)} "
        "and was stopped.",
        during=during,
        log_tail=log_tail,
    )


def _doing(during: str) -> str:
    return {
        "start": "starting",
        "load": "loading the model",
        "generate": "generating",
        "unload": "unloading the model",
    }.get(during, during)
