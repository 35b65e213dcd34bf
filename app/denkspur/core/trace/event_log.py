"""The events of a reply while it streams, kept so that they can be shown again.

The window shows a streaming reply's trace again when its conversation is opened
again after a look at another one, by handing the panel and the card every event
so far. Kept as the events themselves, a flood of 200,000 tokens would leave a
token record per token and an event object (with its sentence or step) per
sentence for the garbage collector to walk at every full collection (on the GUI
thread: tens of milliseconds each). Here text, sentence and step events are kept
as plain tuples of strings and numbers and the tokens as :class:`SignalColumns`,
none of which the collector tracks (see :mod:`denkspur.core.trace.records`); the
few other events (the trace closing, a side answer) are kept as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from denkspur.core.trace.records import Packed
from denkspur.core.trace.signals import SignalColumns
from denkspur.core.trace.steps import pack_sentence, pack_step, unpack_sentence, unpack_step
from denkspur.core.trace.stream import AnswerText, SentenceDone, StepDone, StreamEvent, TraceText

# The first item of a kept tuple: what it was.
_TRACE, _ANSWER, _SENTENCE, _STEP = range(4)


class StreamEventLog:
    """Append events (:meth:`extend`), get equal ones back in order (:meth:`events`)."""

    def __init__(self) -> None:
        self._entries: list[StreamEvent | Packed] = []
        self._tokens = SignalColumns()

    def __len__(self) -> int:
        return len(self._entries)

    def extend(self, events: Iterable[StreamEvent]) -> None:
        self._entries.extend(map(self._kept, events))

    def clear(self) -> None:
        self._entries.clear()
        self._tokens.clear()

    def events(self) -> list[StreamEvent]:
        """The events so far, made again from what is kept (equal to those given)."""
        return [self._made(entry) if isinstance(entry, tuple) else entry for entry in self._entries]

    def _kept(self, event: StreamEvent) -> StreamEvent | Packed:
        if isinstance(event, (TraceText, AnswerText)):
            start = len(self._tokens)
            self._tokens.extend(event.tokens)
            if isinstance(event, TraceText):
                return (_TRACE, event.text, start, len(self._tokens), event.trace_tokens)
            return (_ANSWER, event.text, start, len(self._tokens))
        if isinstance(event, SentenceDone):
            return (_SENTENCE, event.text, *pack_sentence(event.sentence))
        if isinstance(event, StepDone):
            return (_STEP, *pack_step(event.step))
        return event

    def _made(self, entry: Packed) -> StreamEvent:
        kind = entry[0]
        if kind == _SENTENCE:
            return SentenceDone(unpack_sentence(entry[2:]), str(entry[1]))
        if kind == _STEP:
            return StepDone(unpack_step(entry[1:]))
        start, end = int(entry[2]), int(entry[3])  # type: ignore[call-overload]
        tokens = tuple(self._tokens[start:end]) if end > start else ()
        if kind == _TRACE:
            return TraceText(str(entry[1]), int(entry[4]), tokens)  # type: ignore[call-overload]
        return AnswerText(str(entry[1]), tokens)
