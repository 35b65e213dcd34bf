"""The engine's thread in the app: runs session calls and re-emits their results as signals.

:class:`EngineWorker` lives on its own ``QThread`` and wraps a
:class:`~denkspur.session.runner.ChatRunner` (the backend, one model, one
completion at a time, and a private store connection for the saves of the reply
being generated). Everything it does is a session call; what it adds is Qt:
results become signals, and stream events go to the GUI in small batches
(about 20 per second), which keeps the window smooth at any token rate.

``cancel`` and ``answer_now`` are called from the GUI thread directly: the
worker thread is busy in the generation loop, and the runner's methods for
these are thread-safe.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from denkspur.core.trace.stream import StreamEvent
    from denkspur.engine import protocol as p
    from denkspur.engine.remote import RemoteSettings
    from denkspur.session.loading import ModelRequest
    from denkspur.session.reply import Carried, RunOutcome
    from denkspur.session.runner import ChatRunner
    from denkspur.session.states import VersionState

log = logging.getLogger("denkspur.gui")

#: Seconds between event batches to the GUI. Each batch costs the GUI thread a
#: relayout and repaint of the trace tail whatever its size: at 1,000 tokens/s on
#: a 2-core CPU, 30 batches/s took ~350 us of app CPU per token, 10/s ~190 us.
EMIT_INTERVAL = 0.05
#: Events in one batch at most. A flood (a server or model writing megabytes per
#: second) would otherwise bring ~40,000 sentence and step events per batch, and
#: the GUI thread would spend hundreds of milliseconds on one.
MAX_BATCH_EVENTS = 2_000
#: Batches sent and not yet shown. When the GUI falls behind, the engine thread
#: waits (and with it the model's output in the pipe or the socket): backpressure.
MAX_IN_FLIGHT = 2
#: The longest the engine thread waits for the GUI before it sends anyway: a GUI
#: that is stuck for another reason must not also stall the reply.
BACKPRESSURE_WAIT = 2.0
#: A batch this big means a flood: the engine thread then waits until the GUI has shown
#: it before it parses more. Both threads run Python and share one GIL about evenly,
#: so parsing the next megabyte while the GUI shows this one doubled the GUI's turns
#: (a 22 ms turn took 62 ms). A normal stream's batches are far smaller and never wait.
FLOOD_BATCH = MAX_BATCH_EVENTS // 2


@dataclass(frozen=True)
class GenerationJob:
    version_id: int
    messages: tuple[p.ChatMessage, ...]
    params: p.SamplingParams
    prefix: tuple[tuple[str, str], ...] = ()  # trace the reply starts with (branch, steer)
    #: The context size the reply needs (a chat's own): a local model is loaded again if it differs.
    n_ctx: int | None = None
    #: What a "Continue" takes over from the stopped version (its counts, its thinking time).
    carried: Carried | None = None


@dataclass(frozen=True)
class GenerationResult:
    version_id: int
    outcome: RunOutcome
    state: VersionState  # the stored state: complete, cancelled or error


class EngineWorker(QObject):
    ready = Signal(object)  # p.Ready
    model_loaded = Signal(object)  # p.ModelLoaded
    model_failed = Signal(str)
    model_note = Signal(str)  # e.g. "loaded with 20 GPU layers after the first attempt failed"
    events = Signal(int, list)  # version id, [StreamEvent]
    finished = Signal(object)  # GenerationResult

    def __init__(self, store_path: Path, fault: str | None = None) -> None:
        super().__init__()
        self._store_path, self._fault = store_path, fault
        self._runner: ChatRunner | None = None
        self._gate = InFlightGate(MAX_IN_FLIGHT)

    @property
    def runner(self) -> ChatRunner:
        """Made on first use, on the worker thread: the session layer (model fitting,
        hardware probe, store checks) is not imported before the first window shows."""
        if self._runner is None:
            from denkspur.session.runner import ChatRunner

            self._runner = ChatRunner(self._store_path, fault=self._fault)
        return self._runner

    # Thread-safe controls (called from the GUI thread) ---------------------------
    def cancel(self) -> None:
        self._gate.release_all()  # a wait for the GUI must not delay the stop
        if self._runner is not None:  # no runner yet: nothing is running
            self._runner.cancel()

    def abort(self) -> None:
        """Kill a local engine child at once (quitting while it is busy); thread-safe."""
        self._gate.release_all()
        self.runner.abort()

    def answer_now(self) -> None:
        if self._runner is not None:
            self._runner.answer_now()

    def events_shown(self) -> None:
        """The GUI has handled one batch of :attr:`events` (thread-safe)."""
        self._gate.shown()

    def probe(self) -> None:
        self.runner.probe()

    # Slots (run on the worker thread) -------------------------------------------------
    @Slot(object)
    def use_remote(self, settings: RemoteSettings) -> None:
        """Switch to an OpenAI-compatible server."""
        from denkspur.engine.errors import EngineError

        try:
            self.model_loaded.emit(self.runner.use_remote(settings, self.ready.emit))
        except EngineError as error:
            self.model_failed.emit(_failure(error.kind, error.message))

    @Slot(object)
    def load(self, request: ModelRequest) -> None:
        from denkspur.core.models.gguf_info import GGUFError
        from denkspur.engine.errors import EngineError

        try:
            result = self.runner.load(request, self.ready.emit)
        except EngineError as error:
            self.model_failed.emit(_failure(error.kind, error.message))
        except GGUFError as error:
            self.model_failed.emit(_failure("bad-model", str(error)))
        else:
            for note in result.notes:
                self.model_note.emit(note)
            self.model_loaded.emit(result.loaded)

    @Slot()
    def restart(self) -> None:
        from denkspur.engine.errors import EngineError

        try:
            loaded = self.runner.restart()
            ready = self.runner.backend.ready
            if ready is not None:
                self.ready.emit(ready)
            if loaded is not None:
                self.model_loaded.emit(loaded)
        except EngineError as error:
            self.model_failed.emit(_failure(error.kind, error.message))

    @Slot(object)
    def generate(self, job: GenerationJob) -> None:
        self._gate.reset()
        batch = EventBatcher(lambda events: self.events.emit(job.version_id, events), self._gate)
        outcome = self.runner.reply(job.version_id, job.messages, job.params, batch.add, job.prefix,
                                    n_ctx=job.n_ctx, carried=job.carried, on_loaded=self.model_loaded.emit)
        batch.close()
        self.finished.emit(GenerationResult(job.version_id, outcome, outcome.state))

    @Slot()
    def shutdown(self) -> None:
        if self._runner is not None:
            self._runner.close()


def _failure(kind: str, message: str) -> str:
    """The user's message for a failed load or connection: a translated headline, then the
    engine's or server's words (``QCoreApplication.translate`` is thread-safe)."""
    from denkspur.gui.failures import failure_text

    return failure_text(kind, message)


class InFlightGate:
    """Counts batches sent to the GUI and not yet shown; the sender waits while too many are.

    Every wait has a deadline (:data:`BACKPRESSURE_WAIT`), and ``release_all``
    (Stop, quitting) ends any wait at once: the gate slows a flood down, it never
    holds a reply up for good.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._in_flight = 0
        self._open = False
        self._changed = threading.Condition()

    def reset(self) -> None:
        with self._changed:
            self._in_flight, self._open = 0, False

    def wait_for_room(self, timeout: float = BACKPRESSURE_WAIT) -> bool:
        """Wait until fewer than ``limit`` batches are in flight; False when it gave up."""
        return self._wait_until_in_flight_below(self._limit, timeout)

    def wait_until_shown(self, timeout: float = BACKPRESSURE_WAIT) -> bool:
        """Wait until every batch sent is shown; False when it gave up."""
        return self._wait_until_in_flight_below(1, timeout)

    def _wait_until_in_flight_below(self, limit: int, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._open or self._in_flight < limit, timeout)

    def sent(self) -> None:
        with self._changed:
            self._in_flight += 1

    def shown(self) -> None:
        with self._changed:
            self._in_flight = max(0, self._in_flight - 1)
            self._changed.notify_all()

    def release_all(self) -> None:
        with self._changed:
            self._open = True
            self._changed.notify_all()


class EventBatcher:
    """Collects stream events and hands them on every ``EMIT_INTERVAL`` seconds, or
    sooner in batches of at most :data:`MAX_BATCH_EVENTS`, waiting for the GUI to
    catch up before each batch (see :class:`InFlightGate`).

    Events that wait while no new one comes (a server or model pausing mid-reply) are
    handed on by a watch thread once they are ``EMIT_INTERVAL`` old, so the window never
    shows less than was received a moment ago. :meth:`close` hands on the rest and ends it.
    """

    def __init__(self, send: Callable[[list[StreamEvent]], None], gate: InFlightGate | None = None) -> None:
        self._send = send
        self._gate = gate
        self._events: list[StreamEvent] = []
        self._last = time.monotonic()
        self._changed = threading.Condition()
        self._closed = False
        self._watch: threading.Thread | None = None

    def add(self, event: StreamEvent) -> None:
        with self._changed:
            self._events.append(event)
            if time.monotonic() - self._last >= EMIT_INTERVAL or len(self._events) >= MAX_BATCH_EVENTS:
                self._hand_on()
            elif self._watch is None and not self._closed:
                self._watch = threading.Thread(target=self._watch_late, name="denkspur-batcher", daemon=True)
                self._watch.start()
            elif len(self._events) == 1:
                # Only an empty batcher's watch waits without a deadline; later events are
                # handed on at the deadline it already keeps (no wake-up per event).
                self._changed.notify()

    def flush(self) -> None:
        """Hand on what is collected now (the batcher can still be used)."""
        with self._changed:
            self._hand_on()

    def close(self) -> None:
        """Hand on the rest and end the watch thread (the reply is over)."""
        with self._changed:
            self._closed = True
            self._hand_on()
            self._changed.notify()
        if self._watch is not None:
            self._watch.join(timeout=5)

    def _watch_late(self) -> None:
        with self._changed:
            while not self._closed:
                if not self._events:
                    self._changed.wait()
                    continue
                late = self._last + EMIT_INTERVAL - time.monotonic()
                if late > 0:
                    self._changed.wait(late)
                else:
                    self._hand_on()

    def _hand_on(self) -> None:
        """Send the collected events (the caller holds the lock, so batches keep their order)."""
        if not self._events:
            return
        if self._gate is not None:
            self._gate.wait_for_room()
            self._gate.sent()
        events, self._events = self._events, []
        self._send(events)
        if self._gate is not None and len(events) >= FLOOD_BATCH:
            self._gate.wait_until_shown()  # a flood: the GUI shows it alone (see FLOOD_BATCH)
        self._last = time.monotonic()
