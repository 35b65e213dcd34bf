"""The engine's thread in the app: drives the child process, saves as it streams.

:class:`EngineWorker` lives on its own ``QThread``. It owns the
:class:`~denkspur.engine.client.EngineClient` (one model, one completion at a
time) and a private :class:`~denkspur.core.conversations.store.Store` connection, so partial
answers and traces reach the database at least every second without the GUI
thread touching the disk. Stream events go to the GUI in small batches (about
30 per second), which keeps the window smooth at any token rate.

``cancel`` and ``answer_now`` are called from the GUI thread directly: the
worker thread is busy in the generation loop, and the client's methods for
these are thread-safe.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:  # the engine side is imported when first used, not at start-up
    from denkspur.core.conversations.store import Store
    from denkspur.core.trace.stream import StreamEvent
    from denkspur.engine import protocol as p
    from denkspur.engine.client import EngineClient
    from denkspur.engine.reasoning_run import RunOutcome

log = logging.getLogger("denkspur.gui")

SAVE_INTERVAL = 0.5  # seconds between partial saves (the promise is "at least every second")
EMIT_INTERVAL = 0.033  # seconds between event batches to the GUI


@dataclass(frozen=True)
class GenerationJob:
    version_id: int
    messages: tuple[p.ChatMessage, ...]
    params: p.SamplingParams


@dataclass(frozen=True)
class GenerationResult:
    version_id: int
    outcome: RunOutcome
    state: str  # the stored state: complete, cancelled or error


class EngineWorker(QObject):
    ready = Signal(object)  # p.Ready
    model_loaded = Signal(object)  # p.ModelLoaded
    model_failed = Signal(str)
    model_note = Signal(str)  # e.g. "loaded with 20 GPU layers after the first attempt failed"
    events = Signal(int, list)  # version id, [StreamEvent]
    finished = Signal(object)  # GenerationResult

    def __init__(self, store_path: Path, fault: str | None = None) -> None:
        super().__init__()
        self._store_path = store_path
        self._fault = fault
        self._client: EngineClient | None = None
        self._store: Store | None = None

    @property
    def client(self) -> EngineClient:
        if self._client is None:
            from denkspur.engine.client import EngineClient

            self._client = EngineClient(fault=self._fault)
        return self._client

    def _use_local(self) -> None:
        from denkspur.engine.client import EngineClient

        if self._client is not None and not isinstance(self._client, EngineClient):
            self._client.close()
            self._client = None

    @Slot(object)
    def use_remote(self, settings: object) -> None:
        """Switch to an OpenAI-compatible server (``RemoteSettings``)."""
        from denkspur.engine.errors import EngineError
        from denkspur.engine.remote import RemoteClient

        if self._client is not None:
            self._client.close()
        self._client = RemoteClient(settings)  # type: ignore[arg-type, assignment]
        try:
            self.ready.emit(self._client.start())
            self.model_loaded.emit(self._client.load())
        except EngineError as error:
            self.model_failed.emit(error.message)

    # Thread-safe controls (called from the GUI thread) ---------------------------
    def cancel(self) -> None:
        if self._client is not None:
            self._client.cancel()

    def answer_now(self) -> None:
        if self._client is not None:
            self._client.end_thinking()

    # Slots (run on the worker thread) -------------------------------------------------
    @Slot(object)
    def load(self, request: p.LoadModel) -> None:
        from denkspur.core.models.gguf_info import GGUFError
        from denkspur.engine.autoload import load_auto
        from denkspur.engine.errors import EngineError

        self._use_local()
        try:
            self.ready.emit(self.client.start())
            if request.n_gpu_layers == -1:  # "auto": as many as fit, with fallbacks
                result = load_auto(self.client, request.path, request.n_ctx, request.n_threads)
                for note in result.notes:
                    self.model_note.emit(note)
                self.model_loaded.emit(result.loaded)
            else:
                self.model_loaded.emit(self.client.load(request))
        except EngineError as error:
            self.model_failed.emit(error.message)
        except GGUFError as error:
            self.model_failed.emit(str(error))

    @Slot()
    def restart(self) -> None:
        from denkspur.engine.errors import EngineError

        try:
            loaded = self.client.restart()
            if self.client.ready is not None:
                self.ready.emit(self.client.ready)
            if loaded is not None:
                self.model_loaded.emit(loaded)
        except EngineError as error:
            self.model_failed.emit(error.message)

    @Slot(object)
    def generate(self, job: GenerationJob) -> None:
        from denkspur.core.trace.stream import AnswerText, TraceText
        from denkspur.engine.reasoning_run import run_reasoning

        store = self._open_store()
        trace: list[str] = []
        answer: list[str] = []
        batch: list[StreamEvent] = []
        clock = {"emit": time.monotonic(), "save": time.monotonic()}

        def on_event(event: StreamEvent) -> None:
            if isinstance(event, TraceText):
                trace.append(event.text)
            elif isinstance(event, AnswerText):
                answer.append(event.text)
            batch.append(event)
            now = time.monotonic()
            if now - clock["emit"] >= EMIT_INTERVAL:
                self.events.emit(job.version_id, batch.copy())
                batch.clear()
                clock["emit"] = now
            if now - clock["save"] >= SAVE_INTERVAL:
                clock["save"] = now
                self._save(store, job.version_id, answer="".join(answer), trace="".join(trace),
                           state="generating")

        outcome = run_reasoning(self.client, job.messages, job.params, on_event)
        if batch:
            self.events.emit(job.version_id, batch)
        state = {"stop": "complete", "length": "complete", "cancelled": "cancelled"}.get(
            outcome.stop_reason, "error"
        )
        result = outcome.result
        self._save(
            store,
            job.version_id,
            answer=result.answer,
            trace=result.trace,
            state=state,
            steps=[step.to_dict() for step in result.steps],
            stats={**result.stats.to_dict(), "finished": result.finished,
                   "stop_reason": outcome.stop_reason},
            error=outcome.error.message if outcome.error else "",
        )
        self.finished.emit(GenerationResult(job.version_id, outcome, state))

    @staticmethod
    def _save(store: Store, version_id: int, **fields: object) -> None:
        """Save progress; a failing disk must not stop the generation or hang the window."""
        import sqlite3

        try:
            store.save_version(version_id, **fields)  # type: ignore[arg-type]
        except (sqlite3.Error, OSError) as error:
            log.error("could not save the reply in progress: %s", error)

    @Slot()
    def shutdown(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._store is not None:
            self._store.close()
            self._store = None

    def _open_store(self) -> Store:
        if self._store is None:
            from denkspur.core.conversations.store import Store

            self._store = Store(self._store_path)
        return self._store
