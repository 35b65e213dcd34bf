"""The trace panel's reasoning map, steps named by function, and 'continue differently' (real engine)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Version
from denkspur.gui.reasoning_map import MapFilter
from denkspur.gui.trace_panel import TracePanel
from denkspur.testing.tiny_model import EXPECTED_TRACE
from gui_helpers import ask, open_window, wait_idle

LOOPING = " ".join(["Let me compute 2 + 3 again, carefully this time."] * 6)


def test_the_map_fills_live_and_steps_are_named_by_function(qtbot: QtBot, tmp_path: Path,
                                                            tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    bar = window.trace.map_bar
    qtbot.waitUntil(lambda: bar.map.cell_count() >= 5, timeout=10_000)
    titles = [window.trace.steps.item(i).text() for i in range(window.trace.steps.count())]
    assert any(":" in title for title in titles)  # "Check: Let me check…", not "Reasoning" each time
    bar.filter.setCurrentIndex(bar.filter.findData(MapFilter.CHECKS.value))
    assert bar.map.highlighted() and len(bar.map.highlighted()) < bar.map.cell_count()

    version = window.chat.cards[-1].version  # continue differently from the third sentence
    window.trace.branch_requested.emit(version.id, bar.map.cell_start(2), "")
    qtbot.waitUntil(lambda: len(window.chat.cards[-1].message.versions) == 2
                    and window.chat.cards[-1].version.state == "complete", timeout=15_000)
    assert window.chat.cards[-1].version.parent_version_id == version.id
    window.close()


def test_a_stored_trace_is_mapped_and_can_be_branched(qtbot: QtBot) -> None:
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.show_version(Version(7, 0, "5", trace=EXPECTED_TRACE, state="complete"))
    assert panel.map_bar.map.cell_count() >= 5 and panel.map_bar.branching
    with qtbot.waitSignal(panel.branch_requested) as signal:
        panel.map_bar.branch_requested.emit(panel.map_bar.map.cell_start(2))
    assert signal.args[0] == 7 and signal.args[1] == panel.map_bar.map.cell_start(2)
    offset = int(panel.steps.item(1).data(Qt.ItemDataRole.UserRole))
    assert EXPECTED_TRACE[offset:].startswith(("Adding", "Wait", "Let", "So", " "))


def test_going_in_circles_is_pointed_out(qtbot: QtBot) -> None:
    from denkspur.core.trace.stream import ReasoningStream

    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.begin_live()
    stream = ReasoningStream(assume_open=True)
    panel.add_events(stream.feed(LOOPING + " "))
    qtbot.waitUntil(lambda: panel.map_bar.loop_hint.isVisibleTo(panel), timeout=5_000)
    panel.end_live()
