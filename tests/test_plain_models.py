"""Models that do not think (issue 12, item 14): plain answers, no trace, no "Answer now"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from denkspur.cli.entry import main
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import EXPECTED_PLAIN_ANSWER, write_tiny_plain_model
from gui_helpers import ask, open_window, wait_idle


@pytest.fixture(scope="module")
def plain_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_plain_model(tmp_path_factory.mktemp("plain") / "tiny-plain.gguf")


def test_a_model_without_template_or_think_tokens_answers_plainly(plain_model: Path,
                                                                  tiny_model: Path) -> None:
    with EngineClient() as client:
        loaded = client.load(p.LoadModel(str(plain_model)))
        assert loaded.reasoning is False and loaded.chat_format == "llama.cpp 'chatml'"
        outcome = run_reasoning(client, [p.ChatMessage("user", "What is 2 + 3?")],
                                p.SamplingParams(max_tokens=32))
        assert outcome.error is None and outcome.stop_reason == "stop"
        assert outcome.result.trace == "" and outcome.result.answer == EXPECTED_PLAIN_ANSWER
        assert outcome.result.finished and outcome.result.stats.trace_tokens == 0
        assert client.load(p.LoadModel(str(tiny_model))).reasoning is True  # R1 still thinks


def test_the_cli_prints_a_plain_answer_without_a_trace(plain_model: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chat", "--model", str(plain_model), "--max-tokens", "32", "Q"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == EXPECTED_PLAIN_ANSWER
    assert "Thinking" not in err and "no answer yet" not in err
    assert main(["chat", "--model", str(plain_model), "--json", "--max-tokens", "32", "Q"]) == 0
    done = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert done["trace"] == "" and done["answer"] == EXPECTED_PLAIN_ANSWER and done["finished"]


def test_the_app_shows_the_plain_answer_and_no_answer_now(qtbot: QtBot, tmp_path: Path,
                                                          plain_model: Path) -> None:
    window = open_window(qtbot, tmp_path, plain_model, engine_fault="slow@token:300")
    ask(qtbot, window, "What is 2 + 3?")
    qtbot.waitUntil(lambda: bool(window.chat.cards) and window.chat.cards[-1].message.role == "assistant"
                    and "Plain" in window.chat.cards[-1].body.text(), timeout=10_000)
    assert window.session.busy  # still streaming: the answer shows live
    assert not window.composer.answer_now.isEnabled()
    wait_idle(qtbot, window)
    version = window.chat.cards[-1].version
    assert version.answer == EXPECTED_PLAIN_ANSWER and version.trace == ""
    assert window.trace.trace_text() == ""
    window.close()
