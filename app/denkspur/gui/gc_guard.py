"""Python's cyclic garbage collection, run on the GUI thread only.

Automatic collection runs on whichever thread happens to allocate when a threshold
is crossed: the engine thread, a corpus or download job. If the garbage it finds
holds Qt objects of the GUI thread (a widget in a reference cycle with a closure),
they are deleted from that other thread, and Qt crashes (seen in the test suite as
a segfault inside a collection on the corpus-loading thread). The usual remedy for
Python Qt apps: switch automatic collection off and run the same generational
checks from a timer on the GUI thread. Reference counting still frees everything
that is not in a cycle at once; only cycles wait for the next tick.
"""

from __future__ import annotations

import gc
import time
import weakref

from PySide6.QtCore import QObject, QTimer

#: How often the collector looks at the allocation counts (milliseconds).
CHECK_INTERVAL_MS = 250
#: When start-up has settled (the window shown, its deferred work done): what is alive
#: then is frozen (see :meth:`GuiThreadCollector.freeze_settled`).
FREEZE_AFTER_MS = 5_000
#: The longest a due full collection waits while live replies follow one another
#: (seconds); see :func:`live_reply_hold`.
POSTPONE_AT_MOST_S = 120.0
#: A hold lapses when its reply brought nothing for this long (seconds): a panel that
#: was closed while live, or a reply that stalls, does not keep full collections off.
HOLD_FRESH_S = 2.0

_holds: weakref.WeakSet[LiveReplyHold] = weakref.WeakSet()


class LiveReplyHold:
    """Held by a view while it shows a live reply (see :func:`live_reply_hold`)."""

    def __init__(self) -> None:
        self._touched = time.monotonic()

    def touch(self) -> None:
        """The reply brought something: the hold stays fresh for :data:`HOLD_FRESH_S`."""
        self._touched = time.monotonic()

    def is_fresh(self, now: float) -> bool:
        return now - self._touched < HOLD_FRESH_S

    def end(self) -> None:
        """The reply ended (idempotent): a full collection that waited may run at the next check."""
        _holds.discard(self)


def live_reply_hold() -> LiveReplyHold:
    """While a view shows a live reply, full collections wait, until the hold ends or
    lapses (see :class:`LiveReplyHold`), at most :data:`POSTPONE_AT_MOST_S`.

    Why: while a reply streams, many objects in the oldest generation are the events in
    flight: made on the engine thread, queued for the views, freed by reference counting
    the moment they are shown. A full collection then walks all of them, and everything
    else alive, for nothing (20 ms in the middle of 200,000 streamed tokens in
    ``bench/big_output.py``, a stall the reader sees); once the reply has ended they are
    gone, and the same collection walks only what stays. The young generations are still
    collected at every check (which also stops tracking tuples of plain values, so that no
    later collection walks them): only cycles among old objects wait."""
    hold = LiveReplyHold()
    _holds.add(hold)
    return hold


class GuiThreadCollector(QObject):
    """Runs gc's generational checks from a GUI-thread timer; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._long_lived = 0  # objects in the oldest generation after the last full collection
        self._was_enabled = gc.isenabled()
        self._froze = False
        self._postponed_since: float | None = None  # when a due full collection first waited
        self.postpone_at_most_s = POSTPONE_AT_MOST_S
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> GuiThreadCollector:
        gc.disable()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Back to automatic collection (as it was before :meth:`start`)."""
        self._timer.stop()
        if self._froze:
            gc.unfreeze()
            self._froze = False
        if self._was_enabled:
            gc.enable()

    def freeze_settled(self) -> None:
        """Collect once, then move every object alive now out of the collector's sight
        (``gc.freeze``). Modules, classes and the window's wrappers live as long as the app,
        and every full collection on the GUI thread walked them again (about 10 ms of each);
        what is made later is collected as before."""
        gc.collect()
        gc.freeze()
        self._froze = True
        self._long_lived = len(gc.get_objects(2))

    def check(self) -> int:
        """Collect the generations whose thresholds are crossed; returns the objects freed.
        A due full collection waits while a live reply holds it off (see :func:`live_reply_hold`)."""
        young, middle, old = self._thresholds
        count0, count1, count2 = gc.get_count()
        now = time.monotonic()
        if self._postponed_since is not None and not self._live_reply_holds(now):
            self._postponed_since = None  # the reply ended: is the collection that waited still due?
            return self._collect_all() if self._old_generation_grew() else gc.collect(1)
        if count0 <= young:
            return 0
        if count1 < middle:
            return gc.collect(0)
        if count2 < old or not self._old_generation_grew():
            return gc.collect(1)
        if self._live_reply_holds(now):
            if self._postponed_since is None:
                self._postponed_since = now
            return gc.collect(1)
        return self._collect_all()

    @property
    def postponed(self) -> bool:
        """A full collection was due and waits for the live reply to end."""
        return self._postponed_since is not None

    def _live_reply_holds(self, now: float) -> bool:
        """A fresh hold exists (see :func:`live_reply_hold`), and a full collection that
        waited has not waited ``postpone_at_most_s`` yet."""
        if not any(hold.is_fresh(now) for hold in _holds):
            return False
        return self._postponed_since is None or now - self._postponed_since < self.postpone_at_most_s

    def _collect_all(self) -> int:
        self._postponed_since = None
        freed = gc.collect(2)
        self._long_lived = len(gc.get_objects(2))
        return freed

    def _old_generation_grew(self) -> bool:
        """CPython's own condition for a full collection, which ``gc.collect(2)`` skips: the
        objects that reached the oldest generation since the last full collection are more
        than a quarter of those it held then. A full collection walks every object the
        process has (a long reply's hundreds of thousands: 100 ms and more on the GUI
        thread); without this condition it ran every ~25 s of activity however little
        had changed."""
        return len(gc.get_objects(2)) - self._long_lived > self._long_lived // 4
