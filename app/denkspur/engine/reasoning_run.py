"""One reply from the engine, run through the reasoning core.

The CLI and the GUI worker both need the same thing: send a chat, split the
streamed tokens into trace and answer as they come, and end with a result that
keeps everything received even when the engine failed halfway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from denkspur.core.trace.stream import ProvisionalAnswer, ReasoningResult, ReasoningStream, StreamEvent
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.engine.errors import EngineError


@dataclass
class RunOutcome:
    result: ReasoningResult
    stop_reason: str  # "stop", "length", "cancelled" or "error"
    error: EngineError | None = None
    dropped_messages: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def run_reasoning(
    client: EngineClient,
    messages: Iterable[p.ChatMessage],
    params: p.SamplingParams | None = None,
    on_event: Callable[[StreamEvent], None] | None = None,
    *,
    assume_open: bool | None = None,
    prefix: Sequence[tuple[str, str]] = (),
) -> RunOutcome:
    """Generate one reply; ``on_event`` sees trace/answer text and steps live.

    ``assume_open`` overrides what the engine reports about the prompt. ``prefix``
    is trace text the reply starts with, as (origin, text) parts: an earlier
    version's trace (``prefix``) and the user's notes (``user``); the model
    continues after it, and the result's trace starts with it.
    """
    stream = ReasoningStream(assume_open=bool(assume_open))
    prompt_tokens: int | None = None
    dropped = 0
    emit = on_event or (lambda _event: None)
    trace_prefix = "".join(text for _origin, text in prefix)
    try:
        for event in client.generate(messages, params, trace_prefix=trace_prefix):
            if isinstance(event, p.GenerationStarted):
                opens = event.prompt_opens_think if assume_open is None else assume_open
                stream = ReasoningStream(assume_open=opens or bool(trace_prefix))
                prompt_tokens, dropped = event.prompt_tokens, event.dropped_messages
                for origin, text in prefix:
                    for stream_event in stream.feed(text, 0, origin):
                        emit(stream_event)
            elif isinstance(event, p.TokenText):
                for stream_event in stream.feed(event.text, event.tokens, event.origin):
                    emit(stream_event)
            elif isinstance(event, p.ProbeAnswer):
                emit(ProvisionalAnswer(event.text, event.trace_tokens))
            else:
                _flush(stream, emit)
                result = stream.finish(prompt_tokens=prompt_tokens)
                return RunOutcome(result, event.stop_reason, None, dropped)
    except EngineError as error:
        _flush(stream, emit)
        return RunOutcome(stream.finish(prompt_tokens=prompt_tokens), "error", error, dropped)
    raise AssertionError("engine stream ended without GenerationDone")  # pragma: no cover


def _flush(stream: ReasoningStream, emit: Callable[[StreamEvent], None]) -> None:
    for event in stream.flush():
        emit(event)
