"""The remote backend against hostile or broken servers (issue 12: items 3, 10 and 15).

Every server here is a scripted local one on 127.0.0.1 (tests/openai_server.py),
bounded in time and size. Whatever the server sends, a generation ends with a
typed error (or a normal end) and keeps what arrived before.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from denkspur.core.conversations.store import Store
from denkspur.engine import protocol as p
from denkspur.engine.errors import EngineError
from denkspur.engine.remote import RemoteClient, RemoteError, RemoteSettings
from denkspur.session.reply import RunOutcome, run_reasoning
from openai_server import (
    OpenAIServer,
    SilentServer,
    chunk,
    endless_words,
    huge_line_stream,
    steady_stream,
    trickle_stream,
)

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]


def _then(*events: str) -> object:
    """A stream that sends a good first chunk, then ``events`` (raw SSE), then [DONE]."""

    def stream() -> Iterator[str]:
        yield chunk({"content": "Fine so far. "})
        yield from events
        yield "data: [DONE]\n\n"

    return stream


def _data(payload: object) -> str:
    return f"data: {json.dumps(payload)}\n\n"


MALFORMED = {
    "choices-not-a-list": _data({"choices": "nope"}),
    "choice-null": _data({"choices": [None]}),
    "delta-a-string": _data({"choices": [{"index": 0, "delta": "text"}]}),
    "content-a-number": _data({"choices": [{"index": 0, "delta": {"content": 5}}]}),
    "reasoning-a-list": _data({"choices": [{"index": 0, "delta": {"reasoning_content": ["x"]}}]}),
    "deep-nesting": "data: " + "[" * 100_000 + "]" * 100_000 + "\n\n",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_chunks_end_with_a_typed_error_and_keep_the_partial(name: str) -> None:
    with OpenAIServer(_then(MALFORMED[name]), models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert isinstance(outcome.error, RemoteError) and outcome.error.kind == "bad-response", outcome.error
    assert outcome.stop_reason == "error" and outcome.result.answer == "Fine so far."


@pytest.mark.parametrize("usage", ["bad", {"prompt_tokens": "many"}, {"prompt_tokens": [1]}, 7])
def test_a_bad_usage_is_ignored(usage: object) -> None:
    bad = _data({"choices": [{"index": 0, "delta": {"content": "Five."}}], "usage": usage})
    with OpenAIServer(_then(bad), models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert outcome.ok, outcome.error
    assert outcome.result.answer == "Fine so far. Five."


def test_lone_surrogates_are_replaced_before_they_reach_the_stream(tmp_path: Path) -> None:
    lone = 'data: {"choices": [{"index": 0, "delta": {"content": "A\\ud800B"}}]}\n\n'
    with OpenAIServer(_then(lone), models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert outcome.ok, outcome.error
    assert outcome.result.answer == "Fine so far. A\ufffdB"
    outcome.result.answer.encode("utf-8")  # printable and storable as it is


def test_a_server_error_chunk_is_capped_plain_data() -> None:
    error = _data({"error": {"message": "<img src=/dev/zero>" + "x" * 50_000}})
    with OpenAIServer(_then(error), models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert isinstance(outcome.error, RemoteError) and outcome.error.kind == "server"
    assert len(outcome.error.message) < 2_200 and "<img src=/dev/zero>" in outcome.error.message
    assert outcome.result.answer == "Fine so far."


def test_the_store_never_raises_on_lone_surrogates(tmp_path: Path) -> None:
    store = Store(tmp_path / "chats.sqlite3")
    conversation = store.create_conversation("T\ud800")
    store.add_message(conversation, "user", "Q\udfff")
    _, version = store.add_message(conversation, "assistant", state="generating")
    store.save_version(version, answer="A\ud800", trace="T\udc00", state="error", error="E\ud800")
    reply = store.load_conversation(conversation).messages[1].version
    assert (reply.answer, reply.trace, reply.error) == ("A\ufffd", "T\ufffd", "E\ufffd")
    assert store.load_conversation(conversation).messages[0].version.answer == "Q\ufffd"
    assert store.list_conversations()[0].title == "T\ufffd"


class _BrokenBackend:
    """A backend with a bug: it streams a little, then raises something that is not an EngineError."""

    def generate(self, _messages: object, _params: object = None, *, trace_prefix: str = "",
                 answer_prefix: str | None = None) -> Iterator[object]:
        yield p.GenerationStarted(1, 3, True, 0, 100)
        yield p.TokenText(1, "Let me add. ")
        yield p.TokenText(1, "Two and three")
        raise KeyError("choices")


def test_an_unexpected_backend_exception_becomes_a_typed_error_with_the_partial() -> None:
    seen: list[object] = []
    outcome = run_reasoning(_BrokenBackend(), QUESTION, on_event=seen.append)  # type: ignore[arg-type]
    assert isinstance(outcome.error, EngineError) and outcome.error.kind == "internal"
    assert "KeyError" in outcome.error.message
    assert outcome.stop_reason == "error" and outcome.result.trace == "Let me add. Two and three"
    assert seen  # the live events went out before the failure


def test_cli_reports_a_malformed_chunk_without_a_traceback() -> None:
    with OpenAIServer(_then(MALFORMED["choice-null"]), models=("gpt-x",)) as server:
        run = subprocess.run([sys.executable, "-m", "denkspur", "chat", "--server", server.url, "--json",
                              "Q"], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    error = json.loads(run.stdout.splitlines()[-1])
    assert error["event"] == "error" and error["kind"] == "bad-response"
    assert error["partial"]["answer"] == "Fine so far."


# -- item 10: limits ------------------------------------------------------------------------------
def _timed(client: RemoteClient, params: p.SamplingParams | None = None) -> tuple[RunOutcome, float]:
    started = time.monotonic()
    outcome = run_reasoning(client, QUESTION, params)
    return outcome, time.monotonic() - started


def test_max_tokens_is_sent_and_enforced_locally() -> None:
    with OpenAIServer(endless_words, models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, p.SamplingParams(max_tokens=20))
        assert server.requests[-1]["max_tokens"] == 20
    assert outcome.ok and outcome.stop_reason == "length"
    assert outcome.result.answer.split() == ["word"] * 20


def test_one_giant_delta_counts_for_many_tokens() -> None:
    def giant() -> Iterator[str]:
        yield chunk({"content": "x" * 100_000})
        yield from endless_words(100)

    with OpenAIServer(giant, models=("gpt-x",)) as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, p.SamplingParams(max_tokens=50))
    assert outcome.stop_reason == "length" and outcome.result.answer == "x" * 100_000


def test_a_trickle_that_says_nothing_times_out_with_the_partial_kept() -> None:
    with OpenAIServer(trickle_stream, models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url, timeout=1)) as client:
        outcome, seconds = _timed(client)
    assert isinstance(outcome.error, RemoteError) and outcome.error.kind == "timeout", outcome.error
    assert outcome.result.answer == "Fine so far." and seconds < 20  # not the 30 s of the trickle


def test_keep_alive_comments_count_as_life() -> None:
    def patient() -> Iterator[str]:
        for _ in range(8):  # 2.4 s of keep-alives, longer than the 1 s timeout
            yield ": keep-alive\n\n"
            time.sleep(0.3)
        yield chunk({"content": "Five."})
        yield "data: [DONE]\n\n"

    with OpenAIServer(patient, models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url, timeout=1)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert outcome.ok and outcome.result.answer == "Five.", outcome.error


def test_the_deadline_ends_a_reply_that_keeps_coming() -> None:
    with OpenAIServer(steady_stream, models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url, timeout=5, deadline=1.5)) as client:
        outcome, seconds = _timed(client)
    assert isinstance(outcome.error, RemoteError) and outcome.error.kind == "timeout", outcome.error
    assert "deadline" in outcome.error.message and outcome.result.answer.startswith("word")
    assert seconds < 20


def test_the_deadline_also_covers_a_server_that_never_sends_headers() -> None:
    with SilentServer() as server, RemoteClient(RemoteSettings(server.url, model="m", timeout=120,
                                                               deadline=1)) as client:
        outcome, seconds = _timed(client)
    assert isinstance(outcome.error, RemoteError) and outcome.error.kind == "timeout", outcome.error
    assert seconds < 60  # far below the 120 s read timeout


def test_cancel_works_before_the_response_headers() -> None:
    with SilentServer() as server, RemoteClient(RemoteSettings(server.url, model="m", timeout=120)) as client:
        threading.Timer(0.5, client.cancel).start()
        outcome, seconds = _timed(client)
    assert outcome.stop_reason == "cancelled" and outcome.error is None
    assert seconds < 60  # far below the 120 s read timeout


def test_a_huge_line_is_refused_within_the_cap_without_filling_memory() -> None:
    settings = dict(max_event_bytes=4 * 1024 * 1024)
    with OpenAIServer(huge_line_stream, models=("gpt-x",)) as server, \
            RemoteClient(RemoteSettings(server.url, **settings)) as client:  # type: ignore[arg-type]
        tracemalloc.start()
        try:
            outcome = run_reasoning(client, QUESTION)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert isinstance(outcome.error, RemoteError) and outcome.error.kind == "too-large", outcome.error
    assert outcome.result.answer == "Fine so far."
    assert peak < 40 * 1024 * 1024, f"{peak / 2**20:.0f} MB for a 64 MB line with a 4 MB cap"


def test_listing_models_has_the_deadline_too() -> None:
    settings = RemoteSettings("", timeout=120, deadline=1)
    with SilentServer() as server, RemoteClient(replace(settings, base_url=server.url)) as client, \
            pytest.raises(RemoteError) as info:
        client.list_models()
    assert info.value.kind == "timeout"


def test_cli_deadline() -> None:
    with OpenAIServer(steady_stream, models=("gpt-x",)) as server:
        command = [sys.executable, "-m", "denkspur", "chat", "--server", server.url, "--json",
                   "--deadline", "1", "Q"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    error = json.loads(run.stdout.splitlines()[-1])
    assert run.returncode == 1 and error["kind"] == "timeout", run.stderr
    assert error["partial"]["answer"].startswith("word")


def test_the_app_ends_a_malformed_reply_with_the_partial_kept(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gui_helpers import ask, open_window, wait_idle

    with OpenAIServer(_then(MALFORMED["choice-null"]), models=("gpt-x",)) as server:
        window = open_window(qtbot, tmp_path, None)
        window.session.connect_remote(RemoteSettings(server.url))
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        ask(qtbot, window, "What is 2 + 3?")
        wait_idle(qtbot, window)  # before the fix: busy for good
        qtbot.waitUntil(lambda: window.chat.cards[-1].version.state == "error", timeout=5_000)
        version = window.chat.cards[-1].version
        assert version.answer == "Fine so far." and "not an object" in version.error
        window.close()


@pytest.mark.parametrize("line_end", ["\r", "\r\n", "\n"])
def test_every_line_ending_the_sse_standard_allows(line_end: str) -> None:
    """LF, CRLF and a lone CR end lines; a CRLF split between two reads is one line end."""
    def stream() -> Iterator[str]:
        for event in (chunk({"reasoning_content": "Two plus three."}), chunk({"content": "5"}, "stop"),
                      "data: [DONE]\n\n"):
            text = event.replace("\n", line_end)
            yield from (text[:-1], text[-1:])  # the last character arrives in a read of its own

    with OpenAIServer(stream) as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert outcome.ok, outcome.error
    assert (outcome.result.trace, outcome.result.answer) == ("Two plus three.", "5")


def test_a_reply_that_was_not_streamed_is_read_not_lost() -> None:
    whole = {"id": "c1", "object": "chat.completion",
             "choices": [{"index": 0, "finish_reason": "stop",
                          "message": {"role": "assistant", "reasoning_content": "Two plus three.",
                                      "content": "It is 5."}}],
             "usage": {"prompt_tokens": 9, "completion_tokens": 8}}
    with OpenAIServer(whole=whole) as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert outcome.ok, outcome.error
    assert (outcome.result.trace, outcome.result.answer) == ("Two plus three.", "It is 5.")


def test_a_redirect_is_not_followed_and_says_where() -> None:
    with OpenAIServer(redirect="http://127.0.0.1:9/v1/chat/completions") as server, \
            RemoteClient(RemoteSettings(server.url, model="deepseek-reasoner")) as client:
        outcome = run_reasoning(client, QUESTION)
    assert outcome.error is not None and outcome.error.kind == "not-found"
    assert "http://127.0.0.1:9/v1/chat/completions" in outcome.error.message


def test_a_model_list_of_hundreds_of_thousands_is_cut() -> None:
    from denkspur.engine.remote import MAX_LISTED_MODELS

    with OpenAIServer(models=tuple(f"m{i}" for i in range(50_000))) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        models = client.list_models()
    assert models[:2] == ["m0", "m1"] and len(models) == MAX_LISTED_MODELS
