"""A flooding stream reaches the GUI in bounded batches, and the engine thread waits for it."""

from __future__ import annotations

import threading
import time

from denkspur.core.trace.stream import ReasoningStream, StreamEvent
from denkspur.gui.engine_worker import MAX_BATCH_EVENTS, EventBatcher, InFlightGate


def _flood() -> list[StreamEvent]:
    stream = ReasoningStream(assume_open=True)
    return [*stream.feed("One more sentence of reasoning.\n\n" * 5_000), *stream.flush()]


def test_a_flood_is_sent_in_batches_of_bounded_size() -> None:
    sent: list[list[StreamEvent]] = []
    batcher = EventBatcher(sent.append)
    events = _flood()
    for event in events:
        batcher.add(event)
    batcher.flush()
    assert len(events) > 3 * MAX_BATCH_EVENTS
    assert max(len(batch) for batch in sent) <= MAX_BATCH_EVENTS
    assert [event for batch in sent for event in batch] == events


def test_the_sender_waits_while_the_gui_is_behind_and_goes_on_when_it_caught_up() -> None:
    gate = InFlightGate(2)
    sent: list[int] = []
    batcher = EventBatcher(lambda batch: sent.append(len(batch)), gate)
    events = _flood()
    producer = threading.Thread(target=lambda: [batcher.add(event) for event in events])
    producer.start()
    deadline = time.monotonic() + 30
    while len(sent) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    assert len(sent) == 2  # nothing was shown: the third batch waits
    assert producer.is_alive()
    for _ in range(100):  # the GUI shows batches; the producer goes on
        gate.shown()
        time.sleep(0.005)
        if not producer.is_alive():
            break
    producer.join(timeout=30)
    assert not producer.is_alive()
    assert len(sent) > 2


def test_stop_ends_a_wait_for_the_gui_at_once() -> None:
    gate = InFlightGate(1)
    gate.sent()
    waited: list[bool] = []
    waiter = threading.Thread(target=lambda: waited.append(gate.wait_for_room(timeout=60)))
    waiter.start()
    time.sleep(0.1)
    assert waiter.is_alive()
    gate.release_all()
    waiter.join(timeout=5)
    assert waited == [True]


def test_a_stuck_gui_delays_a_batch_no_longer_than_the_deadline() -> None:
    gate = InFlightGate(1)
    gate.sent()
    assert gate.wait_for_room(timeout=0.05) is False


def test_events_are_handed_on_when_no_new_one_comes() -> None:
    """A server or model that pauses mid-reply: what came before the pause reaches the GUI
    without waiting for the next event (it waited for it, however long the pause)."""
    sent: list[list[StreamEvent]] = []
    batcher = EventBatcher(sent.append)
    events = ReasoningStream(assume_open=True).feed("A sentence before a long pause. ")
    for event in events:
        batcher.add(event)  # added at once: not yet due
    deadline = time.monotonic() + 10
    while not sent and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [event for batch in sent for event in batch] == events
    more = ReasoningStream(assume_open=True).feed("After it. ")
    for event in more:
        batcher.add(event)
    batcher.close()  # the rest is handed on, and the watch thread ends
    assert [event for batch in sent for event in batch] == [*events, *more]


def test_after_a_flood_batch_the_sender_waits_until_it_is_shown_before_going_on() -> None:
    """The engine thread does not parse more of a flood while the GUI shows a batch of it
    (the two threads shared the GIL, and the GUI's turns took twice their time)."""
    gate = InFlightGate(2)  # room for two: only the flood rule makes it wait after the first
    order: list[str] = []
    batcher = EventBatcher(lambda batch: order.append(f"sent {len(batch)}"), gate)
    events = _flood()[:MAX_BATCH_EVENTS + 1]

    def produce() -> None:
        for event in events:
            batcher.add(event)
        order.append("went on")

    producer = threading.Thread(target=produce)
    producer.start()
    full = f"sent {MAX_BATCH_EVENTS}"
    deadline = time.monotonic() + 30
    while full not in order and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    assert full in order and producer.is_alive() and "went on" not in order  # it waits for the GUI
    order.append("shown")
    while producer.is_alive() and time.monotonic() < deadline:  # the GUI shows what was sent
        gate.shown()
        time.sleep(0.01)
    assert order.index(full) < order.index("shown") < order.index("went on")


def test_a_small_batch_does_not_wait_for_the_gui() -> None:
    gate = InFlightGate(2)
    sent: list[int] = []
    batcher = EventBatcher(lambda batch: sent.append(len(batch)), gate)
    for event in ReasoningStream(assume_open=True).feed("Two sentences. Not a flood. "):
        batcher.add(event)
    batcher.flush()  # returns without anything shown: a normal stream is not held up
    assert sent and gate.wait_for_room(timeout=0)
