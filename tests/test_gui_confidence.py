"""The confidence view and curve, fed with real signals from llama.cpp on a random-weight model."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QFont, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot

from denkspur.core.text.bidi import STAND_INS
from denkspur.core.trace.signals import TokenSignal, align
from denkspur.core.trace.stream import ReasoningResult
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.gui.confidence_view import ConfidenceCurve, ConfidenceView, token_tooltip
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import Shape, write_random_model


@pytest.fixture(scope="module")
def random_reply(tmp_path_factory: pytest.TempPathFactory) -> ReasoningResult:
    shape = Shape(n_embd=64, n_layers=2, n_head=4, n_head_kv=2, n_ff=128)
    path = write_random_model(tmp_path_factory.mktemp("confidence") / "random.gguf", shape=shape, n_vocab=600)
    with EngineClient() as client:
        client.load(p.LoadModel(str(path), n_ctx=512))
        params = p.SamplingParams(signals=True, max_tokens=160, ignore_eos=True, seed=5, temperature=1.0,
                                  top_k=0, top_p=1.0)
        return run_reasoning(client, [p.ChatMessage("user", "Why is the sky blue?")], params).result


def hover(qtbot: QtBot, view: ConfidenceView, position: int) -> str:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    point = view.cursorRect(cursor).center() + QPoint(2, 0)
    view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2_000)
    return QToolTip.text()


def test_tokens_are_coloured_by_entropy_and_forks_marked(qtbot: QtBot, random_reply: ReasoningResult) -> None:
    signals = random_reply.signals[: random_reply.trace_signal_count]
    assert random_reply.trace and len(signals) > 100
    view = ConfidenceView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show_trace(random_reply.trace, signals)
    # the text itself, unchanged (Qt shows a line break for \r, U+2028 and U+2029, same positions;
    # controls are shown by a stand-in, see denkspur.core.text.bidi)
    shown: dict[int, str] = {**STAND_INS, ord("\r"): "\n", 0x2028: "\n", 0x2029: "\n"}
    breaks = str.maketrans(shown)
    assert view.toPlainText() == random_reply.trace.translate(breaks)
    assert view.token_count() == sum(offset is not None for offset in align(random_reply.trace, signals))
    forks = [i for i in range(view.token_count()) if view.signal_at(view.token_position(i)).forking]  # type: ignore[union-attr]
    sure = [i for i in range(view.token_count()) if view.signal_at(view.token_position(i)).entropy < 0.05]  # type: ignore[union-attr]
    assert forks, "a random model at temperature 1 has high-entropy tokens"
    view.show()
    qtbot.waitExposed(view)
    fork_format = view.format_at(view.token_position(forks[0]))
    assert fork_format.fontWeight() == QFont.Weight.Bold and fork_format.fontUnderline()
    assert fork_format.background().color().alpha() > 0
    if sure:
        assert view.format_at(view.token_position(sure[0])).background().color().alpha() == 0


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform's tooltip
def test_hover_shows_the_alternatives_as_plain_text(qtbot: QtBot) -> None:
    hostile = TokenSignal("<b>bold</b>", math.log(0.5), 1.2, (("<b>bold</b>", 0.5), ("<i>x</i>", 0.25)))
    view = ConfidenceView()
    qtbot.addWidget(view)
    view.resize(500, 200)
    view.show()
    qtbot.waitExposed(view)
    view.show_trace("So <b>bold</b> it is", [TokenSignal("So", 0.0, 0.0), hostile])
    shown = hover(qtbot, view, view.token_position(1) + 2)
    assert "&lt;b&gt;bold&lt;/b&gt;" in shown and "<b>" not in shown
    assert "50.0%" in shown and "25.0%" in shown and "a fork" in shown
    assert token_tooltip(hostile).count("\n") == 2  # the token, then one line per alternative


def test_curve_marks_the_lowest_windows_and_gives_each_step_its_mean(
    qtbot: QtBot, random_reply: ReasoningResult, tmp_path: Path
) -> None:
    trace = random_reply.trace
    signals = random_reply.signals[: random_reply.trace_signal_count]
    offsets = align(trace, signals)
    half = len(trace) // 2
    curve = ConfidenceCurve()
    qtbot.addWidget(curve)
    curve.resize(600, curve.sizeHint().height())
    curve.set_data(signals, offsets, [(0, half, "first half"), (half, len(trace), "second half")], window=16)
    lowest = curve.lowest_windows()
    assert lowest and len(lowest) == max(1, round((len(signals) - 15) * 0.1))
    (first, first_mean), (second, second_mean) = curve.span_means()
    assert (first, second) == ("first half", "second half") and second_mean is not None
    placed = [s.logprob for s, o in zip(signals, offsets, strict=True) if o is not None and o < half]
    assert first_mean == pytest.approx(sum(placed) / len(placed))
    assert "mean log-probability" in (curve.tooltip_at(10) or "")
    curve.grab().save(str(tmp_path / "curve.png"))


def test_reasoning_map_gives_each_sentence_its_confidence(qtbot: QtBot) -> None:
    from denkspur.core.trace.confidence_track import ConfidenceTrack
    from denkspur.gui.reasoning_map import ReasoningMap

    trace = "Two plus three is five. Wait, is it?"
    tokens = [TokenSignal(t, lp, 0.0) for t, lp in
              [("Two", -0.1), (" plus three is five.", -0.1), (" Wait", -2.0), (", is it?", -1.0)]]
    sentences = [{"start": 0, "end": 23, "function": "active_computation"},
                 {"start": 24, "end": len(trace), "function": "uncertainty_management"}]
    board = ReasoningMap()
    qtbot.addWidget(board)
    track = ConfidenceTrack()
    track.add_text(trace, tokens)
    board.set_track(track)
    board.set_sentences(trace, sentences)
    assert "confidence 90% per token" in board.tooltip_text(0)
    assert "mean log-probability -1.50" in board.tooltip_text(1)
    assert board.has_curve
    board.set_track(None)  # a version without signals
    board.set_sentences(trace, sentences)
    assert "confidence" not in board.tooltip_text(0) and not board.has_curve


def test_the_confidence_mode_speaks_german(qtbot: QtBot) -> None:
    from denkspur.gui.confidence_pane import ConfidencePane
    from denkspur.gui.i18n import install_language
    from denkspur.gui.trace_panel import TracePanel

    install_language("de")
    try:
        pane = ConfidencePane()
        panel = TracePanel()
        qtbot.addWidget(pane)
        qtbot.addWidget(panel)
        assert pane.legend.text().startswith("Keine Token-Signale")
        assert panel.confidence_button.text() == "Sicherheit"
    finally:
        install_language("en")


def test_confidence_tooltips_speak_the_ui_language(qtbot: QtBot) -> None:
    from denkspur.gui.confidence_pane import step_label
    from denkspur.gui.i18n import install_language

    fork = TokenSignal("zwei", math.log(0.5), 1.2, (("zwei", 0.5), ("drei", 0.25)))
    install_language("de")
    try:
        tip = token_tooltip(fork)
        assert tip.startswith("'zwei': Wahrscheinlichkeit 50,0% (log -0,693), Entropie 1,20 nats")
        assert tip.splitlines()[0].endswith("— eine Gabelung")
        assert "25,0%  'drei'" in tip
        curve = ConfidenceCurve()
        qtbot.addWidget(curve)
        curve.resize(300, 40)
        curve.set_data([fork] * 4, [0, 5, 10, 15], [(0, 20, step_label(1))], window=2)
        assert (curve.tooltip_at(1) or "").startswith("Token 1–2: mittlere Log-Wahrscheinlichkeit -0,693")
        assert "Schritt 1: mittlere Log-Wahrscheinlichkeit" in (curve.tooltip_at(1) or "")
    finally:
        install_language("en")
