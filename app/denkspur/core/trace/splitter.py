"""Streaming split of a reasoning model's output into *trace* and *answer*.

DeepSeek-R1 and its distills write their chain of thought between ``<think>`` and
``</think>`` and the answer after it. Tokens arrive one at a time, so a tag may be
split over several chunks (``"</th"`` + ``"ink>"``). The splitter emits text the
moment it is certain which side it belongs to and holds back at most a possible
partial tag (never more than ``len(tag) - 1`` characters), so nothing of a tag ever
flashes into the answer and the trace panel stays live.

Rules (the "why" of each is model behaviour, not taste):

* ``assume_open=True``: the chat template already ended the prompt with
  ``<think>\\n`` (current R1 distill templates do), so output starts *inside* the
  trace. A redundant leading ``<think>`` is swallowed anyway.
* ``plain=True``: a model that does not reason; every character is answer text,
  tags included (it cannot open a trace, so a ``<think>`` it writes is text).
* ``assume_open=False``: text before the first ``<think>`` is answer text (some
  models say something first); the trace starts at the tag. A model that never
  opens a trace produces only an answer.
* Only the first think block is the trace. After ``</think>`` a literal ``<think>``
  (say in a code sample) is plain answer text.
* A missing ``</think>`` (stopped, out of tokens) leaves an *open* trace: the result
  is flagged ``finished=False`` and the answer stays empty.
* ``tentative_open=True`` (with ``assume_open``): the template *probably* opened the
  trace (a server's model is named like a reasoning model), but nothing says so
  for sure. Output streams live as trace, as assumed, until the stream decides: a
  ``<think>`` at the start or a ``</think>`` confirms the trace; a reply that
  completes without either never was one, so :meth:`finish` files all of it as
  the answer (:attr:`ReasoningSplitter.withdrawn` tells consumers to drop what they
  showed as trace). A reply cut short (stopped, out of tokens) keeps the guess.
* Leading whitespace of trace and answer is dropped as it streams, trailing
  whitespace when the result is read; both are independent of chunking.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

OPEN_TAG = "<think>"
CLOSE_TAG = "</think>"


class Section(str, enum.Enum):
    """Where a piece of model output belongs."""

    TRACE = "trace"
    ANSWER = "answer"


class TraceState(str, enum.Enum):
    """How far the trace got: never opened, still open, or closed."""

    NONE = "none"
    OPEN = "open"
    CLOSED = "closed"


class _Phase(enum.Enum):
    EXPECT_OPEN = "expect-open"  # before the trace; text here is answer
    LEADING_OPEN = "leading-open"  # prompt opened the trace; swallow a redundant <think>
    TRACE = "trace"
    ANSWER = "answer"


@dataclass(frozen=True)
class Delta:
    """A piece of text that is now certain to belong to ``section``."""

    section: Section
    text: str


def partial_tag_length(text: str, tag: str) -> int:
    """Length of the longest suffix of ``text`` that is a proper prefix of ``tag``."""
    for length in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:length]):
            return length
    return 0


class ReasoningSplitter:
    """Incremental trace/answer splitter; feed chunks, then call :meth:`finish`."""

    def __init__(self, *, assume_open: bool = False, tentative_open: bool = False,
                 plain: bool = False) -> None:
        opened = (assume_open or tentative_open) and not plain
        self._phase = (_Phase.ANSWER if plain else
                       _Phase.LEADING_OPEN if opened else _Phase.EXPECT_OPEN)
        self._state = TraceState.OPEN if opened else TraceState.NONE
        self._tentative = tentative_open and not plain
        self.withdrawn = False  # the tentative trace turned out to be the answer
        self._pending = ""
        self._trace: list[str] = []
        self._answer: list[str] = []
        self._trace_started = False
        self._answer_started = False

    # -- reading ---------------------------------------------------------------
    @property
    def trace(self) -> str:
        return "".join(self._trace).rstrip()

    @property
    def answer(self) -> str:
        return "".join(self._answer).rstrip()

    @property
    def state(self) -> TraceState:
        return self._state

    @property
    def finished(self) -> bool:
        """True unless a trace was opened and never closed."""
        return self._state is not TraceState.OPEN

    @property
    def in_trace(self) -> bool:
        """True while output is (or, with ``assume_open``, will be) trace text."""
        return self._phase in (_Phase.TRACE, _Phase.LEADING_OPEN)

    @property
    def held_back(self) -> int:
        """Characters received but not yet emitted (a possible partial tag)."""
        return len(self._pending)

    # -- feeding ---------------------------------------------------------------
    def feed(self, chunk: str) -> list[Delta]:
        """Consume one chunk of model output; return the text now known for sure."""
        self._pending += chunk
        out: list[Delta] = []
        while self._step(out):
            pass
        return out

    def finish(self, *, complete: bool = True) -> list[Delta]:
        """End of output: whatever is held back is literal text of the current side.

        ``complete``: the model ended its reply by itself (not stopped or cut off);
        only then does a tentative trace that never closed become the answer.
        """
        out: list[Delta] = []
        rest, self._pending = self._pending, ""
        if self._tentative and complete and self._phase in (_Phase.LEADING_OPEN, _Phase.TRACE):
            return self._withdraw_trace(rest)
        if self._phase is _Phase.EXPECT_OPEN:
            self._emit(Section.ANSWER, rest, out)
        elif self._phase in (_Phase.LEADING_OPEN, _Phase.TRACE):
            self._phase = _Phase.TRACE
            self._emit(Section.TRACE, rest, out)
        else:
            self._emit(Section.ANSWER, rest, out)
        return out

    # -- internals -------------------------------------------------------------
    def _withdraw_trace(self, rest: str) -> list[Delta]:
        """The tentative trace was the answer all along: file all of it there."""
        text = "".join(self._trace) + rest
        self._trace, self._trace_started = [], False
        self._phase, self._state, self._tentative = _Phase.ANSWER, TraceState.NONE, False
        self.withdrawn = True
        out: list[Delta] = []
        self._emit(Section.ANSWER, text, out)
        return out

    def _step(self, out: list[Delta]) -> bool:
        """Advance the state machine once; True when it should run again."""
        phase = self._phase
        if phase is _Phase.EXPECT_OPEN:
            return self._scan_for(OPEN_TAG, Section.ANSWER, _Phase.TRACE, TraceState.OPEN, out)
        if phase is _Phase.TRACE:
            return self._scan_for(CLOSE_TAG, Section.TRACE, _Phase.ANSWER, TraceState.CLOSED, out)
        if phase is _Phase.LEADING_OPEN:
            return self._swallow_leading_open()
        self._emit(Section.ANSWER, self._pending, out)
        self._pending = ""
        return False

    def _scan_for(
        self,
        tag: str,
        section: Section,
        next_phase: _Phase,
        next_state: TraceState,
        out: list[Delta],
    ) -> bool:
        index = self._pending.find(tag)
        if index >= 0:
            self._emit(section, self._pending[:index], out)
            self._pending = self._pending[index + len(tag) :]
            self._phase, self._state = next_phase, next_state
            self._tentative = False  # a tag in the stream decides
            return True
        keep = partial_tag_length(self._pending, tag)
        cut = len(self._pending) - keep
        self._emit(section, self._pending[:cut], out)
        self._pending = self._pending[cut:]
        return False

    def _swallow_leading_open(self) -> bool:
        stripped = self._pending.lstrip()
        if not stripped:
            # Leading whitespace of the trace is dropped anyway; nothing to hold.
            self._pending = ""
            return False
        if stripped.startswith(OPEN_TAG):
            self._pending = stripped[len(OPEN_TAG) :]
            self._phase = _Phase.TRACE
            self._tentative = False  # the model opened the trace itself
            return True
        if OPEN_TAG.startswith(stripped):
            self._pending = stripped  # could still become "<think>"
            return False
        self._pending = stripped
        self._phase = _Phase.TRACE
        return True

    def _emit(self, section: Section, text: str, out: list[Delta]) -> None:
        if section is Section.TRACE:
            if not self._trace_started:
                text = text.lstrip()
                self._trace_started = bool(text)
            target = self._trace
        else:
            if not self._answer_started:
                text = text.lstrip()
                self._answer_started = bool(text)
            target = self._answer
        if text:
            target.append(text)
            out.append(Delta(section, text))


def strip_trace(content: str) -> str:
    """The answer part of a stored assistant message (its trace removed).

    DeepSeek recommends not feeding earlier reasoning back to the model; history
    sent to the engine goes through this.
    """
    splitter = ReasoningSplitter(assume_open=CLOSE_TAG in content and OPEN_TAG not in content)
    splitter.feed(content)
    splitter.finish()
    return splitter.answer
