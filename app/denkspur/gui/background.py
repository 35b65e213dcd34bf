"""Disk and network work off the GUI thread, results back on it.

After Anki's ``QueryOp``: say what runs in the background (``op``), what happens
with its result on the GUI thread (``success``), and optionally how a failure is
shown (``failure``) and where progress goes (``with_progress``)::

    BackgroundOp(self, op=lambda job: client.list_models(), success=self.show_models) \\
        .failure(lambda error: self.status.setText(failure_text(error))) \\
        .run()

A failure always reaches the user: without a ``failure`` handler a warning box
(object name ``backgroundFailure``) names what went wrong. Callbacks never run on
a widget that was deleted meanwhile; deleting the parent also sets ``job.cancel``
so a long op (a download) can stop early. Progress is coalesced: a fast op never
floods the event queue, the GUI sees the latest value.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from denkspur.gui.lazy_qt import Qt

if TYPE_CHECKING:  # built with the first failure shown (PySide builds Qt classes on first use)
    from PySide6.QtWidgets import QMessageBox

from denkspur.core.text.bidi import visible_bidi

log = logging.getLogger("denkspur.gui")
T = TypeVar("T")

#: Ops started and not yet delivered (keeps their relays alive until the GUI thread has seen them).
_RUNNING: set[object] = set()


class Job:
    """What an op gets: a way to report progress and a flag that asks it to stop."""

    def __init__(self, report: Callable[[object], None]) -> None:
        self.cancel = threading.Event()
        self._report = report

    def report(self, value: object) -> None:
        """Hand a progress value to the GUI (only the latest unseen one is delivered)."""
        self._report(value)


def failure_text(error: BaseException) -> str:
    """A message for the user: the error's own message if it has one, else its text or kind."""
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        return message
    return str(error) or type(error).__name__


def show_failure(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """The default failure handler: a warning box that does not block the window behind it."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Denkspur",
                      QCoreApplication.translate("BackgroundOp", "Something went wrong: %1")
                      .replace("%1", visible_bidi(failure_text(error))),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("backgroundFailure")
    box.setTextFormat(Qt.TextFormat.PlainText)  # error texts come from outside
    box.open()
    return box


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker arrive there queued."""

    finished = Signal(bool, object)  # ok, result or exception
    progressed = Signal()


class BackgroundOp(Generic[T]):
    """One piece of background work; configure with the chained methods, then :meth:`run`."""

    def __init__(self, parent: QObject, *, op: Callable[[Job], T], success: Callable[[T], None],
                 name: str = "background-op") -> None:
        self.parent, self.name = parent, name
        self._op, self._success = op, success
        self._failure: Callable[[Exception], None] | None = None
        self._progress: Callable[[object], None] | None = None
        self._lock = threading.Lock()
        self._latest: object = None
        self._pending = False
        self.job = Job(self._report)
        self.thread: threading.Thread | None = None
        self.done = False

    def failure(self, handler: Callable[[Exception], None]) -> BackgroundOp[T]:
        """Show a failure your own way (it must still tell the user)."""
        self._failure = handler
        return self

    def with_progress(self, handler: Callable[[object], None]) -> BackgroundOp[T]:
        """Receive the values the op passes to ``job.report`` (on the GUI thread)."""
        self._progress = handler
        return self

    def run(self) -> BackgroundOp[T]:
        """Start the op on its own daemon thread (quitting never waits for it). Call on the GUI thread."""
        self._relay = _Relay()  # created here, so it belongs to the GUI thread
        self._relay.finished.connect(self._deliver)
        self._relay.progressed.connect(self._deliver_progress)
        self.parent.destroyed.connect(self.job.cancel.set)
        _RUNNING.add(self)
        self.thread = threading.Thread(target=self._work, name=self.name, daemon=True)
        self.thread.start()
        return self

    def cancel(self) -> None:
        """Ask the op to stop (it decides when: ``job.cancel`` is only a flag)."""
        self.job.cancel.set()

    # -- worker thread -----------------------------------------------------------------
    def _work(self) -> None:
        try:
            result: object = self._op(self.job)
            ok = True
        except Exception as error:  # every failure goes to the GUI thread, none is lost
            log.warning("%s failed: %s", self.name, error, exc_info=error)
            result, ok = error, False
        self._relay.finished.emit(ok, result)

    def _report(self, value: object) -> None:
        with self._lock:
            self._latest, already = value, self._pending
            self._pending = True
        if not already:
            self._relay.progressed.emit()

    # -- GUI thread ----------------------------------------------------------------------
    def _alive(self) -> bool:
        return shiboken6.isValid(self.parent)

    def _deliver_progress(self) -> None:
        with self._lock:
            value, self._pending = self._latest, False
        if self._progress is not None and self._alive():
            self._progress(value)

    def _deliver(self, ok: bool, result: object) -> None:
        self.done = True
        _RUNNING.discard(self)
        if not self._alive():
            log.info("%s finished after its window closed; result dropped", self.name)
            return
        try:
            if ok:
                self._success(cast(T, result))
                return
            error = cast(Exception, result)
            if self._failure is not None:
                self._failure(error)
                return
        except Exception as handler_error:  # a broken handler must not swallow the news
            log.exception("%s: result handler failed", self.name)
            error = handler_error
        widget = self.parent if isinstance(self.parent, QWidget) else None
        show_failure(widget.window() if widget is not None else None, error)
