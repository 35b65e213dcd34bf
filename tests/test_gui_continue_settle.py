"""In the app: Continue after Stop, and where the answer settled marked on the reasoning map."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from denkspur.core.trace.settle import ProbePoint
from denkspur.gui.reasoning_map import ReasoningMap
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE
from gui_helpers import ask, open_window, wait_idle

FIRST = "Okay, the user asks what 2 + 3 is."


def test_a_stopped_reply_continues_from_where_it_stopped(qtbot: QtBot, tmp_path: Path,
                                                         tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model, engine_fault="slow@token:100")
    ask(qtbot, window, "What is 2 + 3?")
    qtbot.waitUntil(lambda: bool(window.trace.trace_text()), timeout=10_000)
    window.menus.stop_action.trigger()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.chat.cards[-1].version.state == "cancelled", timeout=10_000)
    card = window.chat.cards[-1]
    stopped = card.version
    assert stopped.trace and stopped.trace != EXPECTED_TRACE
    button = card.findChild(QToolButton, "continueReply")
    assert button is not None and button.isVisible()
    window.resize(1024, 700)
    qtbot.wait(100)
    window.grab().save(str(tmp_path / "stopped.png"))
    window.keys.continue_reply.trigger()  # the shortcut's action (Ctrl+Shift+R)
    qtbot.waitUntil(lambda: window.session.busy, timeout=5_000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.chat.cards[-1].message.versions) == 2
                    and window.chat.cards[-1].version.state == "complete", timeout=20_000)
    continued = window.chat.cards[-1].version
    assert continued.trace == EXPECTED_TRACE and continued.answer == EXPECTED_ANSWER
    assert continued.parent_version_id == stopped.id
    assert window.chat.cards[-1].message.versions[0].trace == stopped.trace  # the stopped one stays
    assert "continues version 1 from where it stopped" in window.chat.cards[-1].state_label.text()
    assert window.chat.cards[-1].findChild(QToolButton, "continueReply") is None  # complete: no Continue
    window.close()


def test_the_map_marks_where_the_answer_settled(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    window.chat_settings_action.trigger()
    drawer = window.chat_settings
    assert drawer is not None
    assert drawer.probe_every.value() == 0 and drawer.probe_every.text() == "off"  # off by default
    drawer.probe_every.setValue(1)  # a per-chat setting
    drawer.grab().save(str(tmp_path / "drawer.png"))
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.chat.cards[-1].version.state == "complete", timeout=10_000)
    version = window.chat.cards[-1].version
    assert version.stats["answer_settled"] == {"token": 2, "offset": len(FIRST), "answer": EXPECTED_ANSWER}
    assert window.session.chat_settings == {"probe_every": 1}
    bar = window.trace.map_bar
    qtbot.waitUntil(lambda: bar.map.cell_count() > 0 and bool(bar.map.marks.marks), timeout=5_000)
    (mark,) = bar.map.marks.marks
    assert mark.offset == len(FIRST)
    assert EXPECTED_ANSWER == "2 + 3 = **5**."
    assert mark.tooltip == "Answer settled at token 2: 2 + 3 = 5."  # the Markdown read, not shown raw
    # Reopened later, the mark is still there (it is stored with the reply).
    conversation_id = window.session.conversation.id  # type: ignore[union-attr]
    window.session.new_conversation()
    qtbot.waitUntil(lambda: not bar.map.marks.marks, timeout=5_000)
    window.session.open_conversation(conversation_id)
    qtbot.waitUntil(lambda: bool(bar.map.marks.marks), timeout=5_000)
    assert bar.map.marks.marks[0].offset == len(FIRST)
    window.trace.grab().save(str(tmp_path / "settled.png"))
    window.close()


def test_a_mark_sits_in_its_sentence_and_shows_its_tooltip(qtbot: QtBot) -> None:
    widget = ReasoningMap()
    qtbot.addWidget(widget)
    widget.resize(400, 40)
    first = {"start": 0, "end": 40, "function": "problem_setup"}
    second = {"start": 41, "end": 81, "function": "active_computation"}
    widget.set_sentences("a" * 40 + " " + "b" * 40, [first, second])
    from denkspur.gui.map_bar import MapBar

    bar = MapBar()
    qtbot.addWidget(bar)
    bar.map = widget
    bar.show_settled(ProbePoint(17, 41, "<b>5</b>"))
    (mark,) = widget.marks.marks
    assert mark.tooltip == "Answer settled at token 17: <b>5</b>"  # plain text, escaped when shown
    point = widget.marks.position(mark, widget._cells, [widget.cell_rect(0), widget.cell_rect(1)])
    assert point is not None and point.x() == widget.cell_rect(1).x()  # the start of the second sentence
    assert widget.mark_at(point) == mark and widget.mark_at(point + QPoint(30, 0)) is None
    bar.show_settled(None)
    assert not widget.marks.marks


def test_the_provisional_answer_reads_as_text_not_raw_markdown(qtbot: QtBot) -> None:
    from denkspur.gui.composer import Composer

    composer = Composer()
    qtbot.addWidget(composer)
    composer.show_provisional("2 + 3 = **5**, see `x` and <b>y</b>", 3)
    assert composer.provisional.text() == (
        "If it answered now (after 3 thinking tokens): 2 + 3 = 5, see x and <b>y</b>")
