"""Live stream events waiting for the GUI thread, taken a bounded slice per event-loop turn.

A flood (a model or server writing megabytes per second) brings batches of tens
of thousands of sentence and step events; shown at once, one batch held the
window up for a tenth of a second and more. The trace panel puts each batch here
and takes a slice per turn. Each batch may come with a ``shown`` callback, called
once every event of the batch has been taken (or the queue is cleared): the engine
thread waits for it before it sends more, so the backlog stays a batch or two long
instead of growing as fast as the model writes (backpressure that the GUI's own
queue would otherwise undo).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

Event = TypeVar("Event")
Shown = Callable[[], None]


class LiveQueue(Generic[Event]):
    """Batches of events in arrival order; :meth:`take` gives them back in bounded slices.

    Each batch is held as a deque that loses its events as they are taken: a flood's
    events are objects the garbage collector walks, and those already shown should not
    stay alive until the rest of their batch is.
    """

    def __init__(self) -> None:
        self._batches: deque[tuple[deque[Event], Shown | None]] = deque()
        self._count = 0  # events waiting

    def __len__(self) -> int:
        return self._count

    def put(self, events: Iterable[Event], shown: Shown | None = None) -> None:
        """Queue a batch; ``shown`` is called when its last event has been taken."""
        batch = deque(events)
        self._batches.append((batch, shown))
        self._count += len(batch)

    def take(self, limit: int) -> tuple[list[Event], list[Shown]]:
        """Up to ``limit`` events in order, and the ``shown`` callbacks of the batches they complete
        (a batch is complete once its last event is taken: an empty one at once)."""
        taken: list[Event] = []
        done: list[Shown] = []
        batches = self._batches
        while batches:
            events, shown = batches[0]
            room = limit - len(taken)
            if len(events) > room:
                taken.extend(events.popleft() for _ in range(room))
                break
            taken.extend(events)
            batches.popleft()
            if shown is not None:
                done.append(shown)
        self._count -= len(taken)
        return taken, done

    def clear(self) -> list[Shown]:
        """Drop every queued event; returns the ``shown`` callbacks of the dropped batches
        (the sender must not wait for them)."""
        done = [shown for _events, shown in self._batches if shown is not None]
        self._batches.clear()
        self._count = 0
        return done
