"""The engine child's side of the pipes, and its per-token text bookkeeping.

* :class:`Outbox`/:class:`Inbox`: events out (several threads send, so sends are
  serialised), commands in on a reader thread so that ``Cancel`` and
  ``EndThinking`` are seen while the main thread decodes.
* :class:`TokenPieces`: each token's bytes, cached.
* :class:`ThinkWatch`: whether the model is inside its think block.
"""

from __future__ import annotations

import ctypes
import queue
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from denkspur.core.trace.splitter import CLOSE_TAG, OPEN_TAG
from denkspur.engine import protocol as p

HEARTBEAT_SECONDS = 0.5


class Outbox:
    """Events to the parent; several threads send, so sends are serialised."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._lock = threading.Lock()

    def send(self, event: p.Event) -> None:
        with self._lock:
            self._connection.send(event)


class Inbox:
    """Commands from the parent, read on a thread.

    ``Cancel``, ``EndThinking`` and ``Probe`` concern the generation that is
    running on the main thread, so they are recorded as flags at once instead of queued.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._queue: queue.Queue[p.Command] = queue.Queue()
        self._flags: dict[int, set[str]] = {}
        self._probe_tokens = 0
        self._lock = threading.Lock()
        threading.Thread(target=self._run, name="engine-inbox", daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                command = self._connection.recv()
            except (EOFError, OSError):
                self._queue.put(p.Shutdown())  # parent gone: nothing left to serve
                return
            if isinstance(command, p.Probe):
                with self._lock:
                    self._flags.setdefault(command.request_id, set()).add("probe")
                    self._probe_tokens = command.max_tokens
            elif isinstance(command, (p.Cancel, p.EndThinking)):
                flag = "cancel" if isinstance(command, p.Cancel) else "end-thinking"
                with self._lock:
                    self._flags.setdefault(command.request_id, set()).add(flag)
            else:
                self._queue.put(command)

    def next(self) -> p.Command:
        return self._queue.get()

    def has(self, request_id: int, flag: str) -> bool:
        with self._lock:
            return flag in self._flags.get(request_id, ())

    def take_probe(self, request_id: int) -> int:
        """Tokens a pending probe asks for (0: none); the probe is then handled."""
        with self._lock:
            flags = self._flags.get(request_id, set())
            if "probe" not in flags:
                return 0
            flags.discard("probe")
            return self._probe_tokens

    def forget(self, request_id: int) -> None:
        with self._lock:
            self._flags.pop(request_id, None)


class ThinkWatch:
    """Follows whether the model is inside its think block, from the text it emits."""

    def __init__(self, opened: bool) -> None:
        self.thinking = opened
        self.closed = False
        self.trace_tokens = 0
        self._recent = ""

    def see(self, text: str) -> None:
        if self.thinking:
            self.trace_tokens += 1
        self._recent = (self._recent + text)[-32:]
        if not self.thinking and not self.closed and OPEN_TAG in self._recent:
            self.thinking = True
            self._recent = self._recent[self._recent.index(OPEN_TAG) + len(OPEN_TAG) :]
        if self.thinking and CLOSE_TAG in self._recent:
            self.thinking, self.closed = False, True


def heartbeat(outbox: Outbox) -> None:
    while True:
        time.sleep(HEARTBEAT_SECONDS)
        try:
            outbox.send(p.Heartbeat())
        except (OSError, ValueError):
            return


class TokenPieces:
    """Bytes of each token's text, cached (a token's piece never changes).

    llama-cpp-python's own ``token_to_piece`` pads to a fixed 32-byte buffer and
    truncates longer pieces, so the C function is called directly.
    """

    def __init__(self, vocab: Any) -> None:
        self._vocab = vocab
        self._cache: dict[int, bytes] = {}
        self._buffer = ctypes.create_string_buffer(256)

    def piece(self, token: int) -> bytes:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        import llama_cpp

        size = llama_cpp.llama_token_to_piece(self._vocab, token, self._buffer, len(self._buffer), 0, False)
        if size < 0:  # buffer too small: -size is what it needs
            self._buffer = ctypes.create_string_buffer(-size)
            size = llama_cpp.llama_token_to_piece(self._vocab, token, self._buffer, -size, 0, False)
        piece = self._buffer.raw[: max(size, 0)]
        self._cache[token] = piece
        return piece
