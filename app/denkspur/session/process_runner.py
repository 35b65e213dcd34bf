"""A :class:`~denkspur.session.runner.ChatRunner` in a process of its own, for the app.

Why: a reply is parsed as it streams (sentences, steps, their functions), in Python. On a
thread of the app's process that parsing shares one GIL with the GUI thread, which then
waits for it inside its own turns: in ``bench/big_output.py`` a turn of 10-20 ms of GUI
work took 40-60 ms while a flood was parsed beside it; with the parsing in another
process 23-30 ms, and the flood was shown sooner (the parsing has a core of its own).
The app's engine thread now only receives the events, batched and pickled, and hands
them on to the GUI.

The session process owns what the runner owns: the backend (it starts the engine child
in turn, or talks to a server) and a store connection for the saves of the reply being
generated. Calls go over one pipe and are answered on it, with what they report on the
way (the engine's ``Ready``, a reloaded model, the reply's events); controls (cancel,
answer now, abort, probe) go over a second pipe to a thread of their own there, so that
they act while a reply streams. When the session process dies (killed, out of memory),
the call in progress ends with a typed :class:`EngineCrashed`; a reply keeps what it had
saved and is marked failed, and the next call starts a fresh process (a local model is
loaded again when asked for, as after an engine crash).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from denkspur.engine.errors import EngineCrashed, EngineError, EngineRequestFailed, FailureKind

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from denkspur.core.trace.stream import StreamEvent
    from denkspur.engine import protocol as p
    from denkspur.engine.remote import RemoteSettings
    from denkspur.session.loading import LoadResult, ModelRequest
    from denkspur.session.reply import Carried, RunOutcome

log = logging.getLogger("denkspur.session")

#: How long :meth:`ProcessRunner.close` waits for the session process to end by itself
#: (it closes its backend: the engine child is stopped first) before it is killed.
CLOSE_WAIT = 10.0



class ProcessRunner:
    """The calls of :class:`ChatRunner` that the app's engine thread makes, run in the
    session process (see the module docstring). One thread makes the calls; the controls
    (:meth:`cancel`, :meth:`answer_now`, :meth:`abort`, :meth:`probe`) are thread-safe."""

    def __init__(self, store_path: Path | None = None, *, fault: str | None = None) -> None:
        self.store_path = store_path
        self._fault = fault
        self._process: BaseProcess | None = None
        self._calls: Connection | None = None
        self._controls: Connection | None = None
        self._controls_lock = threading.Lock()
        #: The engine's last ``Ready`` (what :meth:`restart` leaves), None before one came.
        self.ready: p.Ready | None = None
        #: The last backend set up (a model loaded, a server chosen): a fresh session process,
        #: started after one died, sets it up again before its first call.
        self._backend_call: tuple[str, object] | None = None

    @property
    def alive(self) -> bool:
        """Whether the session process runs (False before the first call, after it ended or died)."""
        return self._process is not None and self._process.is_alive()

    @property
    def pid(self) -> int | None:
        """The session process's id (None before the first call or after it ended)."""
        return self._process.pid if self._process is not None else None

    # -- calls --------------------------------------------------------------------------
    def load(self, request: ModelRequest, on_ready: Callable[[p.Ready], None] | None = None) -> LoadResult:
        result: LoadResult = self._call("load", request, on_ready=on_ready)
        self._backend_call = ("load", request)
        return result

    def use_remote(self, settings: RemoteSettings,
                   on_ready: Callable[[p.Ready], None] | None = None) -> p.ModelLoaded:
        loaded: p.ModelLoaded = self._call("use_remote", settings, on_ready=on_ready)
        self._backend_call = ("use_remote", settings)
        return loaded

    def restart(self) -> p.ModelLoaded | None:
        loaded: p.ModelLoaded | None
        loaded, self.ready = self._call("restart")
        return loaded

    def reply(self, version_id: int, messages: Iterable[p.ChatMessage], params: p.SamplingParams,
              on_event: Callable[[StreamEvent], None] | None = None, prefix: Sequence[tuple[str, str]] = (),
              *, n_ctx: int | None = None, carried: Carried | None = None,
              on_loaded: Callable[[p.ModelLoaded], None] | None = None) -> RunOutcome:
        """As :meth:`ChatRunner.reply`; the events arrive in batches from the session process.
        Once the reply is saved, its outcome's result carries its statistics only (the text,
        steps and signals are in the store, see ``session_process._to_send``)."""
        try:
            outcome: RunOutcome = self._call("reply", version_id, tuple(messages), params,
                                             prefix=tuple(prefix), n_ctx=n_ctx, carried=carried,
                                             on_event=on_event, on_loaded=on_loaded)
        except EngineError as error:  # the session process died, or could not load the model again
            return _ended_reply(self.store_path, version_id, error)
        except ValueError as error:  # the model file went bad since it was loaded (GGUFError)
            bad_model = EngineRequestFailed(FailureKind.BAD_MODEL, str(error))
            return _ended_reply(self.store_path, version_id, bad_model)
        return outcome

    def close(self) -> None:
        """End the session process (its backend first: the engine child stops); killed when it
        does not end within :data:`CLOSE_WAIT` seconds."""
        process, calls = self._process, self._calls
        if process is None or calls is None:
            return
        with contextlib.suppress(OSError, EOFError, EngineError):
            calls.send(("close", (), {}))
            if calls.poll(CLOSE_WAIT):
                calls.recv()
        process.join(CLOSE_WAIT if process.is_alive() else 0)
        self._discard()

    # -- controls (thread-safe) -----------------------------------------------------------
    def cancel(self) -> None:
        self._control("cancel")

    def answer_now(self) -> bool:
        """"Answer now" is passed on; whether the backend could is seen in the stream."""
        return self._control("answer_now")

    def abort(self) -> None:
        """Kill a local engine child now (quitting); the session process stays."""
        self._control("abort")

    def probe(self) -> None:
        self._control("probe")

    def _control(self, name: str) -> bool:
        with self._controls_lock:
            controls = self._controls
            if controls is None:
                return False  # no session process: nothing runs
            try:
                controls.send(name)
            except OSError:
                return False
            return True

    # -- the pipe -------------------------------------------------------------------------
    def _started(self) -> Connection:
        if self._process is not None and not self._process.is_alive():
            self._discard()
        if self._calls is None:
            context = multiprocessing.get_context("spawn")
            calls, calls_there = context.Pipe()
            controls_there, controls = context.Pipe(duplex=False)
            from denkspur.session.session_process import serve

            process = context.Process(target=serve, args=(calls_there, controls_there, self.store_path,
                                                          self._fault), name="denkspur-session")
            process.start()
            calls_there.close()
            controls_there.close()
            with self._controls_lock:
                self._process, self._calls, self._controls = process, calls, controls
            _end_at_exit(self)
        return self._calls

    def _call(self, name: str, *args: object, on_event: Callable[[StreamEvent], None] | None = None,
              on_ready: Callable[[p.Ready], None] | None = None,
              on_loaded: Callable[[p.ModelLoaded], None] | None = None, **kwargs: object) -> Any:
        for attempt in (1, 2):
            fresh = self._calls is None or not self.alive
            calls = self._started()
            try:
                if fresh and self._backend_call is not None and name not in ("load", "use_remote", "close"):
                    # The process died since the model was loaded (or the server chosen): as
                    # after an engine crash, the next request loads it again first.
                    setup, argument = self._backend_call
                    calls.send((setup, (argument,), {}))
                    self._answer(calls)
                calls.send((name, args, kwargs))
                break
            except OSError as error:  # it died before the call reached it: once more, in a fresh one
                if attempt == 2:
                    raise self._ended(error) from None
                self._discard()
        return self._answer(calls, on_event=on_event, on_ready=on_ready, on_loaded=on_loaded)

    def _answer(self, calls: Connection, *, on_event: Callable[[StreamEvent], None] | None = None,
                on_ready: Callable[[p.Ready], None] | None = None,
                on_loaded: Callable[[p.ModelLoaded], None] | None = None) -> Any:
        """What a call reports on the way, handed to the callbacks, then its result (or its failure)."""
        while True:
            kind, value = self._exchange(calls.recv)
            if kind == "events":
                if on_event is not None:
                    for event in value:
                        on_event(event)
            elif kind == "ready":
                self.ready = value
                if on_ready is not None:
                    on_ready(value)
            elif kind == "loaded":
                if on_loaded is not None:
                    on_loaded(value)
            elif kind == "raise":
                raise value  # the call's own failure, typed as it was there (an OSError too)
            else:
                return value

    def _exchange(self, step: Callable[..., Any], *args: object) -> Any:
        """One send or receive on the calls' pipe; a broken pipe means the session process is gone."""
        try:
            return step(*args)
        except (EOFError, OSError) as error:
            raise self._ended(error) from None

    def _ended(self, error: BaseException) -> EngineCrashed:
        """The session process is gone (its pipe broke): a typed error, and the next call starts
        a fresh one."""
        process = self._process
        code = None
        if process is not None:
            process.join(2)
            code = process.exitcode
        self._discard()
        log.error("the session process ended (exit code %s): %s", code, error)
        kind = FailureKind.KILLED if code is not None and code < 0 else FailureKind.EXIT
        how = f"was stopped by signal {-code}" if code is not None and code < 0 else \
            f"exited with code {code}" if code is not None else "stopped answering"
        return EngineCrashed(kind, f"The app's session process (the one that runs the model's replies) "
                                   f"{how}. What the reply had saved is kept; ask again to start it anew.",
                             during="session", exit_code=code)

    def kill(self) -> None:
        """End the session process now, without waiting for anything (thread-safe); its engine
        child ends with it (its pipe closes)."""
        self._discard()

    def _discard(self) -> None:
        with self._controls_lock:
            process, calls, controls = self._process, self._calls, self._controls
            self._process = self._calls = self._controls = None
        for connection in (calls, controls):
            if connection is not None:
                connection.close()
        if process is not None and process.is_alive():
            process.kill()
            process.join(5)


_ALIVE: weakref.WeakSet[ProcessRunner] = weakref.WeakSet()


def _end_at_exit(runner: ProcessRunner) -> None:
    """Session processes still running when the app exits are ended first: multiprocessing
    joins its children at exit, and one waiting for the next call would wait for ever.
    Registered after a process started, so that it runs before multiprocessing's own hook
    (hooks run last registered first)."""
    if not _ALIVE:
        atexit.register(_end_all)
    _ALIVE.add(runner)


def _end_all() -> None:
    for runner in list(_ALIVE):
        runner.kill()
    _ALIVE.clear()


def _ended_reply(store_path: Path | None, version_id: int, error: EngineError) -> RunOutcome:
    """A reply that ended without its outcome (its session process died, or the model could not
    be loaded again in a fresh one): what it saved is kept, marked failed with ``error``."""
    from denkspur.core.trace.stream import ReasoningStream
    from denkspur.session.reply import RunOutcome, SaveFailed
    from denkspur.session.states import StopReason, VersionState

    outcome = RunOutcome(ReasoningStream(assume_open=False).finish(), StopReason.ERROR, error)
    if store_path is None:
        return outcome
    try:
        from denkspur.core.conversations.store import Store

        store = Store(store_path)
        try:
            saved = store.version(version_id)
            store.save_version(version_id, answer=saved.answer, trace=saved.trace, state=VersionState.ERROR,
                               steps=saved.steps, stats=saved.stats, error=error.message)
        finally:
            store.close()
    except Exception as failure:  # a reply's end must never raise; the failure is reported
        outcome.save_error = SaveFailed(str(failure))
    else:
        outcome.saved = True
    return outcome
