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

Cost. The logits of the position just sampled stay in llama.cpp's buffer
(``llama_get_logits_ith(ctx, -1)``) only until the next decode. With a vocabulary
under :data:`IMMEDIATE_VOCAB` each row is copied (a memcpy) and the rows of one
pipe message are reduced together, one numpy call per step for all of them;
a message of one token (every token below ~125 tokens/s, see ``TextBatcher``)
takes the one-row path below on its copy. With a large vocabulary (R1 distills:
152k) each token is computed at once on a numpy view of llama.cpp's buffer, no
copy: the work per row outweighs the calls' fixed cost, and the row is still in
the cache from the sampler.

One row, float32 throughout: argmax (the best token, the shift), subtract, exp,
two 1-D dots (BLAS ``sdot``, single-threaded, 2-3x faster than ``np.add.reduce``
or ``einsum``) for ``Z = sum(e)`` and the entropy ``H = log Z - sum(e * x) / Z``
with ``x = logits - max`` and ``e = exp(x)``, and four more argmax passes for
the rest of the top 5 (cheaper than ``argpartition`` or a filter on the tokens
near the best, whatever the distribution). The batch: the same steps on the
rows, with a pairwise row sum and ``einsum`` instead of a BLAS matrix-vector
product, which starts OpenBLAS threads that spin against llama.cpp's on a
small machine. The alternatives' texts are decoded once per loaded model
(:meth:`TokenPieces.text`), and the records built with C-level ``zip``/``map``.

Measured in the decode loop (``bench/signals_cost.py``), most of the cost is
not the arithmetic but the first touch after a decode: llama.cpp's weights have
just streamed through the caches, so each numpy call and each row runs 2-4x
slower than in a tight loop. A worker thread computing while ``llama_decode``
runs the next token was tried and dropped: below ~125 tokens/s a token's
figures are sent with it before the next decode anyway, and at higher rates on
a 2-core machine the hand-offs (a wake-up per token, the GIL) cost the decode
thread about what they saved and the whole process more CPU.
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
#: From this vocabulary size on, each token is computed at once on llama.cpp's buffer:
#: the per-row work outweighs the fixed cost of the numpy calls, and the row is still
#: in the cache (no copy to read back).
IMMEDIATE_VOCAB = 65_536


class SignalRecorder:
    """Turns the logits of sampled positions into :class:`TokenSignal` records.

    :meth:`capture` copies the logits of the position just sampled for
    :meth:`flush` to compute with the other rows of the message (or, when
    immediate, computes its record at once); :meth:`flush` returns the records
    in capture order. :meth:`record` computes one token from the live buffer.
    """

    def __init__(self, llm: Any, pieces: TokenPieces, logits_ith: Callable[[Any, int], Any],
                 capacity: int = CAPACITY, immediate: bool | None = None) -> None:
        """``logits_ith``: ``llama_cpp.llama_get_logits_ith`` (passed in: llama.cpp is the child's import);
        ``immediate``: compute each token at capture (default: with a large vocabulary)."""
        self._ctx = llm._ctx.ctx
        self._logits_ith = logits_ith
        self._n_vocab = int(llm.n_vocab())
        self._top = min(TOP_K, self._n_vocab)
        self._pieces = pieces
        self._immediate = self._n_vocab >= IMMEDIATE_VOCAB if immediate is None else immediate
        rows = 0 if self._immediate else max(1, capacity)
        self._rows = np.empty((rows, self._n_vocab), dtype=np.float32)
        self._exp = np.empty((max(2, rows), self._n_vocab), dtype=np.float32)
        self._ones = np.ones(self._n_vocab, dtype=np.float32)
        self._row_bytes = self._rows.strides[0] if rows else 0
        self._row_addresses = [self._rows.ctypes.data + row * self._row_bytes for row in range(rows)]
        self._captured: list[tuple[int, str]] = []
        self._ready: list[TokenSignal] = []
        self._view: tuple[int, np.ndarray] | None = None

    def _logits(self) -> np.ndarray:
        """The last position's logits in place; the numpy view is remade only when the buffer moves."""
        pointer = self._logits_ith(self._ctx, -1)
        address = ctypes.addressof(pointer.contents)
        if self._view is None or self._view[0] != address:
            self._view = (address, np.ctypeslib.as_array(pointer, shape=(self._n_vocab,)))
        return self._view[1]

    def record(self, token: int, text: str) -> TokenSignal:
        """The signal of ``token`` (shown as ``text``), from the current logits in place."""
        return self._one(self._logits(), token, text)

    def _one(self, logits: np.ndarray, token: int, text: str) -> TokenSignal:
        """One row's record with 1-D calls (half as many as the batch's, each on less memory)."""
        shifted, exp = self._exp[-1], self._exp[-2]
        best = int(logits.argmax())
        np.subtract(logits, logits[best], out=shifted)
        np.exp(shifted, out=exp)
        # 1-D float32 dots (BLAS sdot, single-threaded): 2-3x faster than np.add.reduce or einsum
        total = float(np.dot(exp, self._ones))
        log_total = math.log(total)
        entropy = log_total - float(np.dot(exp, shifted)) / total
        logprob = float(shifted[token]) - log_total
        ids = top_tokens(shifted, best, self._top)
        item = exp.item
        return self._signal(text, min(0.0, logprob), max(0.0, entropy), ids, [item(i) / total for i in ids])

    def capture(self, token: int, text: str) -> None:
        """The record of ``token`` from the current logits: computed now (immediate) or
        at the next :meth:`flush` from a copy (the next decode overwrites them)."""
        if self._immediate:
            self._ready.append(self.record(token, text))
            return
        if len(self._captured) == len(self._rows):
            self._ready.extend(self._compute())
        # one memmove from wherever llama.cpp keeps the row now (no view to keep valid)
        source = self._logits_ith(self._ctx, -1)
        if not source:  # NULL: llama.cpp kept no logits for that position (memmove would crash)
            raise RuntimeError("llama.cpp has no logits for the sampled position")
        ctypes.memmove(self._row_addresses[len(self._captured)], source, self._row_bytes)
        self._captured.append((token, text))

    def flush(self, count: int | None = None) -> tuple[TokenSignal, ...]:
        """The signals of the first ``count`` tokens captured and not yet flushed (all: None), in order."""
        if self._captured:
            self._ready.extend(self._compute())
        count = len(self._ready) if count is None else count
        signals = tuple(self._ready[:count])
        del self._ready[:count]
        return signals

    def _compute(self) -> list[TokenSignal]:
        """The records of the rows captured (overwrites them), one numpy call per step for all."""
        captured = self._captured
        count = len(captured)
        if count == 1:  # a token sent alone (every token below ~125 tokens/s)
            token, text = captured.pop()
            return [self._one(self._rows[0], token, text)]
        shifted = self._rows[:count]
        exp = self._exp[:count]
        rows = np.arange(count)
        best = np.empty((count, self._top), dtype=np.intp)
        best[:, 0] = shifted.argmax(axis=1)
        shifted -= shifted[rows, best[:, 0], None]
        np.exp(shifted, out=exp)
        # float32 sums (pairwise; einsum's own SIMD loop; not a BLAS matrix-vector product,
        # which starts threads): error ~1e-6, far below the 3 decimals kept
        totals = np.add.reduce(exp, axis=1)
        log_totals = np.log(totals)
        entropies = np.maximum(log_totals - np.einsum("ij,ij->i", exp, shifted) / totals, 0.0)
        logprobs = np.minimum(shifted[rows, [token for token, _text in captured]] - log_totals, 0.0)
        # the rest of the top 5 by repeated argmax (SIMD): in order, ties by lower id
        shifted[rows, best[:, 0]] = -np.inf
        for rank in range(1, self._top):
            best[:, rank] = shifted.argmax(axis=1)
            shifted[rows, best[:, rank]] = -np.inf
        probs = (np.take_along_axis(exp, best, axis=1) / totals[:, None]).ravel().tolist()
        # the records built by C-level zip and map, not a Python call per token
        texts, decode = self._pieces.texts, self._pieces.text
        pairs = list(zip([texts.get(i) or decode(i) for i in best.ravel().tolist()], probs, strict=True))
        top = self._top
        tops = [tuple(pairs[start:start + top]) for start in range(0, len(pairs), top)]
        signals = list(map(TokenSignal, [text for _token, text in captured], logprobs.tolist(),
                           entropies.tolist(), tops))
        captured.clear()
        return signals

    def _signal(self, text: str, logprob: float, entropy: float, ids: list[int],
                probs: list[float]) -> TokenSignal:
        """The record (``logprob`` and ``entropy`` already clipped to their ranges)."""
        texts, decode = self._pieces.texts, self._pieces.text
        names = [texts.get(i) or decode(i) for i in ids]
        return TokenSignal(text, logprob, entropy, tuple(zip(names, probs, strict=True)))


def top_tokens(shifted: np.ndarray, best: int | None = None, count: int = TOP_K) -> list[int]:
    """The ``count`` largest of ``shifted`` (logits minus their max), in order, ties by lower id;
    overwrites them with -inf. ``best``: the index of the largest, if known.

    Repeated argmax (one SIMD pass each, the first maximum wins) beats both
    ``argpartition`` and a filter on the tokens near the best whatever the
    distribution looks like (measured at 8k-152k tokens of vocabulary).
    """
    count = min(count, len(shifted))
    ids = []
    for _ in range(count):
        index = int(shifted.argmax()) if best is None else best
        best = None
        ids.append(index)
        shifted[index] = -np.inf
    return ids
