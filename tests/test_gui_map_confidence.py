"""The confidence curve in the reasoning map: live, stored, absent, and each step's mean confidence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Version
from denkspur.core.trace.signals import pack
from denkspur.core.trace.stream import ReasoningStream
from denkspur.gui.trace_panel import TracePanel
from gui_helpers import ask, open_window, wait_idle
from test_confidence_track import stream_events, token_stream


def panel_for(qtbot: QtBot) -> TracePanel:
    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.resize(520, 700)
    panel.show()
    return panel


def stored_version(count: int = 1_500) -> Version:
    """A long reply with signals, stored as the app stores it."""
    _events, stream = stream_events(token_stream(count))
    result = stream.finish()
    return Version(3, 0, result.answer, trace=result.trace, steps=[s.to_dict() for s in result.steps],
                   stats={**result.stats_dict(), "signals": pack(result.signals, result.trace_signal_count)})


def test_a_stored_trace_shows_its_curve_lowest_windows_and_step_confidence(
    qtbot: QtBot, tmp_path: Path
) -> None:
    panel = panel_for(qtbot)
    version = stored_version()
    panel.show_version(version)
    board = panel.map_bar.map
    assert board.cell_count() > 50 and board.has_curve
    lines, marks = board.curve_lines(), board.low_marks()
    assert lines and marks
    assert all(mark.height() > 0 for mark in marks)
    # the strip lies under the cells, at their x: every mark is within some cell's columns
    rects = [board.cell_rect(i) for i in range(board.cell_count())]
    for mark in marks[:50]:
        assert any(r.left() <= mark.center().x() <= r.right() + 1 and mark.top() > r.bottom() for r in rects)
    # the marks sit under the least sure sentences ("Wait", "Alternatively", "maybe" are unsure)
    threshold = panel.map_bar.track.lowest_threshold()
    assert threshold is not None
    texts = [board.tooltip_text(i) for i in range(board.cell_count())]
    low = [t for t in texts if "least sure tenth" in t]
    assert low and all("confidence" in t and "per token" in t for t in texts)
    note = panel.map_bar.signals_note  # the curve is explained in one line
    assert "least sure" in note.text() and note.isVisibleTo(panel)
    # each step shows its mean confidence: in its tooltip, and as a coloured swatch
    item = panel.steps.item(0)
    assert "confidence" in item.toolTip() and "mean log-probability" in item.toolTip()
    assert isinstance(item.data(Qt.ItemDataRole.DecorationRole), QColor)
    panel.grab().save(str(tmp_path / "map-confidence.png"))
    # a version without signals: the strip goes, and nothing is said about it
    panel.show_version(Version(4, 0, "5", trace=version.trace, state="complete"))
    assert not board.has_curve and not board.curve_lines() and not board.low_marks()
    assert not panel.map_bar.signals_note.isVisibleTo(panel)
    assert "confidence" not in panel.steps.item(0).toolTip()
    assert panel.steps.item(0).data(Qt.ItemDataRole.DecorationRole) is None


def test_a_server_that_sent_no_log_probabilities_is_named_once(qtbot: QtBot) -> None:
    panel = panel_for(qtbot)
    trace = "Two plus three. That makes five.\n\nSo the answer is 5."
    panel.show_version(Version(5, 0, "5", trace=trace, stats={"signals": "unavailable"}))
    note = panel.map_bar.signals_note
    assert note.isVisibleTo(panel) and "no log-probabilities" in note.text()
    assert not panel.map_bar.map.has_curve
    # live: a reply that asked for signals and whose trace comes without any
    panel.begin_live(signals_expected=True)
    assert not note.isVisibleTo(panel)
    stream = ReasoningStream(assume_open=True)
    for word in (trace + " More text.").split(" "):
        panel.add_events(stream.feed(word + " ", 1, "model", ()))
    panel.add_events(stream.flush())
    assert note.isVisibleTo(panel) and "no log-probabilities" in note.text()
    panel.end_live()
    # a reply that did not ask: nothing is said
    panel.begin_live(signals_expected=False)
    stream = ReasoningStream(assume_open=True)
    for word in trace.split(" "):
        panel.add_events(stream.feed(word + " ", 1))
    assert not note.isVisibleTo(panel)


def test_the_curve_grows_live_in_step_with_the_sentences(qtbot: QtBot) -> None:
    panel = panel_for(qtbot)
    panel.begin_live(signals_expected=True)
    tokens = token_stream(900)
    stream = ReasoningStream(assume_open=False)
    tracks = []
    for at in range(0, len(tokens), 5):
        chunk = tuple(tokens[at: at + 5])
        panel.add_events(stream.feed("".join(t.text for t in chunk), len(chunk), "model", chunk))
        if at % 100 == 0:
            qtbot.wait(1)  # the map's slices run
            tracks.append((len(panel.map_bar.track), panel.map_bar.map.cell_count()))
    panel.add_events(stream.flush())
    qtbot.waitUntil(lambda: panel.map_bar.pending == 0, timeout=5_000)
    counts = [count for count, _cells in tracks]
    assert counts == sorted(counts) and counts[-1] > 800
    board = panel.map_bar.map
    assert board.has_curve and board.curve_lines() and board.low_marks()
    result = stream.finish()
    live_means = [board.tooltip_text(i).split("\n")[0] for i in range(board.cell_count())]
    panel.end_live()
    panel.show_version(Version(6, 0, result.answer, trace=result.trace,
                               steps=[s.to_dict() for s in result.steps],
                               stats={"signals": pack(result.signals, result.trace_signal_count)}))
    # the stored reply, opened again, shows the same figures as the live one did
    assert [board.tooltip_text(i).split("\n")[0] for i in range(board.cell_count())] == live_means


def test_the_real_model_fills_the_curve_and_the_steps_live_and_again_when_reopened(
    qtbot: QtBot, tmp_path: Path, tiny_model: Path
) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    panel = window.trace
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    board = panel.map_bar.map
    assert board.has_curve and board.cell_count() >= 5
    assert all("per token" in board.tooltip_text(i) for i in range(board.cell_count()))
    assert all(isinstance(panel.steps.item(i).data(Qt.ItemDataRole.DecorationRole), QColor)
               for i in range(panel.steps.count()))
    version = window.chat.cards[-1].version
    panel.show_version(None)
    assert not board.has_curve
    panel.show_version(version)
    assert board.has_curve and "per token" in board.tooltip_text(0)
    assert "confidence" in panel.steps.item(0).toolTip()
    window.close()


def test_a_dense_map_draws_its_curve_with_at_most_a_point_per_pixel_column(qtbot: QtBot) -> None:
    """Thousands of one-pixel cells: the curve is gathered per pixel column (a point per column
    at most, low marks joined along a row), not a point per cell. Painting a point per cell made
    each repaint of a flood's map cost about as much as the rest of the turn."""
    from denkspur.core.trace.confidence_track import ConfidenceTrack
    from denkspur.core.trace.signals import TokenSignal
    from denkspur.gui.reasoning_map import MAX_ROWS, ReasoningMap

    width, count = 300, 3_000
    words = ["Let", " me", " see", " this", " now", "."]
    track, board = ConfidenceTrack(), ReasoningMap()
    qtbot.addWidget(board)
    board.resize(width, 60)
    board.set_track(track)
    sentence = "".join(words) + " "
    for index in range(count):
        unsure = index % 7 == 0
        tokens = [TokenSignal(word, -2.0 if unsure else -0.1, 0.5) for word in words]
        track.add_text(sentence, tokens)
        board.add_sentence({"start": index * len(sentence), "function": "active_computation"}, sentence)
    lines, marks = board.curve_lines(), board.low_marks()
    assert board.cell_count() == count and lines and marks
    assert len(lines) <= MAX_ROWS and all(line.size() <= width for line in lines)
    xs = [line.at(i).x() for line in lines for i in range(line.size())]
    assert all(0 <= x <= width for x in xs)
    assert len(marks) <= width * MAX_ROWS // 2  # joined where columns touch
    # a mark still lies under the cells of unsure sentences' columns
    rects = [board.cell_rect(i) for i in range(0, count, 7)]
    for mark in marks[:20]:
        assert any(r.left() <= mark.center().x() <= r.right() + 1 and r.top() < mark.top() for r in rects)
