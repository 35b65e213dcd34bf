"""The engine child's token coalescing, over a real pipe with a controlled clock."""

from __future__ import annotations

import multiprocessing

from denkspur.engine import protocol as p
from denkspur.engine.child_io import Outbox, TextBatcher


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _received(connection: object) -> list[tuple[str, int]]:
    out = []
    while connection.poll():  # type: ignore[attr-defined]
        event = connection.recv()  # type: ignore[attr-defined]
        assert isinstance(event, p.TokenText) and event.request_id == 7
        out.append((event.text, event.tokens))
    return out


def _batcher(**options: object) -> tuple[TextBatcher, object, Clock]:
    read, write = multiprocessing.Pipe(duplex=False)
    clock = Clock()
    batcher = TextBatcher(Outbox(write), 7, interval=0.01, clock=clock, **options)  # type: ignore[arg-type]
    return batcher, read, clock


def test_first_token_goes_out_at_once_then_fast_tokens_share_a_message() -> None:
    batcher, read, clock = _batcher()
    batcher.add("Okay")
    assert _received(read) == [("Okay", 1)]  # never delayed
    for word in (",", " so", " the"):
        clock.now += 0.002
        batcher.add(word)
    assert _received(read) == []  # within the interval: held
    clock.now += 0.005  # 11 ms since the last message
    batcher.add(" sky")
    assert _received(read) == [(", so the sky", 4)]
    clock.now += 0.001
    batcher.add(" is")
    batcher.flush()
    batcher.flush()  # nothing left: nothing sent
    assert _received(read) == [(" is", 1)]


def test_slow_tokens_are_sent_one_by_one() -> None:
    batcher, read, clock = _batcher()
    for word in ("a", "b", "c"):
        batcher.add(word)
        clock.now += 0.05
    assert _received(read) == [("a", 1), ("b", 1), ("c", 1)]


def test_a_batch_never_exceeds_its_token_limit() -> None:
    batcher, read, _clock = _batcher(limit=3)
    for word in "abcdefg":
        batcher.add(word)  # the clock stands still: only the limit sends
    assert _received(read) == [("a", 1), ("bcd", 3), ("efg", 3)]


def test_a_tag_token_travels_alone_so_counts_stay_on_their_side() -> None:
    batcher, read, clock = _batcher()
    batcher.add("x")
    clock.now += 0.001
    batcher.add(" done")
    batcher.add_alone("</think>")
    batcher.add_alone("\n</think>", tokens=2)
    assert _received(read) == [("x", 1), (" done", 1), ("</think>", 1), ("\n</think>", 2)]
