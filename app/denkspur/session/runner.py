"""One backend and one store connection, driven by one thread: the app's engine thread or the CLI.

:class:`ChatRunner` owns the backend (the local engine by default, a server
after :meth:`use_remote`) and its own :class:`Store` connection for the saves of
the reply being generated (SQLite connections stay on one thread). Only
:meth:`cancel` and :meth:`answer_now` may be called from another thread.
The engine and remote modules are imported when first used, not at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from denkspur.core.conversations.recovery import RecoveryReport, open_checked
from denkspur.core.conversations.store import Store
from denkspur.core.models.gguf_info import GGUFError
from denkspur.engine import protocol as p
from denkspur.engine.errors import EngineError, EngineRequestFailed, FailureKind
from denkspur.session.backend import Backend
from denkspur.session.conversation import answer_now
from denkspur.session.loading import LoadResult, ModelRequest, load_model
from denkspur.session.reply import Carried, EventSink, RunOutcome, StoreSaver, failed_before_start, run_reply

if TYPE_CHECKING:
    from denkspur.engine.remote import RemoteSettings

ReadySink = Callable[[p.Ready], None]
LoadedSink = Callable[[p.ModelLoaded], None]
log = logging.getLogger("denkspur.session")


class ChatRunner:
    def __init__(self, store_path: Path | None = None, *, fault: str | None = None) -> None:
        self.store_path = store_path
        self._fault = fault
        self._backend: Backend | None = None
        self._store: Store | None = None
        #: The local model as last asked for (a chat with its own context size loads it again).
        self._request: ModelRequest | None = None
        #: What was done about a damaged database when the store was opened (None: it was fine).
        self.recovery: RecoveryReport | None = None

    @property
    def backend(self) -> Backend:
        """The backend in use (the local engine unless a server was chosen)."""
        if self._backend is None:
            self._backend = self._local()
        return self._backend

    @property
    def active(self) -> Backend | None:
        """The backend if one was made (for thread-safe controls that must not create one)."""
        return self._backend

    def store(self) -> Store:
        """This runner's store connection (opened on first use, on the calling thread)."""
        if self._store is None:
            if self.store_path is None:
                raise ValueError("this runner keeps no conversations")
            self._store, self.recovery = open_checked(self.store_path)  # damaged: kept aside, read back
            if self.recovery is not None:
                log.warning("%s", self.recovery.message())
        return self._store

    # -- backends ---------------------------------------------------------------------
    def load(self, request: ModelRequest, on_ready: ReadySink | None = None) -> LoadResult:
        """Load a local model (switching from a server if one was used)."""
        if self._backend is not None and not self._backend.capabilities.local_files:
            self._backend.close()
            self._backend = None
        backend = self.backend
        ready = backend.start()
        if on_ready is not None:
            on_ready(ready)
        self._request = request
        return load_model(backend, request)

    def fit_context(self, n_ctx: int) -> LoadResult | None:
        """Load the local model again with a context of ``n_ctx`` tokens if it has another one
        (a chat's own context size); None when nothing had to change (or a server is in use:
        it keeps its own). Raises what :func:`load_model` raises."""
        request, backend = self._request, self._backend
        if request is None or backend is None or not backend.capabilities.local_files:
            return None
        if request.n_ctx == n_ctx:  # (a crashed engine is not loaded here: Restart engine does that)
            return None
        self._request = replace(request, n_ctx=n_ctx)
        return load_model(backend, self._request)

    def use_remote(self, settings: RemoteSettings, on_ready: ReadySink | None = None) -> p.ModelLoaded:
        """Switch to an OpenAI-compatible server and pick its model."""
        from denkspur.engine.remote import RemoteClient

        if self._backend is not None:
            self._backend.close()
        self._backend = remote = RemoteClient(settings)
        ready = remote.start()
        if on_ready is not None:
            on_ready(ready)
        return remote.load()

    def restart(self) -> p.ModelLoaded | None:
        return self.backend.restart()

    # -- replies ------------------------------------------------------------------------
    def reply(self, version_id: int, messages: Iterable[p.ChatMessage], params: p.SamplingParams,
              on_event: EventSink | None = None, prefix: Sequence[tuple[str, str]] = (), *,
              n_ctx: int | None = None, carried: Carried | None = None,
              on_loaded: LoadedSink | None = None) -> RunOutcome:
        """Generate into a stored version: partial saves as it streams, then its final state.

        ``prefix``: trace the reply starts with (a branch from a step, a steer); ``carried``:
        the counts of the version it continues. ``n_ctx``: the context the reply needs (a
        chat's own); a local model with another one is loaded again first (``on_loaded``
        hears of it), and a failure to load is this reply's failure.
        """
        saver = StoreSaver(self.store(), version_id)
        if n_ctx is not None:
            try:
                reloaded = self.fit_context(n_ctx)
            except EngineError as error:
                return failed_before_start(error, saver)
            except GGUFError as error:
                return failed_before_start(EngineRequestFailed(FailureKind.BAD_MODEL, str(error)), saver)
            if reloaded is not None and on_loaded is not None:
                on_loaded(reloaded.loaded)
        return run_reply(self.backend, messages, params, saver, on_event, prefix=prefix, carried=carried)

    def probe(self) -> None:
        """"What would it answer now?" (thread-safe): a provisional answer arrives in the stream."""
        if self._backend is not None:
            self._backend.probe()

    def cancel(self) -> None:
        """Stop the running generation (thread-safe)."""
        if self._backend is not None:
            self._backend.cancel()

    def abort(self) -> None:
        """Kill a local engine child now, whatever it is doing (thread-safe; quitting)."""
        from denkspur.engine.client import EngineClient

        if isinstance(self._backend, EngineClient):
            self._backend.abort()

    def answer_now(self) -> bool:
        """"Answer now" (thread-safe); False where the backend cannot."""
        return self._backend is not None and answer_now(self._backend)

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
        if self._store is not None:
            self._store.close()
            self._store = None

    def _local(self) -> Backend:
        from denkspur.engine.client import EngineClient

        return EngineClient(fault=self._fault)
