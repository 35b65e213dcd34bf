"""Background work for the GUI, results delivered on the GUI thread.

After Anki's TaskManager: a resource that is not thread-safe gets one thread
that owns it. The conversation database gets a single store thread (SQLite
connections stay on the thread that made them); callbacks run on the GUI
thread through a queued Qt signal, so widgets are only touched there. Other
disk and network work uses :class:`~denkspur.gui.background.BackgroundOp`; as
there, a failure without its own handler is shown to the user.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from denkspur.core.conversations.store import Store

log = logging.getLogger("denkspur.gui")
T = TypeVar("T")


class StoreThread(QObject):
    """Runs ``fn(store)`` on the store thread; ``on_done(result)`` on the GUI thread."""

    _delivered = Signal(object, object, bool)  # callback, result or error, failed
    #: The database was damaged and replaced at open (a RecoveryReport), on the GUI thread.
    recovered = Signal(object)

    def __init__(self, path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._executor: ThreadPoolExecutor | None = None  # made with the first call
        self._store: Store | None = None
        self._closed = False
        self._delivered.connect(self._deliver)
        self.interrupted = 0  # replies found cut off by a killed app, marked on open

    def _open(self) -> Store:
        """Open the database on first use (on the store thread, so start-up does not wait)."""
        if self._store is None:
            from denkspur.core.conversations.recovery import open_checked

            self._store, report = open_checked(self.path)  # a damaged file is kept aside and read back
            if report is not None:
                self._delivered.emit(self.recovered.emit, report, False)
            self.interrupted = self._store.mark_interrupted()
        return self._store

    def call(
        self,
        fn: Callable[[Store], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> Future[T] | None:
        """Queue ``fn``; ``None`` once closed (late callbacks of a closing window)."""
        if self._closed:
            return None

        def job() -> T:
            try:
                result = fn(self._open())
            except Exception as error:
                log.exception("store operation failed")
                self._delivered.emit(on_error, error, True)
                raise
            self._delivered.emit(on_done, result, False)
            return result

        return self._thread().submit(job)

    def _thread(self) -> ThreadPoolExecutor:
        """The store's one thread, started by the first call (after the window's first frame)."""
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="denkspur-store")
        return self._executor

    def _deliver(self, callback: Callable[[Any], None] | None, value: object, failed: bool) -> None:
        if callback is not None:
            callback(value)
        elif failed and isinstance(value, Exception):
            from denkspur.gui.background import show_failure  # a failure is rare: not at start-up

            show_failure(self._window(), value)

    def _window(self) -> QWidget | None:
        """The window this store serves (where a failure is shown), if any."""
        owner = self.parent()
        while owner is not None and not isinstance(owner, QWidget):
            owner = owner.parent()
        return owner.window() if isinstance(owner, QWidget) else None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._executor is None:  # never used: no thread, no open database
            return

        def shut() -> None:
            if self._store is not None:
                self._store.close()

        self._executor.submit(shut)
        self._executor.shutdown(wait=True)
