"""Cycles made on a background thread are freed on the GUI thread (gui/gc_guard.py)."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from denkspur.gui.gc_guard import GuiThreadCollector

freed_on: list[str] = []


class _Cyclic:
    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        freed_on.append(threading.current_thread().name)


def _make_garbage() -> None:
    for _ in range(20_000):  # far past every threshold: automatic collection would run here
        _Cyclic()
        [[] for _ in range(5)]


def test_cycles_made_on_a_worker_thread_are_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    freed_on.clear()
    worker = threading.Thread(target=_make_garbage, name="worker")
    worker.start()
    worker.join(timeout=60)
    qtbot.waitUntil(lambda: len(freed_on) >= 20_000, timeout=30_000)
    assert set(freed_on) == {threading.main_thread().name}


def test_stopping_gives_back_automatic_collection(qtbot: QtBot) -> None:
    import gc

    collector = GuiThreadCollector().start()
    assert not gc.isenabled()
    collector.stop()
    assert not gc.isenabled()  # the suite's own collector is still running
    collector.deleteLater()
