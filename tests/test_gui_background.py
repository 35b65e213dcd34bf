"""Background ops: results and progress arrive on the GUI thread, failures always reach the user."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from denkspur.gui.background import BackgroundOp, Job
from denkspur.gui.tasks import StoreThread


def make_parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = make_parent(qtbot)
    seen: list[object] = []
    threads: list[bool] = []
    worker: list[str] = []

    def count(job: Job) -> int:
        worker.append(threading.current_thread().name)
        for step in range(1, 101):
            job.report(step)
        return 42

    def progress(value: object) -> None:
        threads.append(QThread.currentThread() == parent.thread())
        seen.append(value)

    def success(value: int) -> None:
        threads.append(QThread.currentThread() == parent.thread())
        results.append(value)

    results: list[int] = []
    op = BackgroundOp(parent, op=count, success=success, name="counting").with_progress(progress)
    op.run()
    qtbot.waitUntil(lambda: results == [42], timeout=5_000)
    assert worker == ["counting"]  # the op ran on its own thread
    assert seen and seen[-1] == 100 and seen == sorted(seen)  # coalesced, in order, the last one kept
    assert all(threads) and op.done


def test_a_failure_without_a_handler_is_shown_to_the_user(qtbot: QtBot) -> None:
    parent = make_parent(qtbot)

    def broken(_job: Job) -> None:
        raise OSError("the disk is full")

    BackgroundOp(parent, op=broken, success=lambda _result: None).run()
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "backgroundFailure") is not None, timeout=5_000)
    box = parent.findChild(QMessageBox, "backgroundFailure")
    assert "the disk is full" in box.text() and box.isVisible()
    box.close()


def test_a_failure_handler_gets_the_error_instead(qtbot: QtBot) -> None:
    parent = make_parent(qtbot)
    errors: list[Exception] = []

    def broken(_job: Job) -> None:
        raise ValueError("bad header")

    BackgroundOp(parent, op=broken, success=lambda _result: None).failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert str(errors[0]) == "bad header"
    assert parent.findChild(QMessageBox, "backgroundFailure") is None


def test_a_broken_success_handler_still_reaches_the_user(qtbot: QtBot) -> None:
    parent = make_parent(qtbot)

    def show(_result: object) -> None:
        raise KeyError("missing field")

    BackgroundOp(parent, op=lambda _job: 1, success=show).run()
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "backgroundFailure") is not None, timeout=5_000)
    assert "missing field" in parent.findChild(QMessageBox, "backgroundFailure").text()


def test_closing_the_window_cancels_and_drops_the_result(qtbot: QtBot) -> None:
    parent = QWidget()
    started, results = threading.Event(), []

    def wait_for_cancel(job: Job) -> str:
        started.set()
        return "cancelled" if job.cancel.wait(10) else "ran out"

    op = BackgroundOp(parent, op=wait_for_cancel, success=results.append).run()
    assert started.wait(5)
    parent.deleteLater()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)  # deleting the parent set job.cancel
    assert op.job.cancel.is_set() and results == []  # nothing ran on the deleted widget


def test_a_failed_store_call_without_a_handler_is_shown_to_the_user(qtbot: QtBot, tmp_path: Path) -> None:
    parent = make_parent(qtbot)
    store = StoreThread(tmp_path / "conversations.sqlite3", parent)
    store.call(lambda s: s.load_conversation(12345))  # no such conversation, and no handler
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "backgroundFailure") is not None, timeout=10_000)
    assert "12345" in parent.findChild(QMessageBox, "backgroundFailure").text()
    store.close()
