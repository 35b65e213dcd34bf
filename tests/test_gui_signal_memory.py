"""The trace panel keeps a live reply's token signals without an object per token.

A record (:class:`TokenSignal`, a named tuple) is an object the garbage collector
tracks; the panel's confidence pane, its token view and the map keep 200,000 of them
in a flood, and each full collection on the GUI thread walked them all (66 ms of a
91 ms stall in bench/big_output.py), and every item of every list. They keep columns
instead (SignalColumns, arrays).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from denkspur.core.trace.signals import TokenSignal
from denkspur.core.trace.stream import ReasoningStream, StreamEvent
from denkspur.gui.trace_panel import TracePanel

TOKENS = 20_000


def _token(index: int) -> str:
    return f" word{index % 97}" if index % 12 else ".\n\n"


def _record(index: int) -> TokenSignal:
    alternatives = ((_token(index), 0.9), (" or", 0.05))
    return TokenSignal(_token(index), -0.01 * (index % 50), 0.03 * (index % 70), alternatives)


def _live_events(per_batch: int = 500) -> Iterator[list[StreamEvent]]:
    """A reply's events batch by batch, each batch's records made as it is taken (as from the engine)."""
    stream = ReasoningStream(assume_open=True)
    for first in range(0, TOKENS, per_batch):
        records = tuple(_record(i) for i in range(first, first + per_batch))
        yield stream.feed("".join(record.text for record in records), len(records), "model", records)
    yield stream.flush()


def _records_alive() -> int:
    gc.collect()
    return sum(type(thing) is TokenSignal for thing in gc.get_objects())


def _containers() -> list[object]:
    return [thing for thing in gc.get_objects() if type(thing) in (list, tuple, dict, set)]


def _longest_container(before: frozenset[int]) -> int:
    """Items of the longest list, tuple, dict or set the collector visits (it visits every item),
    of those that were not there ``before`` (ids: what other tests left is not the panel's)."""
    return max(len(thing) for thing in _containers() if id(thing) not in before)  # type: ignore[arg-type]


@pytest.mark.parametrize("confidence_shown", [False, True])
def test_a_live_reply_leaves_no_token_record_in_the_panel(qtbot: QtBot, confidence_shown: bool) -> None:
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.resize(600, 700)
    panel.show()
    panel.modes.setCurrentIndex(int(confidence_shown))
    panel.begin_live(signals_expected=True)
    assert _records_alive() == 0
    before = frozenset(id(thing) for thing in _containers())  # not a set: it would count itself
    for events in _live_events():
        panel.add_events(events)
        qtbot.waitUntil(lambda: not (panel.pending or panel.text.pending or panel.map_bar.pending),
                        timeout=10_000)
    panel.end_live()
    qtbot.waitUntil(lambda: not panel.is_live, timeout=10_000)
    assert _records_alive() == 0  # on every token a record stayed (20,000)
    assert panel.map_bar.map.has_curve and len(panel.map_bar.track) == TOKENS
    panel.modes.setCurrentIndex(1)  # shown now if it was not: drawn from what the pane kept
    view = panel.confidence.view
    qtbot.waitUntil(lambda: view.token_count() == TOKENS, timeout=10_000)
    assert view.signal_at(view.token_position(13)) == _record(13)
    assert _records_alive() == 0
    assert _longest_container(before) < TOKENS // 4  # no list of something per token (the map's, the view's)
    assert panel.confidence.has_signals()


def test_the_map_keeps_each_sentence_s_curve_in_objects_no_collection_walks(qtbot: QtBot) -> None:
    """Each sentence's curve summary was a tuple of (mean, low) pairs, ~80 per sentence: a
    collection walked each of them before it stopped tracking them (half of what the
    collections of a 200,000-token reply walked, bench/big_output.py). An array of floats
    is one object to a collection: it visits none of its items."""
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.resize(600, 700)
    panel.show()
    panel.begin_live(signals_expected=True)
    for events in _live_events():
        panel.add_events(events)
    panel.end_live()
    qtbot.waitUntil(lambda: not panel.is_live and not panel.map_bar.pending, timeout=10_000)
    cells = panel.map_bar.map._cells
    assert cells and all(cell.levels for cell in cells)
    visited = [len(gc.get_referents(level)) for cell in cells for level in cell.levels]
    assert max(visited) <= 1  # its type at most; a tuple of pairs: every pair
