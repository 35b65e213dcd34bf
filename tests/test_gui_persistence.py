"""What survives: a SIGKILLed app, a store that cannot write, exports and imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Store
from denkspur.testing.tiny_model import EXPECTED_ANSWER
from gui_helpers import ask, open_window, wait_idle

KILL_MID_GENERATION = """
import os, signal, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from denkspur.core.settings import Settings
from denkspur.gui.main_window import MainWindow

app = QApplication([])
data, model = Path(sys.argv[1]), sys.argv[2]
window = MainWindow(data_path=data, settings=Settings(model_path=model, context_size=512),
                    settings_path=data / "settings.json", engine_fault="slow@token:250")
window.show()
deadline = time.monotonic() + 30
while window.session.model is None and time.monotonic() < deadline:
    app.processEvents(); time.sleep(0.01)
window.composer.editor.setPlainText("What is 2 + 3?")
window.composer.send_button.click()
started = time.monotonic()
while time.monotonic() - started < 2.2:
    app.processEvents(); time.sleep(0.01)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_sigkill_mid_generation_keeps_the_last_second(qtbot: QtBot, tmp_path: Path,
                                                      tiny_model: Path) -> None:
    data = tmp_path / "data"
    run = subprocess.run([sys.executable, "-c", KILL_MID_GENERATION, str(data), str(tiny_model)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == -9, run.stderr
    window = open_window(qtbot, tmp_path, None)
    qtbot.waitUntil(lambda: len(window.conversations.conversation_items()) == 1, timeout=5_000)
    window.conversations.items.itemClicked.emit(window.conversations.conversation_items()[0])
    qtbot.waitUntil(lambda: len(window.chat.cards) == 2, timeout=5_000)
    card = window.chat.cards[1]
    assert card.version.state == "interrupted"
    assert "interrupted" in card.state_label.text()
    # ~8 tokens were out after 2.2 s at 250 ms each; saves happen every 0.5 s.
    assert card.version.trace.startswith("Okay, the user asks what 2 + 3 is. Adding them gives 6.")
    assert window.trace.step_count() >= 1  # segmented on display
    window.close()


def test_export_markdown_and_json_then_import(qtbot: QtBot, tmp_path: Path, tiny_model: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    markdown, exported = tmp_path / "chat.md", tmp_path / "chat.json"
    for target, kind in ((markdown, "md"), (exported, "json")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, t=target, **_k: (str(t), ""))
        window.export_current(kind)
        qtbot.waitUntil(target.exists, timeout=5_000)
    assert "<details>" in markdown.read_text(encoding="utf-8")
    assert json.loads(exported.read_text(encoding="utf-8"))["format"] == "denkspur-conversation"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(exported), ""))
    window.import_conversation()
    qtbot.waitUntil(lambda: len(window.conversations.conversation_items()) == 2, timeout=5_000)
    store = Store(tmp_path / "data" / "conversations.sqlite3")
    answers = [store.load_conversation(s.id).messages[1].version.answer for s in store.list_conversations()]
    assert answers == [EXPECTED_ANSWER, EXPECTED_ANSWER]
    window.close()


def test_import_of_a_foreign_file_is_reported(qtbot: QtBot, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, tmp_path, None)
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bogus), ""))
    window.import_conversation()
    qtbot.waitUntil(lambda: hasattr(window, "problem_box"), timeout=5_000)
    assert "not a Denkspur conversation export" in window.problem_box.text()
    window.problem_box.close()
    window.close()


def test_a_store_that_cannot_write_is_reported_and_nothing_hangs(qtbot: QtBot, tmp_path: Path,
                                                                  tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    qtbot.waitUntil(lambda: len(window.conversations.conversation_items()) == 0, timeout=5_000)
    window.session.store.call(lambda store: store.refuse_writes())
    window.composer.editor.setPlainText("What is 2 + 3?")
    window.composer.send_button.click()
    qtbot.waitUntil(lambda: hasattr(window, "problem_box"), timeout=5_000)
    assert "could not be saved" in window.problem_box.text()
    assert not window.session.busy  # the composer is usable again
    window.problem_box.close()
    window.close()


def test_importing_a_fifo_does_not_hold_the_store(tmp_path: Path) -> None:
    """An import reads on the store's thread: a FIFO picked in the dialog must be refused, not
    waited on (every later save would wait behind it)."""
    import os
    import threading

    import pytest

    from denkspur.core.conversations.export import ConversationImportError
    from denkspur.core.conversations.store import Store
    from denkspur.gui.window_actions import _import

    if not hasattr(os, "mkfifo"):
        pytest.skip("POSIX FIFOs")
    fifo = tmp_path / "conversation.json"
    os.mkfifo(fifo)
    store = Store(":memory:")
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            _import(store, str(fifo))
        except ConversationImportError as error:
            outcome.append(error)

    reader = threading.Thread(target=run, daemon=True)
    reader.start()
    reader.join(60)  # a deadline for a hang, not a timing
    assert len(outcome) == 1 and "FIFO" in str(outcome[0])
