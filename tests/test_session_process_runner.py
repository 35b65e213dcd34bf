"""The app's session in a process of its own (session/process_runner.py), with the real engine.

The reply's parsing runs there, never in the app's process (where it shared the GIL with
the GUI thread); calls, their reports and the reply's events come over a pipe; controls
act while a reply streams; a session process that dies ends the reply with a typed error
and keeps what it saved; the next call starts a fresh one.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from denkspur.core.conversations.store import Store
from denkspur.core.trace.stream import ReasoningStream, StreamEvent, TraceText
from denkspur.engine import protocol as p
from denkspur.engine.errors import EngineCrashed, EngineError
from denkspur.session import conversation, store_path
from denkspur.session.loading import ModelRequest
from denkspur.session.process_runner import ProcessRunner
from denkspur.session.states import StopReason, VersionState
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE

SEEDED = p.SamplingParams(seed=1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(store_path(tmp_path))
    yield store
    store.close()


def _ends(process: psutil.Process) -> None:
    """Waits (at most 10 s) until ``process`` has ended; fails if it has not."""
    try:
        process.wait(timeout=10)
    except psutil.NoSuchProcess:
        return
    assert not process.is_running() or process.status() == psutil.STATUS_ZOMBIE


def _runner(tmp_path: Path, tiny_model: Path,
            fault: str | None = None) -> tuple[ProcessRunner, list[p.Ready]]:
    runner = ProcessRunner(store_path(tmp_path), fault=fault)
    readies: list[p.Ready] = []
    runner.load(ModelRequest(str(tiny_model), n_ctx=512, gpu_layers=0), readies.append)
    return runner, readies


def test_a_reply_streams_from_the_session_process_and_nothing_is_parsed_here(
        tmp_path: Path, tiny_model: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parsing_here(*_args: object, **_kwargs: object) -> list[StreamEvent]:
        raise AssertionError("the app's process parsed the reply")

    monkeypatch.setattr(ReasoningStream, "feed", no_parsing_here)
    runner, readies = _runner(tmp_path, tiny_model)
    try:
        assert len(readies) == 1 and runner.pid is not None and runner.pid != os.getpid()
        prepared = conversation.send(store, None, "What is 2 + 3?", model="tiny", params=SEEDED)
        events: list[StreamEvent] = []
        outcome = runner.reply(prepared.version_id, prepared.history, SEEDED, events.append)
    finally:
        runner.close()
    assert outcome.saved and outcome.state is VersionState.COMPLETE and outcome.error is None
    # saved: only the statistics come back (the app reads the reply from the store)
    assert outcome.result.stats.completion_tokens > 0 and outcome.result.trace == ""
    assert "".join(e.text for e in events if isinstance(e, TraceText)).strip() == EXPECTED_TRACE
    reply = store.version(prepared.version_id)
    assert (reply.state, reply.trace, reply.answer) == ("complete", EXPECTED_TRACE, EXPECTED_ANSWER)


def test_a_failed_load_raises_its_typed_error_here(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.gguf"
    garbage.write_bytes(b"GGUF" + os.urandom(64))
    runner = ProcessRunner(store_path(tmp_path))
    try:
        with pytest.raises((EngineError, ValueError)) as raised:
            runner.load(ModelRequest(str(garbage), n_ctx=512, gpu_layers=0))
        assert str(raised.value)  # a message the app can show
        pid = runner.pid
        with pytest.raises(EngineError, match="folder"):
            runner.load(ModelRequest(str(tmp_path), n_ctx=512, gpu_layers=0))
        assert runner.pid == pid is not None  # a failed call leaves the session process as it was
    finally:
        runner.close()


def test_a_killed_session_process_ends_the_reply_typed_and_keeps_what_was_saved(
        tmp_path: Path, tiny_model: Path, store: Store) -> None:
    runner, _ = _runner(tmp_path, tiny_model, fault="slow@token:250")
    prepared = conversation.send(store, None, "What is 2 + 3?", model="tiny", params=SEEDED)
    first_pid = runner.pid
    assert first_pid is not None
    engine_children = psutil.Process(first_pid).children()
    timer = threading.Timer(2.2, os.kill, (first_pid, signal.SIGKILL))
    timer.start()
    try:
        outcome = runner.reply(prepared.version_id, prepared.history, SEEDED)
        assert outcome.stop_reason is StopReason.ERROR and isinstance(outcome.error, EngineCrashed)
        assert "session process" in outcome.error.message and outcome.saved
        reply = store.version(prepared.version_id)
        assert reply.state == "error" and reply.error == outcome.error.message
        assert reply.trace.startswith("Okay, the user asks")  # the partial saves (every 0.5 s) are kept
        for child in engine_children:  # the engine child does not outlive its session process
            _ends(child)
        # The next reply starts a fresh session process, which loads the model again first
        # (as after an engine crash): nothing to do for the user but ask again.
        again = conversation.send(store, None, "What is 2 + 3?", model="tiny", params=SEEDED)
        outcome = runner.reply(again.version_id, again.history, SEEDED)
        assert outcome.error is None and runner.pid not in (None, first_pid)
        assert store.version(again.version_id).answer == EXPECTED_ANSWER
    finally:
        timer.cancel()
        runner.close()


def test_a_model_that_cannot_be_loaded_again_ends_the_reply_not_the_app(
        tmp_path: Path, tiny_model: Path, store: Store) -> None:
    copy = tmp_path / "copy.gguf"
    copy.write_bytes(tiny_model.read_bytes())
    runner = ProcessRunner(store_path(tmp_path))
    try:
        runner.load(ModelRequest(str(copy), n_ctx=512, gpu_layers=0))
        pid = runner.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30  # dead between two calls (a death during one: see above)
        while runner.alive and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not runner.alive
        copy.unlink()  # gone while the app was not looking
        prepared = conversation.send(store, None, "What is 2 + 3?", model="tiny", params=SEEDED)
        outcome = runner.reply(prepared.version_id, prepared.history, SEEDED)
        assert outcome.stop_reason is StopReason.ERROR and outcome.error is not None and outcome.saved
        assert "copy.gguf" in outcome.error.message
        assert store.version(prepared.version_id).state == "error"
    finally:
        runner.close()


def test_cancel_acts_while_the_reply_streams(tmp_path: Path, tiny_model: Path, store: Store) -> None:
    runner, _ = _runner(tmp_path, tiny_model, fault="slow@token:250")
    prepared = conversation.send(store, None, "What is 2 + 3?", model="tiny", params=SEEDED)
    seen: list[StreamEvent] = []

    def cancel_after_some(event: StreamEvent) -> None:
        seen.append(event)
        if len(seen) == 3:
            runner.cancel()

    try:
        started = time.monotonic()
        outcome = runner.reply(prepared.version_id, prepared.history, SEEDED, cancel_after_some)
        assert outcome.stop_reason is StopReason.CANCELLED and time.monotonic() - started < 20
        assert store.version(prepared.version_id).state == "cancelled"
    finally:
        runner.close()


def test_closing_ends_the_session_process_and_its_engine(tmp_path: Path, tiny_model: Path) -> None:
    runner, _ = _runner(tmp_path, tiny_model)
    pid = runner.pid
    assert pid is not None
    session = psutil.Process(pid)
    engine = session.children()
    assert engine
    runner.close()
    assert runner.pid is None
    for process in (session, *engine):
        _ends(process)
    runner.cancel()  # no process: a control does nothing
