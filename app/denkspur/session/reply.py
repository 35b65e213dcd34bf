"""One reply, from the first token to its stored state.

:func:`run_reasoning` sends a chat to a :class:`~denkspur.session.backend.Backend`
and splits the streamed tokens into trace and answer as they come, ending with
an outcome that keeps everything received even when the backend failed halfway.
:func:`run_reply` adds what makes a reply durable: the partial answer and trace
go to a :class:`ReplySaver` at least every ``save_interval`` seconds (state
``generating``), and the final content with the state its stop reason maps to.
A save that fails never stops the generation: the failure is kept in the
outcome (``save_error``) for the caller to show.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from denkspur.core.conversations.store import Store, StoreError
from denkspur.core.text.clean import capped, clean_text
from denkspur.core.trace.settle import SettleTracker
from denkspur.core.trace.signals import SignalPacker, pack
from denkspur.core.trace.splitter import CLOSE_TAG
from denkspur.core.trace.stream import (
    AnswerText,
    ProvisionalAnswer,
    ReasoningResult,
    ReasoningStream,
    StreamEvent,
    TraceText,
    TraceWithdrawn,
)
from denkspur.engine import protocol as p
from denkspur.engine.errors import EngineError, EngineRequestFailed
from denkspur.session.backend import Backend
from denkspur.session.states import StopReason, VersionState, state_after

log = logging.getLogger("denkspur.session")

#: Seconds between partial saves (the promise is "at least every second").
SAVE_INTERVAL = 0.5

EventSink = Callable[[StreamEvent], None]
#: The origin of a prefix part that is answer text (the thinking had closed before it).
ANSWER_PART = "answer"


@dataclass(frozen=True)
class VersionContent:
    """What a reply version holds at one moment: partial while ``generating``, else final."""

    answer: str
    trace: str
    state: VersionState
    steps: list[dict[str, object]] = field(default_factory=list)
    stats: dict[str, object] = field(default_factory=dict)
    error: str = ""


@dataclass(frozen=True)
class Carried:
    """What a "Continue" takes over from the stopped version besides its text: the tokens of its
    trace and answer, and how long it had thought. The new version's stats describe the whole
    trace it shows (prefix and continuation), not only the part written after the stop."""

    trace_tokens: int = 0
    answer_tokens: int = 0
    thinking_seconds: float | None = None

    @classmethod
    def from_version(cls, stats: dict[str, object], trace: str, answer: str) -> Carried:
        """From a stored version's stats (outside data: what is not a fitting number counts as none);
        a version stopped before its stats were saved (a killed app) gets its counts estimated."""
        from denkspur.core.trace.tokens import estimate_tokens

        def count(name: str, text: str) -> int:
            value = stats.get(name)
            if name not in stats:
                return estimate_tokens(text)
            return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0

        seconds = stats.get("thinking_seconds")
        thought: float | None = None
        if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and 0 <= seconds < 1e9:
            thought = float(seconds)
        return cls(count("trace_tokens", trace), count("answer_tokens", answer), thought)


class SaveFailed(Exception):
    """A reply could not be written (disk full, database locked or read-only…)."""


class ReplySaver(Protocol):
    def save(self, content: VersionContent, /) -> None:
        """Write ``content``; raise :class:`SaveFailed` when it did not reach the disk."""


class StoreSaver:
    """Saves one version of the conversation store."""

    def __init__(self, store: Store, version_id: int) -> None:
        self.store = store
        self.version_id = version_id

    def save(self, content: VersionContent, /) -> None:
        try:
            self.store.save_version(self.version_id, answer=content.answer, trace=content.trace,
                                    state=content.state, steps=content.steps, stats=content.stats,
                                    error=content.error)
        except (sqlite3.Error, OSError, StoreError) as error:
            raise SaveFailed(str(error)) from error


@dataclass
class RunOutcome:
    result: ReasoningResult
    stop_reason: StopReason
    error: EngineError | None = None
    dropped_messages: int = 0
    #: The last save that failed (``None``: every save reached the disk).
    save_error: SaveFailed | None = None
    #: The final content was saved (false without a saver, or when that save failed).
    saved: bool = False
    #: Something to tell the user about the reply (``GenerationDone.notice``), "" for nothing.
    notice: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def state(self) -> VersionState:
        """The state this reply is stored with."""
        return state_after(self.stop_reason)

    def content(self) -> VersionContent:
        """The final content to store."""
        result = self.result
        return VersionContent(
            answer=result.answer,
            trace=result.trace,
            state=self.state,
            steps=[step.to_dict() for step in result.steps],
            stats={**result.stats_dict(), "finished": result.finished, "stop_reason": self.stop_reason,
                   **({"interventions": [i.to_dict() for i in result.interventions]}
                      if result.interventions else {}),
                   **({"signals": pack(result.signals, result.trace_signal_count)}
                      if result.signals else {}),
                   **({"notice": self.notice} if self.notice else {}),
                   # what failed, so that the app offers only the actions that help (states.remedies_for)
                   **({"error_kind": str(self.error.kind)} if self.error else {})},
            error=self.error.message if self.error else "",
        )


def run_reasoning(
    backend: Backend,
    messages: Iterable[p.ChatMessage],
    params: p.SamplingParams | None = None,
    on_event: EventSink | None = None,
    *,
    assume_open: bool | None = None,
    prefix: Sequence[tuple[str, str]] = (),
    carried: Carried | None = None,
) -> RunOutcome:
    """Generate one reply; ``on_event`` sees trace/answer text and steps live.

    ``assume_open`` overrides what the backend reports about the prompt. ``prefix``
    is text the reply starts with, as (origin, text) parts: an earlier version's
    trace (``prefix``) and the user's notes (``user``), and, when an earlier
    version's thinking had closed, its answer so far (``answer``, last; "Continue"
    after a stop); the model continues after it, and the result starts with it.
    With ``params.probe_every`` the automatic probes' answers are compared
    (:mod:`~denkspur.core.trace.settle`): ``AnswerSettled`` events, and the stats.
    ``carried``: the counts and thinking time of the version the prefix comes from
    ("Continue"): the stats then count the whole trace, and its thinking time is the sum.
    """
    stream = ReasoningStream(assume_open=bool(assume_open))
    prompt_tokens: int | None = None
    dropped = 0
    estimated = False  # the token counts are estimates (a server's events, not tokens)
    settle = _Settle(on_event or _ignore, bool(params and params.probe_every))
    emit = settle.emit
    trace_prefix = "".join(text for origin, text in prefix if origin != ANSWER_PART)
    answer_prefix = next((text for origin, text in prefix if origin == ANSWER_PART), None)
    try:
        events = backend.generate(messages, params, trace_prefix=trace_prefix, answer_prefix=answer_prefix)
        for event in events:
            if isinstance(event, p.GenerationStarted):
                opens = event.prompt_opens_think if assume_open is None else assume_open
                continues = bool(trace_prefix) or answer_prefix is not None
                maybe = event.prompt_may_open_think and assume_open is None and not continues
                stream = ReasoningStream(assume_open=opens or continues, tentative_open=maybe,
                                         plain=not event.reasoning)
                prompt_tokens, dropped = event.prompt_tokens, event.dropped_messages
                estimated = event.token_counts != "exact"
                for origin, text in prefix:
                    if origin == ANSWER_PART:  # the thinking had closed: the answer so far follows
                        chunk = text if not event.reasoning else f"{CLOSE_TAG}\n\n{text}"
                        pieces = stream.feed(chunk, 0)
                    else:
                        pieces = stream.feed(text, 0, origin)
                    for stream_event in pieces:
                        emit(stream_event)
                if carried is not None:
                    stream.carry_over(carried.trace_tokens, carried.answer_tokens, carried.thinking_seconds)
            elif isinstance(event, p.TokenText):
                for stream_event in stream.feed(event.text, event.tokens, event.origin, event.signals):
                    emit(stream_event)
            elif isinstance(event, p.ProbeAnswer):
                settle.probe(event)
            else:
                _flush(stream, emit, complete=event.stop_reason == "stop")
                usage = event.usage  # a server's own count, when it gave one
                result = settle.finish(stream.finish(
                    prompt_tokens=prompt_tokens or event.prompt_tokens,
                    estimated=event.token_counts != "exact",
                    completion_tokens=usage.completion_tokens if usage else None,
                    reasoning_tokens=usage.reasoning_tokens if usage else None))
                return RunOutcome(result, StopReason(event.stop_reason), None, dropped, notice=event.notice)
    except EngineError as error:
        _flush(stream, emit, complete=False)
        result = settle.finish(stream.finish(prompt_tokens=prompt_tokens, estimated=estimated))
        return RunOutcome(result, StopReason.ERROR, error, dropped)
    except Exception as error:  # a backend bug must still end the reply, with what arrived kept
        log.exception("the backend failed unexpectedly")
        _flush(stream, emit, complete=False)
        failure = unexpected_failure(error)
        return RunOutcome(stream.finish(prompt_tokens=prompt_tokens, estimated=estimated), StopReason.ERROR,
                          failure, dropped)
    raise AssertionError("the backend's stream ended without GenerationDone")  # pragma: no cover


class _Settle:
    """Passes the stream's events on, keeping the trace's length, and compares automatic probes."""

    def __init__(self, sink: EventSink, probing: bool) -> None:
        self._sink = sink
        self._tracker = SettleTracker() if probing else None
        self._trace_chars = 0

    def emit(self, event: StreamEvent) -> None:
        if isinstance(event, TraceText):
            self._trace_chars += len(event.text)
        elif isinstance(event, TraceWithdrawn):
            self._trace_chars = 0
        self._sink(event)

    def probe(self, answer: p.ProbeAnswer) -> None:
        if not answer.automatic:
            self._sink(ProvisionalAnswer(answer.text, answer.trace_tokens))
        elif self._tracker is not None:
            # The engine sent the trace up to the probe before its answer: the probe sits here.
            changed = self._tracker.add(answer.trace_tokens, self._trace_chars, answer.text)
            if changed is not None:
                self._sink(changed)

    def finish(self, result: ReasoningResult) -> ReasoningResult:
        if self._tracker is not None:
            result.settle = self._tracker.to_stats()
        return result


def run_reply(
    backend: Backend,
    messages: Iterable[p.ChatMessage],
    params: p.SamplingParams | None,
    saver: ReplySaver | None,
    on_event: EventSink | None = None,
    *,
    save_interval: float = SAVE_INTERVAL,
    clock: Callable[[], float] = time.monotonic,
    prefix: Sequence[tuple[str, str]] = (),
    carried: Carried | None = None,
) -> RunOutcome:
    """Generate and keep one reply: partial saves on a timer, then the final state.

    Without a ``saver`` (``denkspur chat`` without ``--save``) nothing is kept.
    Ctrl+C (``KeyboardInterrupt``) saves what arrived as ``cancelled`` before it
    propagates, so a stored reply is never left ``generating`` by the CLI.
    """
    progress = _Progress(saver, save_interval, clock)
    emit: EventSink = on_event or _ignore

    def on_stream_event(event: StreamEvent) -> None:
        progress.add(event)
        emit(event)

    try:
        outcome = run_reasoning(backend, messages, params, on_stream_event, prefix=prefix, carried=carried)
    except KeyboardInterrupt:
        progress.save(progress.content(VersionState.CANCELLED))
        raise
    outcome.saved = progress.save(outcome.content())
    outcome.save_error = progress.error
    return outcome


class _Progress:
    """The reply so far, and when it was last saved."""

    def __init__(self, saver: ReplySaver | None, interval: float, clock: Callable[[], float]) -> None:
        self.saver, self.interval, self.clock = saver, interval, clock
        self.trace: list[str] = []
        self.answer: list[str] = []
        # The tokens' signals so far (trace first), so that a reply stopped, killed or
        # crashed keeps what streamed, like its text.
        self.signals = SignalPacker()
        self.trace_signals = 0
        self.last_save = clock()
        self.error: SaveFailed | None = None

    def add(self, event: StreamEvent) -> None:
        if isinstance(event, TraceText):
            self.trace.append(event.text)
            self.signals.extend(event.tokens)
            self.trace_signals = len(self.signals)
        elif isinstance(event, TraceWithdrawn):  # it was the answer: it follows as AnswerText
            self.trace.clear()
            self.trace_signals = 0  # its tokens were the answer's
        elif isinstance(event, AnswerText):
            self.answer.append(event.text)
            self.signals.extend(event.tokens)
        now = self.clock()
        if now - self.last_save >= self.interval:
            self.last_save = now
            self.save(self.content(VersionState.GENERATING))

    def content(self, state: VersionState) -> VersionContent:
        stats: dict[str, object] = {}
        if len(self.signals):
            stats["signals"] = self.signals.packed(self.trace_signals)
        return VersionContent(answer="".join(self.answer), trace="".join(self.trace), state=state,
                              stats=stats)

    def save(self, content: VersionContent) -> bool:
        """Save; a failure is remembered and logged, never raised (the generation goes on)."""
        if self.saver is None:
            return False
        try:
            self.saver.save(content)
        except SaveFailed as error:
            log.error("could not save the reply (%s): %s", content.state, error)
            self.error = error
            return False
        return True


def failed_before_start(error: EngineError, saver: ReplySaver | None) -> RunOutcome:
    """The outcome of a reply that failed before the backend was asked (a model that could not be
    loaded again for the chat's context size), stored like any failed reply."""
    outcome = RunOutcome(ReasoningStream(assume_open=False).finish(), StopReason.ERROR, error)
    progress = _Progress(saver, SAVE_INTERVAL, time.monotonic)
    outcome.saved = progress.save(outcome.content())
    outcome.save_error = progress.error
    return outcome


def unexpected_failure(error: Exception) -> EngineError:
    """Any exception a backend did not type (a bug, a library surprise) as an ``internal`` error."""
    return EngineRequestFailed("internal", capped(f"the reply failed unexpectedly ({type(error).__name__}: "
                                                  f"{clean_text(str(error))})", 2_000))


def _flush(stream: ReasoningStream, emit: EventSink, *, complete: bool) -> None:
    """Emit the end of the stream; ``complete``: the model ended the reply by itself."""
    for event in stream.flush(complete=complete):
        emit(event)


def _ignore(_event: StreamEvent) -> None:
    return None
