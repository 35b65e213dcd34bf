"""A thinking budget asked of a server that cannot honour it is not silently ignored: the user is told.

(Servers that continue an assistant prefill honour it: see test_remote_prefill.py.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.engine.remote import RemoteSettings
from gui_helpers import ask, open_window, wait_idle
from openai_server import OpenAIServer, prefilling_server_stream


def test_cli_says_a_server_could_not_be_asked_for_the_answer() -> None:
    with OpenAIServer() as server:  # it begins anew when given the closed trace
        command = [sys.executable, "-m", "denkspur", "chat", "--server", server.url, "--budget", "5", "2+3?"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "does not continue a reply it is given" in run.stderr


def test_cli_json_keeps_a_budget_on_a_server_that_takes_a_prefill() -> None:
    import json

    with OpenAIServer(respond=prefilling_server_stream) as server:
        command = [sys.executable, "-m", "denkspur", "chat", "--server", server.url, "--budget", "10",
                   "--json", "2+3?"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    done = json.loads(run.stdout.splitlines()[-1])
    assert done["answer"] == "It is **5**." and "notice" not in done
    assert [i["kind"] for i in done["interventions"]] == ["budget"]


def test_the_app_says_a_server_could_not_be_asked_for_the_answer(qtbot: QtBot, tmp_path: Path) -> None:
    with OpenAIServer() as server:
        window = open_window(qtbot, tmp_path, None)
        window.settings.thinking_budget = 5
        window.session.connect_remote(RemoteSettings(server.url))
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        ask(qtbot, window, "What is 2 + 3?")
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: "does not continue a reply" in window.statusBar().currentMessage(),
                        timeout=5_000)
        qtbot.waitUntil(lambda: window.trace.header.text().startswith("Thinking budget reached"),
                        timeout=5_000)
        window.close()
