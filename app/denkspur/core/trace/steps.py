"""Segmentation of a reasoning trace into steps, derived from its sentences.

R1 traces are long monologues. What makes them readable is where the model
changes course. Every sentence gets a reasoning function (``functions``); a step
is a run of sentences, and a new one starts

* at a paragraph break,
* at a step marker ("Wait", "Hmm", "Alternatively", "Let me check", "Moment",
  "Ich prüfe" …, see ``markers``), or
* where the function turns to doubt, checking or the final answer
  (``uncertainty_management``, ``self_checking``, ``final_answer_emission``).

A step's kind comes from its opening marker when it has one, otherwise from its
first sentence's function (doubt -> self-correction, checking -> verification,
consolidation and final answer -> conclusion, the rest -> reasoning).

Sentences are final as soon as the text after them decides their end, and a
sentence's function and step depend only on what came before, so
:class:`StepTracker` reports sentences live, each step once it is complete, and
agrees exactly with :func:`segment_steps` on the finished text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from denkspur.core.trace.functions import FunctionLabeler, FunctionModel, ReasoningFunction, opens_paragraph
from denkspur.core.trace.markers import CLASSIFY_RE, KIND_OF_MARKER, STEP_MARKER_RE
from denkspur.core.trace.records import Packed, PlainRecords
from denkspur.core.trace.sentences import SentenceSpan, SentenceTracker
from denkspur.core.trace.step_kind import StepKind

__all__ = ["FEED_PIECE", "Sentence", "Step", "StepKind", "StepTracker", "Taken", "classify_step",
           "segment_steps", "step_kind_of"]

_KIND_OF_FUNCTION = {
    ReasoningFunction.UNCERTAINTY_MANAGEMENT.value: StepKind.SELF_CORRECTION,
    ReasoningFunction.SELF_CHECKING.value: StepKind.VERIFICATION,
    ReasoningFunction.RESULT_CONSOLIDATION.value: StepKind.CONCLUSION,
    ReasoningFunction.FINAL_ANSWER_EMISSION.value: StepKind.CONCLUSION,
}
#: Functions whose start opens a new step even without a marker or paragraph.
_STEP_OPENING_FUNCTIONS = frozenset(
    {
        ReasoningFunction.UNCERTAINTY_MANAGEMENT.value,
        ReasoningFunction.SELF_CHECKING.value,
        ReasoningFunction.FINAL_ANSWER_EMISSION.value,
    }
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a trace (``trace[start:end]``), its function and its step."""

    index: int
    start: int
    end: int
    function: str
    step: int

    def to_dict(self) -> dict[str, object]:
        return {"index": self.index, "start": self.start, "end": self.end, "function": self.function,
                "step": self.step}


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
    """Kind of a step from its opening words (``REASONING`` when it has no marker)."""
    match = CLASSIFY_RE.match(text)
    return KIND_OF_MARKER[match.group("marker")] if match else StepKind.REASONING


def step_kind_of(text: str, function: str) -> StepKind:
    """Kind of a step from its first sentence (its text and function): the marker first, else the
    function. Known as soon as that sentence is, so a view can mark a step before it is complete."""
    match = CLASSIFY_RE.match(text)
    if match:
        return KIND_OF_MARKER[match.group("marker")]
    return _KIND_OF_FUNCTION.get(function, StepKind.REASONING)


def pack_sentence(sentence: Sentence) -> Packed:
    """A sentence as a plain tuple, which the garbage collector does not track (see records)."""
    return (sentence.index, sentence.start, sentence.end, str(sentence.function), sentence.step)


def unpack_sentence(row: Packed) -> Sentence:
    return Sentence(*row)  # type: ignore[arg-type]


def sentence_log() -> PlainRecords[Sentence]:
    """Sentences kept as plain tuples (see :mod:`denkspur.core.trace.records`)."""
    return PlainRecords(pack_sentence, unpack_sentence)


def pack_step(step: Step) -> Packed:
    """A step as a plain tuple, which the garbage collector does not track (see records)."""
    return (step.index, step.kind.value, step.start, step.end, step.text)


def unpack_step(row: Packed) -> Step:
    index, kind, start, end, text = row
    return Step(int(index), StepKind(kind), int(start), int(end), str(text))  # type: ignore[call-overload]


def step_log() -> PlainRecords[Step]:
    """Steps kept as plain tuples (see :mod:`denkspur.core.trace.records`)."""
    return PlainRecords(pack_step, unpack_step)


#: Characters of trace fed to the sentence scanner at a time. One regex call may scan all the
#: text it is given (a megabyte without a sentence end is one call): it holds the GIL, and
#: the GUI thread waits, for as long as that takes. In pieces, the interpreter can switch
#: threads between them; the results do not depend on the cut (sentences are decided locally).
FEED_PIECE = 8192


class Taken(NamedTuple):
    """What one :meth:`StepTracker.feed_texts` (or ``close_texts``) completed."""

    sentences: list[Sentence]
    #: The sentences' texts (``trace[start:end]``), in the same order.
    texts: list[str]
    steps: list[Step]


class StepTracker:
    """Sentences, their functions and steps while the trace grows.

    :meth:`feed` returns the sentences that became final and the steps that
    became complete; :meth:`extend` is the steps-only form. Text is scanned in
    pieces of :data:`FEED_PIECE` characters, and the work per piece does not grow
    with the trace (see :class:`SentenceTracker`).
    """

    def __init__(self, model: FunctionModel | None = None) -> None:
        self._sentences = SentenceTracker()
        self._labeler = FunctionLabeler(model)
        self._previous_function: str | None = None
        self._step_start: int | None = None  # offset of the open step
        self._step_parts: list[str] = []  # the open step's text so far
        self._step_kind = StepKind.REASONING
        self._step_end = 0
        self._step_index = -1
        self.sentences: PlainRecords[Sentence] = sentence_log()

    @property
    def text(self) -> str:
        """The whole trace (joined when read: use :attr:`length` for its length)."""
        return self._sentences.text

    @property
    def length(self) -> int:
        return self._sentences.length

    def feed(self, more: str) -> tuple[list[Sentence], list[Step]]:
        """Append trace text; return the new sentences and the newly complete steps."""
        taken = self.feed_texts(more)
        return taken.sentences, taken.steps

    def close(self) -> tuple[list[Sentence], list[Step]]:
        """The trace ended: the remaining sentences, and every step still open."""
        taken = self.close_texts()
        return taken.sentences, taken.steps

    def feed_texts(self, more: str) -> Taken:
        """:meth:`feed`, with the new sentences' texts."""
        taken = Taken([], [], [])
        for at in range(0, max(len(more), 1), FEED_PIECE):
            piece = more[at : at + FEED_PIECE] if len(more) > FEED_PIECE else more
            self._take(self._sentences.extend(piece), taken, final=False)
        return taken

    def close_texts(self) -> Taken:
        """:meth:`close`, with the remaining sentences' texts."""
        taken = Taken([], [], [])
        self._take(self._sentences.finish(), taken, final=True)
        return taken

    def extend(self, more: str) -> list[Step]:
        return self.feed(more)[1]

    def finish(self) -> list[Step]:
        return self.close()[1]

    def _take(self, spans: list[SentenceSpan], taken: Taken, *, final: bool) -> None:
        text, base = self._sentences.window, self._sentences.base  # holds the spans (and before)
        sentences: list[Sentence] = []
        for span in spans:
            body = text[span.start - base : span.end - base]
            paragraph = opens_paragraph(text, span.start - base)  # base > 0: text[0] ends a sentence
            function = self._labeler.label(body, opens_paragraph=paragraph)
            if self._opens_step(text, span.start - base, paragraph, function):
                if self._step_start is not None:
                    taken.steps.append(self._close_step())
                self._step_index += 1
                self._step_start = span.start
                self._step_parts = [body]
                self._step_kind = step_kind_of(body, function)
            else:  # the whitespace since the step's last sentence, then this one
                self._step_parts.append(text[self._step_end - base : span.end - base])
            self._step_end = span.end
            self._previous_function = function
            sentences.append(Sentence(span.index, span.start, span.end, function, self._step_index))
            taken.texts.append(body)
        if final and self._step_start is not None:
            taken.steps.append(self._close_step())
            self._step_start = None
        self.sentences.extend(sentences)
        taken.sentences.extend(sentences)

    def _opens_step(self, text: str, start: int, paragraph: bool, function: str) -> bool:
        if self._step_start is None or paragraph or STEP_MARKER_RE.match(text, start):
            return True
        return function in _STEP_OPENING_FUNCTIONS and function != self._previous_function

    def _close_step(self) -> Step:
        start = self._step_start or 0
        text = "".join(self._step_parts)
        self._step_parts = []
        return Step(self._step_index, self._step_kind, start, self._step_end, text)


def segment_steps(trace: str) -> list[Step]:
    """All steps of a finished trace."""
    tracker = StepTracker()
    return [*tracker.extend(trace), *tracker.finish()]
