"""Acting on the reasoning in the app: branch from a step, steer, and 'what would it answer now?'."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.testing.tiny_model import EXPECTED_TRACE
from gui_helpers import ask, open_window, wait_idle

FIRST = "Okay, the user asks what 2 + 3 is."


def test_branch_adds_a_version_recording_its_origin(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    original = window.chat.cards[-1].version
    note = "Wait, the problem says integers only."
    assert window.session.branch_from(original.id, EXPECTED_TRACE.index("Adding"), note)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.chat.cards[-1].message.versions) == 2  # the reload after the reply
                    and window.chat.cards[-1].version.state == "complete", timeout=10_000)
    branched = window.chat.cards[-1].version
    assert branched.parent_version_id == original.id
    assert branched.trace.startswith(f"{FIRST} {note}")  # after a note the tiny model writes noise
    assert window.chat.cards[-1].message.versions[0].trace == EXPECTED_TRACE  # the original stays
    assert "continued version 1 differently" in window.chat.cards[-1].state_label.text()
    window.close()


def test_probe_shows_what_it_would_answer_now(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model, engine_fault="slow@token:150")
    ask(qtbot, window, "What is 2 + 3?")
    qtbot.waitUntil(window.composer.probe.isEnabled, timeout=10_000)
    window.composer.probe.click()
    qtbot.waitUntil(window.composer.provisional.isVisible, timeout=10_000)
    assert window.composer.provisional.text().endswith(" 2 + 3 = 5.")  # EXPECTED_ANSWER, its Markdown read
    wait_idle(qtbot, window)
    assert window.chat.cards[-1].version.trace == EXPECTED_TRACE  # the thinking went on, untouched
    window.session.new_conversation()
    qtbot.waitUntil(lambda: not window.composer.provisional.isVisible(), timeout=5_000)  # not another chat's
    window.close()


def test_a_new_conversation_is_listed_while_its_reply_streams(qtbot: QtBot, tmp_path: Path,
                                                              tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model, engine_fault="slow@token:150")
    ask(qtbot, window, "What is 2 + 3?")
    qtbot.waitUntil(lambda: len(window.conversations.conversation_items()) == 1, timeout=5_000)
    assert window.session.busy  # listed before the reply is done
    wait_idle(qtbot, window)
    window.close()
