"""How sure the model was, token by token: the figures behind the confidence view.

The engine records, for every generated token, the log-probability of the token
it sampled, the entropy of the distribution it was sampled from and the most
likely alternatives. This module turns such records into what a reader wants to
see at a glance (Qt-free, no numpy needed):

* *forking tokens*: high-entropy tokens such as "Wait" or "Alternatively", where
  the reasoning could have gone another way (Wang et al. 2025, arXiv 2506.01939,
  find that a minority of such tokens steer R1-style reasoning);
* a *confidence curve*: the mean log-probability over a sliding window of tokens,
  and its lowest window (DeepConf, arXiv 2508.15260, uses the lowest windows to
  tell weak traces from good ones);
* the mean confidence of any span of the trace (a sentence, a step).

Log-probabilities are natural logarithms; entropy is in nats.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, islice
from typing import NamedTuple, TypeGuard, overload

#: Entropy (nats) above which a token counts as a fork. About the 80th percentile
#: of token entropy in R1-distill traces (Wang et al. report most tokens far below 1).
FORK_ENTROPY = 1.0
#: Tokens per window of the confidence curve.
WINDOW = 32
#: How many alternatives a token record keeps.
TOP_K = 5


class TokenSignal(NamedTuple):
    """One generated token and how sure the model was of it.

    A named tuple, not a dataclass: events carry one per token, and a tuple is smaller
    and quicker to make. Its ``top`` pairs (plain tuples of strings and floats) drop out
    of the garbage collector's tracking; the named tuple itself does not (CPython
    untracks exact tuples only), so whatever keeps a reply's tokens for long (hundreds
    of thousands in a flood) keeps them in a :class:`SignalColumns`, not as records:
    every full collection would walk one object per token (66 ms of a 91 ms GUI stall
    at 200,000 tokens).
    """

    text: str
    logprob: float  # of the sampled token
    entropy: float  # of the distribution it was sampled from
    top: tuple[tuple[str, float], ...] = ()  # the most likely tokens with their probabilities

    @property
    def forking(self) -> bool:
        return self.entropy >= FORK_ENTROPY

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "logprob": _round(self.logprob), "entropy": _round(self.entropy),
                "top": [[text, _round(prob)] for text, prob in self.top]}

    @classmethod
    def from_dict(cls, data: object) -> TokenSignal | None:
        """Read a record from JSON (an export, the store); None if it is not one."""
        if not isinstance(data, dict):
            return None
        text, logprob, entropy = data.get("text"), data.get("logprob"), data.get("entropy")
        if not isinstance(text, str) or not finite_number(logprob) or not finite_number(entropy):
            return None
        pairs = data.get("top")
        top = tuple(
            (str(pair[0]), float(pair[1]))
            for pair in (pairs if isinstance(pairs, (list, tuple)) else ())
            if isinstance(pair, (list, tuple)) and len(pair) == 2 and finite_number(pair[1])
        )
        return cls(text, float(logprob), float(entropy), top[:TOP_K])


class SignalColumns(Sequence[TokenSignal]):
    """Token records kept for long, column by column: the garbage collector walks nothing
    per token in it (see :class:`TokenSignal`).

    Every text (a token's or an alternative's) once in a table of words, the tokens as
    indices into it and their figures in arrays (``array('q')``, ``array('d')``): a list
    per token would be cheaper to fill, but each full collection visits every item of a
    list (200,000 tokens, several such lists: tens of milliseconds on the GUI thread).
    Reads like a list of records (index, slice, iterate, compare with a list); a record
    is made when read. :attr:`texts` and :attr:`logprobs` let the whole-trace
    computations below skip making one per token.
    """

    __slots__ = ("_ids", "_text_ids", "_top_ends", "_top_ids", "_top_probs", "_words",
                 "entropies", "logprobs")

    def __init__(self, signals: Iterable[TokenSignal] = ()) -> None:
        self._words: list[str] = []  # each distinct text once
        self._ids: dict[str, int] = {}  # its index in _words
        self._text_ids = array("q")
        self.logprobs = array("d")
        self.entropies = array("d")
        self._top_ids = array("q")  # all tokens' alternatives, one after the other
        self._top_probs = array("d")
        self._top_ends = array("q")  # where each token's alternatives end in the two above
        self.extend(signals)

    def append(self, signal: TokenSignal) -> None:
        self.extend((signal,))

    def extend(self, signals: Iterable[TokenSignal]) -> None:
        records = signals if isinstance(signals, (tuple, list)) else list(signals)
        if not records:
            return
        texts, logprobs, entropies, tops = zip(*records, strict=True)
        ids, word = self._ids, self._word
        self._text_ids.extend([ids[text] if text in ids else word(text) for text in texts])
        self.logprobs.extend(logprobs)
        self.entropies.extend(entropies)
        pairs = [pair for top in tops for pair in top]
        self._top_ids.extend([ids[text] if text in ids else word(text) for text, _prob in pairs])
        self._top_probs.extend([prob for _text, prob in pairs])
        self._top_ends.extend(islice(accumulate(map(len, tops), initial=len(self._top_probs) - len(pairs)),
                                     1, None))

    def _word(self, text: str) -> int:
        self._ids[text] = len(self._words)
        self._words.append(text)
        return self._ids[text]

    def clear(self) -> None:
        self._words.clear()
        self._ids.clear()
        for column in (self._text_ids, self.logprobs, self.entropies, self._top_ids, self._top_probs,
                       self._top_ends):
            del column[:]

    @property
    def texts(self) -> list[str]:
        """Each token's text (a new list)."""
        return list(map(self._words.__getitem__, self._text_ids))

    def __len__(self) -> int:
        return len(self._text_ids)

    @overload
    def __getitem__(self, index: int) -> TokenSignal: ...

    @overload
    def __getitem__(self, index: slice) -> list[TokenSignal]: ...

    def __getitem__(self, index: int | slice) -> TokenSignal | list[TokenSignal]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = range(len(self))[index]  # negative indices, and IndexError past the end
        return TokenSignal(self._words[self._text_ids[index]], self.logprobs[index], self.entropies[index],
                           self._top(self._top_ends[index - 1] if index else 0, self._top_ends[index]))

    def _top(self, start: int, end: int) -> tuple[tuple[str, float], ...]:
        return tuple(zip(map(self._words.__getitem__, self._top_ids[start:end]), self._top_probs[start:end],
                         strict=True))

    def __iter__(self) -> Iterator[TokenSignal]:
        tops = map(self._top, chain((0,), self._top_ends), self._top_ends)
        return map(TokenSignal._make, zip(map(self._words.__getitem__, self._text_ids), self.logprobs,
                                          self.entropies, tops, strict=True))

    def __eq__(self, other: object) -> bool:
        """Equal to a list or columns of the same records, as the list it stands for would be."""
        if isinstance(other, SignalColumns):
            return list(self) == list(other)
        return isinstance(other, list) and list(self) == other

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list


def token_texts(signals: Sequence[TokenSignal]) -> Sequence[str]:
    """Each token's text (from the column when the records are kept as columns)."""
    return signals.texts if isinstance(signals, SignalColumns) else [s.text for s in signals]


def token_logprobs(signals: Sequence[TokenSignal]) -> Sequence[float]:
    """Each token's log-probability (from the column when the records are kept as columns)."""
    return signals.logprobs if isinstance(signals, SignalColumns) else [s.logprob for s in signals]


@dataclass(frozen=True)
class SignalSummary:
    """The figures of a whole reply (the ``done`` stats of ``chat --json --signals``)."""

    tokens: int
    mean_logprob: float | None
    mean_entropy: float | None
    forking_tokens: int
    lowest_window_logprob: float | None  # the lowest sliding-window mean log-probability
    lowest_window_start: int | None  # its first token index
    curve: list[float] = field(default_factory=list)  # window means, one per window step

    def to_dict(self) -> dict[str, object]:
        return {
            "mean_logprob": _round(self.mean_logprob),
            "mean_entropy": _round(self.mean_entropy),
            "forking_tokens": self.forking_tokens,
            "lowest_window_confidence": _round(self.lowest_window_logprob),
            "lowest_window_start": self.lowest_window_start,
            "signal_tokens": self.tokens,
        }


def confidence_curve(logprobs: Sequence[float], window: int = WINDOW, step: int = 1) -> list[float]:
    """Mean log-probability of each window of ``window`` tokens (one value if fewer tokens)."""
    if not logprobs:
        return []
    window = max(1, min(window, len(logprobs)))
    step = max(1, step)
    running = sum(logprobs[:window])
    curve = [running / window]
    for end in range(window, len(logprobs)):
        running += logprobs[end] - logprobs[end - window]
        if (end - window + 1) % step == 0:
            curve.append(running / window)
    return curve


def summarize(signals: Sequence[TokenSignal], window: int = WINDOW) -> SignalSummary:
    if not signals:
        return SignalSummary(0, None, None, 0, None, None)
    logprobs = token_logprobs(signals)
    entropies = signals.entropies if isinstance(signals, SignalColumns) else [s.entropy for s in signals]
    curve = confidence_curve(logprobs, window)
    lowest = min(range(len(curve)), key=curve.__getitem__)
    return SignalSummary(
        tokens=len(signals),
        mean_logprob=math.fsum(logprobs) / len(signals),
        mean_entropy=math.fsum(entropies) / len(signals),
        forking_tokens=sum(entropy >= FORK_ENTROPY for entropy in entropies),
        lowest_window_logprob=curve[lowest],
        lowest_window_start=lowest,
        curve=curve,
    )


def span_confidence(signals: Sequence[TokenSignal], start: int, end: int) -> float | None:
    """Mean log-probability of the tokens that cover characters ``start:end`` of their joined text.

    Sentences and steps are spans of the trace text; this gives each one a
    confidence without the caller knowing where tokens begin.
    """
    position, total, count = 0, 0.0, 0
    for token, logprob in zip(token_texts(signals), token_logprobs(signals), strict=True):
        token_end = position + len(token)
        if token_end > start and position < end:
            total += logprob
            count += 1
        if position >= end:
            break
        position = token_end
    return total / count if count else None


#: How far ahead of the last token :func:`align` looks for the next one (text the model
#: did not write, such as a user's note or the engine's bridge, may sit between them).
ALIGN_LOOKAHEAD = 2_000


def align(text: str, signals: Sequence[TokenSignal], lookahead: int = ALIGN_LOOKAHEAD) -> list[int | None]:
    """Where each token's text starts in ``text`` (a trace as shown), or None where it does not show.

    The shown trace is not always the tokens' text joined: the splitter drops the
    tags and the whitespace around them, and interventions add text no token wrote.
    Tokens are found in order, each after the previous one, within ``lookahead``.
    """
    offsets: list[int | None] = []
    cursor = 0
    for token in token_texts(signals):
        stripped = token.strip()
        if token and text.startswith(token, cursor):  # the usual case: right where the last one ended
            offsets.append(cursor)
            cursor += len(token)
            continue
        if not stripped:  # whitespace the splitter trimmed (never searched for: it is everywhere)
            offsets.append(None)
            continue
        ahead = text[cursor:cursor + 64]
        skipped = cursor + len(ahead) - len(ahead.lstrip())
        if text.startswith(stripped, skipped):  # its leading whitespace trimmed away
            offsets.append(skipped)
            cursor = skipped + len(stripped)
            continue
        found = text.find(token, cursor, cursor + lookahead + len(token))
        if found >= 0:
            offsets.append(found)
            cursor = found + len(token)
            continue
        found = text.find(stripped, cursor, cursor + lookahead + len(stripped))
        offsets.append(found if found >= 0 else None)
        if found >= 0:
            cursor = found + len(stripped)
    return offsets


def tokens_in_spans(spans: Sequence[tuple[int, int]], signals: Sequence[TokenSignal],
                    offsets: Sequence[int | None]) -> list[list[int]]:
    """The indices of the tokens inside each (start, end) span of the shown text.

    ``offsets`` come from :func:`align`; a token belongs to the span its first
    visible character is in (" Wait" starts a sentence, not the one before).
    """
    placed = sorted((offset + len(token) - len(token.lstrip()), index)
                    for index, (offset, token) in enumerate(zip(offsets, token_texts(signals), strict=True))
                    if offset is not None)
    starts = [position for position, _ in placed]
    return [[index for _, index in placed[bisect_left(starts, start): bisect_left(starts, end)]]
            for start, end in spans]


def spans_confidence(spans: Sequence[tuple[int, int]], signals: Sequence[TokenSignal],
                     offsets: Sequence[int | None]) -> list[float | None]:
    """Mean log-probability of the tokens inside each (start, end) span (None: no token there)."""
    logprobs = token_logprobs(signals)
    return [math.fsum(logprobs[i] for i in chosen) / len(chosen) if chosen else None
            for chosen in tokens_in_spans(spans, signals, offsets)]


#: The most token records a stored reply keeps (a cap on what a file may make us read).
MAX_STORED = 200_000


#: Stored figures are whole numbers of this unit (3 decimals): "-1234" instead of "-1.234".
UNIT = 1000


def pack(signals: Sequence[TokenSignal], trace_count: int) -> dict[str, object]:
    """The compact form kept with a reply (the ``signals`` key of a version's stats).

    Texts once each in ``words`` (the same tokens come back as alternatives again and
    again), tokens as indices into it, figures as whole thousandths in parallel
    arrays, each token's alternatives flat as ``[word, thousandths, word, …]``:
    about 90 bytes a token with its five alternatives in JSON (measured on a random
    32k-vocabulary model, where alternatives rarely repeat), instead of ~150 as records.
    ``trace`` says how many of the tokens, from the start, belong to the trace.
    """
    packer = SignalPacker()
    packer.extend(signals)
    packed = packer.packed(trace_count)
    packed["top"] = [list(row) for row in packer.top_rows()]  # lists, as read back from JSON
    return packed


class SignalPacker:
    """:func:`pack` token by token: a reply saved every half second while it streams
    packs each token once, not the whole reply again at every save.

    It lives as long as the reply streams, so nothing in it is a per-token object the
    garbage collector tracks: each token's alternatives are a plain tuple of numbers
    (a JSON array when saved), not a list."""

    def __init__(self) -> None:
        self._words: dict[str, int] = {}
        self._text: list[int] = []
        self._logprob: list[int] = []
        self._entropy: list[int] = []
        self._top: list[tuple[int, ...]] = []

    def __len__(self) -> int:
        return len(self._text)

    def extend(self, signals: Sequence[TokenSignal]) -> None:
        words = self._words
        for s in signals:
            self._text.append(words.setdefault(s.text, len(words)))
            self._logprob.append(round(s.logprob * UNIT))
            self._entropy.append(round(s.entropy * UNIT))
            self._top.append(tuple([item for text, prob in s.top
                                    for item in (words.setdefault(text, len(words)), round(prob * UNIT))]))

    def top_rows(self) -> list[tuple[int, ...]]:
        """Each token's alternatives so far, flat as ``(word, thousandths, …)``."""
        return list(self._top)

    def packed(self, trace_count: int) -> dict[str, object]:
        """The tokens so far in :func:`pack`'s form (copies: the packer may go on growing),
        each token's alternatives a tuple (the same JSON; :func:`unpack` reads both)."""
        return {
            "trace": trace_count,
            "unit": 1 / UNIT,
            "text": list(self._text),
            "logprob": list(self._logprob),
            "entropy": list(self._entropy),
            "top": list(self._top),
            "words": list(self._words),
        }


def unpack(data: object, *, alternatives: bool = True) -> tuple[list[TokenSignal], int]:
    """Read :func:`pack`'s form back (from the store or an imported file): (signals, trace count).

    Anything malformed gives what could be read up to it; nothing at all gives ``([], 0)``.
    ``alternatives=False`` leaves each token's ``top`` empty (the reasoning map needs none,
    and opening a long reply should not read a hundred thousand of them).
    """
    if not isinstance(data, dict):
        return [], 0
    words, texts, logprobs, entropies = (data.get(key) for key in ("words", "text", "logprob", "entropy"))
    tops = data.get("top")
    if not (isinstance(words, list) and isinstance(texts, list) and isinstance(logprobs, list)
            and isinstance(entropies, list)):
        return [], 0
    tops = tops if isinstance(tops, list) and alternatives else []
    signals: list[TokenSignal] = []
    for index in range(min(len(texts), len(logprobs), len(entropies), MAX_STORED)):
        text = _word(words, texts[index])
        flat = tops[index] if index < len(tops) and isinstance(tops[index], (list, tuple)) else []
        top = [[_word(words, flat[i]), _scaled(flat[i + 1])] for i in range(0, len(flat) - 1, 2)]
        record = TokenSignal.from_dict({"text": text, "logprob": _scaled(logprobs[index]),
                                        "entropy": _scaled(entropies[index]),
                                        "top": [pair for pair in top if pair[0] is not None]})
        if record is None:
            break
        signals.append(record)
    trace = data.get("trace")
    trace_count = min(trace, len(signals)) if isinstance(trace, int) and trace > 0 else 0
    return signals, trace_count


def _word(words: list[object], index: object) -> str | None:
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(words):
        text = words[index]
        return text if isinstance(text, str) else None
    return None


def _scaled(value: object) -> float | None:
    return value / UNIT if finite_number(value) else None


def finite_number(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
