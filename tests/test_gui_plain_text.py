"""Text from outside never reaches a label as HTML (#12 item 6).

Hostile strings go through every outside path the tests can reach: a GGUF
``general.name``, a chat template's ``raise_exception``, a server's model id and
its SSE error chunk, a failed download's message, a model that cannot be
loaded. Every label showing them must be plain text; and, generically, every
label in every window is plain text unless it is on the app's allow-list.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from denkspur.core.models.registry import ModelRegistry
from denkspur.gui.plain import RICH_LABELS
from denkspur.testing.tiny_model import write_tiny_r1_model
from gui_helpers import ask, open_window, wait_idle

#: Hostile, but loads nothing harmful here: "zero" is a relative name that does not exist.
MARK = "hostile-7f3"
IMG = f'<img src="zero">{MARK}'
LINK = f'<a href="remove:x">{MARK}</a>'


def _labels() -> Iterator[QLabel]:
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel):
            yield widget


def _assert_hostile_text_is_plain(expected_at_least: int = 1) -> None:
    showing = [label for label in _labels() if MARK in label.text()]
    assert len(showing) >= expected_at_least
    for label in showing:
        assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), label.text())


def _assert_all_labels_plain_or_allowed() -> None:
    for label in _labels():
        if label.textFormat() != Qt.TextFormat.PlainText:
            assert label.objectName() in RICH_LABELS, (label.objectName(), label.text()[:80])
            assert MARK not in label.text()


def test_gguf_name_and_template_error_stay_plain(qtbot: QtBot, tmp_path: Path) -> None:
    model = write_tiny_r1_model(tmp_path / "hostile.gguf", name=LINK,
                                template="{{ raise_exception('" + IMG.replace('"', "&quot;") + "') }}")
    window = open_window(qtbot, tmp_path, model)
    ask(qtbot, window, "Hello")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.chat.cards[-1].version.state == "error", timeout=10_000)
    error = window.chat.cards[-1].findChild(QLabel, "errorText")
    assert error is not None and MARK in error.text()
    window.show_models()
    manager = window.model_manager
    with qtbot.waitSignal(manager.import_finished, timeout=10_000) as imported:
        manager.import_file(model)
    assert imported.args and imported.args[0] is not None
    qtbot.waitUntil(lambda: any(MARK in label.text()
                                for label in manager.findChildren(QLabel, "installedName")), timeout=10_000)
    assert not [label for label in _labels() if "remove:" in label.text()
                and label.textFormat() != Qt.TextFormat.PlainText]
    _assert_hostile_text_is_plain(expected_at_least=2)
    _assert_all_labels_plain_or_allowed()
    manager.close()
    window.close()


def test_server_model_id_and_error_chunk_stay_plain(qtbot: QtBot, tmp_path: Path) -> None:
    from denkspur.engine.remote import RemoteSettings
    from openai_server import OpenAIServer, chunk

    def error_stream() -> Iterator[str]:
        yield chunk({"reasoning_content": "Thinking. "})
        yield 'data: {"error": {"message": "' + IMG.replace('"', '\\"') + '"}}\n\n'

    with OpenAIServer(error_stream, models=(IMG,)) as server:
        window = open_window(qtbot, tmp_path, None)
        window.session.connect_remote(RemoteSettings(server.url))
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        assert MARK in window.model_label.text()
        ask(qtbot, window, "Hello")
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: window.chat.cards[-1].findChild(QLabel, "errorText") is not None,
                        timeout=10_000)
        _assert_hostile_text_is_plain(expected_at_least=2)
        _assert_all_labels_plain_or_allowed()
        window.close()


def test_problem_boxes_and_download_errors_stay_plain(qtbot: QtBot, tmp_path: Path) -> None:
    from denkspur.core.models.download import DownloadError
    from denkspur.gui.model_manager import ModelManager

    window = open_window(qtbot, tmp_path, None)
    window.load_model(str(tmp_path / f"{IMG}.gguf"))
    qtbot.waitUntil(lambda: getattr(window, "problem_box", None) is not None, timeout=30_000)
    assert window.problem_box.textFormat() == Qt.TextFormat.PlainText
    manager = ModelManager(ModelRegistry(tmp_path / "models.json"), tmp_path / "models")
    qtbot.addWidget(manager)
    qtbot.waitUntil(lambda: bool(manager.cards), timeout=20_000)
    entry_id = next(iter(manager.card_of_entry))
    manager._download_ended(entry_id, DownloadError(f"the Hub said: {IMG}"))
    qtbot.waitUntil(lambda: MARK in manager.card_of(entry_id).status.text())
    _assert_hostile_text_is_plain()
    for box in window.findChildren(QMessageBox):
        assert box.textFormat() == Qt.TextFormat.PlainText
    window.close()


def test_every_window_has_only_allowed_rich_labels(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    from denkspur.core.settings import Settings
    from denkspur.gui.remote_dialog import RemoteDialog
    from denkspur.gui.settings_dialog import SettingsDialog

    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    window.show_models()
    window.show_corpus()
    for dialog in (RemoteDialog(Settings()), SettingsDialog(Settings())):
        qtbot.addWidget(dialog)
    _assert_all_labels_plain_or_allowed()
    window.model_manager.close()
    window.close()
