"""Token confidence laid over a trace as it grows: the figures behind the reasoning map's curve.

The reasoning map shows, under its sentence cells, the sliding-window mean
log-probability of the trace (DeepConf's "group confidence") with its lowest
windows marked, and gives each sentence and step its mean confidence. Live, a
reply brings tens of thousands of tokens in small pieces, so everything here is
incremental: a token is placed once (its first visible character in the trace),
prefix sums give any span's or window's mean in O(1), and a histogram of the
window means gives the "lowest tenth" threshold without sorting.

Definitions (natural logs, like :mod:`denkspur.core.trace.signals`):

* a span's *mean confidence* is the mean log-probability of the tokens whose
  first visible character lies in it (" Wait" belongs to the sentence it
  starts; a token that does not show, such as ``<think>``, belongs to none);
  ``exp`` of it is the geometric-mean token probability, shown as
  "≈ 83 % per token";
* the *curve* at token ``i`` is the mean log-probability of the ``WINDOW``
  tokens ending at ``i`` (fewer at the very start): the trailing window, so a
  value is final as soon as its token arrives;
* the *lowest windows* are the full windows whose mean is among the lowest
  :data:`LOWEST_SHARE` of all full windows so far (to :data:`BIN` nats).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Sequence

from denkspur.core.trace.signals import WINDOW, TokenSignal, align

#: The share of windows marked as the lowest (DeepConf's "bottom 10 %").
LOWEST_SHARE = 0.10
#: Histogram bin of window means, in nats; means below -BINS * BIN share the last bin.
BIN = 0.01
BINS = 2_000


class ConfidenceTrack:
    """Tokens placed on a trace, in order; see the module docstring."""

    def __init__(self, window: int = WINDOW) -> None:
        self.window = max(1, window)
        self._length = 0  # characters of trace seen
        # Per token, in arrays: a list would hold a number object per token, and each full
        # garbage collection (on the GUI thread) would visit them all (200,000 in a flood).
        self._positions = array("q")  # each token's first visible character (non-decreasing)
        self._sums = array("d", [0.0])  # prefix sums of the tokens' log-probabilities
        # the same over the tokens that show in the trace (a think tag alone does not): span means
        self._shown_sums = array("d", [0.0])
        self._shown_counts = array("q", [0])
        self._histogram = array("q", [0]) * (BINS + 1)
        self._full_windows = 0
        #: The lowest full-window mean so far and its last token (None: no full window yet).
        self.lowest: tuple[float, int] | None = None

    def __len__(self) -> int:
        return len(self._positions)

    @property
    def length(self) -> int:
        """Characters of trace the track has seen."""
        return self._length

    # -- input ----------------------------------------------------------------------
    def add_text(self, text: str, tokens: Sequence[TokenSignal]) -> None:
        """The next piece of the trace as shown, with the tokens that piece holds.

        Feed a live trace event by event (each ``TraceText`` with its ``tokens``) or
        a stored trace in one call with all its trace tokens. A token whose text does
        not show (a think tag) is placed where the previous one ended.
        """
        placed_end = self._positions[-1] if self._positions else 0
        for signal, offset in zip(tokens, align(text, tokens), strict=True):
            if offset is None:
                position, shown = placed_end, False
            elif text.startswith(signal.text, offset):
                visible = signal.text.lstrip()
                position, shown = self._length + offset + len(signal.text) - len(visible), True
                placed_end = self._length + offset + len(signal.text)
            else:  # found without the whitespace the splitter trimmed
                position, shown = self._length + offset, True
                placed_end = position + len(signal.text.strip())
            self._append(max(position, self._positions[-1] if self._positions else 0), signal.logprob, shown)
        self._length += len(text)

    def _append(self, position: int, logprob: float, shown: bool) -> None:
        self._positions.append(position)
        self._sums.append(self._sums[-1] + logprob)
        self._shown_sums.append(self._shown_sums[-1] + (logprob if shown else 0.0))
        self._shown_counts.append(self._shown_counts[-1] + shown)
        last = len(self._positions) - 1
        if last + 1 >= self.window:
            mean = self.window_mean(last)
            self._histogram[min(BINS, int(-mean / BIN))] += 1
            self._full_windows += 1
            if self.lowest is None or mean < self.lowest[0]:
                self.lowest = (mean, last)

    # -- queries ----------------------------------------------------------------------
    def tokens_in(self, start: int, end: int) -> tuple[int, int]:
        """The tokens (first index, end index) whose first visible character is in ``start:end``."""
        return bisect_left(self._positions, start), bisect_left(self._positions, end)

    def mean(self, first: int, end: int) -> float | None:
        """Mean log-probability of the tokens ``first:end`` that show in the trace (None: none)."""
        count = self._shown_counts[end] - self._shown_counts[first] if end > first else 0
        return (self._shown_sums[end] - self._shown_sums[first]) / count if count else None

    def span_mean(self, start: int, end: int) -> float | None:
        """Mean confidence of the trace characters ``start:end`` (a sentence, a step)."""
        return self.mean(*self.tokens_in(start, end))

    def window_mean(self, index: int) -> float:
        """The curve at token ``index``: mean log-probability of the window ending there."""
        first = max(0, index + 1 - self.window)
        return (self._sums[index + 1] - self._sums[first]) / (index + 1 - first)

    def lowest_threshold(self, share: float = LOWEST_SHARE) -> float | None:
        """Window means at or below this are among the lowest ``share`` (None: no full window)."""
        if not self._full_windows:
            return None
        wanted = max(1, math.ceil(self._full_windows * share))
        seen = 0
        for index in range(BINS, -1, -1):  # from the lowest bin up
            seen += self._histogram[index]
            if seen >= wanted:
                return -index * BIN
        return 0.0  # pragma: no cover - the counts add up to the windows

    def samples(self, first: int, end: int, count: int) -> list[tuple[float, float | None]]:
        """The curve over tokens ``first:end`` in ``count`` buckets (fewer if fewer tokens):
        per bucket its mean value and its lowest full-window mean (None: no full window in it),
        to compare with :meth:`lowest_threshold`."""
        curve = self.sample_curve(first, end, count)
        return [(mean, None if low == math.inf else low)
                for mean, low in zip(curve[0::2], curve[1::2], strict=True)]

    def sample_curve(self, first: int, end: int, count: int) -> array[float]:
        """:meth:`samples` in one ``array('d')``: each bucket's mean, then its lowest full-window
        mean (``math.inf``: none). The map keeps one per sentence for as long as the trace is
        shown: an array is one object to the garbage collector (it visits none of the
        items), where a pair per bucket was one each (~80 per sentence; half of what the
        collections of a 200,000-token reply walked)."""
        total = end - first
        count = max(0, min(count, total))
        sums, window = self._sums, self.window
        buckets = array("d")
        # Plain loops, no list per bucket: a flood adds thousands of sentences a turn.
        for bucket in range(count):
            lo = first + bucket * total // count
            hi = first + (bucket + 1) * total // count
            added = 0.0
            lowest = math.inf
            for index in range(lo, hi):
                if index + 1 >= window:
                    value = (sums[index + 1] - sums[index + 1 - window]) / window
                    lowest = min(lowest, value)
                else:
                    value = sums[index + 1] / (index + 1)
                added += value
            buckets.append(added / (hi - lo))
            buckets.append(lowest)
        return buckets
