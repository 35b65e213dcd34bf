"""A long trace costs the garbage collector nothing per sentence or step.

Each full collection walks every tracked object, on whatever thread triggers it and
holding the GIL: with one tracked object per sentence and step a flood made them
100-300 ms stalls of the window. Records are plain tuples, which CPython untracks.
"""

from __future__ import annotations

import gc

from denkspur.core.trace.steps import Sentence, Step, StepKind, step_log
from denkspur.core.trace.stream import ReasoningStream


def _tracked() -> int:
    gc.collect()
    return len(gc.get_objects())


def test_a_long_live_trace_adds_no_tracked_objects_per_sentence() -> None:
    stream = ReasoningStream(assume_open=True)
    before = _tracked()
    text = "".join(f"Step {i}: we add {i} and {i + 1} to get {2 * i + 1}.\n\n" for i in range(5_000))
    for start in range(0, len(text), 4_096):
        stream.feed(text[start : start + 4_096])
    grown = _tracked() - before
    assert grown < 5_000 // 4, grown  # ~10,000 sentences and steps are held, untracked
    result = stream.finish()
    assert len(result.sentences) >= 5_000 and len(result.steps) >= 5_000


def test_the_logs_give_back_the_records_they_were_given() -> None:
    steps = step_log()
    step = Step(3, StepKind.SELF_CORRECTION, 10, 20, "Wait, no.")
    steps.extend([step, step])
    assert steps[0] == step and list(steps) == [step, step] and steps[1:] == [step]
    assert steps == [step, step] and len(steps) == 2
    steps.clear()
    assert not steps and Sentence(0, 0, 1, "plan_generation", 0).function == "plan_generation"
