"""The engine child's side of the pipes, and its per-token text bookkeeping.

* :class:`Outbox`/:class:`Inbox`: events out (several threads send, so sends are
  serialised), commands in on a reader thread so that ``Cancel`` and
  ``EndThinking`` are seen while the main thread decodes.
* :class:`TextBatcher`: token texts coalesced into few ``TokenText`` messages.
* :class:`TokenPieces`: each token's bytes, cached.
* :class:`ThinkWatch`: whether the model is inside its think block.
"""

from __future__ import annotations

import ctypes
import queue
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from denkspur.core.trace.signals import TokenSignal
from denkspur.core.trace.splitter import CLOSE_TAG, OPEN_TAG
from denkspur.engine import protocol as p

HEARTBEAT_SECONDS = 0.5
#: A token that comes sooner than this after the last message waits to share the next one.
BATCH_SECONDS = 0.008
#: ... but never more tokens than this in one message.
BATCH_TOKENS = 64
#: With per-token signals, the interval: the signal recorder computes a message's tokens
#: together, and its cost per token falls with how many (in the decode loop, 8k vocabulary:
#: ~115 µs/token at 4 a message, ~85 at 8, ~60 at 32). Still under a frame at 30 fps.
SIGNALS_BATCH_SECONDS = 0.032


class Outbox:
    """Events to the parent; several threads send, so sends are serialised."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._lock = threading.Lock()

    def send(self, event: p.Event) -> None:
        with self._lock:
            self._connection.send(event)


class TextBatcher:
    """Coalesces one generation's token texts into few ``TokenText`` messages.

    A message per token costs a pipe write here and a wake-up of the parent,
    which on a machine with few cores preempts a llama.cpp thread: at GPU token
    rates (1,000 tokens/s) that cost 10-20 % of the speed. So a token goes out
    at once only when the last message left at least ``interval`` ago (the first
    token, and every token of a model slower than that, is never delayed);
    otherwise it waits for the next token that passes the interval or fills the
    batch. The decode loop still checks for a cancel after every token.
    """

    def __init__(self, outbox: Outbox, request_id: int, *, interval: float = BATCH_SECONDS,
                 limit: int = BATCH_TOKENS,
                 clock: Callable[[], float] = time.perf_counter,
                 signals: Callable[[int], tuple[TokenSignal, ...]] | None = None) -> None:
        """``signals``: the recorder's ``flush``, giving the signals of the next n tokens captured."""
        self._outbox = outbox
        self._signals = signals
        self._request_id = request_id
        self._interval = interval
        self._limit = limit
        self._clock = clock
        self._parts: list[str] = []
        self._tokens = 0
        self._last_sent = -float("inf")

    def add(self, text: str, tokens: int = 1) -> None:
        """Queue ``text`` (``tokens`` tokens of output); send when the interval or batch is full."""
        self._parts.append(text)
        self._tokens += tokens
        if self._tokens >= self._limit or self._clock() - self._last_sent >= self._interval:
            self.flush()

    def add_alone(self, text: str, tokens: int = 1) -> None:
        """Send what is queued, then ``text`` in a message of its own.

        For the token that opens or closes the think block: the parent counts a
        message's tokens on one side, so a message never spans the boundary.
        """
        self.flush()
        self._parts.append(text)
        self._tokens += tokens
        self.flush()

    def flush(self) -> None:
        """Send whatever is queued (before a pause, a fault or the end of the reply)."""
        if not self._parts:
            return
        text = self._parts[0] if len(self._parts) == 1 else "".join(self._parts)
        signals = self._signals(self._tokens) if self._signals else None  # computed together: cheaper
        self._outbox.send(p.TokenText(self._request_id, text, self._tokens, signals=signals))
        self._parts.clear()
        self._tokens = 0
        self._last_sent = self._clock()


class Inbox:
    """Commands from the parent, read on a thread.

    ``Cancel``, ``EndThinking`` and ``Probe`` concern the generation that is
    running on the main thread, so they are recorded as flags at once instead of queued.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._queue: queue.Queue[p.Command] = queue.Queue()
        self._flags: dict[int, set[str]] = {}
        self._probes: dict[int, list[p.Probe]] = {}
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
                    self._probes.setdefault(command.request_id, []).append(command)
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

    def add_probe(self, probe: p.Probe) -> None:
        """A probe asked by the engine itself (``probe every N sentences``)."""
        with self._lock:
            self._probes.setdefault(probe.request_id, []).append(probe)

    def take_probes(self, request_id: int) -> list[p.Probe]:
        """The probes pending for ``request_id`` (the user's and automatic ones); they are then handled."""
        with self._lock:
            return self._probes.pop(request_id, [])

    def forget(self, request_id: int) -> None:
        with self._lock:
            self._flags.pop(request_id, None)
            self._probes.pop(request_id, None)


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
    truncates longer pieces, so the C function is called directly. :meth:`text`
    keeps each token's own text as well (the signal recorder names the five most
    likely tokens of every position: a few ids recur, and they are decoded once
    per loaded model, not once per reply).
    """

    def __init__(self, vocab: Any) -> None:
        self._vocab = vocab
        self._cache: dict[int, bytes] = {}
        self._buffer = ctypes.create_string_buffer(256)
        #: token id -> :meth:`text`, for callers that look many up (a dict hit is the fast path)
        self.texts: dict[int, str] = {}

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

    def text(self, token: int) -> str:
        """A token's own text (a lone byte of a character shows as '�'), cached in :attr:`texts`."""
        text = self.texts.get(token)
        if text is None:
            text = self.texts[token] = self.piece(token).decode("utf-8", "replace")
        return text
