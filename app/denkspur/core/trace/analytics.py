"""Trace analytics: where the answer first appeared, overthinking, loops, stalls.

Definitions (documented in the README, JSON under ``stats``):

* **Final answer**: the content of the last ``\\boxed{…}`` in the answer part;
  without one, the last number in the answer (``3.14``, ``-2``, ``1/2``). None when
  the answer is empty or has neither.
* **answer_first_seen**: the first trace sentence that contains the final answer
  (numbers match whole: ``12`` is not found in ``120``; expressions match with
  spaces, ``\\left``/``\\right`` and ``\\dfrac``/``\\tfrac`` normalised).
  ``{"sentence", "offset", "token", "seconds"}``; ``token`` (trace tokens before
  the sentence ended) and ``seconds`` (since the trace opened) are null without
  timing (``trace split``).
* **tokens_after_answer**: trace tokens after that sentence ("overthinking");
  estimated from the text when the engine's counts are unknown.
* **longest_run_without_progress**: the longest run of consecutive sentences none
  of which makes progress. A sentence makes progress when it computes or states a
  result (``active_computation``, ``result_consolidation``,
  ``final_answer_emission``), contains a digit or ``=``, and does not repeat an
  earlier sentence. ``{"start", "sentences"}``.
* **loops**: sentences that (nearly) repeat an earlier one — Jaccard similarity
  of word 3-shingles ≥ :data:`REPEAT_SIMILARITY`, at least :data:`MIN_WORDS`
  words — and cycles: runs of ≥ 2 consecutive repeats whose earlier counterparts
  are consecutive too (the model walking the same path again).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from denkspur.core.trace.functions import FUNCTIONS

REPEAT_SIMILARITY = 0.8
MIN_WORDS = 6
#: Characters of a sentence its repeats are judged on. A "sentence" of megabytes
#: (no sentence end in a flood) would otherwise cost seconds; real ones are far shorter.
MAX_COMPARED_CHARS = 2_000
MAX_REPORTED = 50  # pairs and cycles listed in the JSON (counts are complete)
#: Recent sentences remembered per shingle: keeps each sentence's cost bounded on long
#: traces (common shingles like "let me check" would otherwise make it grow with the trace).
POSTINGS_PER_SHINGLE = 32

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?(?:\s*/\s*\d+)?")
_BOXED = "\\boxed{"
_PROGRESS_FUNCTIONS = frozenset({"active_computation", "result_consolidation", "final_answer_emission"})
_LATEX_NOISE = re.compile(r"\\left|\\right|\\,|\\!|\\;|\s|\$")


def _boxed_contents(text: str) -> list[str]:
    """Contents of every ``\\boxed{…}`` (braces balanced)."""
    found: list[str] = []
    position = text.find(_BOXED)
    while position >= 0:
        depth, i = 1, position + len(_BOXED)
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        if depth == 0:
            found.append(text[position + len(_BOXED) : i - 1])
        position = text.find(_BOXED, i)
    return found


def final_answer(answer: str) -> str | None:
    """The final answer of an answer text (see module docstring), or None."""
    boxed = [b.strip() for b in _boxed_contents(answer) if b.strip()]
    if boxed:
        return boxed[-1]
    numbers = _NUMBER.findall(answer)
    return numbers[-1].replace(" ", "") if numbers else None


def _normalise(text: str) -> str:
    text = text.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    return _LATEX_NOISE.sub("", text)


def answer_pattern(answer_value: str) -> re.Pattern[str]:
    """A pattern finding ``answer_value`` in normalised sentence text."""
    value = _normalise(answer_value)
    value = re.sub(r"^\\text\{(.*)\}$", r"\1", value)
    escaped = re.escape(value)
    if re.fullmatch(r"-?\d+(?:[.,]\d+)?(?:/\d+)?%?", value):
        return re.compile(rf"(?<![\d.,]){escaped}(?![\d]|[.,]\d)")
    return re.compile(escaped)


def first_mention(sentence_texts: list[str], answer_value: str) -> int | None:
    """Index of the first sentence containing the answer value."""
    pattern = answer_pattern(answer_value)
    for index, text in enumerate(sentence_texts):
        if pattern.search(_normalise(text)):
            return index
    return None


def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text, 0, MAX_COMPARED_CHARS)]
    if len(words) < MIN_WORDS:
        return frozenset()
    return frozenset(zip(words, words[1:], words[2:], strict=False))


@dataclass
class LoopDetector:
    """Live detection of repeated sentences and cycles (feed sentences in order)."""

    repeats: list[tuple[int, int]] = field(default_factory=list)  # (earlier, later)
    cycles: list[tuple[int, int, int]] = field(default_factory=list)  # (earlier start, later start, length)
    # Per sentence only its number of shingles (the index holds the shingles): a set per
    # sentence made ~100,000 objects on a flood for every garbage collection to walk.
    _sizes: list[int] = field(default_factory=list)
    # Postings as tuples of ints, which the garbage collector does not track (lists
    # would be one tracked object per distinct shingle: tens of thousands).
    _index: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)
    _earlier_of: dict[int, int] = field(default_factory=dict)
    _run: tuple[int, int, int] | None = None  # the cycle being extended

    def add(self, text: str) -> int | None:
        """Record the next sentence; return the index of the earlier one it repeats."""
        index = len(self._sizes)
        shingles = _shingles(text)
        self._sizes.append(len(shingles))
        earlier = self._most_similar(shingles) if shingles else None
        for shingle in shingles:
            self._index[shingle] = (*self._index.get(shingle, ())[1 - POSTINGS_PER_SHINGLE :], index)
        if earlier is None:
            self._run = None
            return None
        self.repeats.append((earlier, index))
        self._earlier_of[index] = earlier
        self._extend_cycle(earlier, index)
        return earlier

    def _most_similar(self, shingles: frozenset[tuple[str, ...]]) -> int | None:
        index = self._index
        overlap = Counter(chain.from_iterable(index.get(shingle, ()) for shingle in shingles))
        # Jaccard >= REPEAT_SIMILARITY needs shared >= REPEAT_SIMILARITY * len(shingles) (the
        # candidate has at least the shared shingles): only those are scored. A flood's common
        # shingles bring ~1,000 candidates a sentence, and scoring each in Python was a third
        # of the check. (Slightly below the bound: a prefilter, the exact test follows.)
        need = REPEAT_SIMILARITY * len(shingles) - 1e-9
        best, best_score = None, REPEAT_SIMILARITY
        for candidate, shared in [item for item in overlap.items() if item[1] >= need]:
            score = shared / (len(shingles) + self._sizes[candidate] - shared)
            if score >= best_score:
                best, best_score = candidate, score
        return best

    def _extend_cycle(self, earlier: int, index: int) -> None:
        previous = self._earlier_of.get(index - 1)
        if previous is not None and previous == earlier - 1 and self._run is not None:
            start_a, start_b, length = self._run
            self._run = (start_a, start_b, length + 1)
            if length + 1 == 2:
                self.cycles.append(self._run)
            else:
                self.cycles[-1] = self._run
        else:
            self._run = (earlier, index, 1)

    def going_in_circles(self, window: int = 20) -> bool:
        """Live hint ("use Answer now"): among the last ``window`` sentences, a cycle or 3+ repeats."""
        latest = len(self._sizes) - window
        # Both lists grow in the order of their later sentence: read from the end, and stop at
        # the first that is older than the window (counting all of them took 5 ms a turn late in
        # a flood, where nearly every sentence repeats one before it).
        for seen, (_earlier, later) in enumerate(reversed(self.repeats), start=1):
            if later < latest:
                break
            if seen >= 3:
                return True
        if not self.cycles:
            return False
        _start, again, length = self.cycles[-1]  # cycles never overlap: the last one ends last
        return again + length - 1 >= latest

    @property
    def repeated(self) -> set[int]:
        return {later for _, later in self.repeats}

    def to_dict(self) -> dict[str, object]:
        return {
            "repeated_sentences": len(self.repeats),
            "pairs": [list(pair) for pair in self.repeats[:MAX_REPORTED]],
            "cycles": [{"first": a, "again": b, "sentences": n} for a, b, n in self.cycles[:MAX_REPORTED]],
        }


def longest_run_without_progress(
    functions: list[str], texts: list[str], repeated: set[int]
) -> dict[str, int] | None:
    """The longest run of sentences that make no progress (see module docstring)."""
    if not functions:
        return None
    best_start, best_length, start, length = 0, 0, 0, 0
    for index, (function, text) in enumerate(zip(functions, texts, strict=True)):
        progress = (
            function in _PROGRESS_FUNCTIONS
            and index not in repeated
            and any(c.isdigit() or c == "=" for c in text)
        )
        if progress:
            length = 0
            continue
        if length == 0:
            start = index
        length += 1
        if length > best_length:
            best_start, best_length = start, length
    return {"start": best_start, "sentences": best_length}


def function_counts(functions: list[str]) -> dict[str, int]:
    counts = Counter(functions)
    return {name: counts.get(name, 0) for name in FUNCTIONS}
