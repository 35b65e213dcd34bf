"""A long reply's token signals cost the garbage collector nothing per token.

Each full collection walks every tracked object and every item of the containers
among them, on the GUI thread (gui/gc_guard.py): with a tracked record per token,
200,000 tokens made a 66 ms collection of a 91 ms stall (bench/big_output.py). A
:class:`TokenSignal` is a named tuple, which CPython never stops tracking, so what
keeps a reply's tokens keeps them as columns (:class:`SignalColumns`: arrays and a
table of distinct words) or plain tuples, and events are dropped once shown.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

from denkspur.core.trace.event_log import StreamEventLog
from denkspur.core.trace.signals import (
    SignalColumns,
    SignalPacker,
    TokenSignal,
    align,
    pack,
    spans_confidence,
    summarize,
    unpack,
)
from denkspur.core.trace.stream import ReasoningStream, SentenceDone, StepDone, StreamEvent, TraceText

TOKENS = 50_000
PER_BATCH = 500


def _walked() -> int:
    """What a full collection visits: the tracked objects and the items of the containers among them."""
    gc.collect()
    tracked = gc.get_objects()
    return len(tracked) + sum(len(thing) for thing in tracked if type(thing) in (list, tuple, dict, set))


def _token(index: int) -> str:
    """A sentence (and a step) every 100 tokens: what the trace keeps per sentence is not measured here."""
    return f" word{index % 97}" if index % 100 else ".\n\n"


Batch = tuple[str, tuple[TokenSignal, ...]]


def _batches(count: int = TOKENS, per_batch: int = PER_BATCH) -> Iterator[Batch]:
    """Text and records batch by batch, made as taken (as they come from the engine)."""
    for first in range(0, count, per_batch):
        records = tuple(TokenSignal(_token(i), -0.01 * (i % 50), 0.02 * (i % 70),
                                    ((_token(i), 0.9), (" other", 0.05)))
                        for i in range(first, min(count, first + per_batch)))
        yield "".join(record.text for record in records), records


def _events(stream: ReasoningStream | None = None) -> Iterator[list[StreamEvent]]:
    """The events of a reply batch by batch (its stream's, if given, to keep it)."""
    stream = ReasoningStream(assume_open=True) if stream is None else stream
    for text, records in _batches():
        yield stream.feed(text, len(records), "model", records)
    yield stream.flush()


def test_a_long_stream_with_signals_adds_no_tracked_objects_per_token() -> None:
    stream = ReasoningStream(assume_open=True)
    before = _walked()
    for events in _events(stream):
        del events  # shown and dropped, as in the app
    grown = _walked() - before
    assert grown < TOKENS // 10, grown  # a few per batch and sentence (500), none per token
    result = stream.finish()
    assert len(result.signals) == TOKENS and result.signals[13] == TokenSignal(
        " word13", -0.01 * 13, 0.02 * 13, ((" word13", 0.9), (" other", 0.05)))


def test_the_packer_of_a_streaming_reply_adds_no_tracked_objects_per_token() -> None:
    packer = SignalPacker()
    gc.collect()
    before = len(gc.get_objects())
    for _text, records in _batches():
        packer.extend(records)
    del records
    gc.collect()
    assert len(gc.get_objects()) - before < TOKENS // 20  # its lists of numbers are few and long
    packed = packer.packed(TOKENS)
    signals, trace = unpack(packed)  # read back as it is, and as JSON gives it (lists)
    assert trace == TOKENS and signals[1].top == ((" word1", 0.9), (" other", 0.05))
    assert unpack(pack(signals, TOKENS))[0] == signals


def test_the_event_log_gives_back_the_events_and_adds_no_tracked_objects_per_token() -> None:
    log = StreamEventLog()
    before = _walked()
    for events in _events():
        log.extend(events)
    grown = _walked() - before
    assert grown < TOKENS // 10, grown  # an item per event (~1,100), nothing per token
    replayed = log.events()
    assert replayed == [event for events in _events() for event in events] and len(replayed) == len(log)
    assert any(isinstance(event, SentenceDone) for event in replayed)
    assert any(isinstance(event, StepDone) for event in replayed)
    tokens = [token for event in replayed if isinstance(event, TraceText) for token in event.tokens]
    assert len(tokens) == TOKENS and tokens[5].text == " word5"
    log.clear()
    assert log.events() == []


def test_signal_columns_read_like_the_list_of_records() -> None:
    records = [record for _text, batch in _batches(600, 100) for record in batch]
    columns = SignalColumns(records[:250])
    columns.extend(iter(records[250:]))
    assert len(columns) == 600 and columns == records and list(columns) == records
    assert columns[7] == records[7] and columns[-1] == records[-1] and columns[10:20] == records[10:20]
    text = "".join(record.text for record in records)
    assert align(text, columns) == align(text, records)
    spans = [(0, 100), (100, 2_000)]
    offsets = align(text, records)
    assert spans_confidence(spans, columns, offsets) == spans_confidence(spans, records, offsets)
    assert summarize(columns) == summarize(records)
    columns.clear()
    assert not columns and columns == []
    before = _walked()
    for _text, batch in _batches():
        columns.extend(batch)
    last = batch[-1]
    del batch
    assert _walked() - before < 1_000  # the distinct words (98 here), nothing per token
    assert columns[-1] == last and len(columns) == TOKENS
