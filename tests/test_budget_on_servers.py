"""A thinking budget asked of a server is not silently ignored: the user is told it applies locally only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.engine.remote import RemoteSettings
from gui_helpers import ask, open_window, wait_idle
from openai_server import OpenAIServer


def test_cli_says_a_budget_does_not_reach_a_server() -> None:
    with OpenAIServer() as server:
        command = [sys.executable, "-m", "denkspur", "chat", "--server", server.url, "--budget", "5", "2+3?"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "apply to local models only" in run.stderr


def test_the_app_says_a_budget_does_not_reach_a_server(qtbot: QtBot, tmp_path: Path) -> None:
    with OpenAIServer() as server:
        window = open_window(qtbot, tmp_path, None)
        window.settings.thinking_budget = 5
        window.session.connect_remote(RemoteSettings(server.url))
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        ask(qtbot, window, "What is 2 + 3?")
        assert "local models only" in window.statusBar().currentMessage()
        wait_idle(qtbot, window)
        window.close()
