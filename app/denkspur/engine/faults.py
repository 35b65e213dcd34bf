"""Deliberate failures of the engine child, for tests and the self-test.

A real model rarely crashes on cue, yet the app's promise (a crash, OOM kill or
hang of native code never takes the window down) has to be tested for real. A
fault spec makes the *child process* really die or freeze at a chosen moment:

* ``segfault``: dereference NULL through ctypes (SIGSEGV, as a native bug would)
* ``abort``: ``abort()`` (SIGABRT, as a failed ``GGML_ASSERT`` does)
* ``kill``: SIGKILL to itself (what the kernel's OOM killer does)
* ``hang``: SIGSTOP to itself (a frozen process that answers nothing)
* ``exit``: leave with exit code 3
* ``slow``: not a failure: every token takes N extra milliseconds, so that tests
  can act in the middle of a generation (cancel, stop) on a tiny fast model

Spec syntax: ``KIND@load``, ``KIND@gpu-load`` (only loads that offload layers:
a GPU out of memory) or ``KIND@token:N`` (after N generated tokens; for
``slow``, N is the delay per token in milliseconds).
Faults are only ever passed explicitly to :class:`~denkspur.engine.client.EngineClient`.
"""

from __future__ import annotations

import ctypes
import os
import signal
from dataclasses import dataclass

KINDS = ("segfault", "abort", "kill", "hang", "exit", "slow")


@dataclass(frozen=True)
class Fault:
    kind: str
    at: str  # "load" or "token"
    after_tokens: int = 0

    @classmethod
    def parse(cls, spec: str) -> Fault:
        kind, _, where = spec.partition("@")
        at, _, count = where.partition(":")
        if kind not in KINDS or at not in ("load", "gpu-load", "token"):
            raise ValueError(f"bad fault spec {spec!r}: use KIND@load, KIND@gpu-load or KIND@token:N, "
                             f"KIND in {KINDS}")
        return cls(kind, at, int(count or 0))

    def delay_seconds(self) -> float:
        """Extra time per generated token (``slow`` faults only)."""
        return self.after_tokens / 1000 if self.kind == "slow" else 0.0

    def trigger(self) -> None:
        """Make this process fail as specified (does not return, except ``hang`` on resume)."""
        if self.kind == "segfault":
            ctypes.string_at(0)
        elif self.kind == "abort":
            os.abort()
        elif self.kind == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif self.kind == "hang":
            os.kill(os.getpid(), signal.SIGSTOP)
        os._exit(3)
