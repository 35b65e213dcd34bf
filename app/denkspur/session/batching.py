"""Stream events handed on in batches, with backpressure: no Qt, used on both sides of a pipe.

The app's engine thread hands the GUI a batch about 20 times a second (:class:`EventBatcher`),
and waits while the GUI has not shown what it was sent (:class:`InFlightGate`); the session
process batches the same way before it pickles events over its pipe to the app
(:mod:`denkspur.session.process_runner`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from denkspur.core.trace.stream import StreamEvent

#: Seconds between event batches to the GUI. Each batch costs the GUI thread a
#: relayout and repaint of the trace tail whatever its size: at 1,000 tokens/s on
#: a 2-core CPU, 30 batches/s took ~350 us of app CPU per token, 10/s ~190 us.
EMIT_INTERVAL = 0.05
#: Events in one batch at most. A flood (a server or model writing megabytes per
#: second) would otherwise bring ~40,000 sentence and step events per batch, and
#: the GUI thread would spend hundreds of milliseconds on one.
MAX_BATCH_EVENTS = 2_000
#: Batches sent and not yet shown. When the GUI falls behind, the engine thread
#: waits (and with it the model's output in the pipe or the socket): backpressure.
MAX_IN_FLIGHT = 2
#: The longest the engine thread waits for the GUI before it sends anyway: a GUI
#: that is stuck for another reason must not also stall the reply.
BACKPRESSURE_WAIT = 2.0
#: A batch this big means a flood: the engine thread then waits until the GUI has shown
#: it before it parses more. Both threads run Python and share one GIL about evenly,
#: so parsing the next megabyte while the GUI shows this one doubled the GUI's turns
#: (a 22 ms turn took 62 ms). A normal stream's batches are far smaller and never wait.
FLOOD_BATCH = MAX_BATCH_EVENTS // 2


class InFlightGate:
    """Counts batches sent to the GUI and not yet shown; the sender waits while too many are.

    Every wait has a deadline (:data:`BACKPRESSURE_WAIT`), and ``release_all``
    (Stop, quitting) ends any wait at once: the gate slows a flood down, it never
    holds a reply up for good.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._in_flight = 0
        self._open = False
        self._changed = threading.Condition()

    def reset(self) -> None:
        with self._changed:
            self._in_flight, self._open = 0, False

    def wait_for_room(self, timeout: float = BACKPRESSURE_WAIT) -> bool:
        """Wait until fewer than ``limit`` batches are in flight; False when it gave up."""
        return self._wait_until_in_flight_below(self._limit, timeout)

    def wait_until_shown(self, timeout: float = BACKPRESSURE_WAIT) -> bool:
        """Wait until every batch sent is shown; False when it gave up."""
        return self._wait_until_in_flight_below(1, timeout)

    def _wait_until_in_flight_below(self, limit: int, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._open or self._in_flight < limit, timeout)

    def sent(self) -> None:
        with self._changed:
            self._in_flight += 1

    def shown(self) -> None:
        with self._changed:
            self._in_flight = max(0, self._in_flight - 1)
            self._changed.notify_all()

    def release_all(self) -> None:
        with self._changed:
            self._open = True
            self._changed.notify_all()


class EventBatcher:
    """Collects stream events and hands them on every ``interval`` seconds, or sooner in
    batches of at most ``max_events`` (:data:`EMIT_INTERVAL`, :data:`MAX_BATCH_EVENTS`),
    waiting for the GUI to catch up before each batch (see :class:`InFlightGate`).

    Events that wait while no new one comes (a server or model pausing mid-reply) are
    handed on by a watch thread once they are ``interval`` old, so the window never
    shows less than was received a moment ago. :meth:`close` hands on the rest and ends it.
    """

    def __init__(self, send: Callable[[list[StreamEvent]], None], gate: InFlightGate | None = None, *,
                 interval: float = EMIT_INTERVAL, max_events: int = MAX_BATCH_EVENTS) -> None:
        self._send = send
        self._gate = gate
        self._interval, self._max_events = interval, max_events
        self._events: list[StreamEvent] = []
        self._last = time.monotonic()
        self._changed = threading.Condition()
        self._closed = False
        self._watch: threading.Thread | None = None

    def add(self, event: StreamEvent) -> None:
        with self._changed:
            self._events.append(event)
            if time.monotonic() - self._last >= self._interval or len(self._events) >= self._max_events:
                self._hand_on()
            elif self._watch is None and not self._closed:
                self._watch = threading.Thread(target=self._watch_late, name="denkspur-batcher", daemon=True)
                self._watch.start()
            elif len(self._events) == 1:
                # Only an empty batcher's watch waits without a deadline; later events are
                # handed on at the deadline it already keeps (no wake-up per event).
                self._changed.notify()

    def flush(self) -> None:
        """Hand on what is collected now (the batcher can still be used)."""
        with self._changed:
            self._hand_on()

    def close(self) -> None:
        """Hand on the rest and end the watch thread (the reply is over)."""
        with self._changed:
            self._closed = True
            self._hand_on()
            self._changed.notify()
        if self._watch is not None:
            self._watch.join(timeout=5)

    def _watch_late(self) -> None:
        with self._changed:
            while not self._closed:
                if not self._events:
                    self._changed.wait()
                    continue
                late = self._last + self._interval - time.monotonic()
                if late > 0:
                    self._changed.wait(late)
                else:
                    self._hand_on()

    def _hand_on(self) -> None:
        """Send the collected events (the caller holds the lock, so batches keep their order)."""
        if not self._events:
            return
        if self._gate is not None:
            self._gate.wait_for_room()
            self._gate.sent()
        events, self._events = self._events, []
        self._send(events)
        if self._gate is not None and len(events) >= FLOOD_BATCH:
            self._gate.wait_until_shown()  # a flood: the GUI shows it alone (see FLOOD_BATCH)
        self._last = time.monotonic()
