"""ReasoningStream: events and statistics of one generation."""

from __future__ import annotations

from denkspur.core.trace.splitter import TraceState
from denkspur.core.trace.stream import (
    AnswerText,
    ReasoningStream,
    StepDone,
    TraceClosed,
    TraceText,
    split_text,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_events_stats_and_token_attribution() -> None:
    clock = FakeClock()
    stream = ReasoningStream(assume_open=True, clock=clock)
    events = []
    for chunk in ["Add them.", "\n\nWait,", " no.", "</think>", "\n\n", "It is", " 5."]:
        clock.now += 0.5
        events.extend(stream.feed(chunk))
    events.extend(stream.flush())
    result = stream.finish(prompt_tokens=9)

    assert [type(e) for e in events].count(TraceClosed) == 1
    assert "".join(e.text for e in events if isinstance(e, TraceText)) == "Add them.\n\nWait, no."
    assert "".join(e.text for e in events if isinstance(e, AnswerText)) == "It is 5."
    assert [e.step.kind.value for e in events if isinstance(e, StepDone)] == [
        "reasoning", "self-correction"]
    stats = result.stats
    assert (stats.trace_tokens, stats.answer_tokens, stats.prompt_tokens) == (4, 3, 9)
    assert stats.thinking_seconds == 2.0  # opened at start, closed by the 4th chunk
    assert stats.time_to_first_token == 0.5
    assert stats.tokens_per_second == 6 / 3.0
    assert (stats.steps, stats.self_corrections) == (2, 1)
    assert result.finished and result.trace_state is TraceState.CLOSED


def test_unfinished_trace_is_flagged_and_its_last_step_kept() -> None:
    stream = ReasoningStream(assume_open=True, clock=FakeClock())
    stream.feed("Thinking.\n\nHmm, more")
    final = stream.flush()
    result = stream.finish()
    # Steps are committed once enough text follows them; the rest come at the end.
    assert [e.step.text for e in final if isinstance(e, StepDone)] == ["Thinking.", "Hmm, more"]
    assert not result.finished and result.answer == ""
    assert result.to_dict()["finished"] is False


def test_split_text_estimates_tokens() -> None:
    result = split_text("<think>One two.</think>Three", assume_open=False)
    assert result.stats.token_counts == "estimated"
    assert (result.stats.trace_tokens, result.stats.answer_tokens) == (3, 1)
    assert result.stats.thinking_seconds is None


def test_trace_text_carries_the_running_trace_token_count_of_batched_chunks() -> None:
    stream = ReasoningStream(assume_open=True)
    counts = []
    for chunk, tokens in [("Add them", 3), (".\n\nWait, no", 5), ("</think>", 1), ("5.", 2)]:
        counts += [e.trace_tokens for e in stream.feed(chunk, tokens) if isinstance(e, TraceText)]
    counts += [e.trace_tokens for e in stream.flush() if isinstance(e, TraceText)]
    assert counts == [3, 8]  # what a live panel shows: tokens, not chunks
    assert stream.finish().stats.trace_tokens == 9  # "</think>" counts as trace
    untimed = ReasoningStream(assume_open=True)
    assert [e.trace_tokens for e in untimed.feed("text only", 0) if isinstance(e, TraceText)] == [0]
