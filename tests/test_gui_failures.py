"""Failures in the UI's language: a translated headline per kind, then the engine's or server's words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from denkspur.engine.errors import FailureKind
from denkspur.engine.remote import RemoteSettings
from denkspur.gui.failures import failure_headline, failure_text
from gui_helpers import ask, open_window, wait_idle
from openai_server import OpenAIServer, dropping_stream


def test_every_failure_kind_has_a_headline_of_its_own() -> None:
    general = failure_headline("a-kind-from-a-newer-engine")
    kinds = [*(kind.value for kind in FailureKind), "too-large", "no-prefill", "keyring", "cancelled"]
    headlines = [failure_headline(kind) for kind in kinds]
    assert general not in headlines and len(set(headlines)) == len(kinds)
    assert failure_text(None, "as stored before kinds were kept") == "as stored before kinds were kept"
    assert failure_text("dropped", "x (E)", one_line=True) == "The connection broke mid-answer — x (E)"


def test_a_broken_stream_is_told_in_german_with_the_servers_words_after_it(qtbot: QtBot,
                                                                            tmp_path: Path) -> None:
    with OpenAIServer(dropping_stream) as server:
        window = open_window(qtbot, tmp_path, None)
        window.set_language("de")
        try:
            window.session.connect_remote(RemoteSettings(server.url))
            qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
            ask(qtbot, window, "What is 2 + 3?")
            wait_idle(qtbot, window)
            qtbot.waitUntil(lambda: window.chat.cards[-1].findChild(QLabel, "errorText") is not None,
                            timeout=5_000)
            error = window.chat.cards[-1].findChild(QLabel, "errorText")
            headline, words = error.text().split("\n", 1)
            assert headline == "Die Verbindung brach mitten in der Antwort ab."
            assert words.startswith("the server closed the stream")  # the engine's own words, as they came
            assert window.statusBar().currentMessage().startswith("Die Verbindung brach mitten")
        finally:
            window.set_language("en")
        window.close()


def test_an_unreachable_server_is_told_in_german(qtbot: QtBot, tmp_path: Path) -> None:
    from helpers import free_port

    window = open_window(qtbot, tmp_path, None)
    window.set_language("de")
    try:
        window.session.connect_remote(RemoteSettings(f"http://127.0.0.1:{free_port()}/v1", timeout=5.0))
        qtbot.waitUntil(lambda: getattr(window, "problem_box", None) is not None, timeout=20_000)
        headline, words = window.problem_box.text().split("\n", 1)
        assert headline == "Der Server ist nicht erreichbar." and "127.0.0.1" in words
    finally:
        window.set_language("en")
    window.close()
