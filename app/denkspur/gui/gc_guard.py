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

from PySide6.QtCore import QObject, QTimer

#: How often the collector looks at the allocation counts (milliseconds).
CHECK_INTERVAL_MS = 250
#: When start-up has settled (the window shown, its deferred work done): what is alive
#: then is frozen (see :meth:`GuiThreadCollector.freeze_settled`).
FREEZE_AFTER_MS = 5_000


class GuiThreadCollector(QObject):
    """Runs gc's generational checks from a GUI-thread timer; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._long_lived = 0  # objects in the oldest generation after the last full collection
        self._was_enabled = gc.isenabled()
        self._froze = False
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
        """Collect the generations whose thresholds are crossed; returns the objects freed."""
        young, middle, old = self._thresholds
        count0, count1, count2 = gc.get_count()
        if count0 <= young:
            return 0
        if count1 < middle:
            return gc.collect(0)
        if count2 < old or not self._old_generation_grew():
            return gc.collect(1)
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
