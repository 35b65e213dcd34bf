"""A disk that fills up while a reply streams: the reply is kept, the failure reported (real tmpfs)."""

from __future__ import annotations

from denkspur.core.conversations.store import Store
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import StoreSaver, run_reply
from denkspur.session.states import VersionState
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE
from small_disk import small_disk

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]


def test_a_full_disk_fails_the_save_and_the_reply_is_still_whole(engine: EngineClient) -> None:
    with small_disk() as disk:
        store = Store(disk.path / "chats.sqlite3")
        conversation = store.create_conversation()
        store.add_message(conversation, "user", "What is 2 + 3?")
        _, version = store.add_message(conversation, "assistant", state="generating")
        disk.fill()
        outcome = run_reply(engine, QUESTION, None, StoreSaver(store, version))
        assert outcome.ok and not outcome.saved
        assert outcome.save_error is not None and "full" in str(outcome.save_error)
        content = outcome.content()  # what the app keeps in memory and offers to save again
        assert (content.trace, content.answer, content.state) == (
            EXPECTED_TRACE, EXPECTED_ANSWER, VersionState.COMPLETE)
        disk.free()
        StoreSaver(store, version).save(content)  # the retry
        assert store.version(version).answer == EXPECTED_ANSWER
        store.close()
