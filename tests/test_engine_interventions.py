"""Acting on the reasoning in the real engine: continue a trace, think longer, end softly, probe.

The tiny model is a bigram machine over its script, so every intervention has one
exact, known result.
"""

from __future__ import annotations

from pathlib import Path

from denkspur.core.trace.stream import ProvisionalAnswer, StreamEvent, TraceText
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]
FIRST_SENTENCE = "Okay, the user asks what 2 + 3 is."
BRIDGE_TEXT = "\n\nOkay, I'll answer now."


def test_a_reply_continues_a_given_trace(engine: EngineClient) -> None:
    outcome = run_reasoning(engine, QUESTION, prefix=[("prefix", FIRST_SENTENCE)])
    result = outcome.result
    assert outcome.ok and result.trace.startswith(FIRST_SENTENCE)
    assert result.trace == EXPECTED_TRACE  # the model went on from the end of the given sentence
    assert result.answer == EXPECTED_ANSWER
    assert [i.to_dict() for i in result.interventions] == [
        {"start": 0, "end": len(FIRST_SENTENCE), "kind": "prefix"}]


def test_a_users_note_is_marked_as_theirs(engine: EngineClient) -> None:
    note = " Wait, the problem says integers only."
    outcome = run_reasoning(engine, QUESTION, prefix=[("prefix", FIRST_SENTENCE), ("user", note)])
    assert outcome.result.trace.startswith(FIRST_SENTENCE + note)
    kinds = [(i.kind, i.start, i.end) for i in outcome.result.interventions]
    assert kinds == [("prefix", 0, len(FIRST_SENTENCE)),
                     ("user", len(FIRST_SENTENCE), len(FIRST_SENTENCE + note))]


def test_think_longer_replaces_the_close_with_a_cue(engine: EngineClient) -> None:
    outcome = run_reasoning(engine, QUESTION, p.SamplingParams(think_longer=1))
    result = outcome.result
    assert outcome.ok and result.answer == EXPECTED_ANSWER
    assert result.trace.count("Wait,") == 2  # the script's own, and the forced one
    (cue,) = result.interventions
    assert cue.kind == "think-longer" and result.trace[cue.start:cue.end].strip() == "Wait,"
    assert result.trace.endswith("So the answer is 5.")


def test_answer_now_waits_for_the_end_of_the_sentence(engine_with) -> None:  # type: ignore[no-untyped-def]
    client: EngineClient = engine_with(fault="slow@token:50")
    asked = False

    def on_event(_event: StreamEvent) -> None:
        nonlocal asked
        if not asked:  # after "Okay, the user asks": mid-sentence
            asked = True
            client.end_thinking()

    outcome = run_reasoning(client, QUESTION, on_event=on_event)
    assert outcome.result.trace == FIRST_SENTENCE + BRIDGE_TEXT
    assert outcome.result.answer == EXPECTED_ANSWER
    (cut,) = outcome.result.interventions
    assert (cut.kind, cut.start) == ("answer-now", len(FIRST_SENTENCE))


def test_probe_gives_a_provisional_answer_and_the_thinking_goes_on(engine_with) -> None:  # type: ignore[no-untyped-def]
    client: EngineClient = engine_with(fault="slow@token:30")
    provisional: list[ProvisionalAnswer] = []
    asked = False

    def on_event(event: StreamEvent) -> None:
        nonlocal asked
        if isinstance(event, TraceText) and not asked:
            asked = True
            client.probe()
        elif isinstance(event, ProvisionalAnswer):
            provisional.append(event)

    outcome = run_reasoning(client, QUESTION, on_event=on_event)
    assert [a.text for a in provisional] == [EXPECTED_ANSWER]
    assert provisional[0].trace_tokens >= 1
    assert outcome.result.trace == EXPECTED_TRACE and outcome.result.answer == EXPECTED_ANSWER
    assert not outcome.result.interventions  # the probe left no mark on the main trace


def test_cli_continues_a_trace_thinks_longer_and_keeps_a_budget(tiny_model: Path) -> None:
    import json
    import subprocess
    import sys

    def chat(*flags: str) -> dict[str, object]:
        run = subprocess.run([sys.executable, "-m", "denkspur", "chat", "--model", str(tiny_model), "--json",
                              "--ctx", "512", *flags, "What is 2 + 3?"],
                             capture_output=True, text=True, timeout=120, check=False)
        assert run.returncode == 0, run.stderr
        done: dict[str, object] = json.loads(run.stdout.splitlines()[-1])
        assert done["event"] == "done"
        return done

    continued = chat("--trace-prefix", FIRST_SENTENCE)
    assert str(continued["trace"]).startswith(FIRST_SENTENCE) and continued["answer"] == EXPECTED_ANSWER
    assert continued["interventions"] == [{"start": 0, "end": len(FIRST_SENTENCE), "kind": "user"}]
    longer = chat("--think-longer", "1")
    assert str(longer["trace"]).count("Wait,") == 2
    budget = chat("--budget", "2")
    assert budget["trace"] == FIRST_SENTENCE + BRIDGE_TEXT
    plain = chat()
    assert "interventions" not in plain and plain["trace"] == EXPECTED_TRACE  # unchanged without flags
