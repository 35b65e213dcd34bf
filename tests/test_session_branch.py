"""Branch from a step and steer, through the session layer and the real engine (no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from denkspur.core.conversations.export import export_markdown
from denkspur.core.conversations.store import Store
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session import conversation
from denkspur.session.reply import StoreSaver, run_reply
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE

PARAMS = p.SamplingParams()
FIRST = "Okay, the user asks what 2 + 3 is."


def _answered(engine: EngineClient, store: Store) -> tuple[int, int]:
    prepared = conversation.send(store, None, "What is 2 + 3?", model="tiny", params=PARAMS)
    run_reply(engine, prepared.history, PARAMS, StoreSaver(store, prepared.version_id))
    return prepared.conversation_id, prepared.version_id


def test_branch_from_a_sentence_keeps_the_trace_before_it(engine: EngineClient, tmp_path: Path) -> None:
    store = Store(tmp_path / "chats.sqlite3")
    conversation_id, original = _answered(engine, store)
    offset = EXPECTED_TRACE.index("Adding")  # just before the second sentence
    prepared = conversation.branch(store, conversation_id, original, offset, model="tiny", params=PARAMS)
    assert prepared.prefix == (("prefix", FIRST),)
    outcome = run_reply(engine, prepared.history, PARAMS, StoreSaver(store, prepared.version_id),
                        prefix=prepared.prefix)
    branched = store.version(prepared.version_id)
    assert branched.trace == EXPECTED_TRACE and branched.answer == EXPECTED_ANSWER
    assert (branched.parent_version_id, branched.branch_offset) == (original, offset)
    assert outcome.result.interventions[0].kind == "prefix"
    reply = store.load_conversation(conversation_id).messages[1]
    assert [v.id for v in reply.versions] == [original, prepared.version_id]  # nothing replaced
    assert store.version(original).trace == EXPECTED_TRACE


def test_steering_note_is_inserted_and_marked_as_the_users(engine: EngineClient, tmp_path: Path) -> None:
    store = Store(tmp_path / "chats.sqlite3")
    conversation_id, original = _answered(engine, store)
    note = "Wait, the problem says integers only."
    prepared = conversation.branch(store, conversation_id, original, len(FIRST) + 1, note=note,
                                   model="tiny", params=PARAMS)
    outcome = run_reply(engine, prepared.history, PARAMS, StoreSaver(store, prepared.version_id),
                        prefix=prepared.prefix)
    trace = outcome.result.trace
    assert trace.startswith(f"{FIRST} {note}")
    (kept, users) = outcome.result.interventions[:2]
    assert (kept.kind, users.kind) == ("prefix", "user")
    assert trace[users.start:users.end].strip() == note
    stored = store.version(prepared.version_id)
    assert stored.trace.startswith(f"{FIRST} {note}")
    marks = stored.stats["interventions"]
    assert isinstance(marks, list) and {"start": users.start, "end": users.end, "kind": "user"} in marks
    text = export_markdown(store.load_conversation(conversation_id))
    assert f"[your note: {note}]" in text


def test_a_branch_point_outside_the_trace_is_refused(engine: EngineClient, tmp_path: Path) -> None:
    store = Store(tmp_path / "chats.sqlite3")
    conversation_id, original = _answered(engine, store)
    with pytest.raises(ValueError, match="outside the trace"):
        conversation.branch(store, conversation_id, original, 10_000, model="tiny", params=PARAMS)
