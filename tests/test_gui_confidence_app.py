"""The confidence mode of the trace panel in the real window: live, and for a stored reply."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.core.trace.signals import unpack
from denkspur.testing.tiny_model import EXPECTED_TRACE
from gui_helpers import ask, open_window, wait_idle


def test_confidence_is_one_click_away_and_comes_back_with_the_stored_reply(
    qtbot: QtBot, tmp_path: Path, tiny_model: Path
) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    panel = window.trace
    assert not panel.confidence_button.isChecked() and panel.modes.currentIndex() == 0  # off by default
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    panel.confidence_button.click()
    assert panel.modes.currentWidget() is panel.confidence
    view = panel.confidence.view
    assert panel.confidence.has_signals() and view.token_count() >= 10
    assert view.toPlainText().strip() == EXPECTED_TRACE
    sure = view.signal_at(view.token_position(0))
    assert sure is not None and sure.entropy < 1e-3 and not sure.forking  # the bigram model is certain
    card = window.chat.cards[-1]
    signals, trace_count = unpack(card.version.stats.get("signals"))
    assert trace_count == view.token_count() and len(signals) > trace_count
    panel.show_version(None)
    assert not panel.confidence.has_signals()
    panel.show_version(card.version)  # as when the conversation is opened again
    assert panel.confidence.view.token_count() == trace_count
    assert panel.confidence.curve.isVisibleTo(panel.confidence)
    board = panel.map_bar.map  # each sentence's confidence, on hover
    assert board.cell_count() and "confidence 100%" in board.tooltip_text(0)
    window.close()


def test_confidence_fills_live_while_shown(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    panel = window.trace
    panel.confidence_button.click()
    ask(qtbot, window, "What is 2 + 3?")
    qtbot.waitUntil(lambda: panel.confidence.view.token_count() > 0, timeout=10_000)
    wait_idle(qtbot, window)
    live_tokens = panel.confidence.view.token_count()
    _stored, trace_count = unpack(window.chat.cards[-1].version.stats.get("signals"))
    assert live_tokens == trace_count and panel.confidence.view.toPlainText().strip() == EXPECTED_TRACE
    assert panel.confidence.curve.span_means()  # the steps got their bands as they finished
    window.close()
