"""The engine's thread in the app: runs session calls and re-emits their results as signals.

:class:`EngineWorker` lives on its own ``QThread`` and wraps a
:class:`~denkspur.session.process_runner.ProcessRunner`: a ``ChatRunner`` (the
backend, one model, one completion at a time, and a private store connection for
the saves of the reply being generated) in a process of its own, so that parsing
a reply never holds the GIL the GUI thread needs. Everything it does is a session call; what it adds is Qt:
results become signals, and stream events go to the GUI in small batches
(about 20 per second), which keeps the window smooth at any token rate.

``cancel`` and ``answer_now`` are called from the GUI thread directly: the
worker thread is busy in the generation loop, and the runner's methods for
these are thread-safe.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

# The batching and backpressure live in the session layer (the session process batches too);
# named here as well, where the app's engine thread uses them.
from denkspur.session.batching import (
    BACKPRESSURE_WAIT,
    EMIT_INTERVAL,
    FLOOD_BATCH,
    MAX_BATCH_EVENTS,
    MAX_IN_FLIGHT,
    EventBatcher,
    InFlightGate,
)

if TYPE_CHECKING:
    from denkspur.engine import protocol as p
    from denkspur.engine.remote import RemoteSettings
    from denkspur.session.loading import ModelRequest
    from denkspur.session.process_runner import ProcessRunner
    from denkspur.session.reply import Carried, RunOutcome
    from denkspur.session.states import VersionState

log = logging.getLogger("denkspur.gui")

__all__ = ["BACKPRESSURE_WAIT", "EMIT_INTERVAL", "FLOOD_BATCH", "MAX_BATCH_EVENTS", "MAX_IN_FLIGHT",
           "EngineWorker", "EventBatcher", "GenerationJob", "GenerationResult", "InFlightGate"]

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
        self._runner: ProcessRunner | None = None
        self._gate = InFlightGate(MAX_IN_FLIGHT)

    @property
    def runner(self) -> ProcessRunner:
        """The session, in a process of its own (see :mod:`denkspur.session.process_runner`):
        the reply's parsing never shares the GIL with the GUI thread. Made on first use; its
        process starts with the first call (the session layer is not imported before the
        first window shows)."""
        if self._runner is None:
            from denkspur.session.process_runner import ProcessRunner

            self._runner = ProcessRunner(self._store_path, fault=self._fault)
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
            ready = self.runner.ready
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

    def end_session(self, *, thread_ended: bool) -> None:
        """End the session process when the window closes (from the GUI thread): closed in
        order once the engine thread has ended (its queued :meth:`shutdown` may never have
        run), killed when the thread is still stuck in a call."""
        if self._runner is None:
            return
        if thread_ended:
            self._runner.close()
        else:
            self._runner.kill()


def _failure(kind: str, message: str) -> str:
    """The user's message for a failed load or connection: a translated headline, then the
    engine's or server's words (``QCoreApplication.translate`` is thread-safe)."""
    from denkspur.gui.failures import failure_text

    return failure_text(kind, message)
