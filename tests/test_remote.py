"""The remote backend against real local servers: llama_cpp.server and scripted ones."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from denkspur.engine import protocol as p
from denkspur.engine.remote import RemoteClient, RemoteError, RemoteSettings, load_api_key, store_api_key
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE
from openai_server import (
    OpenAIServer,
    dropping_stream,
    garbage_stream,
    slow_stream,
    thinking_field_stream,
)

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tiny_model: Path) -> Iterator[str]:
    """The real llama-cpp-python server (its 'server' extra) with the tiny model."""
    pytest.importorskip("uvicorn")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(tiny_model), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "512", "--model_alias", "DeepSeek-R1-tiny"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)


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
    with RemoteClient(RemoteSettings(f"http://127.0.0.1:{_free_port()}", timeout=2)) as client, \
            pytest.raises(RemoteError) as info:
        client.load()
    assert info.value.kind == "connect"


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in memory (the CI machine has no secret service)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def test_api_key_lives_in_the_keyring_and_is_sent(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        with OpenAIServer(api_key="sk-secret-123") as server:
            store_api_key(server.url, "sk-secret-123")
            assert load_api_key(server.url + "/v1") == "sk-secret-123"
            key = load_api_key(server.url)
            with RemoteClient(RemoteSettings(server.url, api_key=key)) as client:
                assert run_reasoning(client, QUESTION).ok
            assert server.headers[-1]["Authorization"] == "Bearer sk-secret-123"
            with RemoteClient(RemoteSettings(server.url, api_key="wrong")) as client:
                assert run_reasoning(client, QUESTION).error.kind == "auth"  # type: ignore[union-attr]
    finally:
        keyring.set_keyring(previous)
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert not any("sk-secret" in path.read_text(errors="ignore") for path in files)


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


def test_app_chats_through_llama_cpp_server(llama_server: str, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gui_helpers import ask, open_window, wait_idle

    window = open_window(qtbot, tmp_path, None)
    window.session.connect_remote(RemoteSettings(llama_server))
    qtbot.waitUntil(lambda: window.session.model is not None, timeout=20_000)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.chat.cards[-1].version.answer == EXPECTED_ANSWER, timeout=5_000)
    assert window.trace.trace_text() == EXPECTED_TRACE and window.trace.step_count() == 4
    window.close()
