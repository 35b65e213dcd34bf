"""Token confidence figures: forks, the sliding-window curve, span confidence (Qt-free)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from denkspur.core.trace.signals import (
    FORK_ENTROPY,
    TokenSignal,
    confidence_curve,
    span_confidence,
    summarize,
)


def _tokens(*pairs: tuple[str, float, float]) -> list[TokenSignal]:
    return [TokenSignal(text, logprob, entropy) for text, logprob, entropy in pairs]


def test_summary_counts_forks_and_finds_the_lowest_window() -> None:
    signals = _tokens(("So", -0.1, 0.2), (" x", -0.1, 0.1), (" Wait", -2.5, FORK_ENTROPY + 1),
                      (",", -0.3, 0.4), (" y", -0.05, 0.1))
    summary = summarize(signals, window=2)
    assert summary.forking_tokens == 1
    assert summary.lowest_window_start in (1, 2)
    assert summary.lowest_window_logprob == pytest.approx(min((-0.1 - 2.5) / 2, (-2.5 - 0.3) / 2))
    assert summary.mean_logprob == pytest.approx((-0.1 - 0.1 - 2.5 - 0.3 - 0.05) / 5)
    assert set(summary.to_dict()) >= {"mean_logprob", "mean_entropy", "forking_tokens",
                                      "lowest_window_confidence"}


def test_no_tokens_no_figures() -> None:
    summary = summarize([])
    assert (summary.tokens, summary.mean_logprob, summary.lowest_window_logprob) == (0, None, None)


@given(st.lists(st.floats(-20, 0), min_size=1, max_size=200), st.integers(1, 50))
def test_curve_is_the_window_mean(logprobs: list[float], window: int) -> None:
    curve = confidence_curve(logprobs, window)
    size = min(window, len(logprobs))
    assert len(curve) == len(logprobs) - size + 1
    for start, value in enumerate(curve):
        assert value == pytest.approx(math.fsum(logprobs[start:start + size]) / size, abs=1e-6)


def test_span_confidence_uses_the_tokens_that_cover_the_span() -> None:
    signals = _tokens(("Let", -0.1, 0.1), (" me", -0.3, 0.1), (" check.", -1.0, 0.1))
    assert span_confidence(signals, 0, 3) == pytest.approx(-0.1)
    assert span_confidence(signals, 4, 14) == pytest.approx((-0.3 - 1.0) / 2)
    assert span_confidence(signals, 50, 60) is None


def test_records_from_outside_are_checked() -> None:
    good = {"text": "x", "logprob": -0.5, "entropy": 0.3, "top": [["x", 0.6], ["y", "bad"], "z"]}
    record = TokenSignal.from_dict(good)
    assert record is not None and record.top == (("x", 0.6),)
    assert TokenSignal.from_dict({"text": "x", "logprob": float("nan"), "entropy": 0}) is None
    assert TokenSignal.from_dict("not a record") is None
    assert TokenSignal.from_dict(record.to_dict()) == record


def test_align_finds_tokens_in_the_shown_trace_around_text_no_token_wrote() -> None:
    from denkspur.core.trace.signals import align, spans_confidence

    tokens = [TokenSignal(t, lp, 0.0) for t, lp in
              [("\n", 0.0), ("So", -0.1), (" 5", -0.5), (".", 0.0), ("</think>", 0.0), ("\n\n", 0.0)]]
    shown = "So [note] 5."
    offsets = align(shown, tokens)
    assert offsets == [None, 0, 9, 11, None, None]
    assert spans_confidence([(0, 2), (2, 12), (0, 0)], tokens, offsets) == [-0.1, -0.25, None]
