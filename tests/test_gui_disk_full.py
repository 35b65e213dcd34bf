"""The app when the disk fills up mid-reply: the reply stays, the user is told, a retry saves it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Store
from denkspur.testing.tiny_model import EXPECTED_ANSWER
from gui_helpers import ask, open_window, wait_idle
from small_disk import small_disk


def test_a_reply_the_disk_did_not_take_stays_and_can_be_saved_again(qtbot: QtBot, tiny_model: Path) -> None:
    with small_disk() as disk:
        window = open_window(qtbot, disk.path, tiny_model, engine_fault="slow@token:150")
        ask(qtbot, window, "What is 2 + 3?")
        # The question and the empty reply are on disk once the generation has started.
        qtbot.waitUntil(lambda: (window.session.generating_version or -1) > 0, timeout=10_000)
        disk.fill()  # while the reply streams
        wait_idle(qtbot, window)
        qtbot.waitUntil(window.unsaved_bar.isVisible, timeout=10_000)
        assert "full" in window.unsaved_bar.message.text()
        qtbot.waitUntil(lambda: window.chat.cards[-1].version.answer == EXPECTED_ANSWER, timeout=10_000)
        assert window.chat.cards[-1].version.state == "complete"  # not left "generating…"

        def cancel_the_question() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            box.button(QMessageBox.StandardButton.Cancel).click()

        QTimer.singleShot(200, cancel_the_question)
        window.close()  # quitting would lose the reply: the app asks, and Cancel keeps the window
        assert window.isVisible()

        disk.free()
        window.unsaved_bar.retry.click()
        qtbot.waitUntil(lambda: not window.unsaved_bar.isVisible(), timeout=10_000)
        version_id = window.chat.cards[-1].version.id
        stored = Store(window.session.db_path).version(version_id)
        assert (stored.answer, stored.state) == (EXPECTED_ANSWER, "complete")
        window.close()
