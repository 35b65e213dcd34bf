"""Servers and the reply so far: the thinking budget and "Continue" through an assistant prefill.

A server that continues a final assistant message (llama-server does) is cut at the
budget and asked again with the trace closed; one that does not is found out and
the user is told. The servers are local scripted OpenAI-compatible ones.
"""

from __future__ import annotations

from denkspur.engine import protocol as p
from denkspur.engine.remote import RemoteClient, RemoteSettings
from denkspur.engine.thinking import BRIDGE
from denkspur.session.reply import run_reasoning
from openai_server import LONG_THOUGHT, OpenAIServer, prefilling_server_stream

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]
BUDGET = p.SamplingParams(thinking_budget=10)


def test_the_budget_cuts_the_stream_and_asks_again_with_the_trace_closed() -> None:
    with OpenAIServer(respond=prefilling_server_stream) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, BUDGET)
    result = outcome.result
    assert outcome.ok and outcome.stop_reason == "stop" and not outcome.notice
    assert result.answer == "It is **5**."
    assert result.trace.startswith(LONG_THOUGHT[0]) and result.trace.endswith("Okay, I'll answer now.")
    kept = result.trace[: -len("\n\nOkay, I'll answer now.")]
    assert 0 < len(kept) < len("".join(LONG_THOUGHT).strip())  # cut early, at a sentence end
    assert kept.endswith(".")
    (cut,) = result.interventions
    assert (cut.kind, cut.start) == ("budget", len(kept))
    first, second = server.requests
    assert first["messages"] == [{"role": "user", "content": "What is 2 + 3?"}]
    assert second["messages"][-1] == {"role": "assistant",  # type: ignore[index]
                                      "content": f"<think>\n{kept}{BRIDGE}\n\n"}
    assert second["continue_final_message"] is True and second["add_generation_prompt"] is False
    assert client.prefill is True


def test_a_server_that_begins_anew_is_found_out_and_the_user_told() -> None:
    with OpenAIServer() as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, p.SamplingParams(thinking_budget=5))
        assert outcome.ok and outcome.notice == "budget-refused" and outcome.stop_reason == "length"
        assert outcome.result.answer == "" and not outcome.result.finished
        assert "Okay, I'll answer now." not in outcome.result.trace  # no bridge without an answer
        assert client.prefill is False and len(server.requests) == 2
        # Known now: the next reply is not cut (it would only end unanswered), and the user is told again.
        again = run_reasoning(client, QUESTION, p.SamplingParams(thinking_budget=5))
        assert again.notice == "budget-refused" and again.result.answer == "It is **5**."
        assert len(server.requests) == 3
        assert again.content().stats["notice"] == "budget-refused"


def test_without_a_budget_a_server_is_asked_once() -> None:
    with OpenAIServer(respond=prefilling_server_stream) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert outcome.result.answer == "The answer: 5." and len(server.requests) == 1
    assert outcome.result.trace == "".join(LONG_THOUGHT).strip() and not outcome.notice


def test_a_server_continues_a_stopped_trace() -> None:
    stopped = "Thought number 0 is here."
    with OpenAIServer(respond=prefilling_server_stream) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, prefix=[("prefix", stopped)])
    assert outcome.ok and outcome.result.trace == stopped + " and that settles it."
    assert outcome.result.answer == "Five."
    assert server.requests[0]["messages"][-1] == {"role": "assistant",  # type: ignore[index]
                                                  "content": f"<think>\n{stopped}"}


def test_a_server_continues_a_stopped_answer() -> None:
    with OpenAIServer(respond=prefilling_server_stream) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, prefix=[("prefix", "Two and three."), ("answer", "It")])
    assert outcome.ok and outcome.result.trace == "Two and three." and outcome.result.answer == "It is **5**."
    assert server.requests[0]["messages"][-1]["content"] == "<think>\nTwo and three.\n</think>\n\nIt"  # type: ignore[index]


def test_continuing_on_a_server_without_prefill_is_a_clear_error() -> None:
    with OpenAIServer() as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, prefix=[("prefix", "Two plus three.")])
    assert outcome.error is not None and outcome.error.kind == "no-prefill"
    assert "cannot continue" in outcome.error.message
    assert outcome.result.trace == "Two plus three."  # what there was stays
