""""Probe every N sentences": where the provisional answer stopped changing, through the real engine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from denkspur.core.trace.settle import AnswerSettled, SettleTracker, normalise_answer, settled_point
from denkspur.core.trace.stream import ProvisionalAnswer, StreamEvent
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]
FIRST_SENTENCE = "Okay, the user asks what 2 + 3 is."
#: The tiny model's trace ends a sentence at these trace tokens (see its script).
SENTENCE_END_TOKENS = [2, 3, 6, 9, 11]


def test_answers_compare_by_their_boxed_content_with_spaces_collapsed() -> None:
    assert normalise_answer("  The answer is \\boxed{ 5 }.\n") == "5"
    assert normalise_answer("It is\n\n  five ,  I think ") == "It is five , I think"
    assert normalise_answer("\\boxed{} and then \\boxed{x  +  1}") == "x + 1"
    assert normalise_answer("   ") == ""


def test_settled_is_the_first_of_the_last_run_of_agreeing_answers() -> None:
    tracker = SettleTracker()
    assert tracker.add(10, 40, "\\boxed{6}") is None  # one answer alone settles nothing
    assert tracker.add(20, 80, "\\boxed{5}") is None
    settled = tracker.add(30, 120, "So \\boxed{5}.")
    assert isinstance(settled, AnswerSettled) and settled.point is not None
    assert (settled.point.token, settled.point.offset, settled.point.answer) == (20, 80, "5")
    assert tracker.add(40, 160, "") is None  # an empty side answer is not compared
    assert tracker.add(50, 200, "5") is None  # still the same point
    unsettled = tracker.add(60, 240, "7")
    assert unsettled == AnswerSettled(None)
    assert tracker.add(70, 280, "\\boxed{7}") == AnswerSettled(tracker.probes[-2])
    stats = tracker.to_stats()
    assert stats["answer_settled"] == {"token": 60, "offset": 240, "answer": "7"}
    assert [probe["token"] for probe in stats["probes"]] == [10, 20, 30, 50, 60, 70]  # type: ignore[union-attr]


def test_a_stored_settle_point_is_checked() -> None:
    assert settled_point({"answer_settled": {"token": 3, "offset": 9, "answer": "5"}}) is not None
    assert settled_point({"answer_settled": {"token": "3", "offset": 9, "answer": "5"}}) is None
    assert settled_point({"answer_settled": None}) is None
    assert settled_point({}) is None


def test_the_engine_probes_every_n_sentences_and_the_answer_settles(engine: EngineClient) -> None:
    seen: list[StreamEvent] = []
    outcome = run_reasoning(engine, QUESTION, p.SamplingParams(probe_every=1), on_event=seen.append)
    result = outcome.result
    # The probes leave the main reply exactly as without them.
    assert outcome.ok and result.trace == EXPECTED_TRACE and result.answer == EXPECTED_ANSWER
    assert not result.interventions
    stats = result.stats_dict()
    probes = stats["probes"]
    assert isinstance(probes, list)
    assert [probe["token"] for probe in probes] == SENTENCE_END_TOKENS
    assert {probe["answer"] for probe in probes} == {EXPECTED_ANSWER}
    assert stats["answer_settled"] == {"token": 2, "offset": len(FIRST_SENTENCE), "answer": EXPECTED_ANSWER}
    settled = [event for event in seen if isinstance(event, AnswerSettled)]
    assert len(settled) == 1 and settled[0].point is not None and settled[0].point.token == 2
    assert not any(isinstance(event, ProvisionalAnswer) for event in seen)  # not shown as the user's probe


def test_every_second_sentence_probes_half_as_often(engine: EngineClient) -> None:
    outcome = run_reasoning(engine, QUESTION, p.SamplingParams(probe_every=2))
    probes = outcome.result.stats_dict()["probes"]
    assert [probe["token"] for probe in probes] == SENTENCE_END_TOKENS[1::2]  # type: ignore[union-attr]
    assert outcome.result.stats_dict()["answer_settled"]["token"] == 3  # type: ignore[index]


def test_without_probing_the_stats_are_unchanged(engine: EngineClient) -> None:
    stats = run_reasoning(engine, QUESTION).result.stats_dict()
    assert "probes" not in stats and "answer_settled" not in stats


def test_stop_while_probing_ends_cleanly(engine_with) -> None:  # type: ignore[no-untyped-def]
    client: EngineClient = engine_with(fault="slow@token:60")
    probes = 0

    def on_event(event: StreamEvent) -> None:
        nonlocal probes
        if isinstance(event, AnswerSettled):
            probes += 1
            client.cancel()

    outcome = run_reasoning(client, QUESTION, p.SamplingParams(probe_every=1), on_event=on_event)
    assert outcome.stop_reason == "cancelled" and outcome.ok
    assert outcome.result.trace and EXPECTED_TRACE.startswith(outcome.result.trace)
    # The engine serves the next request at once: nothing of the cancelled one is left over.
    again = run_reasoning(client, QUESTION, p.SamplingParams(probe_every=1))
    assert again.ok and again.result.trace == EXPECTED_TRACE


def test_cli_json_stats_carry_where_the_answer_settled(tiny_model: Path) -> None:
    command = [sys.executable, "-m", "denkspur", "chat", "--model", str(tiny_model), "--json", "--ctx", "512",
               "--probe-every", "1", "What is 2 + 3?"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    done = json.loads(run.stdout.splitlines()[-1])
    assert done["stats"]["answer_settled"] == {"token": 2, "offset": len(FIRST_SENTENCE),
                                               "answer": EXPECTED_ANSWER}
    assert done["answer"] == EXPECTED_ANSWER
