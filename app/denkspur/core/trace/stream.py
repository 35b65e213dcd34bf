"""One generation's output, as it streams: splitter + step tracker + statistics.

:class:`ReasoningStream` is what the CLI, the GUI and the bench feed with the
engine's token chunks. It turns them into events (trace text, answer text, a
completed step, a finished sentence with its reasoning function, the trace
closing) and finally a :class:`ReasoningResult` with the trace analytics
(``analytics``) among its statistics.
"""

from __future__ import annotations

import bisect
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from denkspur.core.trace.analytics import (
    LoopDetector,
    final_answer,
    first_mention,
    function_counts,
    longest_run_without_progress,
)
from denkspur.core.trace.settle import AnswerSettled
from denkspur.core.trace.signals import SignalColumns, TokenSignal, summarize
from denkspur.core.trace.splitter import CLOSE_TAG, OPEN_TAG, Delta, ReasoningSplitter, Section, TraceState
from denkspur.core.trace.steps import Sentence, Step, StepKind, StepTracker, Taken, step_log
from denkspur.core.trace.tokens import estimate_tokens

Clock = Callable[[], float]


@dataclass(frozen=True)
class TraceText:
    text: str
    #: Trace tokens so far, this text included (0 when the source counts no tokens).
    #: The engine sends tokens in batches, so counting events would undercount.
    trace_tokens: int = 0
    #: With signals: the tokens this text shows (see :meth:`ReasoningStream.feed`).
    tokens: tuple[TokenSignal, ...] = ()


@dataclass(frozen=True)
class AnswerText:
    text: str
    tokens: tuple[TokenSignal, ...] = ()


@dataclass(frozen=True)
class StepDone:
    step: Step


@dataclass(frozen=True)
class SentenceDone:
    """A sentence of the trace is final: its offsets, function and step index, and its text."""

    sentence: Sentence
    text: str


@dataclass(frozen=True)
class TraceClosed:
    thinking_seconds: float | None


@dataclass(frozen=True)
class ProvisionalAnswer:
    """"What would it answer now?": a side answer with the thinking closed early."""

    text: str
    trace_tokens: int


@dataclass(frozen=True)
class Intervention:
    """Trace text not written by the model: who wrote it, and where it sits in the trace.

    ``kind`` is ``prefix`` (an earlier version's trace, continued by a branch),
    ``user`` (a note the user inserted to steer), ``answer-now`` or ``budget``
    (the bridge that ended the thinking, and why) or ``think-longer`` (the cue that
    replaced the model's end of thinking).
    """

    start: int
    end: int
    kind: str

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "kind": self.kind}



@dataclass(frozen=True)
class TraceWithdrawn:
    """What was shown as trace was the answer (a trace only assumed open never closed).

    Consumers drop the trace text and steps they showed; the text follows as
    :class:`AnswerText`. Only streams made with ``tentative_open`` send it, at the end.
    """


StreamEvent = (
    TraceText | AnswerText | StepDone | SentenceDone | TraceClosed | TraceWithdrawn | ProvisionalAnswer
    | AnswerSettled
)

@dataclass
class GenerationStats:
    """Figures shown beside a trace; ``None`` where they cannot be known."""

    trace_tokens: int = 0
    answer_tokens: int = 0
    prompt_tokens: int | None = None
    token_counts: str = "exact"  # "exact" (from the engine) or "estimated" (from text)
    thinking_seconds: float | None = None
    total_seconds: float | None = None
    time_to_first_token: float | None = None
    tokens_per_second: float | None = None
    steps: int = 0
    self_corrections: int = 0
    functions: dict[str, int] = field(default_factory=dict)
    answer_first_seen: dict[str, object] | None = None
    tokens_after_answer: int | None = None
    longest_run_without_progress: dict[str, int] | None = None
    loops: dict[str, object] = field(default_factory=lambda: LoopDetector().to_dict())
    #: Of the counts above, the tokens an earlier version wrote, which this one continues
    #: (already in the context as prompt tokens; not a stats key of its own).
    carried_tokens: int = 0

    @property
    def completion_tokens(self) -> int:
        return self.trace_tokens + self.answer_tokens

    def to_dict(self) -> dict[str, object]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "trace_tokens": self.trace_tokens,
            "answer_tokens": self.answer_tokens,
            "completion_tokens": self.completion_tokens,
            "prompt_tokens": self.prompt_tokens,
            "token_counts": self.token_counts,
            "thinking_seconds": rounded(self.thinking_seconds),
            "total_seconds": rounded(self.total_seconds),
            "time_to_first_token": rounded(self.time_to_first_token),
            "tokens_per_second": rounded(self.tokens_per_second),
            "steps": self.steps,
            "self_corrections": self.self_corrections,
            "functions": self.functions,
            "answer_first_seen": self.answer_first_seen,
            "tokens_after_answer": self.tokens_after_answer,
            "longest_run_without_progress": self.longest_run_without_progress,
            "loops": self.loops,
        }


@dataclass
class ReasoningResult:
    """A finished (or stopped) generation, split and segmented."""

    trace: str
    answer: str
    trace_state: TraceState
    steps: list[Step]
    stats: GenerationStats
    sentences: list[Sentence] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)
    interventions: list[Intervention] = field(default_factory=list)
    #: Per-token signals when they were asked for (empty otherwise), in order: the first
    #: ``trace_signal_count`` went with trace text, the rest with the answer (or showed nowhere).
    signals: list[TokenSignal] = field(default_factory=list)
    trace_signal_count: int = 0
    #: Signals were asked for but the backend sent none (a server without logprobs).
    signals_missing: bool = False
    #: With "probe every N sentences": ``answer_settled`` and ``probes`` (see ``settle``), for the stats.
    settle: dict[str, object] | None = None

    def stats_dict(self) -> dict[str, object]:
        """The statistics, with the signal summary when there are signals (the ``done`` stats)."""
        stats = self.stats.to_dict()
        if self.signals:
            stats.update(summarize(self.signals).to_dict())
        elif self.signals_missing:
            stats["signals"] = "unavailable"
        if self.settle is not None:
            stats.update(self.settle)
        return stats

    @property
    def finished(self) -> bool:
        return self.trace_state is not TraceState.OPEN

    def to_dict(self) -> dict[str, object]:
        return {
            "trace": self.trace,
            "answer": self.answer,
            "finished": self.finished,
            "trace_state": self.trace_state.value,
            "steps": [step.to_dict() for step in self.steps],
            "sentences": [sentence.to_dict() for sentence in self.sentences],
            "stats": self.stats_dict(),
            **({"interventions": [i.to_dict() for i in self.interventions]} if self.interventions else {}),
        }


class ReasoningStream:
    """Feed token chunks; get events; :meth:`finish` gives the result.

    ``clock`` is injectable so tests control time. Thinking time runs from the
    moment the trace opened (stream creation when the prompt opened it) to the
    chunk that closed it; throughput counts tokens after the first one over the
    time since it arrived, so prompt processing does not dilute it.
    """

    def __init__(self, *, assume_open: bool, tentative_open: bool = False,
                 clock: Clock = time.monotonic, plain: bool = False) -> None:
        self._clock = clock
        if plain:  # a model that does not think: nothing is trace, assumed or tentative
            assume_open = tentative_open = False
        self._splitter = ReasoningSplitter(assume_open=assume_open, tentative_open=tentative_open,
                                           plain=plain)
        assume_open = assume_open or tentative_open
        self._tracker = StepTracker()
        self._steps = step_log()
        self.loops = LoopDetector()
        # (trace characters so far, trace tokens so far, seconds) after each chunk: token and
        # time of any trace offset, for ``answer_first_seen``.
        self._checkpoints: list[tuple[int, int, float]] = []
        self._stats = GenerationStats()
        self._counted_tokens = False
        self._started = clock()
        self._trace_opened_at: float | None = self._started if assume_open else None
        self._first_token_at: float | None = None
        self._last_token_at: float | None = None
        self._tokens_seen = 0
        self._flushed = False
        self._ended_at = self._started
        self._trace_chars = 0
        self._interventions: list[Intervention] = []
        # Every token's record until the result is made: as columns, which the garbage
        # collector does not walk (a flood holds hundreds of thousands; see SignalColumns).
        self._signals = SignalColumns()
        self._pending: list[TokenSignal] = []  # signals whose text no event has shown yet
        self._trace_signals = 0
        self._signals_missing = False
        self._carried = (0, 0)  # trace and answer tokens of an earlier version this one continues
        self._carried_seconds = 0.0

    def carry_over(self, trace_tokens: int, answer_tokens: int, thinking_seconds: float | None) -> None:
        """The text fed so far (with no token counts) is an earlier version's, which this reply
        continues ("Continue" after a stop): its tokens count, and its thinking time adds to
        this one's, so that the figures describe the whole trace shown, not only what follows."""
        self._carried = (trace_tokens, answer_tokens)
        self._carried_seconds = thinking_seconds or 0.0
        self._stats.trace_tokens += trace_tokens
        self._stats.answer_tokens += answer_tokens
        self._stats.carried_tokens = trace_tokens + answer_tokens
        self._checkpoints.append((self._tracker.length, self._stats.trace_tokens, self._carried_seconds))
        if self._splitter.state is TraceState.CLOSED:  # it had thought to the end already
            self._stats.thinking_seconds = thinking_seconds

    def feed(self, chunk: str, tokens: int = 1, origin: str = "model",
             signals: tuple[TokenSignal, ...] | None = None) -> list[StreamEvent]:
        """Consume ``chunk`` (``tokens`` tokens of output; 0 when unknown).

        ``origin`` other than ``model`` marks the trace text of this chunk as an
        :class:`Intervention` of that kind. ``signals``: one record per token of the
        chunk. A token goes with the first trace/answer event that shows any of its
        text, so a token that straddles ``</think>`` ("ing.</think>") counts as trace;
        a token whose text shows nowhere yet (a tag alone, with whitespace around
        it, or text the splitter holds back) goes with the next event shown.
        """
        if signals is not None and not signals:  # asked for, none given
            self._signals_missing = True
        if signals:
            # Token by token only where a tag may start or end (the only place where the tokens
            # of one chunk can fall on two sides); elsewhere the chunk's first text event shows
            # all of them, and feeding it whole costs half as much.
            if len(signals) > 1 and ("<" in chunk or self._splitter.held_back) \
                    and "".join(s.text for s in signals) == chunk:
                return [event for signal in signals for event in self.feed(signal.text, 1, origin, (signal,))]
            self._pending.extend(signals)
            events = self.feed(chunk, tokens, origin)
            if _only_a_tag(chunk):  # "</think>" shows nowhere: its record goes with the next text
                return events
            return self._attach(events)
        if origin != "model":
            start = self._trace_chars
            events = self.feed(chunk, tokens)
            self._interventions.append(Intervention(start, self._trace_chars, origin))
            return events
        now = self._clock()
        if tokens:
            self._counted_tokens = True
            self._tokens_seen += tokens
            if self._first_token_at is None:
                self._first_token_at = now
            self._last_token_at = now
        state_before = self._splitter.state
        was_in_trace = self._splitter.in_trace
        deltas = self._splitter.feed(chunk)
        state_after = self._splitter.state
        if state_before is TraceState.NONE and state_after is not TraceState.NONE:
            self._trace_opened_at = now
        if tokens:
            in_trace = was_in_trace or (state_before is TraceState.NONE and self._splitter.in_trace)
            if in_trace:
                self._stats.trace_tokens += tokens
            else:
                self._stats.answer_tokens += tokens
        events = self._convert(deltas)  # after the counts: trace text carries the running count
        if tokens and self._trace_opened_at is not None:
            self._checkpoints.append((self._tracker.length, self._stats.trace_tokens,
                                      now - self._trace_opened_at + self._carried_seconds))
        if state_before is not TraceState.CLOSED and state_after is TraceState.CLOSED:
            events.extend(self._close_trace(now))
        return events

    def _attach(self, events: list[StreamEvent]) -> list[StreamEvent]:
        """Give the pending signals to the first text event among ``events``."""
        for index, event in enumerate(events):
            if isinstance(event, (TraceText, AnswerText)) and self._pending:
                held = tuple(self._pending)
                self._pending.clear()
                self._signals.extend(held)
                if isinstance(event, TraceText):
                    self._trace_signals = len(self._signals)
                events[index] = dataclasses.replace(event, tokens=held)
                break
        return events

    def flush(self, *, complete: bool = True) -> list[StreamEvent]:
        """End of output: text held back and the last step, as events (once).

        ``complete``: the model ended the reply itself (see :meth:`ReasoningSplitter.finish`).
        """
        if self._flushed:
            return []
        self._flushed = True
        self._ended_at = self._clock()
        deltas = self._splitter.finish(complete=complete)
        events: list[StreamEvent] = []
        if self._splitter.withdrawn:
            events.append(self._withdraw_trace())
        events.extend(self._convert(deltas))
        if self._splitter.state is TraceState.OPEN:
            events.extend(self._close_trace(self._ended_at, closed=False))
        self._attach(events)
        self._signals.extend(self._pending)  # shown by no event (a final tag): kept in the result
        self._pending.clear()
        return events

    def finish(self, *, prompt_tokens: int | None = None, estimated: bool = False,
               completion_tokens: int | None = None, reasoning_tokens: int | None = None) -> ReasoningResult:
        """The result: flushes (events dropped if not read), computes the statistics.

        ``estimated``: the token counts fed were estimates (a server's events are not
        tokens). ``completion_tokens`` (and ``reasoning_tokens``, how many of them were
        the trace) are a server's exact count, which replaces the estimate.
        """
        self.flush()
        now = self._ended_at
        stats = self._stats
        stats.prompt_tokens = prompt_tokens
        if estimated:
            stats.token_counts = "estimated"
        if not self._counted_tokens:
            stats.token_counts = "estimated"
            stats.trace_tokens = estimate_tokens(self._splitter.trace)
            stats.answer_tokens = estimate_tokens(self._splitter.answer)
        else:
            stats.total_seconds = now - self._started
            if self._first_token_at is not None:
                stats.time_to_first_token = self._first_token_at - self._started
            decode_time = (self._last_token_at or 0.0) - (self._first_token_at or 0.0)
            if self._tokens_seen > 1 and decode_time > 0:
                stats.tokens_per_second = (self._tokens_seen - 1) / decode_time
        stats.steps = len(self._steps)
        stats.self_corrections = sum(s.kind is StepKind.SELF_CORRECTION for s in self._steps)
        self._analyse(stats)
        written = self._splitter.trace + self._splitter.answer
        if completion_tokens is not None and plausible_token_count(completion_tokens, written):
            carried_trace, carried_answer = self._carried
            stats.trace_tokens -= carried_trace  # the server counted what it wrote this time
            stats.answer_tokens -= carried_answer
            _use_reported_counts(stats, completion_tokens, reasoning_tokens, self._tokens_seen)
            stats.trace_tokens += carried_trace
            stats.answer_tokens += carried_answer
        return ReasoningResult(
            trace=self._splitter.trace,
            answer=self._splitter.answer,
            trace_state=self._splitter.state,
            steps=list(self._steps),
            stats=stats,
            interventions=list(self._interventions),
            sentences=list(self._tracker.sentences),
            signals=list(self._signals),
            trace_signal_count=self._trace_signals,
            signals_missing=self._signals_missing and not self._signals,
        )

    def _withdraw_trace(self) -> TraceWithdrawn:
        """Forget the trace that was not one: its steps, its tokens (they were answer tokens)."""
        self._steps.clear()
        self._tracker = StepTracker()
        self.loops = LoopDetector()
        self._checkpoints.clear()
        self._trace_opened_at = None
        self._stats.answer_tokens += self._stats.trace_tokens
        self._stats.trace_tokens = 0
        self._trace_signals = 0
        return TraceWithdrawn()

    def _analyse(self, stats: GenerationStats) -> None:
        sentences = self._tracker.sentences
        trace = self._tracker.text
        texts = [trace[s.start : s.end] for s in sentences]
        functions = [s.function for s in sentences]
        stats.functions = function_counts(functions)
        stats.loops = self.loops.to_dict()
        repeated = self.loops.repeated
        stats.longest_run_without_progress = longest_run_without_progress(functions, texts, repeated)
        value = final_answer(self._splitter.answer)
        found = first_mention(texts, value) if value else None
        if found is None:
            return
        sentence = sentences[found]
        token, seconds = self._token_and_time_at(sentence.end)
        stats.answer_first_seen = {"sentence": found, "offset": sentence.start, "token": token,
                                   "seconds": None if seconds is None else round(seconds, 4)}
        if token is not None and self._counted_tokens:
            stats.tokens_after_answer = max(stats.trace_tokens - token, 0)
        else:
            stats.tokens_after_answer = estimate_tokens(trace[sentence.end :])

    def _token_and_time_at(self, offset: int) -> tuple[int | None, float | None]:
        """Trace tokens and seconds when the trace had reached ``offset`` characters."""
        if not self._checkpoints:
            return None, None
        at = bisect.bisect_left(self._checkpoints, (offset, -1, -1.0))
        _, tokens, seconds = self._checkpoints[min(at, len(self._checkpoints) - 1)]
        return tokens, seconds

    def _convert(self, deltas: list[Delta]) -> list[StreamEvent]:
        events: list[StreamEvent] = []
        for delta in deltas:
            if delta.section is Section.TRACE:
                self._trace_chars += len(delta.text)
                events.append(TraceText(delta.text, self._stats.trace_tokens))
                events.extend(self._record(self._tracker.feed_texts(delta.text)))
            else:
                events.append(AnswerText(delta.text))
        return events

    def _record(self, taken: Taken) -> list[StreamEvent]:
        self._steps.extend(taken.steps)
        for text in taken.texts:
            self.loops.add(text)
        done = [SentenceDone(s, text) for s, text in zip(taken.sentences, taken.texts, strict=True)]
        return [*(StepDone(step) for step in taken.steps), *done]

    def _close_trace(self, now: float, *, closed: bool = True) -> list[StreamEvent]:
        events = self._record(self._tracker.close_texts())
        if self._counted_tokens and self._trace_opened_at is not None:
            self._stats.thinking_seconds = now - self._trace_opened_at + self._carried_seconds
        return [*events, TraceClosed(self._stats.thinking_seconds)] if closed else events



#: Special tokens a reply may hold beyond its text (the end of thinking, end of turn …).
_SPECIAL_TOKENS = 64


def plausible_token_count(count: int, text: str) -> bool:
    """Whether a server's token count can be the count of ``text``: no token is shorter
    than one byte of UTF-8, none is longer than a few dozen characters. (A server's
    ``usage`` is outside data: 2**62 tokens, or 0 for a page of text, is not believed.)"""
    least = max(len(text) // 64, 1 if text.strip() else 0)
    return least <= count <= len(text.encode("utf-8", "replace")) + _SPECIAL_TOKENS


def _use_reported_counts(stats: GenerationStats, completion: int, reasoning: int | None, seen: int) -> None:
    """A server's exact count replaces the estimate: the trace/answer split is exact when it
    says how many tokens were reasoning, or when one side is empty; else it is the estimate's
    proportion of the exact total (and stays labelled an estimate)."""
    trace, answer = stats.trace_tokens, stats.answer_tokens
    if reasoning is not None:
        stats.trace_tokens, stats.token_counts = reasoning, "exact"
    elif trace and answer:
        stats.trace_tokens = round(completion * trace / (trace + answer))
    else:
        stats.trace_tokens, stats.token_counts = (completion if trace else 0), "exact"
    stats.answer_tokens = completion - stats.trace_tokens
    if stats.tokens_per_second and seen > 1 and completion > 1:
        stats.tokens_per_second *= (completion - 1) / (seen - 1)


def _only_a_tag(text: str) -> bool:
    """Whether ``text`` is a think tag with nothing but whitespace around it."""
    return (OPEN_TAG in text or CLOSE_TAG in text) and not text.replace(OPEN_TAG, "").replace(
        CLOSE_TAG, "").strip()


def split_text(raw: str, *, assume_open: bool = False) -> ReasoningResult:
    """Split a complete raw model output (no timing, estimated token counts)."""
    stream = ReasoningStream(assume_open=assume_open)
    stream.feed(raw, tokens=0)
    return stream.finish()
