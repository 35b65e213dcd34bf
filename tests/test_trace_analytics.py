"""Trace analytics: final answer, first mention, overthinking, loops, stalls; sentence events."""

from __future__ import annotations

from denkspur.core.trace.analytics import (
    LoopDetector,
    final_answer,
    first_mention,
    longest_run_without_progress,
)
from denkspur.core.trace.stream import ReasoningStream, SentenceDone, StepDone, split_text
from helpers import chunked

RAW = (
    "Okay, I need 12 times 10. Let me compute: 12 * 10 = 120. So the product is 120. "
    "Wait, let me double-check that the product of twelve and ten is right. "
    "Wait, let me double-check that the product of twelve and ten is right. "
    "Yes.\n</think>\n\nThe product is \\boxed{120}."
)


def test_final_answer_rule() -> None:
    assert final_answer("So it is \\boxed{\\frac{1}{2}} or \\boxed{ 7 }.") == "7"
    assert final_answer("It is \\boxed{\\dfrac{a}{b^{2}}}.") == "\\dfrac{a}{b^{2}}"
    assert final_answer("The rate is 6.17 %, from 0.06.") == "0.06"
    assert final_answer("no numbers") is None and final_answer("") is None


def test_first_mention_matches_whole_numbers_and_normalised_latex() -> None:
    assert first_mention(["We have 1200.", "And 12 apples.", "12"], "12") == 1
    assert first_mention(["x = \\dfrac{1}{ 2 }", "y"], "\\frac{1}{2}") == 0
    assert first_mention(["nothing"], "5") is None


def test_split_reports_answer_first_seen_and_overthinking() -> None:
    result = split_text(RAW, assume_open=True)
    stats = result.stats.to_dict()
    seen = stats["answer_first_seen"]
    assert seen == {"sentence": 1, "offset": result.sentences[1].start, "token": None, "seconds": None}
    assert isinstance(stats["tokens_after_answer"], int) and stats["tokens_after_answer"] > 20
    assert sum(stats["functions"].values()) == len(result.sentences)  # type: ignore[attr-defined]
    assert stats["loops"]["repeated_sentences"] == 1  # type: ignore[index]
    assert stats["loops"]["pairs"] == [[3, 4]]  # type: ignore[index]


def test_live_stream_gives_tokens_and_seconds_of_the_first_answer() -> None:
    now = [0.0]
    stream = ReasoningStream(assume_open=True, clock=lambda: now[0])
    events = []
    for piece in chunked(RAW, list(range(0, len(RAW), 7))):
        now[0] += 0.5
        events.extend(stream.feed(piece, tokens=1))
    events.extend(stream.flush())
    result = stream.finish()
    seen = result.stats.answer_first_seen
    assert seen is not None and seen["sentence"] == 1
    assert isinstance(seen["token"], int) and 0 < seen["token"] < result.stats.trace_tokens
    assert isinstance(seen["seconds"], float) and seen["seconds"] > 0
    assert result.stats.tokens_after_answer == result.stats.trace_tokens - seen["token"]
    sentences = [e.sentence for e in events if isinstance(e, SentenceDone)]
    assert sentences == result.sentences
    steps = [e.step for e in events if isinstance(e, StepDone)]
    assert steps == result.steps
    # Every sentence lies in the step it names.
    for sentence in sentences:
        step = steps[sentence.step]
        assert step.start <= sentence.start and sentence.end <= step.end


def test_cycles_and_runs_without_progress() -> None:
    detector = LoopDetector()
    path = [
        "Let me consider the first layer of the expression again now.",
        "Then the second layer gives three times the first layer plus one.",
        "Then the third layer gives three times the second layer plus one.",
    ]
    for text in [*path, "Something else entirely happens in this sentence here.", *path]:
        detector.add(text)
    assert detector.cycles == [(0, 4, 3)]
    assert detector.going_in_circles()
    for index in range(30):
        fresh = f"A fresh sentence number {index} about something quite different {index * 7}."
        assert detector.add(fresh) is None
    assert not detector.going_in_circles()
    assert detector.to_dict()["cycles"] == [{"first": 0, "again": 4, "sentences": 3}]
    run = longest_run_without_progress(
        [
            "active_computation",
            "plan_generation",
            "uncertainty_management",
            "fact_retrieval",
            "active_computation",
        ],
        ["2 + 2 = 4", "Let me think.", "Hmm.", "A fact.", "4 + 4 = 8"],
        set(),
    )
    assert run == {"start": 1, "sentences": 3}
    assert longest_run_without_progress([], [], set()) is None


def test_compare_aligns_by_function_and_marks_divergences() -> None:
    from denkspur.core.trace.compare import align_functions

    left = ["problem_setup", "active_computation", "result_consolidation", "final_answer_emission"]
    right = ["problem_setup", "active_computation", "uncertainty_management", "self_checking",
             "result_consolidation", "final_answer_emission"]
    rows, divergences = align_functions(left, right)
    assert rows == [(0, 0), (1, 1), (None, 2), (None, 3), (2, 4), (3, 5)]
    assert divergences == [(None, 2)]
    same, none = align_functions(left, left)
    assert same == [(i, i) for i in range(4)] and none == []


def test_going_in_circles_reads_only_the_recent_end_of_the_history() -> None:
    """The live hint reads back from the newest repeat and cycle, and says what counting
    every one of them says (on a long history with repeats and cycles everywhere)."""
    import random

    from denkspur.core.trace.analytics import LoopDetector

    rng = random.Random(3)
    pool = [f"Let me check the value of item {i} against the running total once more." for i in range(40)]
    detector = LoopDetector()
    for step in range(1500):
        repeated = rng.random() < 0.5
        detector.add(pool[rng.randrange(40)] if repeated else f"A fresh thought number {step} here.")
        latest = step + 1 - 20
        counted = sum(later >= latest for _, later in detector.repeats)
        in_cycle = any(again + length - 1 >= latest for _, again, length in detector.cycles)
        assert detector.going_in_circles() == (counted >= 3 or in_cycle)
