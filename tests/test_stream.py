"""ReasoningStream: events and statistics of one generation."""

from __future__ import annotations

import tracemalloc
from itertools import pairwise

from denkspur.core.trace.splitter import TraceState
from denkspur.core.trace.steps import FEED_PIECE
from denkspur.core.trace.stream import (
    AnswerText,
    ReasoningStream,
    SentenceDone,
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


_MIXED = ("Okay, so 2 + 3.\r\nWait, let me check: $$x = 5. y$$ Hmm, e.g. this one.\n\n"
          "```\ncode. \n\nmore code\n```\nSo x = 5! Alternatively, z. B. 7.\r\n\r\nLet me check again. ")


def _trace_with_crlf_at(offset: int, length: int) -> str:
    """A trace of about ``length`` characters whose ``\\r\\n\\r\\n`` starts at ``offset - 1``."""
    filler = (_MIXED * (length // len(_MIXED) + 2)).replace("\r", "")
    return (filler[: offset - 1] + "\r\n\r\n" + filler[offset - 1 : length]).rstrip() + " Done."


def _run(chunks: list[tuple[str, int]]) -> tuple[list[object], dict[str, object]]:
    stream = ReasoningStream(assume_open=True, clock=lambda: 1.0)
    events = [event for chunk, tokens in chunks for event in stream.feed(chunk, tokens)]
    events += stream.flush()
    return events, stream.finish().to_dict()


def _content(events: list[object]) -> dict[str, object]:
    """What the events say, whatever the cut: texts joined, sentences and steps in order."""
    return {"trace": "".join(e.text for e in events if isinstance(e, TraceText)),
            "answer": "".join(e.text for e in events if isinstance(e, AnswerText)),
            "sentences": [(e.sentence, e.text) for e in events if isinstance(e, SentenceDone)],
            "steps": [e.step for e in events if isinstance(e, StepDone)],
            "closed": sum(isinstance(e, TraceClosed) for e in events)}


def test_a_huge_chunk_gives_what_small_pieces_give() -> None:
    """A chunk several scanner pieces long (a flood: a server's megabyte in one event) is
    scanned in pieces; the result is exactly that of small chunks, with a ``\\r\\n`` pair on
    a piece's edge kept whole, and a tag split over small chunks."""
    trace = _trace_with_crlf_at(FEED_PIECE, 3 * FEED_PIECE)
    assert trace[FEED_PIECE - 1 : FEED_PIECE + 1] == "\r\n"
    output = trace + "</think>The answer is 5.\r\nDone."
    whole_events, whole = _run([(output, 1)])
    cut = output.index("</think>") + 4  # "</thin" + "k>…"
    pieces = [output[at : min(at + 13, cut)] for at in range(0, cut, 13)] + [output[cut:]]
    piece_events, pieces_result = _run([(piece, 1) for piece in pieces])
    assert whole["trace"] == pieces_result["trace"] == trace
    assert whole["sentences"] == pieces_result["sentences"] and whole["steps"] == pieces_result["steps"]
    assert _content(whole_events) == _content(piece_events)
    spans = [sentence for sentence, _ in _content(whole_events)["sentences"]]  # type: ignore[attr-defined]
    gaps = [trace[a.end : b.start] for a, b in pairwise(spans)]
    assert "\r\n\r\n" in gaps  # the paragraph break on the pieces' edge, whole
    # One chunk, one text event (as before pieces): a consumer counting events sees no difference.
    assert sum(isinstance(e, TraceText) for e in whole_events) == 1


def test_a_huge_chunk_keeps_its_token_count() -> None:
    trace = _trace_with_crlf_at(FEED_PIECE, 2 * FEED_PIECE + 100)
    whole_events, whole = _run([(trace, 600)])
    tenth = len(trace) // 10 + 1
    piece_events, pieces = _run([(trace[at : at + tenth], 60) for at in range(0, len(trace), tenth)])
    assert whole["stats"]["trace_tokens"] == pieces["stats"]["trace_tokens"] == 600  # type: ignore[index]
    assert [e.trace_tokens for e in whole_events if isinstance(e, TraceText)] == [600]
    assert [e.trace_tokens for e in piece_events if isinstance(e, TraceText)][-1] == 600


def test_a_token_on_a_long_trace_does_not_copy_the_trace() -> None:
    """Work per chunk does not grow with the trace: each token copied all of it (quadratic
    over a reply, and at megabytes a copy holds the GIL for milliseconds per chunk)."""
    stream = ReasoningStream(assume_open=True)
    trace = ("a" * 3000 + ". ") * 300
    stream.feed(trace, 1)
    tracemalloc.start()
    try:
        stream.feed("More text. ", 1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100_000 < len(trace)
