"""The reasoning function of each trace sentence, live.

Taxonomy from the Thought Anchors work (Bogdan et al. 2025). A small linear
model (multinomial logistic regression over the features in
``function_features``) scores the eight functions; decoding is left to right, each
sentence seeing the function given to the one before, so a sentence's function
is final the moment the sentence is, and streaming equals batch.

The weights ship as ``function_weights.json`` next to this module, written by
``train_functions`` from labelled traces (no sentences are stored in it, only
feature names and weights). Scoring a sentence is a few dozen regex searches and
dictionary lookups: well under a millisecond.
"""

from __future__ import annotations

import enum
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from denkspur.core.trace.function_features import SentenceContext, TraceHistory, sentence_features

WEIGHTS_PATH = Path(__file__).with_name("function_weights.json")
#: The most characters of one sentence its features look at: its start and its end, half each.
#: Only a sentence with thousands of characters and no space in them is longer (the splitter
#: cuts a sentence at the first whitespace after 2 x ``MAX_SENTENCE_CHARS``); the features'
#: few dozen regexes over all of a 5 MB line took ~1.5 s, each holding the GIL for ~50 ms
#: while the GUI thread waited (the labeler runs on the engine thread as the reply streams).
LABELED_CHARS = 8_000


class ReasoningFunction(str, enum.Enum):
    """What a sentence does in the model's reasoning."""

    PROBLEM_SETUP = "problem_setup"
    PLAN_GENERATION = "plan_generation"
    FACT_RETRIEVAL = "fact_retrieval"
    ACTIVE_COMPUTATION = "active_computation"
    UNCERTAINTY_MANAGEMENT = "uncertainty_management"
    SELF_CHECKING = "self_checking"
    RESULT_CONSOLIDATION = "result_consolidation"
    FINAL_ANSWER_EMISSION = "final_answer_emission"


FUNCTIONS: tuple[str, ...] = tuple(f.value for f in ReasoningFunction)


@dataclass(frozen=True)
class FunctionModel:
    """Linear scores per function: ``bias + sum(weights[feature])``."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> FunctionModel:
        labels = tuple(str(label) for label in data["labels"])  # type: ignore[attr-defined]
        bias = tuple(float(b) for b in data["bias"])  # type: ignore[attr-defined]
        raw = data["weights"]
        if not isinstance(raw, dict) or len(bias) != len(labels):
            raise ValueError("malformed function weights")
        weights = {str(k): tuple(float(x) for x in v) for k, v in raw.items()}
        if any(len(v) != len(labels) for v in weights.values()):
            raise ValueError("malformed function weights")
        return cls(labels, bias, weights)

    def scores(self, features: list[str]) -> list[float]:
        total = list(self.bias)
        for name in features:
            row = self.weights.get(name)
            if row is not None:
                for i, value in enumerate(row):
                    total[i] += value
        return total

    def predict(self, features: list[str]) -> str:
        scores = self.scores(features)
        return self.labels[max(range(len(scores)), key=scores.__getitem__)]

    def probabilities(self, features: list[str]) -> list[float]:
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        norm = sum(exps)
        return [e / norm for e in exps]


@lru_cache(maxsize=1)
def default_model() -> FunctionModel:
    """The shipped model (loaded once)."""
    return FunctionModel.from_dict(json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")))


class FunctionLabeler:
    """Gives each sentence of one trace its function, in order."""

    def __init__(self, model: FunctionModel | None = None) -> None:
        self._model = model or default_model()
        self._previous_function: str | None = None
        self._previous_text: str | None = None
        self._history = TraceHistory()
        self._index = 0

    def label(self, text: str, *, opens_paragraph: bool) -> str:
        """The function of the next sentence (``text`` without surrounding whitespace)."""
        if len(text) > LABELED_CHARS:
            text = text[: LABELED_CHARS // 2] + text[-LABELED_CHARS // 2 :]
        history = self._history.features(text, opens_paragraph)
        context = SentenceContext(
            self._index, opens_paragraph, self._previous_function, self._previous_text, history
        )
        function = self._model.predict(sentence_features(text, context))
        self._history.update(text, opens_paragraph)
        self._previous_function, self._previous_text = function, text
        self._index += 1
        return function


def opens_paragraph(trace: str, start: int) -> bool:
    """Is the sentence at ``start`` the first of a paragraph (or of the trace)?"""
    i = start
    while i > 0 and trace[i - 1].isspace():
        i -= 1
    return i == 0 or trace.count("\n", i, start) >= 2


def label_texts(
    texts: list[str], paragraph_starts: list[bool], model: FunctionModel | None = None
) -> list[str]:
    """Functions of a whole sequence of sentences (batch form of :class:`FunctionLabeler`)."""
    labeler = FunctionLabeler(model)
    return [labeler.label(t, opens_paragraph=p) for t, p in zip(texts, paragraph_starts, strict=True)]
