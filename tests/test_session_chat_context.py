"""A chat's own context size: the runner loads the local model again before that chat's reply."""

from __future__ import annotations

import shutil
from pathlib import Path

from denkspur.core.conversations.store import Store
from denkspur.engine import protocol as p
from denkspur.session import conversation
from denkspur.session.loading import ModelRequest
from denkspur.session.runner import ChatRunner
from denkspur.session.states import VersionState
from denkspur.testing.tiny_model import EXPECTED_ANSWER


def test_a_reply_with_another_context_loads_the_model_again_once(tiny_model: Path, tmp_path: Path) -> None:
    runner = ChatRunner(tmp_path / "chats.sqlite3")
    try:
        runner.load(ModelRequest(str(tiny_model), n_ctx=512))
        loaded: list[p.ModelLoaded] = []
        for _ in range(2):
            prepared = conversation.send(runner.store(), None, "What is 2 + 3?", model="tiny",
                                         params=p.SamplingParams())
            outcome = runner.reply(prepared.version_id, prepared.history, p.SamplingParams(), n_ctx=1024,
                                   on_loaded=loaded.append)
            assert outcome.ok and outcome.result.answer == EXPECTED_ANSWER
        assert [model.n_ctx for model in loaded] == [1024]  # the second reply found it so
        assert runner.backend.model is not None and runner.backend.model.n_ctx == 1024
    finally:
        runner.close()


def test_a_reload_that_fails_is_that_replys_stored_failure(tiny_model: Path, tmp_path: Path) -> None:
    model = tmp_path / "model.gguf"
    shutil.copy(tiny_model, model)
    runner = ChatRunner(tmp_path / "chats.sqlite3")
    try:
        runner.load(ModelRequest(str(model), n_ctx=512))
        model.unlink()  # gone before the chat with its own context asks
        prepared = conversation.send(runner.store(), None, "What is 2 + 3?", model="tiny",
                                     params=p.SamplingParams())
        outcome = runner.reply(prepared.version_id, prepared.history, p.SamplingParams(), n_ctx=1024)
        assert not outcome.ok and outcome.saved
        stored = Store(tmp_path / "chats.sqlite3").version(prepared.version_id)
        assert stored.state == VersionState.ERROR and stored.error and "error_kind" in stored.stats
    finally:
        runner.close()
