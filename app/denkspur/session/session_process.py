"""The session process's side of :mod:`denkspur.session.process_runner`: its main loop.

A :class:`~denkspur.session.runner.ChatRunner` answers the app's calls from one pipe, with
what they report on the way (``ready``, ``loaded``, batched ``events``) and then their
``return`` or ``raise``; a thread of its own obeys the controls from the second pipe while a
call runs. When the app is gone, the engine child is stopped and the process ends at once.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from denkspur.engine.errors import EngineError

if TYPE_CHECKING:
    from denkspur.session.reply import RunOutcome
    from denkspur.session.runner import ChatRunner

log = logging.getLogger("denkspur.session")

#: The session process batches a reply's events before it pickles them: each message over
#: the pipe costs a system call and a wake-up of the app's engine thread.
BATCH_INTERVAL = 0.02
BATCH_EVENTS = 500

CONTROLS = ("cancel", "answer_now", "abort", "probe")
CALLS = ("load", "use_remote", "restart", "reply", "close")


def serve(calls: Connection, controls: Connection, store_path: Path | None, fault: str | None) -> None:
    """The session process's main: answer calls until ``close`` or until the app is gone."""
    from denkspur.session.runner import ChatRunner

    runner = ChatRunner(store_path, fault=fault)
    sending = threading.Lock()  # the reply's batcher sends from its watch thread too

    def send(kind: str, value: object) -> None:
        with sending:
            calls.send((kind, value))

    threading.Thread(target=_obey, args=(controls, runner), name="denkspur-controls", daemon=True).start()
    try:
        while True:
            try:
                name, args, kwargs = calls.recv()
            except (EOFError, OSError):
                return  # the app is gone
            if name not in CALLS:
                send("raise", EngineError(f"unknown call {name!r}"))
                continue
            try:
                result = _run(runner, name, args, kwargs, send)
            except Exception as error:  # every failure goes back to the caller, typed or not
                send("raise", _picklable(error))
            else:
                try:
                    send("return", result)
                except (pickle.PicklingError, TypeError, AttributeError) as error:  # nothing was written
                    send("raise", _picklable(error))
            if name == "close":
                return
    except (OSError, EOFError):
        return  # the app is gone while we answered
    finally:
        runner.close()


def _run(runner: ChatRunner, name: str, args: tuple[Any, ...], kwargs: dict[str, Any],
         send: Callable[[str, object], None]) -> object:
    from denkspur.session.batching import EventBatcher

    if name == "load":
        (request,) = args
        return runner.load(request, on_ready=lambda ready: send("ready", ready))
    if name == "use_remote":
        (settings,) = args
        return runner.use_remote(settings, on_ready=lambda ready: send("ready", ready))
    if name == "restart":
        loaded = runner.restart()
        return loaded, runner.backend.ready
    if name == "close":
        return None
    batcher = EventBatcher(lambda events: send("events", events), interval=BATCH_INTERVAL,
                           max_events=BATCH_EVENTS)
    version_id, messages, params = args
    try:
        return _to_send(runner.reply(version_id, messages, params, batcher.add, kwargs["prefix"],
                            n_ctx=kwargs["n_ctx"], carried=kwargs["carried"],
                            on_loaded=lambda loaded: send("loaded", loaded)))
    finally:
        batcher.close()  # what is left goes before the outcome


def _to_send(outcome: RunOutcome) -> RunOutcome:
    """What of a reply's outcome goes back to the app. Once the reply is saved the app reads
    it from the store, and only its statistics travel: a 5 MB flood's whole result (text,
    96,000 steps) took ~70 ms to unpickle on the app's engine thread, holding the GIL the
    GUI thread needed for all of it. Unsaved (a full disk), all of it goes: the app keeps it."""
    from dataclasses import replace

    if not outcome.saved:
        return outcome
    light = replace(outcome.result, trace="", answer="", steps=[], sentences=[], extra={}, interventions=[],
                    signals=[], trace_signal_count=0)
    return replace(outcome, result=light)


def _obey(controls: Connection, runner: ChatRunner) -> None:
    """The controls' thread: each one acts at once, while a call runs on the main thread."""
    while True:
        try:
            name = controls.recv()
        except (EOFError, OSError):
            # The app is gone (quit, crashed or killed): the engine child is stopped and this
            # process ends at once, as the app did. The reply keeps its last partial save,
            # which the app marks interrupted when it starts again.
            runner.abort()
            os._exit(0)
        if name in CONTROLS:
            try:
                getattr(runner, name)()
            except Exception:  # a control that fails must not end the controls
                log.exception("the control %s failed", name)


def _picklable(error: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # an error that does not travel is described instead
        from denkspur.session.reply import unexpected_failure

        return unexpected_failure(error)
    return error
