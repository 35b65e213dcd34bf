"""Train (and evaluate) the sentence-function model from labelled traces.

Input: a folder of JSON traces as in ``../shared/traces`` (``raw_output`` plus
``sentences: [{"text", "function": [tags]}]``; the first tag counts). Output:
``function_weights.json`` — feature names and weights only, never sentences.

    python -m denkspur.core.trace.train_functions ../shared/traces

The model is multinomial logistic regression with class weights (the rare
functions matter as much as the frequent ones: the goal is macro-F1) and a
stronger L2 penalty on word features than on the hand-written cue features, so
the model leans on cues that also fire on German and on unseen problems.
Training uses the gold previous function as context. (Training on the model's
own cross-fitted predictions instead, as decoding sees them, measured worse on
held-out problems: macro-F1 0.529 against 0.552.)

Measured on held-out problems and not kept (macro-F1 against 0.552 then; the
spread between equally good settings is about +-0.01): decoding the whole trace
(Viterbi, 0.534), bias offsets per function chosen by nested cross-validation
(0.532), bagged models (0.535), a one-hidden-layer network (0.50-0.52), no
previous function (0.527), features of the next sentence (+0.01 but
self_checking -0.05, and a one-sentence delay), overlap with the question's
words (+0.004), word bigrams, class weights 0.3/0.75, other L2 strengths. With
the gold previous function instead of the predicted one macro-F1 would be 0.62:
the labels follow the whole trace's context more than any one sentence.

How noisy one figure is: greedy left-to-right decoding turns tiny weight changes
into different runs of labels. Adding one uninformative random feature (five
seeds) moves macro-F1 from 0.565 to 0.537-0.562 (mean 0.546) and self_checking
from 0.588 to 0.49-0.55 (mean 0.52): the single figure sits at the top of its
spread (perturbing each sentence's weight instead, as ``fit(seed=)`` does:
0.554-0.563, mean 0.558, self_checking mean 0.550). Compared by the mean over
five such trainings (sd 0.003-0.009) and not kept: the next sentence's cues
(random feature 0.563 vs 0.546, perturbed weights 0.563 vs 0.558; uncertainty
+0.03, final answer +0.07, self_checking -0.025 / -0.054; branch
``f1-lookahead``: labels one sentence late, and it turns the toy trace of the
CLI test into problem_setup throughout), the opening cues after a
leading "Wait,"/"But"/"Moment," (0.548), the previous sentence's cues (0.541), a
number repeated from the previous sentence (0.546), cue x equals/operator
conjunctions (0.546), other L2 strengths and class weights (0.540-0.547). Single
runs, against 0.565, not kept: words kept only when seen in 3+ training problems
(0.559), a linear-chain CRF (filtering 0.524, Viterbi 0.534, one sentence of
lookahead 0.550), an averaged perceptron trained on its own decoding (0.52),
marginal (forward) decoding of this model (0.547), a stickiness bonus for the
previous function (0.538-0.557), second-order previous functions (0.527), the
run length of the previous function (0.526), a text-only model's scores of the
neighbours as features (stacking, 0.518-0.545), training on gold plus
cross-fitted predicted previous functions (0.544), and per-function offsets,
even tuned on the held-out predictions themselves (+0.007).
In-sample macro-F1 is 0.78: the gap is problems the training set has not seen.

Gradient-boosted trees added to this model's scores (Newton-boosted softmax
trees in numpy, 16 quantile bins; inputs: the dense cue and context features,
no words, plus the linear scores; fitted on the margins of linear models
cross-fitted by problem), single runs against 0.567, not kept: 30 rounds of
depth 3 (0.515), 10 rounds depth 2 (0.529), 20 rounds depth 2 at rate 0.05
(0.521); fitted on cross-fitted greedy decoding (predicted previous function)
instead of the gold one: depth 2 (0.532), stumps (0.535), no scores and no
``prev:`` inputs (0.542). Even ten rounds of stumps lose 0.03: with four
training problems the residuals left by the linear model are the held-in
problems' own. (Sanity: zero rounds gives the linear figure.)
A recall cue anywhere in the sentence ("I remember/recall/know", "ich weiß",
"bekanntlich"; the model gets 10 of 22 such fact_retrieval sentences), mean of
five perturbed trainings: 0.559 against 0.558 (fact_retrieval +0.012,
self_checking -0.005), not kept.

How the labels were made (interp-reasoning/thought-anchors, ``prompts.py``
``DAG_PROMPT``, MIT): gpt-4o at temperature 0 labels every chunk of the whole
trace in one call, seeing the problem and all later chunks; each function has a
one-line definition, e.g. fact_retrieval "Recalling facts, formulas, problem
details (without immediate computation)", uncertainty_management "... proposing
alternative plans (includes backtracking)", final_answer_emission "... or
earlier chunks that contain the final answer". The labels do not follow the
definitions where they overlap, and some need the future (counts over the 20
traces): sentences opening "Alternatively"/"another way" are plan_generation
35 of 57, fact_retrieval 11 (when a formula follows), uncertainty_management 7;
"the problem asks/says" is problem_setup 9 of 24, fact_retrieval 8; "Wait, let
me check" is self_checking 8 of 14, uncertainty_management 6; a computation
"a op b = c" repeated verbatim from earlier in the trace is active_computation
60 of 81, self_checking 21 (a check is judged by its announcement and the block
around it, not by content). Identical sentences mostly get the same label (16
minority labels among 274 repeats), so the labeller is consistent given the
same context; the context it uses is the whole trace.

Means over five perturbed trainings against this model's 0.558 (uncertainty
0.648, self_checking 0.550), not kept (branch ``func``): character 3-5-grams
within words beside the bag (L2 3e-2: 0.533, self_checking 0.513), word
prefixes (4 letters) and suffixes (3) beside the bag (0.555) or instead of it
(0.547; no bag at all 0.542), NBSVM log-count-ratio scaling of the word
features, per function (0.550, self_checking 0.502) or the largest ratio of
any function (0.549), IDF-scaled bag (0.548), word counts instead of presence
(0.555), one-vs-rest sigmoid models instead of the softmax (0.541,
self_checking 0.473; so no per-function thresholds on top), shape features
(opens with a formula or a list item, first person, past tense, future, share
of alphabetic tokens: 0.536, self_checking 0.499, result_consolidation -0.04;
without the share 0.548; only the two openings 0.554), generic-statement cues
against fact_retrieval/active_computation confusions ("each", "every", "in
general", "r is the rate": 0.558). All but the counts and the generic cues
lowered self_checking (by 0.02-0.08); the runs' sd was 0.002-0.007.
Many held-out errors between fact_retrieval, active_computation and
plan_generation look like labelling choices rather than text ("a(8) = 9841"
is labelled a fact, "Let me compute e^0.0598" a computation, "Substitute into
the recurrence:" a plan); none of the features above separated them.

numpy is imported only here, in training.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from denkspur.core.trace.function_features import SentenceContext, TraceHistory, sentence_features
from denkspur.core.trace.functions import (
    FUNCTIONS,
    WEIGHTS_PATH,
    FunctionLabeler,
    FunctionModel,
    opens_paragraph,
)

CLOSE_TAG = "</think>"
_LEXICAL_PREFIXES = ("w:", "w1:", "w2:", "w3:")


@dataclass(frozen=True)
class LabelledSentence:
    text: str
    start: int
    end: int
    function: str


@dataclass(frozen=True)
class LabelledTrace:
    name: str
    problem: str
    trace: str
    sentences: list[LabelledSentence]


def _locate(trace: str, text: str, position: int) -> tuple[int, int] | None:
    """Where ``text`` occurs in ``trace`` from ``position`` on (whitespace may differ)."""
    pattern = r"\s*".join(re.escape(word) for word in text.split())
    if not pattern:
        return None
    match = re.compile(pattern).search(trace, position)
    return (match.start(), match.end()) if match else None


def load_trace(path: Path) -> LabelledTrace:
    data = json.loads(path.read_text(encoding="utf-8"))
    raw = str(data["raw_output"])
    trace = raw.split(CLOSE_TAG, 1)[0]
    position = 0
    sentences: list[LabelledSentence] = []
    for item in data["sentences"]:
        tags = item.get("function") or []
        found = _locate(trace, str(item["text"]), position)
        if found is None:
            continue
        position = found[1]
        if not tags or tags[0] not in FUNCTIONS:
            continue
        sentences.append(LabelledSentence(trace[found[0] : found[1]], found[0], found[1], tags[0]))
    problem = re.search(r"problem_\w+", path.stem)
    return LabelledTrace(path.stem, problem.group(0) if problem else path.stem, trace, sentences)


def load_traces(folder: Path) -> list[LabelledTrace]:
    return [load_trace(path) for path in sorted(folder.glob("*.json"))]


def _contexts(
    trace: LabelledTrace, previous: list[str | None]
) -> Iterable[tuple[LabelledSentence, SentenceContext]]:
    history = TraceHistory()
    for i, sentence in enumerate(trace.sentences):
        prev_text = trace.sentences[i - 1].text if i else None
        paragraph = opens_paragraph(trace.trace, sentence.start)
        yield (
            sentence,
            SentenceContext(i, paragraph, previous[i], prev_text, history.features(sentence.text, paragraph)),
        )
        history.update(sentence.text, paragraph)


def _gold_previous(trace: LabelledTrace) -> list[str | None]:
    return [None, *(s.function for s in trace.sentences[:-1])]


def fit(
    traces: list[LabelledTrace],
    *,
    l2_cue: float = 3e-3,
    l2_word: float = 2e-2,
    l2_bag: float = 3e-2,
    epochs: int = 300,
    min_count: int = 2,
    class_power: float = 0.5,
    seed: int | None = None,
) -> FunctionModel:
    """Fit the logistic regression (full-batch Adam on dense features).

    ``seed``: perturb each sentence's weight by a random factor in [0.75, 1.25]. Only
    for measuring how much the held-out figures move under changes that should not
    matter (the bench's ``--spread``); the shipped model is fitted without it.
    """
    import numpy as np

    rows: list[list[str]] = []
    labels: list[int] = []
    for trace in traces:
        for sentence, context in _contexts(trace, _gold_previous(trace)):
            rows.append(sentence_features(sentence.text, context))
            labels.append(FUNCTIONS.index(sentence.function))
    counts: dict[str, int] = {}
    for feats in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, c in counts.items() if c >= min_count and f != "bias")
    column = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for r, feats in enumerate(rows):
        for f in feats:
            c = column.get(f)
            if c is not None:
                x[r, c] = 1.0
    y = np.array(labels)
    n_classes = len(FUNCTIONS)
    onehot = np.eye(n_classes, dtype=np.float32)[y]
    freq = np.bincount(y, minlength=n_classes).astype(np.float32) + 1.0
    class_weight = (freq.sum() / freq) ** class_power
    sample_weight = class_weight[y]
    if seed is not None:
        sample_weight = sample_weight * np.random.default_rng(seed).uniform(0.75, 1.25, len(y))
    sample_weight /= sample_weight.mean()
    l2 = np.array(
        [
            l2_bag if f.startswith("w:") else l2_word if f.startswith(_LEXICAL_PREFIXES) else l2_cue
            for f in vocab
        ],
        dtype=np.float32,
    )
    w = np.zeros((len(vocab), n_classes), dtype=np.float32)
    b = np.zeros(n_classes, dtype=np.float32)
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    rate, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) * sample_weight[:, None] / len(rows)
        g_w = x.T @ grad + l2[:, None] * w
        g_b = grad.sum(axis=0)
        for param, g, first, second in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
            first[...] = beta1 * first + (1 - beta1) * g
            second[...] = beta2 * second + (1 - beta2) * g * g
            corrected = first / (1 - beta1**step), second / (1 - beta2**step)
            param[...] = param - rate * corrected[0] / (np.sqrt(corrected[1]) + eps)
    weights = {
        f: tuple(round(float(v), 3) for v in w[i])
        for f, i in column.items()
        if float(np.abs(w[i]).max()) >= 0.02
    }
    return FunctionModel(FUNCTIONS, tuple(round(float(v), 3) for v in b), weights)


def predict_trace(model: FunctionModel, trace: LabelledTrace) -> list[str]:
    """Left-to-right decoding on the gold sentences of a trace (as the live labeler does)."""
    labeler = FunctionLabeler(model)
    return [
        labeler.label(s.text, opens_paragraph=opens_paragraph(trace.trace, s.start)) for s in trace.sentences
    ]


def f1_table(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Per-function F1 and their unweighted mean (``macro``)."""
    table: dict[str, float] = {}
    for label in FUNCTIONS:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        table[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    table["macro"] = sum(table[label] for label in FUNCTIONS) / len(FUNCTIONS)
    return table


def leave_one_problem_out(
    traces: list[LabelledTrace], **options: float | None
) -> tuple[list[str], list[str]]:
    """Gold and predicted functions, each problem predicted by a model trained without it."""
    gold: list[str] = []
    predicted: list[str] = []
    for problem in sorted({t.problem for t in traces}):
        model = fit([t for t in traces if t.problem != problem], **options)  # type: ignore[arg-type]
        for trace in traces:
            if trace.problem == problem:
                gold.extend(s.function for s in trace.sentences)
                predicted.extend(predict_trace(model, trace))
    return gold, predicted


def save(model: FunctionModel, path: Path = WEIGHTS_PATH) -> None:
    data = {
        "about": "Sentence-function weights; written by denkspur.core.trace.train_functions.",
        "labels": list(model.labels),
        "bias": list(model.bias),
        "weights": {k: list(v) for k, v in sorted(model.weights.items())},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of labelled trace JSON files")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    traces = load_traces(args.folder)
    model = fit(traces)
    save(model, args.out)
    print(f"{len(model.weights)} features, {sum(len(t.sentences) for t in traces)} sentences -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
