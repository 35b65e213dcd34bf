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
    threads = set(freed_on)
    freed_on.clear()  # 20,000 names kept for the rest of the run would be any later test's to count
    assert threads == {threading.main_thread().name}


def test_stopping_gives_back_automatic_collection(qtbot: QtBot) -> None:
    import gc

    collector = GuiThreadCollector().start()
    assert not gc.isenabled()
    collector.stop()
    assert not gc.isenabled()  # the suite's own collector is still running
    collector.deleteLater()


def test_a_full_collection_waits_until_the_old_generation_grew_by_a_quarter(qtbot: QtBot) -> None:
    import gc

    collector = GuiThreadCollector()  # checked by hand here (the suite's own runs on its timer)
    kept = [[] for _ in range(100_000)]  # a long reply's worth of long-lived objects
    young = gc.get_threshold()[0]

    def full_collections(checks: int, keep: list[list[object]] | None = None, per_check: int = 0) -> int:
        before = gc.get_stats()[2]["collections"]
        for _ in range(checks):
            garbage = [[] for _ in range(max(2 * young, per_check))]  # past the young threshold
            collector.check()
            if keep is not None:
                keep.extend(garbage[:per_check])  # some of it lives on
            del garbage
        return gc.get_stats()[2]["collections"] - before

    full_collections(150)  # the first full collection gives the baseline
    assert full_collections(300) == 0  # nothing grew: the oldest generation is not walked again
    # Long-lived objects beyond a quarter of what the oldest generation holds (in a whole test
    # run that is the suite's own objects too, so the amount follows the process's size).
    per_check = len(gc.get_objects(2)) // 4 // 300 * 2 + 200
    grown: list[list[object]] = []
    assert full_collections(300, grown, per_check) >= 1  # more long-lived objects: it is
    del kept, grown
    collector.deleteLater()


def test_what_lives_once_start_up_settled_is_out_of_a_full_collection_s_sight(qtbot: QtBot) -> None:
    """Modules, classes and the window live as long as the app: a full collection need not walk
    them each time. What is made later is collected as before, and stopping gives them back."""
    import gc

    collector = GuiThreadCollector()
    settled = [[] for _ in range(10_000)]  # start-up's long-lived objects
    before = len(gc.get_objects(2))
    collector.freeze_settled()
    try:
        assert gc.get_freeze_count() >= len(settled)
        assert len(gc.get_objects(2)) < before - len(settled) // 2  # a full collection skips them
        later = _Cyclic()
        del later
        freed_on.clear()
        gc.collect()
        assert freed_on == [threading.current_thread().name]  # garbage made later is still freed
    finally:
        freed_on.clear()
        collector.stop()
    assert gc.get_freeze_count() == 0
    collector.deleteLater()


def _full_collections_due(collector: GuiThreadCollector, kept: list[list[object]], checks: int = 300) -> int:
    """Checks while long-lived objects keep coming (past a quarter of the oldest generation);
    returns the full collections that ran."""
    import gc

    young = gc.get_threshold()[0]
    per_check = max(young + 1, len(gc.get_objects(2)) // 4 // checks * 2 + 200)  # each check collects
    before = gc.get_stats()[2]["collections"]
    for _ in range(checks):
        kept.extend([] for _ in range(per_check))
        collector.check()
    return gc.get_stats()[2]["collections"] - before


def test_a_full_collection_waits_while_a_live_reply_is_shown(qtbot: QtBot) -> None:
    """While a reply streams, most of what a full collection walks is the events in flight,
    freed once shown: it waits until the reply ended, then runs once if still due."""
    import gc

    from denkspur.gui.gc_guard import live_reply_hold

    collector = GuiThreadCollector()
    kept: list[list[object]] = []
    hold = live_reply_hold()
    try:
        assert _full_collections_due(collector, kept) == 0
        assert collector.postponed
    finally:
        hold.end()
    before = gc.get_stats()[2]["collections"]
    collector.check()
    assert gc.get_stats()[2]["collections"] == before + 1 and not collector.postponed
    del kept
    collector.deleteLater()


def test_a_hold_lapses_when_its_reply_goes_quiet_and_never_waits_past_its_limit(
        qtbot: QtBot, monkeypatch: object) -> None:
    """A panel closed while live, or a reply that stalls, does not keep full collections off;
    neither does a reply that streams for longer than the limit."""
    import time

    import pytest

    from denkspur.gui import gc_guard

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(gc_guard, "HOLD_FRESH_S", 0.05)
    collector = GuiThreadCollector()
    kept: list[list[object]] = []
    hold = gc_guard.live_reply_hold()
    time.sleep(0.1)  # nothing came: the hold lapsed
    assert _full_collections_due(collector, kept) >= 1
    hold.touch()  # fresh again, but a collection may wait no longer than the limit
    collector.postpone_at_most_s = 0.0
    assert _full_collections_due(collector, kept) >= 1
    hold.end()
    del kept
    collector.deleteLater()


def test_the_trace_panel_holds_full_collections_while_its_reply_is_live(qtbot: QtBot) -> None:
    from denkspur.core.trace.stream import ReasoningStream
    from denkspur.gui import gc_guard
    from denkspur.gui.trace_panel import TracePanel

    panel = TracePanel()
    qtbot.addWidget(panel)
    held = set(gc_guard._holds)
    panel.begin_live()
    assert len(set(gc_guard._holds) - held) == 1
    panel.add_events(ReasoningStream(assume_open=True).feed("First thought. Second thought."))
    panel.end_live()
    qtbot.waitUntil(lambda: not panel.is_live, timeout=5_000)
    assert set(gc_guard._holds) <= held
