"""Sentence functions: quality on unseen problems, and speed.

Quality: leave-one-problem-out over ``../shared/traces`` (5 problems x 2 models x
correct/incorrect): for each problem, train on the other four, label the held-out
problem's traces left to right as the live labeler does, and pool the
predictions. Printed per function and as macro-F1, on the labelled sentences
(``gold chunks``) and end to end (our own sentence splitter on the raw trace, each
labelled sentence scored by the function of the sentence of ours that overlaps it
most). Goals: macro-F1 >= 0.65, uncertainty_management >= 0.75, self_checking >= 0.55.

Then the confusion matrix of the gold-chunk run, and with ``--spread N`` the
same leave-one-problem-out run N more times with each training sentence's weight
perturbed at random (x0.75-1.25): greedy left-to-right decoding turns small
weight changes into different runs of labels, so a single figure moves by about
+-0.01 (macro) and more for self_checking; the spread says how much of a
difference between two models is noise.

Speed: the shipped model labelling every sentence of every trace (split +
features + scores), per sentence, against a baseline measured in the same run:
one regex search over the same sentences. Goal: <= 1 ms per sentence.

    python bench/trace_functions.py [--traces ../shared/traces] [--spread 5]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from denkspur.core.trace.functions import FUNCTIONS, FunctionModel, label_texts, opens_paragraph
from denkspur.core.trace.sentences import SentenceSpan, split_sentences
from denkspur.core.trace.steps import StepTracker
from denkspur.core.trace.train_functions import (
    LabelledTrace,
    f1_table,
    fit,
    leave_one_problem_out,
    load_traces,
)

DEFAULT_TRACES = Path(__file__).resolve().parents[1].parent / "shared" / "traces"
GOALS = {"macro": 0.65, "uncertainty_management": 0.75, "self_checking": 0.55}


def end_to_end(traces: list[LabelledTrace]) -> tuple[list[str], list[str]]:
    """Gold labels vs. the function of our best-overlapping sentence, per held-out problem."""
    gold: list[str] = []
    predicted: list[str] = []
    for problem in sorted({t.problem for t in traces}):
        model = fit([t for t in traces if t.problem != problem])
        for trace in (t for t in traces if t.problem == problem):
            spans = split_sentences(trace.trace)
            functions = _label_spans(trace.trace, spans, model)
            for sentence in trace.sentences:
                best = max(range(len(spans)), key=lambda i: _overlap(spans[i], sentence.start, sentence.end))
                gold.append(sentence.function)
                predicted.append(functions[best])
    return gold, predicted


def _label_spans(trace: str, spans: list[SentenceSpan], model: FunctionModel) -> list[str]:
    texts = [trace[s.start : s.end] for s in spans]
    return label_texts(texts, [opens_paragraph(trace, s.start) for s in spans], model)


def _overlap(span: SentenceSpan, start: int, end: int) -> int:
    return min(span.end, end) - max(span.start, start)


def print_table(title: str, table: dict[str, float]) -> None:
    print(f"\n{title}")
    for name in (*FUNCTIONS, "macro"):
        goal = GOALS.get(name)
        verdict = "" if goal is None else ("met" if table[name] >= goal else "NOT met")
        mark = "" if goal is None else f"  (goal >= {goal:.2f}: {verdict})"
        print(f"  {name:24s} {table[name]:.3f}{mark}")


def print_confusion(gold: list[str], predicted: list[str]) -> None:
    """Rows: the labelled function; columns: ours (first six letters of each name)."""
    short = [name[:6] for name in FUNCTIONS]
    print("\nconfusion (rows gold, columns predicted)")
    print(f"  {'':8s}" + "".join(f"{name:>7s}" for name in short))
    for name, row_name in zip(FUNCTIONS, short, strict=True):
        pairs = list(zip(gold, predicted, strict=True))
        row = [sum(g == name and p == other for g, p in pairs) for other in FUNCTIONS]
        print(f"  {row_name:8s}" + "".join(f"{count:7d}" for count in row))


def print_spread(traces: list[LabelledTrace], runs: int) -> None:
    """Mean, standard deviation and range of the goal figures over perturbed trainings."""
    tables = [f1_table(*leave_one_problem_out(traces, seed=seed)) for seed in range(runs)]
    print(f"\nspread over {runs} trainings with perturbed sentence weights (gold chunks)")
    for name in ("macro", "uncertainty_management", "self_checking"):
        values = [table[name] for table in tables]
        mean = sum(values) / runs
        sd = (sum((v - mean) ** 2 for v in values) / runs) ** 0.5
        print(f"  {name:24s} mean {mean:.3f}  sd {sd:.3f}  range {min(values):.3f}-{max(values):.3f}")


def speed(traces: list[LabelledTrace]) -> None:
    sentences = 0
    started = time.perf_counter()
    for trace in traces:
        tracker = StepTracker()
        tracker.feed(trace.trace)
        tracker.close()
        sentences += len(tracker.sentences)
    total = time.perf_counter() - started
    texts = [s.text for t in traces for s in t.sentences]
    pattern = re.compile(r"^(?:Wait|Hmm|Let me check)")
    started = time.perf_counter()
    for text in texts:
        pattern.search(text)
    baseline = (time.perf_counter() - started) / max(len(texts), 1)
    per_sentence = total / max(sentences, 1)
    print(
        f"\nspeed: {per_sentence * 1e3:.3f} ms per sentence (split, label, steps; {sentences} sentences), "
        f"baseline one regex {baseline * 1e6:.2f} µs -> ratio {per_sentence / baseline:.0f}x; "
        f"goal <= 1 ms: {'met' if per_sentence <= 1e-3 else 'NOT met'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--traces", type=Path, default=DEFAULT_TRACES)
    parser.add_argument("--spread", type=int, default=0, metavar="N",
                        help="also N leave-one-problem-out runs with perturbed training weights")
    args = parser.parse_args()
    if not args.traces.is_dir():
        print(f"no labelled traces at {args.traces}")
        return 1
    traces = load_traces(args.traces)
    count = sum(len(t.sentences) for t in traces)
    problems = len({t.problem for t in traces})
    print(f"{len(traces)} traces, {count} labelled sentences, {problems} problems (leave-one-problem-out)")
    gold, predicted = leave_one_problem_out(traces)
    print_table("gold chunks", f1_table(gold, predicted))
    print_table("end to end (our sentence splitter)", f1_table(*end_to_end(traces)))
    print_confusion(gold, predicted)
    if args.spread > 0:
        print_spread(traces, args.spread)
    speed(traces)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
