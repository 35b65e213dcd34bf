"""A flood of reasoning is shown in bounded slices per event-loop turn (#12 item 8), and
nothing is lost, doubled or reordered by it: the end of the reply, Stop and switching to
another conversation while a slice is pending. Behaviour only, no timings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Version
from denkspur.core.trace.stream import ReasoningStream, StreamEvent
from denkspur.engine.remote import RemoteSettings
from denkspur.gui.engine_worker import MAX_BATCH_EVENTS, MAX_IN_FLIGHT, InFlightGate
from denkspur.gui.main_window import MainWindow
from denkspur.gui.trace_panel import EVENT_SLICE, TracePanel
from gui_helpers import ask, open_window, wait_idle
from openai_server import OpenAIServer, chunk, reasoning_stream

PARAGRAPH = "Flood of reasoning text, sentence after sentence. Wait, is that so?\n\n"
FLOOD = PARAGRAPH * 15_000  # ~1 MB: ~30,000 sentences and ~30,000 steps in one batch


def _panel(qtbot: QtBot) -> TracePanel:
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.resize(600, 700)
    panel.show()
    panel.begin_live()
    return panel


def _events(text: str, piece: int) -> list[list[StreamEvent]]:
    stream = ReasoningStream(assume_open=True)
    batches = [stream.feed(text[i : i + piece]) for i in range(0, len(text), piece)]
    return [*batches, [*stream.feed("</think>Done."), *stream.flush()]]


def _drained(panel: TracePanel) -> bool:
    return not (panel.pending or panel.text.pending or panel.step_count() != panel.steps.count()
                or panel.map_bar.pending)


def _state(panel: TracePanel) -> dict[str, object]:
    """What the panel shows of a reply: text, steps (title, start, tooltip), marks, map cells."""
    steps = [(panel.steps.item(i).text(), panel.steps.item(i).data(Qt.ItemDataRole.UserRole),
              panel.steps.item(i).toolTip()) for i in range(panel.steps.count())]
    strip = panel.map_bar.map
    return {
        "text": panel.trace_text(),
        "source": panel.text.source_text(),
        "steps": steps,
        "marks": panel.text.marks(),
        "cells": [(strip.cell_start(i), strip.tooltip_text(i)) for i in range(strip.cell_count())],
        "functions": dict(panel.map_bar.step_functions),
    }


def _unsliced(qtbot: QtBot, text: str) -> dict[str, object]:
    """The same reply handed over in batches small enough to be shown at once."""
    panel = _panel(qtbot)
    for batch in _events(text, 4_000):
        for start in range(0, len(batch), 50):
            panel.add_events(batch[start : start + 50])
            assert panel.pending == 0  # shown at once
    panel.end_live()
    qtbot.waitUntil(lambda: _drained(panel), timeout=120_000)
    assert not panel.is_live
    return _state(panel)


def test_a_flood_batch_is_shown_in_slices_whole_and_in_order(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    shown: list[int] = []
    batches = _events(FLOOD, len(FLOOD))
    assert len(batches[0]) > 10 * EVENT_SLICE
    for number, batch in enumerate(batches):
        panel.add_events(batch, lambda number=number: shown.append(number))
    assert panel.pending > 0 and shown == []  # a slice was shown, the rest waits for later turns
    assert panel.steps.count() + panel.map_bar.map.cell_count() <= EVENT_SLICE
    qtbot.waitUntil(lambda: shown == [0, 1], timeout=120_000)  # each batch once shown, in order
    panel.end_live()
    qtbot.waitUntil(lambda: _drained(panel), timeout=120_000)
    assert _state(panel) == _unsliced(qtbot, FLOOD)
    result = ReasoningStream(assume_open=True)
    result.feed(FLOOD + "</think>Done.")
    steps = result.finish().steps
    assert panel.trace_text() == FLOOD.strip()
    assert [panel.steps.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.steps.count())] \
        == [step.start for step in steps]


def test_the_end_of_the_reply_waits_for_a_pending_slice(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    for batch in _events(FLOOD, 250_000):
        panel.add_events(batch)
    panel.end_live()  # the reply ended while most of it is still queued
    assert panel.is_live and panel.pending > 0
    qtbot.waitUntil(lambda: not panel.is_live, timeout=120_000)
    qtbot.waitUntil(lambda: _drained(panel), timeout=120_000)
    assert _state(panel) == _unsliced(qtbot, FLOOD)


def test_a_new_reply_drops_the_pending_slices_of_the_last_and_releases_its_sender(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    gate = InFlightGate(MAX_IN_FLIGHT)
    for batch in _events(FLOOD, 500_000)[:2]:
        gate.sent()
        panel.add_events(batch, gate.shown)
    assert panel.pending > 0 and not gate.wait_for_room(0)  # the sender waits for the panel
    panel.begin_live()  # Stop, and the next reply starts
    assert panel.pending == 0 and gate.wait_for_room(0)
    assert panel.trace_text() == "" and panel.step_count() == 0
    for batch in _events("A short new thought.\n\nAnother one.", 100):
        panel.add_events(batch)
    panel.end_live()
    qtbot.waitUntil(lambda: _drained(panel), timeout=10_000)
    assert panel.trace_text() == "A short new thought.\n\nAnother one." and panel.step_count() == 2


# -- the whole window, with a server that floods -----------------------------------------

def _flood_stream(text: str) -> Iterator[str]:
    yield chunk({"role": "assistant"})
    for start in range(0, len(text), 32_000):
        yield chunk({"reasoning_content": text[start : start + 32_000], "content": None})
    yield chunk({"content": "It is **5**."})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"


def _flood_server(text: str) -> OpenAIServer:
    """A server whose first reply is short and every later one a flood of reasoning."""
    replies = iter([reasoning_stream, lambda: _flood_stream(text)])
    return OpenAIServer(respond=lambda _body: next(replies, lambda: _flood_stream(text))())


def _window(qtbot: QtBot, tmp_path: Path, server: OpenAIServer) -> MainWindow:
    window = open_window(qtbot, tmp_path, None)
    window.session.settings.max_tokens = 5_000_000  # the flood is the reply, not cut at a limit
    window.session.connect_remote(RemoteSettings(server.url))
    qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
    return window


def _last_version(window: MainWindow) -> Version:
    conversation = window.session.conversation
    assert conversation is not None
    return conversation.messages[-1].version


def _stored_trace(window: MainWindow) -> str:
    return _last_version(window).trace


def _wait_saved(qtbot: QtBot, window: MainWindow) -> None:
    """Until the ended reply is read back from the store and shown (the panel drained)."""
    wait_idle(qtbot, window, timeout=300_000)
    qtbot.waitUntil(lambda: _last_version(window).state != "generating", timeout=30_000)
    qtbot.waitUntil(lambda: not window.trace.is_live and _drained(window.trace), timeout=120_000)


def test_the_engine_thread_waits_until_the_trace_panel_has_shown_a_flood(qtbot: QtBot,
                                                                         tmp_path: Path) -> None:
    text = PARAGRAPH * 30_000
    with _flood_server(text) as server:
        window = _window(qtbot, tmp_path, server)
        ask(qtbot, window, "Short first.")
        wait_idle(qtbot, window)
        backlog: list[int] = []
        window.session.live_events.connect(lambda *_a: backlog.append(window.trace.pending))
        ask(qtbot, window, "Now flood.")
        _wait_saved(qtbot, window)
        # Batches the panel has not shown yet hold the engine thread: the backlog stays bounded
        # (a batch counted as shown when received would let it grow with the flood).
        assert max(backlog) <= (MAX_IN_FLIGHT + 1) * MAX_BATCH_EVENTS
        assert window.trace.trace_text() == _stored_trace(window) == text.strip()
        window.close()


def test_stop_during_a_pending_slice_shows_the_stored_reply_once(qtbot: QtBot, tmp_path: Path) -> None:
    text = PARAGRAPH * 60_000
    with _flood_server(text) as server:
        window = _window(qtbot, tmp_path, server)
        ask(qtbot, window, "Short first.")
        wait_idle(qtbot, window)
        ask(qtbot, window, "Now flood.")
        qtbot.waitUntil(lambda: window.trace.pending > 0, timeout=60_000)
        window.menus.stop_action.trigger()
        _wait_saved(qtbot, window)
        stored = _stored_trace(window)
        assert stored and text.startswith(stored)  # what came before Stop, nothing after it
        assert window.trace.trace_text() == stored
        assert window.trace.text.source_text() == stored  # shown once, not appended twice
        assert window.trace.step_count() == len(_last_version(window).steps)
        window.close()


def test_switching_conversation_during_a_pending_slice(qtbot: QtBot, tmp_path: Path) -> None:
    text = PARAGRAPH * 40_000
    with _flood_server(text) as server:
        window = _window(qtbot, tmp_path, server)
        ask(qtbot, window, "Short first.")
        wait_idle(qtbot, window)
        first = window.session.conversation
        assert first is not None
        first_trace = _stored_trace(window)
        window.session.new_conversation()
        ask(qtbot, window, "Now flood.")
        qtbot.waitUntil(lambda: window.trace.pending > 0, timeout=60_000)
        flooding = window.session.conversation
        assert flooding is not None and flooding.id != first.id
        window.session.open_conversation(first.id)
        qtbot.waitUntil(lambda: window.trace.trace_text() == first_trace, timeout=10_000)
        assert window.trace.pending == 0 and not window.trace.is_live
        wait_idle(qtbot, window, timeout=120_000)  # the reply goes on and ends; its sender never waits long
        qtbot.wait(200)
        # nothing of the flood leaked in
        assert window.trace.trace_text() == window.trace.text.source_text() == first_trace
        window.session.open_conversation(flooding.id)
        qtbot.waitUntil(lambda: window.trace.trace_text() == text.strip(), timeout=30_000)
        qtbot.waitUntil(lambda: _drained(window.trace), timeout=120_000)
        assert window.trace.text.source_text() == text.strip()
        assert window.trace.step_count() == len(_last_version(window).steps)
        window.close()
