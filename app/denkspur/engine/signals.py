"""Per-token signals read from the logits llama.cpp already computed (engine child only).

When a reply asks for signals (``SamplingParams.signals``), every sampled token
gets a :class:`~denkspur.core.trace.signals.TokenSignal`:

* ``logprob``: natural log-probability of the sampled token,
* ``entropy``: entropy (nats) of the same distribution,
* ``top``: the five most likely tokens with their probabilities,

all under **the model's own next-token distribution**: the softmax of the raw
logits over the full vocabulary at temperature 1, before repeat penalty,
top-k, top-p, min-p and the sampling temperature. That is what the model
"believes"; the sampler's truncated distribution says more about the settings
than about the model (and is the same for every token whose top-k is confident).

Cost: the logits of the position just sampled stay in llama.cpp's buffer
(``llama_get_logits_ith(ctx, -1)``) until the next decode. With a small
vocabulary (under :data:`IMMEDIATE_VOCAB`) they are copied into a row per token
and the rows of one pipe message are reduced together with a handful of
vectorised numpy calls (the fixed cost of a call outweighs the work there): max,
subtract, exp, sum, a row-wise dot (entropy = log Z - sum(e * x) / Z with
x = logits - max, e = exp(x)), and five argmax for the top 5. With a large one
(R1 distills have 152k tokens) each token is computed at once from a numpy view
of llama.cpp's buffer, without a copy: max, subtract, one exp pass, two BLAS dots
(the sum and the entropy's numerator), and the top 5 from the few tokens within
:data:`CANDIDATE_MARGIN` nats of the best (one compare pass) instead of five
argmax passes. ``bench/signals_cost.py`` measures it against the same decoding
without signals.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from denkspur.core.trace.signals import TOP_K, TokenSignal
from denkspur.engine.child_io import TokenPieces

#: Token rows a recorder holds before it computes them anyway.
CAPACITY = 64
#: From this vocabulary size on, each token is computed at once on llama.cpp's buffer
#: (the per-row work outweighs the fixed cost of the numpy calls; no copy, cache-warm).
IMMEDIATE_VOCAB = 65_536
#: The top 5 are looked for among the tokens whose logit is within this many nats of
#: the best one (their probability relative to it is at least e^-8 ≈ 0.03 %) ...
CANDIDATE_MARGIN = 8.0
#: ... when there are at least 5 and at most this many of them (else five argmax passes).
MAX_CANDIDATES = 512


class SignalRecorder:
    """Turns the logits of sampled positions into :class:`TokenSignal` records.

    :meth:`capture` copies the logits of the position just sampled (they are
    overwritten by the next decode) and :meth:`flush` computes every captured row
    at once, so the fixed cost of the numpy calls is shared by all the tokens of
    one pipe message. :meth:`record` is both, for one token.
    """

    def __init__(self, llm: Any, pieces: TokenPieces, logits_ith: Callable[[Any, int], Any],
                 capacity: int = CAPACITY, immediate: bool | None = None) -> None:
        """``logits_ith``: ``llama_cpp.llama_get_logits_ith`` (passed in: llama.cpp is the child's import);
        ``immediate``: compute each token at capture (default: with a large vocabulary)."""
        self._ctx = llm._ctx.ctx
        self._logits_ith = logits_ith
        self._n_vocab = int(llm.n_vocab())
        self._pieces = pieces
        self._immediate = self._n_vocab >= IMMEDIATE_VOCAB if immediate is None else immediate
        rows = 0 if self._immediate else capacity
        self._rows = np.empty((rows, self._n_vocab), dtype=np.float32)
        self._exp = np.empty((max(2, rows), self._n_vocab), dtype=np.float32)
        self._ones = np.ones(self._n_vocab, dtype=np.float32)
        self._captured: list[tuple[int, str]] = []
        self._ready: list[TokenSignal] = []
        self._texts: dict[int, str] = {}
        self._view: tuple[int, np.ndarray] | None = None

    def _logits(self) -> np.ndarray:
        """The last position's logits in place; the numpy view is remade only when the buffer moves."""
        pointer = self._logits_ith(self._ctx, -1)
        address = ctypes.addressof(pointer.contents)
        if self._view is None or self._view[0] != address:
            self._view = (address, np.ctypeslib.as_array(pointer, shape=(self._n_vocab,)))
        return self._view[1]

    def record(self, token: int, text: str) -> TokenSignal:
        """The signal of ``token`` (shown as ``text``), from the current logits in place.

        One row costs less with 1-D numpy calls on the live buffer than as a batch of one.
        """
        logits = self._logits()
        shifted = np.subtract(logits, logits.max(), out=self._exp[1])
        exp = np.exp(shifted, out=self._exp[0])
        total = float(np.dot(exp, self._ones))  # BLAS: faster than a pairwise sum
        log_total = math.log(total)
        entropy = log_total - float(np.dot(exp, shifted)) / total
        logprob = float(shifted[token]) - log_total
        best = top_tokens(shifted)
        return self._signal(text, logprob, entropy, best, (exp[best] / total).tolist())

    def capture(self, token: int, text: str) -> None:
        """Keep the current logits for ``token``; computed at the next :meth:`flush`
        (or at once with a large vocabulary)."""
        if self._immediate:
            self._ready.append(self.record(token, text))
            return
        if len(self._captured) == len(self._rows):
            self._ready.extend(self._compute())
        np.copyto(self._rows[len(self._captured)], self._logits())
        self._captured.append((token, text))

    def flush(self, count: int | None = None) -> tuple[TokenSignal, ...]:
        """The signals of the first ``count`` tokens captured and not yet flushed (all: None), in order."""
        self._ready.extend(self._compute())
        count = len(self._ready) if count is None else count
        signals = tuple(self._ready[:count])
        del self._ready[:count]
        return signals

    def _compute(self) -> list[TokenSignal]:
        count = len(self._captured)
        if not count:
            return []
        shifted = self._rows[:count]
        shifted -= shifted.max(axis=1, keepdims=True)
        exp = np.exp(shifted, out=self._exp[:count])
        # float32 sums (BLAS; 2-4x faster than float64): error ~1e-6, far below the 3 decimals kept
        totals = exp @ self._ones
        log_totals = np.log(totals)
        entropies = log_totals - np.einsum("ij,ij->i", exp, shifted) / totals
        rows = np.arange(count)
        tokens = [token for token, _text in self._captured]
        logprobs = shifted[rows, tokens] - log_totals
        # Top 5 by repeated argmax (SIMD) on the scratch rows: in order, and cheaper than
        # one argpartition over a 152k vocabulary.
        best = np.empty((count, min(TOP_K, self._n_vocab)), dtype=np.int64)
        for rank in range(best.shape[1]):
            best[:, rank] = shifted.argmax(axis=1)
            shifted[rows, best[:, rank]] = -np.inf
        probs = (np.take_along_axis(exp, best, axis=1) / totals[:, None]).tolist()
        records = zip(self._captured, logprobs.tolist(), entropies.tolist(), best.tolist(), probs,
                      strict=True)
        signals = [self._signal(text, logprob, entropy, ids, row)
                   for (_token, text), logprob, entropy, ids, row in records]
        self._captured.clear()
        return signals

    def _signal(self, text: str, logprob: float, entropy: float, ids: list[int],
                probs: list[float]) -> TokenSignal:
        top = tuple(zip([self._texts.get(i) or self._text(i) for i in ids], probs, strict=True))
        return TokenSignal(text, min(0.0, logprob), max(0.0, entropy), top)

    def _text(self, token: int) -> str:
        """A token's own text for the alternatives list (a lone byte of a character shows as '�')."""
        text = self._texts.get(token)
        if text is None:
            text = self._texts[token] = self._pieces.piece(token).decode("utf-8", "replace")
        return text


def top_tokens(shifted: np.ndarray) -> list[int]:
    """The TOP_K largest of ``shifted`` (logits minus their max), in order, ties by lower id;
    may overwrite ``shifted``."""
    candidates = np.flatnonzero(shifted >= -CANDIDATE_MARGIN)
    if TOP_K <= len(candidates) <= MAX_CANDIDATES:
        order = np.argsort(-shifted[candidates], kind="stable")[:TOP_K]
        return [int(i) for i in candidates[order]]
    best = []
    for _ in range(min(TOP_K, len(shifted))):
        index = int(shifted.argmax())
        best.append(index)
        shifted[index] = -np.inf
    return best
