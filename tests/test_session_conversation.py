"""Conversation operations of the session: their store writes, the history they send, a full turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from denkspur.core.conversations.store import Store, StoreError
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.engine.remote import RemoteClient, RemoteSettings
from denkspur.session import conversation, store_path
from denkspur.session.runner import ChatRunner
from denkspur.session.states import VersionState
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE

PARAMS = p.SamplingParams(temperature=0.6, max_tokens=64)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(store_path(tmp_path))
    yield store
    store.close()


def answer(store: Store, version_id: int, text: str) -> None:
    store.save_version(version_id, answer=text, trace="thought", state=VersionState.COMPLETE)


def test_send_starts_a_conversation_with_a_reply_to_fill(store: Store) -> None:
    prepared = conversation.send(store, None, "  What is 2 + 3?\nPlease explain.  ", model="tiny.gguf",
                                 params=PARAMS)
    stored = prepared.conversation
    assert stored.title == "What is 2 + 3?"
    assert [(m.role, m.version.state) for m in stored.messages] == [("user", "complete"),
                                                                    ("assistant", "generating")]
    reply = store.version(prepared.version_id)
    assert reply.model == "tiny.gguf" and reply.params["max_tokens"] == 64
    assert prepared.history == (p.ChatMessage("user", "What is 2 + 3?\nPlease explain."),)


def test_send_continues_a_conversation_with_its_answers_but_not_its_traces(store: Store) -> None:
    first = conversation.send(store, None, "What is 2 + 3?", model="m", params=PARAMS)
    answer(store, first.version_id, "5")
    second = conversation.send(store, first.conversation_id, "And times 2?", model="m", params=PARAMS)
    assert second.conversation_id == first.conversation_id
    assert [(m.role, m.content) for m in second.history] == [
        ("user", "What is 2 + 3?"), ("assistant", "5"), ("user", "And times 2?")]


def test_send_to_a_missing_conversation_fails_before_writing(store: Store) -> None:
    with pytest.raises(StoreError):
        conversation.send(store, 999, "hello", model="m", params=PARAMS)
    assert store.list_conversations() == []
    with pytest.raises(ValueError, match="empty"):
        conversation.send(store, None, "   ", model="m", params=PARAMS)


def test_regenerate_adds_a_version_and_sends_the_history_before_it(store: Store) -> None:
    first = conversation.send(store, None, "What is 2 + 3?", model="m", params=PARAMS)
    answer(store, first.version_id, "5")
    reply_message = first.conversation.messages[-1].id
    again = conversation.regenerate(store, first.conversation_id, reply_message, model="m2", params=PARAMS)
    versions = again.conversation.messages[-1].versions
    assert [v.answer for v in versions] == ["5", ""] and versions[-1].id == again.version_id
    assert again.history == (p.ChatMessage("user", "What is 2 + 3?"),)


def test_edit_and_resend_answers_the_new_text_and_keeps_the_old_branch(store: Store) -> None:
    first = conversation.send(store, None, "What is 2 + 2?", model="m", params=PARAMS)
    answer(store, first.version_id, "4")
    question = first.conversation.messages[0].id
    edited = conversation.edit_and_resend(store, first.conversation_id, question, " What is 2 + 3? ",
                                          model="m", params=PARAMS)
    assert edited.history == (p.ChatMessage("user", "What is 2 + 3?"),)
    shown = edited.conversation.messages
    assert [m.version.answer for m in shown] == ["What is 2 + 3?", ""]
    assert shown[-1].version.id == edited.version_id and shown[-1].version.state == "generating"
    assert edited.conversation.hidden_messages == 1  # the old answer "4" is on the old branch


def test_answer_now_only_where_the_backend_can(engine: EngineClient) -> None:
    assert conversation.answer_now(engine)  # idle: a no-op, but supported
    with RemoteClient(RemoteSettings("http://127.0.0.1:9")) as remote:
        assert not conversation.answer_now(remote)


def test_a_whole_turn_through_the_runner_is_stored_complete(tmp_path: Path, tiny_model: Path) -> None:
    from denkspur.session.loading import ModelRequest

    runner = ChatRunner(store_path(tmp_path))
    try:
        loaded = runner.load(ModelRequest(str(tiny_model), n_ctx=512, gpu_layers=0)).loaded
        prepared = conversation.send(runner.store(), None, "What is 2 + 3?", model=Path(loaded.path).name,
                                     params=p.SamplingParams(seed=1))
        outcome = runner.reply(prepared.version_id, prepared.history, p.SamplingParams(seed=1))
        assert outcome.saved and outcome.state is VersionState.COMPLETE
    finally:
        runner.close()
    reader = Store(store_path(tmp_path))  # another connection, as the app's would be
    stored = reader.load_conversation(prepared.conversation_id)
    reader.close()
    reply = stored.messages[-1].version
    assert (reply.state, reply.trace, reply.answer, reply.model) == (
        "complete", EXPECTED_TRACE, EXPECTED_ANSWER, "tiny-r1.gguf")
