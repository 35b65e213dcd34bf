"""Signals from a server's log-probabilities (OpenAI's ``logprobs.content`` shape), and their absence."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from denkspur.core.trace.stream import AnswerText, TraceText
from denkspur.engine import protocol as p
from denkspur.engine.remote import RemoteClient, RemoteSettings
from denkspur.session.reply import run_reasoning
from openai_server import OpenAIServer, logprobs_stream

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]


def test_server_logprobs_become_signals() -> None:
    events: list[object] = []
    with OpenAIServer(logprobs_stream) as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, p.SamplingParams(signals=True), on_event=events.append)
        sent = server.requests[-1]
    assert sent["logprobs"] is True and sent["top_logprobs"] == 5
    result = outcome.result
    assert outcome.ok and (result.trace, result.answer) == ("Two plus three.", "5")
    assert [s.text for s in result.signals] == ["Two", " plus", " three.", "5"]  # malformed ones skipped
    plus = result.signals[1]
    assert plus.logprob == pytest.approx(-1.2)
    assert [t for t, _ in plus.top] == [" and", " plus", " times"]
    probs = [math.exp(-0.5), math.exp(-1.2), math.exp(-3.0)]
    assert plus.entropy == pytest.approx(-sum(q * math.log(q) for q in probs))  # over the top-k sent
    assert result.trace_signal_count == 3
    five = result.signals[3]
    assert five.top == (("5", pytest.approx(math.exp(-0.02))),)  # "five" had -Infinity: left out
    trace_tokens = [t.text for e in events if isinstance(e, TraceText) for t in e.tokens]
    answer_tokens = [t.text for e in events if isinstance(e, AnswerText) for t in e.tokens]
    assert (trace_tokens, answer_tokens) == (["Two", " plus", " three."], ["5"])


def test_a_server_without_logprobs_is_said_to_give_none() -> None:
    with OpenAIServer() as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, p.SamplingParams(signals=True))
        plain = run_reasoning(client, QUESTION)
        assert "logprobs" not in server.requests[-1]
    assert outcome.ok and outcome.result.signals == [] and outcome.result.signals_missing
    assert outcome.result.stats_dict()["signals"] == "unavailable"
    assert "signals" not in plain.result.stats_dict()


def test_cli_signals_from_a_server() -> None:
    with OpenAIServer(logprobs_stream) as server:
        run = subprocess.run([sys.executable, "-m", "denkspur", "chat", "--server", server.url, "--json",
                              "--signals", "What is 2 + 3?"], capture_output=True, text=True, timeout=120,
                             check=False)
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    texts = [line for line in lines if line["event"] in ("trace", "answer")]
    assert all("tokens" in line for line in texts)
    stats = lines[-1]["stats"]
    mean = (-0.1 - 1.2 - 0.01 - 0.02) / 4
    assert stats["forking_tokens"] == 0 and stats["mean_logprob"] == pytest.approx(mean, abs=1e-3)
    assert stats["lowest_window_confidence"] == pytest.approx(mean, abs=1e-3)  # one window: 4 < 32 tokens


def test_a_server_that_refuses_logprobs_is_asked_again_without() -> None:
    with OpenAIServer(refuse_logprobs=True) as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, p.SamplingParams(signals=True))
        first, second = server.requests[-2:]
    assert first["logprobs"] is True and "logprobs" not in second and "top_logprobs" not in second
    assert outcome.ok and outcome.result.answer == "It is **5**." and outcome.result.signals_missing
