"""The remote backend against real local servers: llama_cpp.server and scripted ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from denkspur.engine import protocol as p
from denkspur.engine.remote import (
    KEYRING_SERVICE,
    RemoteClient,
    RemoteError,
    RemoteSettings,
    load_api_key,
    store_api_key,
)
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE
from helpers import MemoryKeyring, free_port
from openai_server import (
    OpenAIServer,
    dropping_stream,
    garbage_stream,
    slow_stream,
    thinking_field_stream,
    usage_stream,
)

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]


def test_chat_through_llama_cpp_server(llama_server: str) -> None:
    with RemoteClient(RemoteSettings(llama_server)) as client:
        assert client.list_models() == ["DeepSeek-R1-tiny"]
        outcome = run_reasoning(client, QUESTION)
    assert outcome.ok, outcome.error
    assert (outcome.result.trace, outcome.result.answer) == (EXPECTED_TRACE, EXPECTED_ANSWER)
    assert outcome.result.stats.self_corrections == 1


def test_cli_chat_with_server(llama_server: str) -> None:
    run = subprocess.run([sys.executable, "-m", "denkspur", "chat", "--server", llama_server, "--json",
                          "What is 2 + 3?"], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    done = json.loads(run.stdout.splitlines()[-1])
    assert done["event"] == "done" and done["answer"] == EXPECTED_ANSWER and done["trace"] == EXPECTED_TRACE


def test_reasoning_content_deltas() -> None:
    with OpenAIServer() as server, RemoteClient(RemoteSettings(server.url + "/v1")) as client:
        outcome = run_reasoning(client, QUESTION, p.SamplingParams(temperature=0.6, top_p=0.95))
        assert outcome.ok
        assert outcome.result.trace == "Two plus three. Wait, check: 5 - 3 = 2."
        assert outcome.result.answer == "It is **5**."
        assert [s.kind.value for s in outcome.result.steps] == ["reasoning", "self-correction"]
        sent = server.requests[-1]
        assert sent["stream"] is True and sent["model"] == "deepseek-reasoner"
        assert sent["temperature"] == 0.6 and sent["top_p"] == 0.95


def test_thinking_field_on_a_plain_model_name() -> None:
    with OpenAIServer(thinking_field_stream, models=("llama3",)) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert (outcome.result.trace, outcome.result.answer) == ("Hmm, 2 + 3.", "5")


def test_stream_dropped_mid_answer_keeps_the_partial() -> None:
    with OpenAIServer(dropping_stream) as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert isinstance(outcome.error, RemoteError) and outcome.error.kind == "dropped"
    assert outcome.result.trace == "Starting to think" and outcome.result.answer == "Partial ans"


def test_garbage_is_a_clear_error_with_the_partial_kept() -> None:
    with OpenAIServer(garbage_stream, models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert isinstance(outcome.error, RemoteError) and outcome.error.kind == "bad-response"
    assert "not JSON" in outcome.error.message and outcome.result.answer == "Fine so far."


@pytest.mark.parametrize(("status", "kind"), [(401, "auth"), (404, "not-found"), (429, "rate-limit"),
                                              (500, "server"), (400, "bad-request")])
def test_http_errors(status: int, kind: str) -> None:
    with OpenAIServer(status=status) as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert isinstance(outcome.error, RemoteError) and outcome.error.kind == kind
    if status == 429:
        assert "7 s" in outcome.error.message


def test_cancel_closes_the_stream_at_once() -> None:
    with OpenAIServer(slow_stream) as server, RemoteClient(RemoteSettings(server.url)) as client:
        seen: list[object] = []
        first = threading.Event()

        def on_event(event: object) -> None:
            seen.append(event)
            first.set()

        threading.Thread(target=lambda: (first.wait(5), client.cancel()), daemon=True).start()
        started = time.monotonic()
        outcome = run_reasoning(client, QUESTION, on_event=on_event)
        assert outcome.stop_reason == "cancelled" and outcome.error is None
        assert time.monotonic() - started < 3  # the 10 s stream was cut short
        assert outcome.result.trace.startswith("step 0.")


def test_unreachable_server() -> None:
    with RemoteClient(RemoteSettings(f"http://127.0.0.1:{free_port()}", timeout=2)) as client, \
            pytest.raises(RemoteError) as info:
        client.load()
    assert info.value.kind == "connect"


def test_api_key_lives_in_the_keyring_and_is_sent(memory_keyring: MemoryKeyring) -> None:
    with OpenAIServer(api_key="sk-secret-123") as server:
        store_api_key(server.url, "sk-secret-123")
        assert memory_keyring.secrets == {(KEYRING_SERVICE, server.url + "/v1"): "sk-secret-123"}
        assert load_api_key(server.url + "/v1") == "sk-secret-123"
        key = load_api_key(server.url)
        with RemoteClient(RemoteSettings(server.url, api_key=key)) as client:
            assert run_reasoning(client, QUESTION).ok
        assert server.headers[-1]["Authorization"] == "Bearer sk-secret-123"
        with RemoteClient(RemoteSettings(server.url, api_key="wrong")) as client:
            error = run_reasoning(client, QUESTION).error
        assert isinstance(error, RemoteError) and error.kind == "auth"


def test_cli_uses_the_api_key_from_the_environment() -> None:
    with OpenAIServer(api_key="sk-env") as server:
        env = {**os.environ, "DENKSPUR_API_KEY": "sk-env",
               "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        command = [sys.executable, "-m", "denkspur", "chat", "--server", server.url, "--json", "Q"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        assert json.loads(run.stdout.splitlines()[-1])["answer"] == "It is **5**."
        env["DENKSPUR_API_KEY"] = "nope"
        failed = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, check=False)
        assert failed.returncode == 1 and json.loads(failed.stdout.splitlines()[-1])["kind"] == "auth"


def test_streamed_events_are_not_counted_as_exact_tokens() -> None:
    """Without the server's ``usage`` the counts are estimates, and labelled so."""
    with OpenAIServer() as server, RemoteClient(RemoteSettings(server.url + "/v1")) as client:
        outcome = run_reasoning(client, QUESTION)
    stats = outcome.result.stats
    assert outcome.ok and stats.token_counts == "estimated"
    assert outcome.result.stats_dict()["token_counts"] == "estimated"
    assert stats.trace_tokens > 3  # three events, but "Two plus three. " alone is more than one token


def test_the_servers_usage_gives_exact_counts() -> None:
    with OpenAIServer(usage_stream) as server, RemoteClient(RemoteSettings(server.url + "/v1")) as client:
        outcome = run_reasoning(client, QUESTION)
        assert server.requests[-1]["stream_options"] == {"include_usage": True}
    stats = outcome.result.stats
    assert outcome.ok and (stats.trace_tokens, stats.answer_tokens) == (31, 9)
    assert stats.token_counts == "exact" and stats.prompt_tokens == 17


def test_usage_without_the_reasoning_share_keeps_the_total_but_says_estimated() -> None:
    with OpenAIServer(lambda: usage_stream(details=False)) as server, \
            RemoteClient(RemoteSettings(server.url + "/v1")) as client:
        outcome = run_reasoning(client, QUESTION)
    stats = outcome.result.stats
    assert stats.completion_tokens == 40 and stats.trace_tokens > stats.answer_tokens > 0
    assert stats.token_counts == "estimated"  # the trace/answer split is the estimate's proportion


def test_a_server_that_refuses_stream_options_is_asked_again_without() -> None:
    with OpenAIServer(refuse_stream_options=True) as server, \
            RemoteClient(RemoteSettings(server.url + "/v1")) as client:
        outcome = run_reasoning(client, QUESTION)
        assert "stream_options" in server.requests[-2] and "stream_options" not in server.requests[-1]
    assert outcome.ok and outcome.result.answer == "It is **5**."


def test_cli_says_when_token_counts_are_estimates() -> None:
    with OpenAIServer() as server:
        run = subprocess.run([sys.executable, "-m", "denkspur", "chat", "--server", server.url + "/v1",
                              "What is 2 + 3?"], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "≈" in run.stderr.splitlines()[-1] and "trace tokens" in run.stderr.splitlines()[-1]


def test_an_implausible_usage_is_not_believed() -> None:
    """``usage`` is outside data: 2**62 tokens for two sentences (or 0) keeps the labelled estimate."""
    def absurd(completion: int, prompt: int) -> Iterator[str]:
        for event in usage_stream():
            if event.startswith("data: {\"id\": \"c1\", \"choices\": []"):
                usage = {"prompt_tokens": prompt, "completion_tokens": completion}
                yield f"data: {json.dumps({'choices': [], 'usage': usage})}\n\n"
            else:
                yield event

    for completion, prompt in ((2**62, 10**30), (0, 5)):
        with OpenAIServer(lambda c=completion, q=prompt: absurd(c, q)) as server, \
                RemoteClient(RemoteSettings(server.url + "/v1")) as client:
            outcome = run_reasoning(client, QUESTION)
        stats = outcome.result.stats
        assert outcome.ok and stats.token_counts == "estimated", (completion, stats)
        assert 0 < stats.completion_tokens < 100 and (stats.prompt_tokens or 0) < 10**9
