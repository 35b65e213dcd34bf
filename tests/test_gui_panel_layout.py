"""How the window shares its width and how the trace panel lays out its header and hints:
the trace grows with the window as the chat does, a live header's buttons come back beside
it once the panel is wide enough, and the map's loop hint runs across the panel's width."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QBoxLayout
from pytestqt.qtbot import QtBot
from tests.gui_helpers import open_window

from denkspur.core.trace.stream import ReasoningStream
from denkspur.gui.i18n import install_language
from denkspur.gui.map_bar import MapBar
from denkspur.gui.trace_panel import TracePanel


def test_the_trace_panel_grows_with_a_wide_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    window.resize(1920, 1000)
    qtbot.waitUntil(lambda: window.splitter.width() > 1800)
    _conversations, chat, trace = window.splitter.sizes()
    assert trace >= 0.8 * chat  # it stayed 400 px while the chat took 1,260
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.splitter.width() < 1030)
    assert window.splitter.sizes()[2] >= 360  # still room for the trace on a small laptop
    window.close()


def test_a_live_header_s_buttons_come_back_beside_it_on_a_wider_panel(qtbot: QtBot) -> None:
    install_language("de")
    try:
        panel = TracePanel()
        qtbot.addWidget(panel)
        panel.resize(300, 500)
        panel.show()
        panel.begin_live()
        panel.add_events(ReasoningStream(assume_open=True).feed("Okay, so I add 2 and 3. " * 50))
        qtbot.waitUntil(lambda: panel.top.direction() is QBoxLayout.Direction.TopToBottom)
        panel.resize(1000, 500)  # the window made wider mid-reply
        qtbot.waitUntil(lambda: panel.top.direction() is QBoxLayout.Direction.LeftToRight)
        panel.end_live()
    finally:
        install_language("en")


def test_the_loop_hint_runs_across_the_map_s_width(qtbot: QtBot) -> None:
    bar = MapBar()
    qtbot.addWidget(bar)
    bar.resize(380, 200)
    bar.show()
    bar.loop_hint.show()
    bar.signals_note.setText("No confidence curve: the server sent no log-probabilities for this reply.")
    bar.signals_note.show()
    qtbot.waitUntil(lambda: bar.loop_hint.width() > 0)
    assert bar.loop_hint.width() >= 0.9 * bar.width()  # not a column beside the note and the filter
    assert bar.loop_hint.geometry().top() >= bar.filter.geometry().bottom()
