"""The app's side of the engine: starts, feeds and watches the child process.

Whatever happens in native code (segfault, abort, OOM kill, a freeze), it happens
in the child. The client notices through the process sentinel or the missing
heartbeat, turns it into a typed :class:`EngineCrashed` that says what was being
done, and starts a fresh child (reloading the model) on the next request. Tokens
already handed out stay with the caller, so no partial answer is lost.

The child is started with ``multiprocessing``'s *spawn* method, so a script that
uses the client needs the usual ``if __name__ == "__main__":`` guard (the app's
entry points have it; frozen apps call ``freeze_support()``).

Threading: one thread drives :meth:`generate` (a worker thread in the GUI, the
main thread in the CLI); :meth:`cancel` may be called from any other thread and
takes effect for the caller at once: no further tokens are yielded, and the
child stops within one token. When the child is busy with work that cannot see
the cancel (a long prompt evaluation, a chat template rendering for minutes),
the caller is released after ``cancel_grace`` seconds; the child gets
``drain_timeout`` more seconds to finish and is then killed, so the next
request starts a fresh one. :meth:`abort` kills the child from any thread.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import os
import signal
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from denkspur.engine import protocol as p
from denkspur.engine.errors import EngineCrashed, EngineRequestFailed, describe_exit, hang_error

log = logging.getLogger("denkspur.engine")

GenerationEvent = p.GenerationEvent
_GENERATION_EVENTS = (p.GenerationStarted, p.TokenText, p.ProbeAnswer, p.GenerationDone)
_POLL_SECONDS = 0.05


def _log_dir() -> str:
    """Engine logs live here; logs of processes that were killed outright are pruned after a day."""
    folder = Path(tempfile.gettempdir()) / "denkspur-engine-logs"
    folder.mkdir(exist_ok=True)
    stale = time.time() - 86_400
    for old in folder.glob("engine-*.log"):
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < stale:
                old.unlink()
    return str(folder)


def _log_tail(path: Path, lines: int = 12) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


class EngineClient:
    """Owns at most one engine child process at a time."""

    capabilities = p.Capabilities(answer_now=True, local_files=True)

    def __init__(
        self,
        *,
        hang_timeout: float = 20.0,
        cancel_grace: float = 1.5,
        drain_timeout: float = 1.5,
        start_timeout: float = 120.0,
        fault: str | None = None,
    ) -> None:
        self.hang_timeout = hang_timeout
        self.cancel_grace = cancel_grace
        self.drain_timeout = drain_timeout
        self.start_timeout = start_timeout
        self._fault = fault
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._commands: Connection | None = None
        self._events: Connection | None = None
        self._log_path: Path | None = None
        self._send_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._active: int | None = None
        self._cancel_at: float | None = None
        self._draining: int | None = None  # a cancelled request the child has not finished yet
        self._drain_deadline = 0.0  # when a still-draining child is killed
        self.ready: p.Ready | None = None
        self.model: p.ModelLoaded | None = None
        self._load_request: p.LoadModel | None = None
        self.restarts = 0

    # -- lifecycle -------------------------------------------------------------
    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> p.Ready:
        """Start the child if it is not running; return its ``Ready`` greeting."""
        if self.alive and self.ready is not None:
            return self.ready
        self._discard_process()
        if self._log_path is not None:
            self._log_path.unlink(missing_ok=True)
        fd, log_name = tempfile.mkstemp(prefix="engine-", suffix=".log", dir=_log_dir())
        os.close(fd)
        self._log_path = Path(log_name)
        commands_read, commands_write = self._context.Pipe(duplex=False)
        events_read, events_write = self._context.Pipe(duplex=False)
        from denkspur.engine.child import child_main

        process = self._context.Process(
            target=child_main,
            args=(commands_read, events_write, log_name, self._fault),
            name="denkspur-engine",
            daemon=True,
        )
        with _terminal_interrupts_held():
            process.start()
        commands_read.close()
        events_write.close()
        self._process, self._commands, self._events = process, commands_write, events_read
        event = self._receive("start", deadline=time.monotonic() + self.start_timeout)
        if not isinstance(event, p.Ready):
            self._kill()
            raise EngineCrashed("exit", "The inference engine did not start in time.", during="start")
        self.ready = event
        log.info("engine child %d up (llama-cpp-python %s)", event.pid, event.llama_cpp_version)
        return event

    def restart(self) -> p.ModelLoaded | None:
        """Replace the child with a fresh one and reload the last model, if any."""
        self._kill()
        self.restarts += 1
        self.start()
        if self._load_request is not None:
            return self.load(self._load_request)
        return None

    def close(self) -> None:
        """Stop the child politely, then firmly."""
        if self._process is not None and self._process.is_alive():
            try:
                self._send(p.Shutdown())
                self._process.join(3)
            except EngineCrashed:
                pass
        self._kill()
        if self._log_path is not None:
            self._log_path.unlink(missing_ok=True)
            self._log_path = None

    def __enter__(self) -> EngineClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- requests --------------------------------------------------------------
    def load(self, request: p.LoadModel) -> p.ModelLoaded:
        """Load a model (replacing any loaded one). Raises on a bad file."""
        self.start()
        self._finish_drain()
        self.model = None
        self._send(request, during="load")
        while True:
            event = self._receive("load")
            if isinstance(event, p.ModelLoaded):
                self.model, self._load_request = event, request
                return event
            if isinstance(event, p.Failed):
                raise EngineRequestFailed(event.kind, event.message)

    def unload(self) -> None:
        self._load_request = None
        self.model = None
        if not self.alive:
            return
        self._finish_drain()
        self._send(p.Unload(), during="unload")
        while not isinstance(self._receive("unload"), p.Unloaded):
            pass

    def generate(
        self, messages: Iterable[p.ChatMessage], params: p.SamplingParams | None = None,
        *, trace_prefix: str = "", answer_prefix: str | None = None,
    ) -> Iterator[GenerationEvent]:
        """Stream one reply: ``GenerationStarted``, ``TokenText``…, ``GenerationDone``.

        Raises :class:`EngineRequestFailed` (e.g. context overflow) or
        :class:`EngineCrashed` (the child died; tokens yielded so far stand).
        """
        if not self.alive and self._load_request is not None:
            self.restart()
        if self.model is None:
            raise EngineRequestFailed("bad-request", "No model is loaded.")
        self._finish_drain()
        if not self.alive:  # the drain gave up on a stuck child
            self.restart()
        request_id = next(self._ids)
        self._active, self._cancel_at = request_id, None
        self._send(p.Generate(request_id, tuple(messages), params or p.SamplingParams(), trace_prefix,
                              answer_prefix), during="generate")
        return self._stream(request_id)

    def cancel(self) -> None:
        """Stop the running generation (thread-safe; no-op when idle)."""
        request_id = self._active
        if request_id is None or self._cancel_at is not None:
            return
        self._cancel_at = time.monotonic()
        with contextlib.suppress(EngineCrashed):  # the stream notices a dead child itself
            self._send(p.Cancel(request_id), during="generate")

    def abort(self) -> None:
        """Kill the child now (thread-safe): whatever it was doing ends, and the
        thread driving it sees a crashed engine at once. For quitting mid-request."""
        process = self._process
        if process is not None and process.is_alive():
            process.kill()

    def end_thinking(self) -> None:
        """"Answer now": the model stops thinking and answers (thread-safe)."""
        request_id = self._active
        if request_id is None or self._cancel_at is not None:
            return
        with contextlib.suppress(EngineCrashed):
            self._send(p.EndThinking(request_id), during="generate")

    def probe(self, max_tokens: int = 96) -> None:
        """"What would it answer now?": a :class:`~p.ProbeAnswer` arrives in the stream (thread-safe).

        (Automatic probes, ``SamplingParams.probe_every``, are asked by the engine itself.)
        """
        request_id = self._active
        if request_id is None or self._cancel_at is not None:
            return
        with contextlib.suppress(EngineCrashed):
            self._send(p.Probe(request_id, max_tokens), during="generate")

    # -- internals -------------------------------------------------------------
    def _stream(self, request_id: int) -> Iterator[GenerationEvent]:
        produced = 0
        done = False
        try:
            while True:
                event = self._receive("generate", cancellable=True)
                if event is None:
                    # Cancelled, and the child is still busy (a long prompt, a slow
                    # template). The caller is done now; the child may finish for a
                    # while (drained before the next request), then it is killed.
                    self._watch_drain(request_id)
                    done = True
                    yield p.GenerationDone(request_id, "cancelled", 0, produced, 0.0)
                    return
                if getattr(event, "request_id", request_id) != request_id:
                    continue  # leftovers of an earlier, abandoned request
                if isinstance(event, p.Failed):
                    done = True
                    raise EngineRequestFailed(event.kind, event.message)
                if isinstance(event, p.TokenText):
                    produced += event.tokens
                    if self._cancel_at is not None:
                        continue  # cancel is immediate for the caller
                if not isinstance(event, _GENERATION_EVENTS):
                    continue  # not part of a reply (nothing else carries this request's id)
                done = isinstance(event, p.GenerationDone)
                yield event
                if done:
                    return
        except EngineCrashed:
            done = True
            raise
        finally:
            self._active = None
            if not done and self.alive:  # the caller walked away mid-stream
                self._cancel_at = time.monotonic()
                self._send(p.Cancel(request_id), during="generate")
                self._drain(request_id)

    def _watch_drain(self, request_id: int) -> None:
        """Kill the child if ``request_id`` is still running ``drain_timeout`` s from now."""
        self._draining = request_id
        self._drain_deadline = time.monotonic() + self.drain_timeout
        process = self._process

        def kill_if_still_busy() -> None:
            if self._draining == request_id and self._process is process and process is not None:
                log.warning("engine still busy %.1f s after a cancel; killing it", self.drain_timeout)
                with contextlib.suppress(OSError, ValueError):
                    process.kill()

        timer = threading.Timer(self.drain_timeout, kill_if_still_busy)
        timer.daemon = True
        timer.start()

    def _finish_drain(self) -> None:
        """Wait for a cancelled request's end; kill the child if it does not come in time."""
        if self._draining is not None and self.alive:
            self._drain(self._draining, timeout=max(0.0, self._drain_deadline - time.monotonic()))
        self._draining = None

    def _drain(self, request_id: int, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (self.cancel_grace if timeout is None else timeout)
        try:
            while True:
                event = self._receive("generate", deadline=deadline)
                if event is None:
                    log.warning("engine did not finish a cancelled request; stopping it")
                    self._kill()
                    return
                if isinstance(event, (p.GenerationDone, p.Failed)) and getattr(
                    event, "request_id", None
                ) == request_id:
                    return
        except EngineCrashed:
            return

    def _send(self, command: p.Command, during: str = "start") -> None:
        with self._send_lock:
            if self._commands is None:
                raise self._crashed(during)
            try:
                self._commands.send(command)
            except (OSError, ValueError) as error:
                raise self._crashed(during) from error

    def _receive(self, during: str, deadline: float | None = None, *,
                 cancellable: bool = False) -> p.Event | None:
        """Next non-heartbeat event; ``None`` once ``deadline`` passes.

        ``cancellable``: also ``None`` once ``cancel_grace`` has passed since a
        cancel, including one that comes while this call waits (heartbeats keep
        arriving, so the deadline is looked at on every turn).

        Raises :class:`EngineCrashed` when the child dies or stops beating.
        """
        events, process = self._events, self._process
        if events is None or process is None:
            raise self._crashed(during)
        silent_since = time.monotonic()
        while True:
            if events.poll():
                try:
                    event: p.Event = events.recv()  # only the child writes to this pipe
                except (EOFError, OSError) as error:
                    raise self._crashed(during) from error
                silent_since = time.monotonic()
                if not isinstance(event, p.Heartbeat):
                    return event
                continue
            now = time.monotonic()
            cancel_at = self._cancel_at if cancellable else None
            if cancel_at is not None and (deadline is None or cancel_at + self.cancel_grace < deadline):
                deadline = cancel_at + self.cancel_grace
            if deadline is not None and now >= deadline:
                return None
            if now - silent_since > self.hang_timeout:
                tail = self._kill()
                raise hang_error(during, self.hang_timeout, tail)
            ready = wait([events, process.sentinel], timeout=_POLL_SECONDS)
            if process.sentinel in ready and events not in ready and not events.poll():
                raise self._crashed(during)

    def _crashed(self, during: str) -> EngineCrashed:
        process = self._process
        exit_code = None
        if process is not None:
            process.join(2)
            exit_code = process.exitcode
        tail = self._kill()
        error = describe_exit(exit_code, during, tail)
        log.error("%s (exit code %s)", error.message, exit_code)
        return error

    def _kill(self) -> str:
        """Kill the child for good; return the tail of its log."""
        tail = _log_tail(self._log_path) if self._log_path is not None else ""
        process = self._process
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(5)
        self._discard_process()
        return tail

    def _discard_process(self) -> None:
        for connection in (self._commands, self._events):
            if connection is not None:
                connection.close()
        self._process = self._commands = self._events = None
        self.ready = None
        self._active = None


@contextlib.contextmanager
def _terminal_interrupts_held() -> Iterator[None]:
    """Start the child with SIGINT ignored (a disposition it inherits, and Python keeps).

    Ctrl+C in a terminal reaches the whole process group: the child would die of a
    ``KeyboardInterrupt`` in the middle of a request (with a traceback if it came while
    it imports). The parent alone decides what Ctrl+C means (cancel, then close the
    child). Only the main thread may change a disposition; a child started from another
    thread (the app's engine thread) ignores SIGINT from its first line instead
    (``child_main``). A Ctrl+C in the instant of the start itself is ignored by the parent too.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
