"""The incremental confidence track behind the reasoning map's curve and per-sentence confidence."""

from __future__ import annotations

import math
import random

import pytest

from denkspur.core.trace.confidence_track import LOWEST_SHARE, ConfidenceTrack
from denkspur.core.trace.signals import TokenSignal, align, confidence_curve, spans_confidence
from denkspur.core.trace.stream import ReasoningStream, TraceText

WORDS = ["The", " sum", " is", " 5", ".", " Wait", ",", " let", " me", " check", ":", " 2", " +", " 3",
         " =", "\n\n", "So", " yes", " Alternatively", " maybe", " not"]


def token_stream(count: int, seed: int = 3) -> list[TokenSignal]:
    """A synthetic R1-shaped reply: <think>, ``count`` trace tokens, </think>, a short answer."""
    rng = random.Random(seed)
    tokens = [TokenSignal("<think>", -0.01, 0.1), TokenSignal("\n", -0.02, 0.1)]
    for _ in range(count):
        word = rng.choice(WORDS)
        unsure = word.strip() in ("Wait", "Alternatively", "maybe")
        tokens.append(TokenSignal(word, -rng.uniform(1.0, 3.0) if unsure else -rng.uniform(0.0, 0.3),
                                  rng.uniform(0.0, 2.0)))
    tokens += [TokenSignal("</think>", -0.05, 0.2), TokenSignal("\n\n", -0.01, 0.1),
               TokenSignal("It is 5.", -0.1, 0.3)]
    return tokens


def stream_events(tokens: list[TokenSignal], per_chunk: int = 3) -> tuple[list[TraceText], ReasoningStream]:
    stream = ReasoningStream(assume_open=False)
    events: list[TraceText] = []
    for at in range(0, len(tokens), per_chunk):
        chunk = tuple(tokens[at: at + per_chunk])
        events += [e for e in stream.feed("".join(t.text for t in chunk), len(chunk), "model", chunk)
                   if isinstance(e, TraceText)]
    events += [e for e in stream.flush() if isinstance(e, TraceText)]
    return events, stream


def test_live_and_stored_tracks_agree_and_match_the_span_means_of_the_confidence_pane() -> None:
    events, stream = stream_events(token_stream(600))
    result = stream.finish()
    live = ConfidenceTrack()
    for event in events:
        live.add_text(event.text, event.tokens)
    trace_tokens = result.signals[: result.trace_signal_count]
    stored = ConfidenceTrack()
    stored.add_text(result.trace, trace_tokens)
    assert len(live) == len(stored) == len(trace_tokens) > 600
    assert live.length == stored.length == len(result.trace)
    spans = [(s.start, s.end) for s in result.sentences]
    assert len(spans) > 20
    # what each sentence holds, from the construction: the tokens between the tags, joined,
    # are the trace with its leading and trailing whitespace trimmed
    inside = trace_tokens[1:]  # after <think>
    raw = "".join(t.text for t in inside)
    lead = len(raw) - len(raw.lstrip())
    positions, at = [], 0
    for token in inside:
        positions.append(at + len(token.text) - len(token.text.lstrip()) - lead)
        at += len(token.text)
    for start, end in spans:
        chosen = [t.logprob for t, pos in zip(inside, positions, strict=True)
                  if start <= pos < end]
        want = math.fsum(chosen) / len(chosen)
        for track in (live, stored):
            assert track.span_mean(start, end) == pytest.approx(want, abs=1e-9)
    # the confidence pane's figures agree where the tokens start right at their text
    pane = spans_confidence(spans[1:], trace_tokens, align(result.trace, trace_tokens))
    assert [stored.span_mean(*span) for span in spans[1:]] == pytest.approx(pane)
    unsure = [s for s in result.sentences if "Wait" in result.trace[s.start:s.end]]
    sure = [s for s in result.sentences
            if not any(word in result.trace[s.start:s.end] for word in ("Wait", "Alternatively", "maybe"))]
    mean_unsure = sum(stored.span_mean(s.start, s.end) or 0 for s in unsure) / len(unsure)
    mean_sure = sum(stored.span_mean(s.start, s.end) or 0 for s in sure) / len(sure)
    assert mean_unsure < mean_sure - 0.1


def test_the_curve_is_the_sliding_window_mean_and_its_lowest_tenth_is_marked() -> None:
    logprobs = [-random.Random(i).uniform(0, 2) ** 2 for i in range(500)]
    tokens = [TokenSignal(f" w{i}", lp, 0.5) for i, lp in enumerate(logprobs)]
    track = ConfidenceTrack(window=32)
    for at in range(0, len(tokens), 7):  # live pieces
        piece = tokens[at: at + 7]
        track.add_text("".join(t.text for t in piece), piece)
    curve = confidence_curve(logprobs, 32)
    assert [track.window_mean(i + 31) for i in range(len(curve))] == pytest.approx(curve)
    assert track.window_mean(0) == pytest.approx(logprobs[0])  # the start: fewer tokens
    assert track.window_mean(9) == pytest.approx(sum(logprobs[:10]) / 10)
    assert track.lowest is not None and track.lowest[0] == pytest.approx(min(curve))
    assert track.lowest[1] == curve.index(min(curve)) + 31
    threshold = track.lowest_threshold()
    assert threshold is not None
    marked = sum(value <= threshold for value in curve)
    wanted = math.ceil(len(curve) * LOWEST_SHARE)
    assert wanted <= marked <= wanted + sum(threshold - 0.01 < value <= threshold for value in curve)
    assert sorted(curve)[wanted - 1] <= threshold


def test_samples_summarise_a_span_of_the_curve() -> None:
    tokens = [TokenSignal(" a", -0.1, 0.1)] * 40 + [TokenSignal(" b", -3.0, 2.0)] * 40
    track = ConfidenceTrack(window=4)
    track.add_text("".join(t.text for t in tokens), tokens)
    samples = track.samples(0, 80, 8)
    assert len(samples) == 8
    assert samples[0][0] == pytest.approx(-0.1) and samples[-1][0] == pytest.approx(-3.0)
    assert samples[-1][1] == pytest.approx(-3.0)
    # fewer tokens than buckets, and no full window yet
    assert track.samples(0, 2, 8) == [(pytest.approx(-0.1), None)] * 2
    assert track.lowest_threshold() == pytest.approx(-3.0)
    assert track.span_mean(0, 2) == pytest.approx(-0.1)
    assert track.span_mean(500, 600) is None and track.mean(3, 3) is None


def test_an_empty_track_has_no_curve() -> None:
    track = ConfidenceTrack()
    track.add_text("Some trace text without tokens.", [])
    assert len(track) == 0 and track.lowest is None and track.lowest_threshold() is None
    assert track.span_mean(0, 10) is None and track.samples(0, 0, 5) == []


@pytest.mark.parametrize("per_chunk", [2, 5, 16])
def test_chunks_fed_whole_give_each_token_to_an_event_that_shows_it(per_chunk: int) -> None:
    """The stream feeds a chunk token by token only around tags; the tokens land as they would."""
    tokens = token_stream(300, seed=per_chunk)
    events, stream = stream_events(tokens, per_chunk)
    one_by_one_events, one_by_one = stream_events(tokens, 1)
    result, expected = stream.finish(), one_by_one.finish()
    assert result.signals == expected.signals and result.trace_signal_count == expected.trace_signal_count
    assert result.trace == expected.trace
    assert sum(len(e.tokens) for e in events) == result.trace_signal_count
    for event in events:
        for token in event.tokens:
            assert not token.text.strip() or token.text.strip() in event.text or token.text == "<think>"
    assert len(events) < len(one_by_one_events)
