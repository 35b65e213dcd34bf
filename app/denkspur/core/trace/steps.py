"""Segmentation of a reasoning trace into steps.

R1 traces are long monologues. What makes them readable is where the model
changes course: a new paragraph, or a sentence that starts with "Wait", "Hmm",
"Alternatively", "Let me check" (and German equivalents, since the models answer in
the user's language). Each step gets a kind so the trace panel can mark
self-corrections and verifications.

Boundaries are local decisions: whether position ``p`` starts a step depends on
the whitespace before it, the character before that, and at most
:data:`LOOKAHEAD` characters after it. That is what lets :class:`StepTracker`
commit steps while the trace streams, scanning each character a bounded number of
times, and still agree exactly with :func:`segment_steps` on the finished text.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class StepKind(str, enum.Enum):
    """What a step does in the model's reasoning."""

    REASONING = "reasoning"
    SELF_CORRECTION = "self-correction"
    ALTERNATIVE = "alternative"
    VERIFICATION = "verification"
    CONCLUSION = "conclusion"


#: Markers that begin a step, by kind. Longest match wins ("But wait" over "But").
_MARKERS: dict[StepKind, tuple[str, ...]] = {
    StepKind.SELF_CORRECTION: (
        "But wait", "Wait", "Hmm", "Hm", "Actually", "Hold on", "Oops", "No, wait",
        "Oh wait", "Oh, wait", "On second thought",
        "Moment", "Warte", "Aber warte", "Nein, warte", "Hmm, nein", "Stopp",
    ),
    StepKind.ALTERNATIVE: (
        "Alternatively", "Another approach", "Another way", "Or maybe", "Maybe another",
        "Alternativ", "Ein anderer Ansatz", "Oder vielleicht", "Andererseits",
    ),
    StepKind.VERIFICATION: (
        "Let me check", "Let me verify", "Let me double-check", "Let me double check",
        "Let me confirm", "Let me recheck", "Let me re-check", "Double-checking", "To verify",
        "To double-check", "Ich prüfe", "Prüfen wir", "Überprüfen wir", "Ich überprüfe",
        "Zur Kontrolle", "Kontrollieren wir",
    ),
    StepKind.CONCLUSION: (
        "So the answer", "So the final answer", "So, the answer", "So, the final answer",
        "Therefore", "Thus", "In conclusion", "Final answer", "To summarize", "In summary",
        "Also ist die Antwort", "Die Antwort ist", "Zusammengefasst", "Zusammenfassend",
        "Somit", "Folglich",
    ),
}

_KIND_OF_MARKER = {marker: kind for kind, markers in _MARKERS.items() for marker in markers}


def _alternation(markers: list[str]) -> str:
    return "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))


# Optional markdown emphasis or list bullet before the marker, then a non-word char.
_PREFIX = r"(?:[*_>#\-]{1,3}[ \t]?)?"
_CLASSIFY_RE = re.compile(rf"{_PREFIX}(?P<marker>{_alternation(list(_KIND_OF_MARKER))})(?!\w)")
# Conclusions only name a step that starts a paragraph: "Thus" mid-paragraph is
# ordinary prose, while "Wait" mid-paragraph really is the model changing course.
_SPLITTING_MARKERS = [m for m, k in _KIND_OF_MARKER.items() if k is not StepKind.CONCLUSION]
_SPLIT_RE = re.compile(rf"{_PREFIX}(?:{_alternation(_SPLITTING_MARKERS)})(?!\w)")
_SENTENCE_END = frozenset(".!?:;)…")
_WHITESPACE_RUN = re.compile(r"\s+(?=\S)")

#: Characters after a boundary that may decide whether it is one (and its kind).
LOOKAHEAD = max(len(m) for m in _KIND_OF_MARKER) + 8


@dataclass(frozen=True)
class Step:
    """One step of a trace: ``text == trace[start:end]``."""

    index: int
    kind: StepKind
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {
            "index": self.index,
            "kind": self.kind.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


def classify_step(text: str) -> StepKind:
    """Kind of a step from its opening words."""
    match = _CLASSIFY_RE.match(text)
    return _KIND_OF_MARKER[match.group("marker")] if match else StepKind.REASONING


def _is_boundary(text: str, run_start: int, position: int) -> bool:
    """Does the non-space character at ``position`` start a step?

    ``text[run_start:position]`` is the whole whitespace run before it.
    """
    if run_start == 0:
        return False  # leading whitespace: the first step starts here anyway
    gap = text[run_start:position]
    newlines = gap.count("\n")
    if newlines >= 2:
        return True  # new paragraph
    after_sentence = newlines == 1 or text[run_start - 1] in _SENTENCE_END
    return after_sentence and _SPLIT_RE.match(text, position) is not None


def _boundaries(text: str, start: int, stable_end: int) -> list[int]:
    """Step starts in ``[start, stable_end)``; ``start`` must not split a whitespace run."""
    found: list[int] = []
    for match in _WHITESPACE_RUN.finditer(text, start):
        position = match.end()
        if position >= stable_end:
            break
        if _is_boundary(text, match.start(), position):
            found.append(position)
    return found


def _make_step(text: str, index: int, start: int, end: int) -> Step:
    body = text[start:end].rstrip()
    return Step(index, classify_step(body), start, start + len(body), body)


def segment_steps(trace: str) -> list[Step]:
    """All steps of a finished trace."""
    first = len(trace) - len(trace.lstrip())
    if first == len(trace):
        return []
    starts = [first, *_boundaries(trace, first, len(trace))]
    ends = [*starts[1:], len(trace)]
    return [_make_step(trace, i, s, e) for i, (s, e) in enumerate(zip(starts, ends, strict=True))]


class StepTracker:
    """Finds steps while the trace grows; each step is reported once, when complete."""

    def __init__(self) -> None:
        self._text = ""
        self._starts: list[int] = []
        self._scanned = 0  # boundaries before this offset are final
        self._emitted = 0

    @property
    def text(self) -> str:
        return self._text

    def extend(self, more: str) -> list[Step]:
        """Append trace text; return the steps that are now complete."""
        self._text += more
        self._discover(final=False)
        return self._complete_steps(final=False)

    def finish(self) -> list[Step]:
        """The trace ended: return the remaining steps, the last one included."""
        self._discover(final=True)
        return self._complete_steps(final=True)

    def _discover(self, *, final: bool) -> None:
        text = self._text
        if not self._starts:
            stripped = len(text) - len(text.lstrip())
            if stripped == len(text):
                return
            self._starts.append(stripped)
            self._scanned = stripped
        stable_end = len(text) if final else len(text) - LOOKAHEAD
        if stable_end <= self._scanned:
            return
        begin = self._scanned
        while begin > self._starts[-1] and text[begin - 1].isspace():
            begin -= 1  # never start inside a whitespace run
        self._starts.extend(p for p in _boundaries(text, begin, stable_end) if p > self._starts[-1])
        self._scanned = stable_end

    def _complete_steps(self, *, final: bool) -> list[Step]:
        starts = self._starts
        last = len(starts) if final else len(starts) - 1
        steps = []
        for index in range(self._emitted, last):
            end = starts[index + 1] if index + 1 < len(starts) else len(self._text)
            steps.append(_make_step(self._text, index, starts[index], end))
        self._emitted = max(self._emitted, last)
        return steps
