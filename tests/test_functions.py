"""Reasoning functions of trace sentences: cues in English and German, the shipped model, quality."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from denkspur.core.trace.functions import (
    FUNCTIONS,
    LABELED_CHARS,
    WEIGHTS_PATH,
    FunctionLabeler,
    default_model,
)

REPO = Path(__file__).resolve().parent.parent
TRACES = Path(os.environ.get("DENKSPUR_SHARED_TRACES", REPO.parent / "shared" / "traces"))
needs_traces = pytest.mark.skipif(not TRACES.is_dir(), reason="the shared traces are not beside the checkout")


def label(sentences: list[tuple[str, bool]]) -> list[str]:
    labeler = FunctionLabeler()
    return [labeler.label(text, opens_paragraph=paragraph) for text, paragraph in sentences]


def test_german_trace_gets_every_function() -> None:
    trace = [
        ("Okay, die Aufgabe fragt nach der Summe von 2 und 3.", True),
        ("Zuerst muss ich die beiden Zahlen addieren.", False),
        ("Ich erinnere mich, dass die Formel für den Umfang eines Kreises 2πr ist.", False),
        ("Ich rechne: 2 + 3 = 5.", False),
        ("Also ist die Summe insgesamt 5.", False),
        ("Moment, das stimmt nicht.", False),
        ("Warte, habe ich mich verrechnet?", False),
        ("Ich prüfe das: 5 - 3 = 2.", True),
        ("**Endgültige Antwort**\nDie Antwort lautet \\boxed{5}.", True),
    ]
    assert label(trace) == [
        "problem_setup",
        "plan_generation",
        "fact_retrieval",
        "active_computation",
        "result_consolidation",
        "uncertainty_management",
        "uncertainty_management",
        "self_checking",
        "final_answer_emission",
    ]


def test_english_cues() -> None:
    trace = [
        ("Okay, so I need to find the sum of 2 and 3.", True),
        ("Hmm, let me try to figure this out step by step.", False),
        ("2 + 3 = 5.", False),
        ("Wait, did I make a mistake?", False),
        ("Let me verify: 5 - 3 = 2, which matches.", True),
        ("**Final Answer**\nThe sum is \\boxed{5}.", True),
    ]
    assert label(trace) == [
        "problem_setup",
        "plan_generation",
        "active_computation",
        "uncertainty_management",
        "self_checking",
        "final_answer_emission",
    ]


def test_doubt_without_wait_in_both_languages() -> None:
    """Taking back a step with "But …"/"Aber …" and naming the trouble is doubt, as "Wait" is."""
    for opening, doubt in (
        ("I compute 2 + 3 = 5.", "But that would mean the sum is negative, which can't be."),
        ("Ich rechne: 2 + 3 = 5.", "Aber das würde heißen, dass die Summe negativ ist, das kann nicht sein."),
        ("Ich rechne: 2 + 3 = 5.", "Vielleicht habe ich die Aufgabe falsch verstanden."),
    ):
        assert label([(opening, True), (doubt, False)])[1] == "uncertainty_management", doubt


def test_the_shipped_model_is_small_and_holds_weights_not_sentences() -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert tuple(data["labels"]) == FUNCTIONS
    assert WEIGHTS_PATH.stat().st_size < 400_000
    assert all(len(row) == len(FUNCTIONS) for row in data["weights"].values())
    # Feature names are cues, word n-grams of at most three words and numeric shapes.
    assert max(len(name.split("_")) for name in data["weights"] if name.startswith("w")) <= 3
    assert all(len(name) < 80 for name in data["weights"])
    assert default_model().labels == FUNCTIONS


@needs_traces
def test_quality_on_an_unseen_problem() -> None:
    """Loose floor: trained without one problem, labelled that problem's four traces."""
    from denkspur.core.trace.train_functions import f1_table, fit, load_traces, predict_trace

    traces = load_traces(TRACES)
    held_out = sorted({t.problem for t in traces})[0]
    model = fit([t for t in traces if t.problem != held_out], epochs=150)
    gold: list[str] = []
    predicted: list[str] = []
    for trace in (t for t in traces if t.problem == held_out):
        gold.extend(s.function for s in trace.sentences)
        predicted.extend(predict_trace(model, trace))
    table = f1_table(gold, predicted)
    assert table["macro"] >= 0.35, table
    assert table["uncertainty_management"] >= 0.4, table


def test_a_seeded_fit_is_reproducible_and_perturbed() -> None:
    """``fit(seed=…)`` (the bench's --spread) perturbs the training the same way each time."""
    from denkspur.core.trace.train_functions import LabelledSentence, LabelledTrace, fit

    texts = [
        ("Okay, so I need to find the sum of 2 and 3.", "problem_setup"),
        ("First, I add the numbers.", "plan_generation"),
        ("2 + 3 = 5.", "active_computation"),
        ("Wait, did I make a mistake?", "uncertainty_management"),
        ("Let me verify: 5 - 3 = 2.", "self_checking"),
        ("So the total is 5.", "result_consolidation"),
    ]
    trace = ""
    sentences = []
    for text, function in texts * 2:
        start = len(trace)
        trace += text + " "
        sentences.append(LabelledSentence(text, start, start + len(text), function))
    traces = [LabelledTrace("t", "problem_1", trace, sentences)]
    plain = fit(traces, epochs=20, min_count=1)
    seeded = fit(traces, epochs=20, min_count=1, seed=3)
    assert seeded == fit(traces, epochs=20, min_count=1, seed=3)
    assert seeded != plain


def test_a_huge_sentence_is_labelled_by_its_start_and_end() -> None:
    """A line of megabytes without a space is one sentence: its features look at its first and
    last LABELED_CHARS / 2 characters, not at all of it (a few dozen regexes over all of it held
    the GIL for seconds on the engine thread while the GUI thread waited)."""
    head, tail = "Wait, " + "x" * LABELED_CHARS, "y" * LABELED_CHARS + " = 5."
    huge = head + "7" * 1_000_000 + tail
    tracemalloc.start()
    try:
        function = FunctionLabeler().label(huge, opens_paragraph=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200_000 < len(huge)
    half = LABELED_CHARS // 2
    assert function == FunctionLabeler().label(head[:half] + tail[-half:], opens_paragraph=True)
    short = "Wait, that is not right."
    assert FunctionLabeler().label(short, opens_paragraph=True) == "uncertainty_management"
