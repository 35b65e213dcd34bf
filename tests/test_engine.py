"""The llama.cpp child process, through the real llama-cpp-python and real crashes."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

from denkspur.core.trace.stream import StepDone
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.engine.errors import EngineCrashed, EngineRequestFailed
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import (
    EXPECTED_ANSWER,
    EXPECTED_COMPLETION_TOKENS,
    EXPECTED_TRACE,
)

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]


def test_generates_the_known_trace_and_answer(engine: EngineClient) -> None:
    steps = []
    outcome = run_reasoning(engine, QUESTION, on_event=lambda e: steps.append(e)
                            if isinstance(e, StepDone) else None)
    assert outcome.ok and outcome.stop_reason == "stop"
    assert outcome.result.trace == EXPECTED_TRACE
    assert outcome.result.answer == EXPECTED_ANSWER
    assert outcome.result.finished
    stats = outcome.result.stats
    assert stats.completion_tokens == EXPECTED_COMPLETION_TOKENS
    # Tokens arrive coalesced, yet each is counted on its side ("</think>" is a trace token).
    assert (stats.trace_tokens, stats.answer_tokens) == (EXPECTED_COMPLETION_TOKENS - 1, 1)
    assert stats.self_corrections == 1 and stats.steps == 4
    assert [e.step.kind.value for e in steps] == [
        "reasoning", "self-correction", "verification", "conclusion"]


def test_model_that_opens_the_trace_itself(legacy_model: Path) -> None:
    with EngineClient() as client:
        client.load(p.LoadModel(str(legacy_model), n_ctx=256))
        events = list(client.generate(QUESTION))
        assert isinstance(events[0], p.GenerationStarted)
        assert events[0].prompt_opens_think is False
        outcome = run_reasoning(client, QUESTION)
    assert (outcome.result.trace, outcome.result.answer) == (EXPECTED_TRACE, EXPECTED_ANSWER)


def test_model_info_after_load(engine: EngineClient) -> None:
    assert engine.model is not None
    assert engine.model.architecture == "llama"
    assert engine.model.n_ctx == 512 and engine.model.has_chat_template
    assert engine.ready is not None and engine.ready.llama_cpp_version


def test_out_of_tokens_leaves_an_unfinished_trace(engine: EngineClient) -> None:
    outcome = run_reasoning(engine, QUESTION, p.SamplingParams(max_tokens=4))
    assert outcome.stop_reason == "length"
    assert not outcome.result.finished and outcome.result.answer == ""
    assert outcome.result.trace == "Okay, the user asks what 2 + 3 is. Adding them gives 6.\n\nWait,"


def test_earlier_traces_are_removed_from_the_history(engine: EngineClient) -> None:
    def prompt_tokens(assistant: str) -> int:
        history = [*QUESTION, p.ChatMessage("assistant", assistant), *QUESTION]
        started = next(iter(engine.generate(history)))
        assert isinstance(started, p.GenerationStarted)
        engine.cancel()
        return started.prompt_tokens

    with_trace = prompt_tokens(f"<think>{EXPECTED_TRACE}</think>\n\n{EXPECTED_ANSWER}")
    assert with_trace == prompt_tokens(EXPECTED_ANSWER)


def test_cancel_takes_effect_within_one_token(engine_with) -> None:  # type: ignore[no-untyped-def]
    client = engine_with(fault="slow@token:100")  # 100 ms per token
    seen = []
    done = None
    for event in client.generate(QUESTION):
        if isinstance(event, p.TokenText):
            seen.append(event.text)
            client.cancel()
        elif isinstance(event, p.GenerationDone):
            done = event
    assert len(seen) == 1  # nothing reaches the caller after cancel
    assert done is not None and done.stop_reason == "cancelled"
    assert done.completion_tokens <= 2  # the child stopped at the next token
    # The same child serves the next request.
    assert run_reasoning(client, QUESTION).stop_reason == "stop"


def test_cancel_from_another_thread(engine_with) -> None:  # type: ignore[no-untyped-def]
    client = engine_with(fault="slow@token:50")
    first_token = threading.Event()
    texts: list[str] = []

    def on_event(event: object) -> None:
        texts.append(str(event))
        first_token.set()

    canceller = threading.Thread(target=lambda: (first_token.wait(5), client.cancel()))
    canceller.start()
    outcome = run_reasoning(client, QUESTION, on_event=on_event)
    canceller.join()
    assert outcome.stop_reason == "cancelled"
    assert outcome.result.trace.startswith("Okay") and outcome.result.answer == ""


def test_context_overflow_is_a_clear_error(engine: EngineClient) -> None:
    huge = [p.ChatMessage("user", "x" * 2000)]
    with pytest.raises(EngineRequestFailed, match="context holds 512") as info:
        list(engine.generate(huge))
    assert info.value.kind == "context-overflow"
    assert run_reasoning(engine, QUESTION).ok  # the engine is still fine


def test_old_turns_are_dropped_to_fit_the_context(engine: EngineClient) -> None:
    old = [p.ChatMessage("user", "y" * 150), p.ChatMessage("assistant", "z" * 150)] * 2
    started = next(iter(engine.generate([*old, *QUESTION])))
    engine.cancel()
    assert isinstance(started, p.GenerationStarted)
    assert started.dropped_messages >= 1
    assert started.prompt_tokens + 64 <= 512


@pytest.mark.parametrize(
    ("fault", "kind", "signal_name"),
    [("segfault@token:3", "crash", "SIGSEGV"), ("abort@token:3", "crash", "SIGABRT"),
     ("kill@token:3", "killed", "SIGKILL"), ("exit@token:3", "exit", None)],
)
def test_child_death_mid_generation_is_reported_and_survived(
    engine_with, fault: str, kind: str, signal_name: str | None  # type: ignore[no-untyped-def]
) -> None:
    client = engine_with(fault=fault)
    outcome = run_reasoning(client, QUESTION)
    assert isinstance(outcome.error, EngineCrashed)
    assert outcome.error.kind == kind and outcome.error.signal_name == signal_name
    assert outcome.error.during == "generate"
    assert "while generating" in outcome.error.message
    # The three tokens produced before the crash are kept.
    assert outcome.result.trace.startswith("Okay, the user asks what 2 + 3 is.")
    assert not outcome.result.finished
    # The next request starts a fresh child and reloads the model by itself.
    old_restarts = client.restarts
    again = run_reasoning(client, QUESTION)
    assert isinstance(again.error, EngineCrashed)  # same fault in the new child…
    assert client.restarts == old_restarts + 1


def test_crash_fixture_then_clean_restart(crashing_engine: EngineClient, tiny_model: Path) -> None:
    outcome = run_reasoning(crashing_engine, QUESTION)
    assert isinstance(outcome.error, EngineCrashed) and outcome.error.signal_name == "SIGSEGV"
    first_pid = crashing_engine.pid
    assert first_pid is None  # the dead child is gone
    with EngineClient() as healthy:
        healthy.load(p.LoadModel(str(tiny_model), n_ctx=256))
        assert run_reasoning(healthy, QUESTION).result.answer == EXPECTED_ANSWER


def test_hung_child_is_detected_and_killed(engine_with) -> None:  # type: ignore[no-untyped-def]
    client = engine_with(fault="hang@token:2", hang_timeout=3.0)  # generous: a loaded CI box is slow
    outcome = run_reasoning(client, QUESTION)
    assert isinstance(outcome.error, EngineCrashed) and outcome.error.kind == "hang"
    assert outcome.result.trace == "Okay, the user asks what 2 + 3 is."
    assert not client.alive


def test_crash_while_loading(tiny_model: Path) -> None:
    with EngineClient(fault="abort@load") as client, pytest.raises(EngineCrashed) as info:
        client.load(p.LoadModel(str(tiny_model)))
    assert info.value.during == "load" and "damaged" in info.value.message


@pytest.mark.parametrize("content", [b"", b"not a model at all", b"GGUF\x03\x00\x00\x00"])
def test_bad_files_are_refused_before_llama_cpp_sees_them(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.gguf"
    path.write_bytes(content)
    with EngineClient() as client:
        with pytest.raises(EngineRequestFailed) as info:
            client.load(p.LoadModel(str(path)))
        assert info.value.kind == "bad-model"
        assert client.alive  # the child survived the bad file


def test_truncated_model_is_refused(tiny_model: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(tiny_model.read_bytes()[:-1000])
    with EngineClient() as client, pytest.raises(EngineRequestFailed, match="truncated"):
        client.load(p.LoadModel(str(cut)))


def test_generate_without_a_model_is_refused() -> None:
    with EngineClient() as client, pytest.raises(EngineRequestFailed, match="No model"):
        client.generate(QUESTION)


def test_unload_then_generate_is_refused(tiny_model: Path) -> None:
    with EngineClient() as client:
        client.load(p.LoadModel(str(tiny_model), n_ctx=256))
        client.unload()
        with pytest.raises(EngineRequestFailed):
            client.generate(QUESTION)


def test_answer_now_closes_the_trace_and_the_model_answers(engine_with) -> None:  # type: ignore[no-untyped-def]
    client = engine_with(fault="slow@token:50")
    asked = False

    def on_event(event: object) -> None:
        nonlocal asked
        if not asked:
            asked = True
            client.end_thinking()

    outcome = run_reasoning(client, QUESTION, on_event=on_event)
    assert outcome.stop_reason == "stop" and outcome.result.finished
    assert outcome.result.answer == EXPECTED_ANSWER
    assert len(outcome.result.trace) < len(EXPECTED_TRACE)
    assert outcome.result.trace.startswith("Okay, the user asks")


def test_thinking_budget_forces_the_answer(engine: EngineClient) -> None:
    outcome = run_reasoning(engine, QUESTION, p.SamplingParams(thinking_budget=3))
    assert outcome.result.finished and outcome.result.answer == EXPECTED_ANSWER
    # The budget is reached at the end of a sentence: the bridge follows it at once.
    thought = "Okay, the user asks what 2 + 3 is. Adding them gives 6."
    assert outcome.result.trace == thought + "\n\nOkay, I'll answer now."
    (cut,) = outcome.result.interventions
    assert cut.kind == "budget" and cut.start == len(thought)


def test_backend_is_reported(engine: EngineClient) -> None:
    from denkspur.engine.child import build_backend

    assert engine.ready is not None
    assert engine.ready.backend in ("CPU", "CUDA", "Metal", "Vulkan", "HIP", "SYCL")
    assert build_backend("CPU : AVX2 = 1 | CUDA : ARCHS = 890 | USE_GRAPHS = 1 |") == "CUDA"
    assert build_backend("CPU : NEON = 1 | Metal : EMBED_LIBRARY = 1 |") == "Metal"
    assert build_backend("CPU : SSE3 = 1 | AVX = 1 |") == "CPU"


def test_cancel_while_the_child_is_busy_returns_at_once_and_keeps_the_child(engine_with) -> None:  # type: ignore[no-untyped-def]
    # 1.5 s per token stands for a long prompt evaluation that has no token breaks.
    client = engine_with(fault="slow@token:1500", cancel_grace=0.2)
    pid = client.pid
    stream = client.generate(QUESTION)
    assert isinstance(next(stream), p.GenerationStarted)
    assert isinstance(next(stream), p.TokenText)  # the child is now sleeping 1.5 s
    started = time.monotonic()
    client.cancel()
    rest = list(stream)
    assert time.monotonic() - started < 1.0  # the caller does not wait for the child
    assert isinstance(rest[-1], p.GenerationDone) and rest[-1].stop_reason == "cancelled"
    # The next request first lets the busy child finish; no restart, no model reload.
    assert run_reasoning(client, QUESTION, p.SamplingParams(max_tokens=1)).stop_reason == "length"
    assert client.pid == pid and client.restarts == 0


def test_cancel_aborts_a_long_prompt_evaluation(tmp_path: Path) -> None:
    from denkspur.testing.tiny_model import Shape, write_random_model

    model = write_random_model(tmp_path / "m.gguf", shape=Shape(512, 6, 8, 2, 1408), n_vocab=8000)
    with EngineClient(cancel_grace=20) as client:  # wait for the child's own answer, no shortcut
        client.load(p.LoadModel(str(model), n_ctx=4096))
        stream = client.generate([p.ChatMessage("user", "y" * 3000)], p.SamplingParams(max_tokens=2))
        assert isinstance(next(stream), p.GenerationStarted)  # the child now evaluates ~3000 tokens
        cancelled_at = time.monotonic()
        client.cancel()
        done = list(stream)[-1]
        assert isinstance(done, p.GenerationDone)
        assert done.stop_reason == "cancelled" and done.completion_tokens == 0
        assert time.monotonic() - cancelled_at < 0.5  # llama_decode was aborted mid-prompt
        # The context stays consistent for the next request.
        follow_up = list(client.generate([p.ChatMessage("user", "hi")],
                                         p.SamplingParams(max_tokens=3, ignore_eos=True)))
        assert follow_up[-1].stop_reason == "length" and client.restarts == 0  # type: ignore[union-attr]


#: A template that renders for hours when the last message says "slow" (the Jinja
#: sandbox allows it), and normally otherwise: work in the child that no token
#: loop can interrupt.
SLOW_TEMPLATE_PREFIX = ("{% if messages[-1]['content'] == 'slow' %}{% for a in range(100000) %}"
                        "{% for b in range(100000) %}{% endfor %}{% endfor %}{% endif %}")


def test_cancel_ends_a_slow_template_and_the_next_request_works(tmp_path: Path) -> None:
    from denkspur.testing.tiny_model import R1_DISTILL_TEMPLATE, write_tiny_r1_model

    model = write_tiny_r1_model(tmp_path / "slow.gguf", template=SLOW_TEMPLATE_PREFIX + R1_DISTILL_TEMPLATE)
    with EngineClient() as client:
        client.load(p.LoadModel(str(model), n_ctx=512))
        stream = client.generate([p.ChatMessage("user", "slow")])
        cancelled_at: list[float] = []

        def stop() -> None:
            cancelled_at.append(time.monotonic())
            client.cancel()

        threading.Timer(0.5, stop).start()
        done = list(stream)[-1]
        assert isinstance(done, p.GenerationDone) and done.stop_reason == "cancelled"
        assert time.monotonic() - cancelled_at[0] < 2.0
        result = run_reasoning(client, [p.ChatMessage("user", "hi")])
        assert result.stop_reason == "stop" and result.result.answer == EXPECTED_ANSWER
        assert client.restarts == 1  # the busy child was killed and replaced


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signals")
def test_ctrl_c_in_the_terminal_leaves_the_child_to_the_parent(tiny_model: Path) -> None:
    """Ctrl+C reaches the whole process group; the child must not die of it (with a traceback,
    or mid-reply): the parent decides, and cancels the request if it wants to."""
    import os

    with EngineClient() as client:
        client.load(p.LoadModel(str(tiny_model), n_ctx=256))
        assert client.pid is not None
        os.kill(client.pid, signal.SIGINT)
        outcome = run_reasoning(client, QUESTION)
        assert outcome.ok, outcome.error
        assert client.alive and outcome.result.answer == EXPECTED_ANSWER
