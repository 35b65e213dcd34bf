"""Status bar figures belong to the model or server in use, in the UI language's number format."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.engine.remote import RemoteSettings
from gui_helpers import ask, open_window, wait_idle
from openai_server import OpenAIServer


def test_a_server_shows_no_context_size_and_no_old_speed(qtbot: QtBot, tmp_path: Path,
                                                         tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    assert "tokens/s" in window.speed_label.text()
    with OpenAIServer() as server:
        window.session.connect_remote(RemoteSettings(server.url))
        model = lambda: window.session.model  # noqa: E731
        qtbot.waitUntil(lambda: model() is not None and model().architecture == "remote", timeout=10_000)
        assert window.speed_label.text() == ""  # the local model's speed is not the server's
        ask(qtbot, window, "What is 2 + 3?")
        wait_idle(qtbot, window)
        label = window.model_label.text()
        assert "context" not in label and "/0" not in label and "server" in label
        assert "@" in window.model_picker.text() or "127.0.0.1" in window.model_picker.text()
        window.close()


def test_german_numbers_in_the_status_bar(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    try:
        ask(qtbot, window, "What is 2 + 3?")
        wait_idle(qtbot, window)
        assert re.fullmatch(r"[\d,]+\.\d tokens/s", window.speed_label.text())
        window.set_language("de")  # the figure shown is formatted again, not left in English
        qtbot.waitUntil(lambda: "Token/s" in window.speed_label.text(), timeout=5_000)
        speed = window.speed_label.text()
        assert re.fullmatch(r"[\d.]+,\d Token/s", speed), speed
        other = tmp_path / "again.gguf"
        shutil.copy(tiny_model, other)
        window.load_model(str(other))
        qtbot.waitUntil(lambda: window.session.model is not None and window.session.model.path == str(other),
                        timeout=30_000)
        assert window.speed_label.text() == "" and "Kontext 0/512" in window.model_label.text()
    finally:
        window.set_language("en")
    window.close()
