""""Continue" after Stop: the model goes on from where it stopped, through the real engine (no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from denkspur.core.conversations.store import Store
from denkspur.core.trace.stream import StreamEvent, TraceText
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session import conversation
from denkspur.session.reply import StoreSaver, run_reasoning, run_reply
from denkspur.session.states import VersionState
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE

PARAMS = p.SamplingParams()
QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]


def _stopped(client: EngineClient, store: Store) -> tuple[int, int]:
    """A reply stopped by the user while the model thinks."""
    prepared = conversation.send(store, None, "What is 2 + 3?", model="tiny", params=PARAMS)

    def stop_early(event: StreamEvent) -> None:
        if isinstance(event, TraceText):
            client.cancel()

    outcome = run_reply(client, prepared.history, PARAMS, StoreSaver(store, prepared.version_id), stop_early)
    assert outcome.stop_reason == "cancelled"
    return prepared.conversation_id, prepared.version_id


def test_continue_goes_on_from_a_trace_stopped_while_thinking(engine_with, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client: EngineClient = engine_with(fault="slow@token:40")
    store = Store(tmp_path / "chats.sqlite3")
    conversation_id, stopped = _stopped(client, store)
    before = store.version(stopped)
    assert before.state == VersionState.CANCELLED and before.trace and before.trace != EXPECTED_TRACE
    prepared = conversation.continue_reply(store, conversation_id, stopped, model="tiny", params=PARAMS)
    assert prepared.prefix == (("continued", before.trace),)
    outcome = run_reply(client, prepared.history, PARAMS, StoreSaver(store, prepared.version_id),
                        prefix=prepared.prefix)
    continued = store.version(prepared.version_id)
    assert outcome.ok and continued.trace == EXPECTED_TRACE and continued.answer == EXPECTED_ANSWER
    assert (continued.parent_version_id, continued.branch_offset) == (stopped, len(before.trace))
    assert continued.stats["interventions"] == [{"start": 0, "end": len(before.trace), "kind": "continued"}]
    assert store.version(stopped).trace == before.trace  # the stopped reply stays as it was
    versions = store.load_conversation(conversation_id).messages[1].versions
    assert [v.id for v in versions] == [stopped, prepared.version_id]


def test_continue_after_the_thinking_closed_answers_on(engine: EngineClient) -> None:
    outcome = run_reasoning(engine, QUESTION)  # the KV cache now holds this reply
    assert outcome.result.answer == EXPECTED_ANSWER
    closed = run_reasoning(engine, QUESTION, prefix=[("continued", EXPECTED_TRACE), ("answer", "")])
    assert closed.ok and closed.result.trace == EXPECTED_TRACE and closed.result.answer == EXPECTED_ANSWER
    whole = run_reasoning(engine, QUESTION,
                          prefix=[("continued", EXPECTED_TRACE), ("answer", EXPECTED_ANSWER)])
    assert whole.ok and whole.result.answer == EXPECTED_ANSWER  # it had said all: it ends (nothing doubled)


def test_only_a_stopped_reply_can_be_continued(engine: EngineClient, tmp_path: Path) -> None:
    store = Store(tmp_path / "chats.sqlite3")
    prepared = conversation.send(store, None, "What is 2 + 3?", model="tiny", params=PARAMS)
    run_reply(engine, prepared.history, PARAMS, StoreSaver(store, prepared.version_id))
    with pytest.raises(ValueError, match="nothing to continue"):
        conversation.continue_reply(store, prepared.conversation_id, prepared.version_id, model="tiny",
                                    params=PARAMS)


def test_a_continued_version_counts_the_whole_trace_and_adds_the_thinking_times(  # type: ignore[no-untyped-def]
        engine_with, tmp_path: Path) -> None:
    """Its stats describe the trace it shows (the stopped part and the continuation), not only
    what was written after the stop: trace tokens of the whole trace, thinking time summed."""
    client: EngineClient = engine_with(fault="slow@token:40")
    store = Store(tmp_path / "chats.sqlite3")
    whole = run_reasoning(client, QUESTION).result.stats.trace_tokens  # the same trace, in one go
    conversation_id, stopped = _stopped(client, store)
    before = store.version(stopped).stats
    assert 0 < before["trace_tokens"] < whole  # type: ignore[operator]
    prepared = conversation.continue_reply(store, conversation_id, stopped, model="tiny", params=PARAMS)
    live: list[int] = []
    outcome = run_reply(client, prepared.history, PARAMS, StoreSaver(store, prepared.version_id),
                        lambda e: live.append(e.trace_tokens) if isinstance(e, TraceText) else None,
                        prefix=prepared.prefix, carried=prepared.carried)
    stats = store.version(prepared.version_id).stats
    assert outcome.ok and stats["trace_tokens"] == whole
    assert stats["completion_tokens"] == stats["trace_tokens"] + stats["answer_tokens"]  # type: ignore[operator]
    assert stats["thinking_seconds"] > before["thinking_seconds"]  # type: ignore[operator]
    assert next(n for n in live if n) == before["trace_tokens"] + 1  # the live count goes on from there
