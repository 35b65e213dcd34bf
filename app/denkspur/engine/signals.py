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
(``llama_get_logits_ith(ctx, -1)``) until the next decode, so they are read in
place (no copy) and reduced with a handful of vectorised numpy calls: max,
subtract, exp, sum, dot (entropy = log Z - sum(e * x) / Z with x = logits - max,
e = exp(x)), and five argmax for the top 5. ``bench/signals_cost.py``
measures it against the same decoding without signals.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from denkspur.core.trace.signals import TOP_K, TokenSignal
from denkspur.engine.child_io import TokenPieces


class SignalRecorder:
    """Turns the logits of the last sampled position into a :class:`TokenSignal`."""

    def __init__(self, llm: Any, pieces: TokenPieces, logits_ith: Callable[[Any, int], Any]) -> None:
        """``logits_ith``: ``llama_cpp.llama_get_logits_ith`` (passed in: llama.cpp is the child's import)."""
        self._ctx = llm._ctx.ctx
        self._logits_ith = logits_ith
        self._n_vocab = int(llm.n_vocab())
        self._pieces = pieces
        self._shifted = np.empty(self._n_vocab, dtype=np.float32)
        self._exp = np.empty(self._n_vocab, dtype=np.float32)
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
        """The signal of ``token`` (shown as ``text``), sampled from the current logits."""
        logits = self._logits()
        shifted = np.subtract(logits, logits.max(), out=self._shifted)
        exp = np.exp(shifted, out=self._exp)
        total = float(exp.sum())
        log_total = math.log(total)
        entropy = log_total - float(np.dot(exp, shifted)) / total
        logprob = float(shifted[token]) - log_total
        # Top 5 by repeated argmax (SIMD, ~1 µs per 10k entries) on the scratch copy: in
        # order, and 4x cheaper than one argpartition over a 152k vocabulary.
        best = []
        for _ in range(min(TOP_K, self._n_vocab)):
            index = int(shifted.argmax())
            best.append(index)
            shifted[index] = -np.inf
        texts = self._texts
        probs = (exp[best] / total).tolist()
        top = tuple(zip([texts.get(i) or self._text(i) for i in best], probs, strict=True))
        return TokenSignal(text, min(0.0, logprob), max(0.0, entropy), top)

    def _text(self, token: int) -> str:
        """A token's own text for the alternatives list (a lone byte of a character shows as '�')."""
        text = self._texts.get(token)
        if text is None:
            text = self._texts[token] = self._pieces.piece(token).decode("utf-8", "replace")
        return text
