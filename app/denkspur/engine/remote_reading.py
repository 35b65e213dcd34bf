"""Reading one streamed reply: reasoning shapes made one ``<think>`` stream, token counts,
the budget's cut, prefill checks.

Plain state machines fed with parsed deltas (:mod:`denkspur.engine.remote_chunks`); no
network here, so each rule can be tested with deltas alone.
"""

from __future__ import annotations

from denkspur.core.trace.signals import TokenSignal
from denkspur.core.trace.splitter import CLOSE_TAG, OPEN_TAG
from denkspur.core.trace.tokens import estimate_tokens
from denkspur.engine import protocol as p
from denkspur.engine.remote_chunks import ChoiceDelta
from denkspur.engine.thinking import SENTENCE_GRACE, at_sentence_end

#: The most characters one counted token may stand for (a server may pack many into one delta).
CHARS_PER_TOKEN_CAP = 32


def tokens_in(text: str) -> int:
    """Tokens a piece of text counts for ``max_tokens``: at least one per delta and per word,
    and one per :data:`CHARS_PER_TOKEN_CAP` characters, so a server that packs a whole book
    into one delta still meets the limit."""
    return max(1, estimate_tokens(text), len(text) // CHARS_PER_TOKEN_CAP)


#: Characters of the trace's beginning that, written again at the start of a continuation, show
#: that the server began the reply anew instead of continuing it.
REPEAT_PROBE = 24
#: ... when the trace has at least this many (a shorter one could be repeated by chance).
REPEAT_MIN = 8


class PrefillRefused(Exception):
    """The server did not continue the reply it was given."""


class PrefillCheck:
    """Watches a continuation's first deltas: did the server continue the prefill?

    It did not when it rejects the request, opens a new think block (a reasoning
    field, or ``<think>`` in the text, where the thinking was closed), or starts by
    writing the given trace again. Decided once enough text has come.
    """

    def __init__(self, trace: str, *, closed: bool) -> None:
        self._head = trace.strip()[:REPEAT_PROBE]
        self._closed = closed
        self._content = ""
        self.decided = False

    def see(self, delta: ChoiceDelta) -> None:
        if self.decided:
            return
        if delta.reasoning and self._closed:
            raise PrefillRefused("it began a new thinking (a reasoning field)")
        self._content += delta.reasoning + delta.content
        if OPEN_TAG in self._content or (self._closed and CLOSE_TAG in self._content):
            raise PrefillRefused("it began a new thinking (a <think> tag)")
        start = self._content.lstrip()
        head = self._head
        if len(head) >= REPEAT_MIN and start[: len(head)] == head:
            raise PrefillRefused("it wrote the given trace again")
        self.decided = len(start) >= max(len(head), REPEAT_MIN)


class Reading:
    """One reply's counts across its requests, and where the thinking budget cuts the stream."""

    def __init__(self, max_tokens: int, *, opens: bool, budget: int | None) -> None:
        self.max_tokens, self.budget = max_tokens, budget
        self.produced = self.counted = self.prompt_tokens = self.requests = 0
        self.reason = "stop"
        self.cut = False
        self.thinking = Thinking(opens)
        self.usage: p.TokenUsage | None = None  # the server's own count (the last request's)
        self.exact = True  # every piece came with its tokens (log-probabilities)

    def add(self, text: str, signals: tuple[TokenSignal, ...] | None) -> int:
        """Count a piece of text; returns its tokens. An event is not a token: the tokens
        sent with it are counted (log-probabilities), else they are estimated from the text."""
        tokens = len(signals) if signals else tokens_in(text)
        self.exact = self.exact and bool(signals)
        self.produced += tokens
        self.counted += tokens_in(text)
        self.thinking.see(text)
        return tokens

    def at_budget(self) -> bool:
        """The trace has reached the budget and a sentence ends (or the grace is used up)."""
        thinking, budget = self.thinking, self.budget
        if budget is None or not thinking.inside or thinking.tokens < budget:
            return False
        return at_sentence_end(thinking.tail) or thinking.tokens >= budget + SENTENCE_GRACE


class Thinking:
    """Follows the shaped stream: is it inside the think block, what has the trace said, in how many tokens.

    Only a trace known to be open counts (the template opened it, or a tag or a
    reasoning field did); a tentative one may turn out to be the answer.
    """

    def __init__(self, opens: bool) -> None:
        self._pieces: list[str] = []
        self._size = 0
        self._start: int | None = 0 if opens else None
        self._end: int | None = None
        self.tail = ""
        self.tokens = 0

    @property
    def inside(self) -> bool:
        return self._start is not None and self._end is None

    def see(self, text: str) -> None:
        window = self.tail + text
        base = self._size - len(self.tail)
        self._pieces.append(text)
        self._size += len(text)
        if self._start is None and (found := window.find(OPEN_TAG)) >= 0:
            self._start = base + found + len(OPEN_TAG)
        if self.inside:
            assert self._start is not None
            close = window.find(CLOSE_TAG, max(0, self._start - base))
            if close >= 0:
                self._end = base + close
            else:
                self.tokens += tokens_in(text)
        self.tail = window[-32:]

    def trace(self) -> str:
        return "".join(self._pieces)[self._start:self._end]


class ReasoningShaper:
    """Turns deltas of any reasoning shape into one stream with ``<think>`` tags.

    ``opened``: the stream continues a trace already open (a prefill), so a reasoning
    field is that trace's text, without a new opening tag.
    """

    def __init__(self, *, opened: bool = False) -> None:
        self._in_reasoning_field = False
        self._seen_content = False
        self._opened = opened

    def feed(self, delta: ChoiceDelta) -> str:
        reasoning, content = delta.reasoning, delta.content
        out = []
        if reasoning:
            if self._opened and not self._seen_content:
                self._in_reasoning_field = True
            elif not self._in_reasoning_field and not self._seen_content:
                # A separate reasoning field: open the trace explicitly (this also settles a
                # tentative trace; a template-opened one swallows the redundant tag).
                out.append(OPEN_TAG)
                self._in_reasoning_field = True
            out.append(reasoning.replace(CLOSE_TAG, "</ think>"))  # reasoning text cannot close it
        if content:
            if self._in_reasoning_field:
                out.append(CLOSE_TAG)
                self._in_reasoning_field = False
            self._seen_content = True
            out.append(content)
        return "".join(out)
