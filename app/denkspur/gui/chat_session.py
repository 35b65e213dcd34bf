"""The app's chat logic without widgets: conversations, sending, versions.

Widgets call these methods and listen to the signals. The operations
themselves are the session layer's (:mod:`denkspur.session.conversation`); this
adapter runs their store writes on the :class:`~denkspur.gui.tasks.StoreThread`
and the generation on the :class:`~denkspur.gui.engine_worker.EngineWorker` thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from denkspur.core.settings import Settings
from denkspur.gui.tasks import StoreThread
from denkspur.session import store_path

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QThread

    from denkspur.core.conversations.store import Conversation, Store
    from denkspur.core.trace.stream import StreamEvent
    from denkspur.engine import protocol as p
    from denkspur.engine.remote import RemoteSettings
    from denkspur.gui.engine_worker import EngineWorker, GenerationResult
    from denkspur.session.conversation import PreparedReply
    from denkspur.session.reply import VersionContent

    #: A session operation: (store, model name, sampling) -> the reply to generate.
    Operation = Callable[[Store, str, p.SamplingParams], PreparedReply]

log = logging.getLogger("denkspur.gui")
#: How long quitting waits for the engine thread, before and after killing the engine.
QUIT_GRACE_MS = 5_000
_ORPHANED_THREADS: list[QThread] = []


class ChatSession(QObject):
    conversations_changed = Signal(list)  # [ConversationSummary]
    conversation_loaded = Signal(object)  # Conversation
    search_results = Signal(str, list)  # query, [SearchHit]
    live_events = Signal(int, list)  # version id, [StreamEvent]
    generation_started = Signal(int)  # version id
    generation_finished = Signal(object)  # GenerationResult
    model_changed = Signal(object)  # p.ModelLoaded | None
    problem = Signal(str)  # a message for the user
    note = Signal(str)  # something worth knowing, not a problem
    unsaved_changed = Signal(int, str)  # replies kept only in memory, the last save error

    # Signals into the worker thread (queued).
    _load = Signal(object)
    _generate = Signal(object)
    _restart = Signal()
    _remote = Signal(object)
    _shutdown = Signal()

    def __init__(self, data_dir: Path, settings: Settings, *, engine_fault: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.db_path = store_path(data_dir)
        self.store = StoreThread(self.db_path, self)
        self.conversation: Conversation | None = None
        self.model: p.ModelLoaded | None = None
        self.ready: p.Ready | None = None
        self.chat_settings: dict[str, object] = {}  # the open (or next new) chat's own settings
        self.generating_version: int | None = None
        self._deferred = False  # a receiver of the batch being forwarded acknowledges it later
        #: Finished replies whose final save failed (disk full…), by version id: shown and
        #: exported from here until :meth:`retry_saves` gets them onto the disk.
        self.unsaved: dict[int, VersionContent] = {}
        self._engine_fault = engine_fault
        self._worker: EngineWorker | None = None  # and its thread: started on first use
        self._thread: QThread | None = None

    @property
    def worker(self) -> EngineWorker:
        """The engine's worker on its own thread, started when first needed (loading a model,
        connecting to a server): the window's first frame does not wait for it."""
        return self._started_worker()

    def _started_worker(self) -> EngineWorker:
        """The worker, started now if it was not yet (a signal to it needs it connected)."""
        if self._worker is None:
            self._worker = self._start_worker()
        return self._worker

    def _start_worker(self) -> EngineWorker:
        from PySide6.QtCore import QThread

        from denkspur.gui.engine_worker import EngineWorker

        self._thread = QThread(self)
        self._thread.setObjectName("denkspur-engine")
        worker = EngineWorker(self.db_path, fault=self._engine_fault)
        worker.moveToThread(self._thread)
        self._load.connect(worker.load)
        self._generate.connect(worker.generate)
        self._restart.connect(worker.restart)
        self._remote.connect(worker.use_remote)
        self._shutdown.connect(worker.shutdown)
        worker.model_loaded.connect(self._on_model_loaded)
        worker.model_failed.connect(self._on_model_failed)
        worker.model_note.connect(self.note)
        worker.ready.connect(self._on_ready)
        worker.events.connect(self._forward_events)
        worker.finished.connect(self._on_finished)
        self._thread.start()
        return worker

    # -- lifecycle ------------------------------------------------------------------
    def close(self) -> None:
        """Stop the engine thread; never leave it running (Qt aborts the app on that).

        A cancel ends a generation within the client's grace time; if the thread is
        still busy after :data:`QUIT_GRACE_MS` (a load, a stuck child) the engine
        child is killed, which ends any wait on it at once.
        """
        if self._worker is not None and self._thread is not None:  # else it never started
            if self.generating_version is not None:
                self._worker.cancel()
            self._shutdown.emit()
            self._thread.quit()
            ended = self._thread.wait(QUIT_GRACE_MS)
            if not ended:
                log.warning("the engine thread is still busy; killing the engine")
                self._worker.abort()
                ended = self._thread.wait(QUIT_GRACE_MS)
                if not ended:
                    log.error("the engine thread did not end; leaving it to the process exit")
                    _ORPHANED_THREADS.append(self._thread)  # destroying a running QThread aborts
                    self._thread.setParent(None)
            self._worker.end_session(thread_ended=ended)
        self.store.close()

    @property
    def busy(self) -> bool:
        return self.generating_version is not None

    # -- model ------------------------------------------------------------------------
    def load_model(self, path: str) -> None:
        from denkspur.session.loading import ModelRequest

        s = self.settings
        self._started_worker()
        self._load.emit(ModelRequest(path, n_ctx=self.context_size(), gpu_layers=s.gpu_layers,
                                     n_threads=s.threads or None))

    def context_size(self) -> int:
        """The context the open chat's replies use: its own, else Preferences'."""
        from denkspur.session.conversation import chat_context

        return chat_context(self.settings.context_size, self.chat_settings)

    def connect_remote(self, settings: RemoteSettings) -> None:
        """Use an OpenAI-compatible server instead of a local model."""
        self._started_worker()
        self._remote.emit(settings)

    @property
    def is_remote(self) -> bool:
        return self.ready is not None and self.ready.backend == "remote"

    @property
    def model_name(self) -> str:
        """What replies and the window call the model: a file's name, or a server's model id whole
        ("org/model-name" is an id, not a path)."""
        if self.model is None:
            return ""
        return self.model.path if self.is_remote else Path(self.model.path).name

    def restart_engine(self) -> None:
        self._started_worker()
        self._restart.emit()

    def _on_ready(self, ready: p.Ready) -> None:
        self.ready = ready

    def _on_model_loaded(self, info: p.ModelLoaded) -> None:
        self.model = info
        if not self.is_remote:
            self.settings.model_path = info.path
        self.model_changed.emit(info)

    def _on_model_failed(self, message: str) -> None:
        self.model = None
        self.model_changed.emit(None)
        self.problem.emit(message)

    # -- conversations ----------------------------------------------------------------
    def refresh_conversations(self) -> None:
        self.store.call(lambda s: s.list_conversations(), self.conversations_changed.emit)

    def open_conversation(self, conversation_id: int) -> None:
        self.store.call(lambda s: s.load_conversation(conversation_id), self._set_conversation)

    def new_conversation(self) -> None:
        self.conversation = None
        self.chat_settings = {}
        self.conversation_loaded.emit(None)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self.store.call(lambda s: s.rename_conversation(conversation_id, title),
                        lambda _r: self.refresh_conversations())

    def pin_conversation(self, conversation_id: int, pinned: bool) -> None:
        self.store.call(lambda s: s.set_pinned(conversation_id, pinned),
                        lambda _r: self.refresh_conversations())

    def delete_conversation(self, conversation_id: int) -> None:
        if self.conversation is not None and self.conversation.id == conversation_id:
            self.new_conversation()
        self.store.call(lambda s: s.delete_conversation(conversation_id),
                        lambda _r: self.refresh_conversations())

    def search(self, query: str) -> None:
        self.store.call(lambda s: s.search(query), lambda hits: self.search_results.emit(query, hits))

    def select_version(self, message_id: int, number: int) -> None:
        self.store.call(lambda s: s.select_version(message_id, number), lambda _r: self.reload())

    def reload(self) -> None:
        if self.conversation is not None:
            self.open_conversation(self.conversation.id)

    def _set_conversation(self, conversation: Conversation) -> None:
        from denkspur.session.conversation import with_unsaved

        self.conversation = with_unsaved(conversation, self.unsaved)
        self.chat_settings = dict(conversation.settings)
        self.conversation_loaded.emit(self.conversation)

    # -- replies the disk did not take ---------------------------------------------
    def retry_saves(self) -> None:
        """Write the replies kept in memory (after a failed save) to the store again."""
        pending = dict(self.unsaved)
        if not pending:
            return

        from denkspur.session.reply import StoreSaver

        def write(store: Store) -> None:
            for version_id, content in pending.items():
                StoreSaver(store, version_id).save(content)

        self.store.call(write, lambda _r: self._saved(pending), self._still_unsaved)

    def _saved(self, written: dict[int, VersionContent]) -> None:
        for version_id in written:
            self.unsaved.pop(version_id, None)
        self.unsaved_changed.emit(len(self.unsaved), "")
        self.reload()

    def _still_unsaved(self, error: Exception) -> None:
        self.unsaved_changed.emit(len(self.unsaved), str(error))

    # -- generating -------------------------------------------------------------------
    def send(self, text: str) -> bool:
        """Append the user's message and generate a reply. False if not possible now."""
        text = text.strip()
        if not text or self.busy or self.model is None:
            return False
        conversation_id = self.conversation.id if self.conversation else None
        chat_settings = dict(self.chat_settings)  # a new chat keeps what was set before its first message
        from denkspur.session import conversation as ops  # loads with the first reply (start-up)

        return self._prepare(lambda store, model, params: ops.send(
            store, conversation_id, text, model=model, params=params, settings=chat_settings))

    def regenerate(self, message_id: int) -> bool:
        """A new version of an assistant reply (the old ones are kept)."""
        if self.busy or self.model is None or self.conversation is None:
            return False
        conversation_id = self.conversation.id
        from denkspur.session import conversation as ops

        return self._prepare(lambda store, model, params: ops.regenerate(
            store, conversation_id, message_id, model=model, params=params))

    def edit_and_resend(self, message_id: int, text: str) -> bool:
        """Answer an edited user message: a new version of it on a branch of its own.

        What followed the old text stays on the old branch (◀ ▶ on the message).
        """
        if self.busy or self.model is None or self.conversation is None or not text.strip():
            return False
        conversation_id = self.conversation.id
        from denkspur.session import conversation as ops

        return self._prepare(lambda store, model, params: ops.edit_and_resend(
            store, conversation_id, message_id, text, model=model, params=params))

    def branch_from(self, version_id: int, offset: int, note: str = "") -> bool:
        """"Continue differently from here": a new version that keeps the trace up to ``offset``.

        ``note`` (optional) is inserted there to steer the model; it is marked as the user's.
        """
        if self.busy or self.model is None or self.conversation is None or self.is_remote:
            return False
        conversation_id = self.conversation.id
        from denkspur.session import conversation as ops

        return self._prepare(lambda store, model, params: ops.branch(
            store, conversation_id, version_id, offset, note=note, model=model, params=params))

    def continue_reply(self, version_id: int) -> bool:
        """"Continue" a stopped reply: a new version that goes on from where it stopped.

        Servers too, when they continue an assistant prefill (a clear error otherwise).
        """
        if self.busy or self.model is None or self.conversation is None:
            return False
        conversation_id = self.conversation.id
        from denkspur.session import conversation as ops

        return self._prepare(lambda store, model, params: ops.continue_reply(
            store, conversation_id, version_id, model=model, params=params))

    def probe(self) -> None:
        """"What would it answer now?" while the model thinks (local models)."""
        if self.busy:
            self.worker.probe()

    def stop(self) -> None:
        if self.busy:
            self.worker.cancel()

    def answer_now(self) -> None:
        if self.busy:
            self.worker.answer_now()

    def _write_failed(self, error: Exception) -> None:
        """The message could not be stored (disk full, database locked…): nothing is generated."""
        self.generating_version = None
        self.problem.emit(self.tr("The message could not be saved: %1").replace("%1", str(error)))

    def _params(self) -> p.SamplingParams:
        from denkspur.engine import protocol as p
        from denkspur.session import conversation as ops

        s = self.settings
        base = p.SamplingParams(temperature=s.temperature, top_p=s.top_p, max_tokens=s.max_tokens,
                                thinking_budget=s.thinking_budget or None, signals=s.token_signals)
        return ops.chat_params(base, self.chat_settings)

    def set_chat_settings(self, values: dict[str, object]) -> None:
        """This chat's own settings (the drawer); stored with the conversation once it exists."""
        self.chat_settings = dict(values)
        if self.conversation is not None:
            conversation_id = self.conversation.id
            self.conversation.settings = dict(values)
            self.store.call(lambda store: store.set_conversation_settings(conversation_id, dict(values)),
                            None, self._settings_not_saved)

    def _settings_not_saved(self, error: Exception) -> None:
        self.problem.emit(self.tr("The chat settings could not be saved: %1").replace("%1", str(error)))

    def _prepare(self, operation: Operation) -> bool:
        """Write the user's side on the store thread, then generate into the new version."""
        assert self.model is not None
        model_name = self.model_name
        params = self._params()
        if self.is_remote and (params.think_longer or params.probe_every):
            self.note.emit(self.tr("This server decides when its model stops thinking: 'think longer' and "
                                   "checking the answer apply to local models only."))
        if self.is_remote and "context_size" in self.chat_settings:
            self.note.emit(self.tr("This server keeps its own context size: the chat's context setting "
                                   "applies to local models only."))
        n_ctx = None if self.is_remote else self.context_size()  # a local model is loaded again if it differs
        if n_ctx is not None and n_ctx != self.model.n_ctx:
            from PySide6.QtCore import QLocale

            self.note.emit(self.tr("Loading the model again with a context of %1 tokens for this chat…")
                           .replace("%1", QLocale().toString(n_ctx)))
        self.generating_version = -1  # reserved until the store answers
        self.store.call(lambda store: operation(store, model_name, params),
                        lambda prepared: self._start(prepared, params, n_ctx), self._write_failed)
        return True

    def _start(self, prepared: PreparedReply, params: p.SamplingParams, n_ctx: int | None = None) -> None:
        self._set_conversation(prepared.conversation)
        self.generating_version = prepared.version_id
        self.generation_started.emit(prepared.version_id)
        from denkspur.gui.engine_worker import GenerationJob

        self._started_worker()
        self._generate.emit(GenerationJob(prepared.version_id, prepared.history, params, prepared.prefix,
                                          n_ctx=n_ctx, carried=prepared.carried))
        self.refresh_conversations()  # a new conversation is listed while its first reply streams

    def _forward_events(self, version_id: int, events: list[StreamEvent]) -> None:
        """Hand a batch to the window (direct connections: shown when ``emit`` returns,
        unless a receiver took the acknowledgement with :meth:`defer_shown`), then tell
        the engine thread, which waits while the window is behind."""
        self._deferred = False
        try:
            self.live_events.emit(version_id, events)
        finally:
            if not self._deferred:
                self.worker.events_shown()

    def defer_shown(self) -> Callable[[], None]:
        """For a receiver of :attr:`live_events` that shows the batch over later turns (a
        flood): the engine thread counts the batch as shown only when the returned callable
        is called (once; later calls do nothing), so it waits instead of piling up events."""
        self._deferred = True
        worker, called = self.worker, [False]

        def shown() -> None:
            if not called[0]:
                called[0] = True
                worker.events_shown()

        return shown

    def _on_finished(self, result: GenerationResult) -> None:
        self.generating_version = None
        outcome = result.outcome
        if outcome.save_error is not None and not outcome.saved:
            # The disk did not take the reply: keep it here, shown and exportable, until a retry works.
            self.unsaved[result.version_id] = outcome.content()
            self.unsaved_changed.emit(len(self.unsaved), str(outcome.save_error))
        if outcome.notice == "budget-refused":
            self.note.emit(self.tr("The thinking budget was reached, but this server does not continue a "
                                      "reply it is given (an assistant prefill; llama-server does), so it "
                                      "could not be asked for the answer: the reply ends in its thinking."))
        self.generation_finished.emit(result)
        self.refresh_conversations()
        self.reload()

