"""The reply lifecycle: a real generation on the tiny model, saved to a real SQLite store."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from denkspur.core.conversations.store import Store
from denkspur.core.trace.stream import StreamEvent, TraceText
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import StoreSaver, VersionContent, run_reply
from denkspur.session.states import StopReason, VersionState
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE

QUESTION = (p.ChatMessage("user", "What is 2 + 3?"),)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "conversations.sqlite3")
    yield store
    store.close()


def reply_version(store: Store) -> int:
    conversation = store.create_conversation("test")
    store.add_message(conversation, "user", "What is 2 + 3?")
    return store.add_message(conversation, "assistant", state=VersionState.GENERATING)[1]


def ticking() -> Callable[[], float]:
    """A clock one second further on each reading: every event is due for a partial save."""
    seconds = itertools.count()
    return lambda: float(next(seconds))


class RecordingSaver(StoreSaver):
    """Saves to the store for real and keeps what each save wrote."""

    def __init__(self, store: Store, version_id: int) -> None:
        super().__init__(store, version_id)
        self.saved: list[VersionContent] = []

    def save(self, content: VersionContent, /) -> None:
        super().save(content)
        self.saved.append(content)


def test_partial_saves_grow_while_streaming_and_the_final_save_completes(
    engine: EngineClient, store: Store
) -> None:
    version = reply_version(store)
    saver = RecordingSaver(store, version)
    outcome = run_reply(engine, QUESTION, p.SamplingParams(seed=1), saver, clock=ticking())
    partial = [c for c in saver.saved if c.state is VersionState.GENERATING]
    assert len(partial) >= 5
    traces = [c.trace for c in partial]
    assert traces == sorted(traces, key=len) and EXPECTED_TRACE.startswith(traces[-1].strip()[:10])
    assert saver.saved[-1].state is VersionState.COMPLETE
    assert outcome.saved and outcome.save_error is None
    stored = store.version(version)
    assert (stored.state, stored.trace, stored.answer) == ("complete", EXPECTED_TRACE, EXPECTED_ANSWER)
    assert stored.stats["stop_reason"] == "stop" and stored.stats["finished"] is True
    assert [s["kind"] for s in stored.steps] == ["reasoning", "self-correction", "verification", "conclusion"]


def test_no_partial_save_before_the_interval(engine: EngineClient, store: Store) -> None:
    version = reply_version(store)
    saver = RecordingSaver(store, version)
    run_reply(engine, QUESTION, None, saver, save_interval=3600)
    assert [c.state for c in saver.saved] == [VersionState.COMPLETE]


def test_a_reply_cut_by_the_token_limit_is_complete_with_stop_reason_length(
    engine: EngineClient, store: Store
) -> None:
    version = reply_version(store)
    outcome = run_reply(engine, QUESTION, p.SamplingParams(max_tokens=3), StoreSaver(store, version))
    assert (outcome.stop_reason, outcome.state) == (StopReason.LENGTH, VersionState.COMPLETE)
    stored = store.version(version)
    assert stored.state == "complete" and stored.stats["stop_reason"] == "length"
    assert stored.stats["finished"] is False


def test_a_cancelled_reply_is_stored_cancelled_with_what_arrived(
    engine_with: Callable[..., EngineClient], store: Store
) -> None:
    client = engine_with(fault="slow@token:20")
    version = reply_version(store)

    def cancel_on_first_trace(event: StreamEvent) -> None:
        if isinstance(event, TraceText):
            client.cancel()

    outcome = run_reply(client, QUESTION, None, StoreSaver(store, version), cancel_on_first_trace)
    assert (outcome.stop_reason, outcome.state) == (StopReason.CANCELLED, VersionState.CANCELLED)
    stored = store.version(version)
    assert stored.state == "cancelled" and stored.trace and EXPECTED_TRACE.startswith(stored.trace.strip())


def test_an_engine_crash_is_stored_as_an_error_with_the_partial_trace(
    crashing_engine: EngineClient, store: Store
) -> None:
    version = reply_version(store)
    outcome = run_reply(crashing_engine, QUESTION, None, StoreSaver(store, version))
    assert (outcome.stop_reason, outcome.state) == (StopReason.ERROR, VersionState.ERROR)
    assert outcome.error is not None and outcome.error.kind == "crash"
    stored = store.version(version)
    assert stored.state == "error" and "SIGSEGV" in stored.error
    assert stored.trace and stored.stats["stop_reason"] == "error"


def test_ctrl_c_saves_the_reply_as_cancelled_before_it_propagates(
    engine_with: Callable[..., EngineClient], store: Store
) -> None:
    client = engine_with(fault="slow@token:20")
    version = reply_version(store)
    seen: list[str] = []

    def interrupt_after_some_trace(event: StreamEvent) -> None:
        if isinstance(event, TraceText):
            seen.append(event.text)
            if len(seen) == 3:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_reply(client, QUESTION, p.SamplingParams(signals=True), StoreSaver(store, version),
                  interrupt_after_some_trace)
    stored = store.version(version)
    assert stored.state == "cancelled" and stored.trace == "".join(seen)
    texts, trace_count = _stored_signals(stored.stats)  # the tokens' signals so far are kept too
    assert trace_count == len(texts) > 0 and "".join(texts).strip() == stored.trace.strip()


class FullDisk(Store):
    """A store whose disk is full from the ``failing_from``-th version save on (until ``recover_at``)."""

    def __init__(self, path: Path, failing_from: int, recover_at: int | None = None) -> None:
        super().__init__(path)
        self.calls = 0
        self.failing_from, self.recover_at = failing_from, recover_at

    def save_version(self, version_id: int, **fields: object) -> None:  # type: ignore[override]
        self.calls += 1
        if self.calls >= self.failing_from and (self.recover_at is None or self.calls < self.recover_at):
            raise sqlite3.OperationalError("database or disk is full")
        super().save_version(version_id, **fields)  # type: ignore[arg-type]


def test_a_failing_save_is_reported_and_the_generation_goes_on(engine: EngineClient, tmp_path: Path) -> None:
    store = FullDisk(tmp_path / "conversations.sqlite3", failing_from=2)
    version = reply_version(store)
    outcome = run_reply(engine, QUESTION, p.SamplingParams(seed=1), StoreSaver(store, version),
                        clock=ticking())
    assert outcome.ok and outcome.stop_reason == StopReason.STOP
    assert outcome.result.answer == EXPECTED_ANSWER  # the whole reply arrived
    assert store.calls > 3  # every due save was tried, none stopped the stream
    assert not outcome.saved and outcome.save_error is not None
    assert "disk is full" in str(outcome.save_error)
    assert store.version(version).state == "generating"  # only the first partial save got through
    store.close()


def test_a_save_that_fails_once_is_still_reported_after_a_later_save_succeeds(
    engine: EngineClient, tmp_path: Path
) -> None:
    store = FullDisk(tmp_path / "conversations.sqlite3", failing_from=2, recover_at=3)
    version = reply_version(store)
    outcome = run_reply(engine, QUESTION, None, StoreSaver(store, version), clock=ticking())
    assert outcome.saved and outcome.save_error is not None
    assert store.version(version).answer == EXPECTED_ANSWER
    store.close()


def test_a_remote_backend_goes_through_the_same_lifecycle(store: Store) -> None:
    from denkspur.engine.remote import RemoteClient, RemoteSettings
    from openai_server import OpenAIServer, dropping_stream

    with OpenAIServer() as server, RemoteClient(RemoteSettings(server.url)) as client:
        version = reply_version(store)
        outcome = run_reply(client, QUESTION, None, StoreSaver(store, version))
        stored = store.version(version)
        assert outcome.saved and (stored.state, stored.answer) == ("complete", "It is **5**.")
        assert stored.trace.startswith("Two plus three.")
    with OpenAIServer(dropping_stream) as server, RemoteClient(RemoteSettings(server.url)) as client:
        version = reply_version(store)
        outcome = run_reply(client, QUESTION, None, StoreSaver(store, version))
        stored = store.version(version)
        assert outcome.error is not None and outcome.error.kind == "dropped"
        assert (stored.state, stored.trace) == ("error", "Starting to think")


def test_without_a_saver_nothing_is_kept_and_nothing_is_reported(engine: EngineClient) -> None:
    outcome = run_reply(engine, QUESTION, p.SamplingParams(seed=1), None, clock=ticking())
    assert outcome.result.answer == EXPECTED_ANSWER and outcome.state is VersionState.COMPLETE
    assert not outcome.saved and outcome.save_error is None


def _stored_signals(stats: dict[str, object]) -> tuple[list[str], int]:
    from denkspur.core.trace.signals import unpack

    signals, trace_count = unpack(stats.get("signals"))
    return [s.text for s in signals], trace_count


def test_partial_saves_keep_the_signals_streamed_so_far(engine: EngineClient, store: Store) -> None:
    version = reply_version(store)
    saver = RecordingSaver(store, version)
    outcome = run_reply(engine, QUESTION, p.SamplingParams(seed=1, signals=True), saver, clock=ticking())
    partial = [c for c in saver.saved if c.state is VersionState.GENERATING]
    assert len(partial) >= 5
    counts = []
    for content in partial:
        texts, trace_count = _stored_signals(content.stats)
        counts.append(len(texts))
        # the trace tokens are the saved trace's, in order (the splitter trims whitespace at the tags)
        assert "".join(texts[:trace_count]).strip().startswith(content.trace.strip()[:20])
        assert len(texts) - trace_count == 0 or content.answer
    assert counts == sorted(counts) and counts[0] > 0
    final_texts, final_trace = _stored_signals(store.version(version).stats)
    assert final_texts[: counts[-1]] == _stored_signals(partial[-1].stats)[0]
    assert final_trace == outcome.result.trace_signal_count


def test_a_reply_whose_later_saves_never_land_keeps_its_signals_up_to_the_last_one(
    engine: EngineClient, tmp_path: Path
) -> None:
    """As if the app were killed: the stored row is the last partial save, tokens included."""
    store = FullDisk(tmp_path / "conversations.sqlite3", failing_from=6)
    version = reply_version(store)
    run_reply(engine, QUESTION, p.SamplingParams(seed=1, signals=True), StoreSaver(store, version),
              clock=ticking())
    stored = store.version(version)
    assert stored.state == "generating" and stored.trace
    texts, trace_count = _stored_signals(stored.stats)
    assert trace_count > 0 and "".join(texts[:trace_count]).strip() == stored.trace.strip()
    store.close()
