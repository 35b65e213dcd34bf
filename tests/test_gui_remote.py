"""Connecting the app to an OpenAI-compatible server: the dialog, the key, chatting through it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from denkspur.core.settings import Settings, config_dir, data_dir
from denkspur.engine.remote import KEYRING_SERVICE, RemoteSettings, api_root
from denkspur.gui.remote_dialog import RemoteDialog
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE
from gui_helpers import ask, open_window, wait_idle
from helpers import MemoryKeyring
from openai_server import OpenAIServer


def models_in(dialog: RemoteDialog) -> list[str]:
    return [dialog.model.itemText(i) for i in range(dialog.model.count())]


def test_remote_dialog_lists_models(qtbot: QtBot) -> None:
    with OpenAIServer(models=("deepseek-reasoner", "deepseek-chat")) as server:
        dialog = RemoteDialog(Settings(remote_url=server.url))
        qtbot.addWidget(dialog)
        dialog.list_models()
        qtbot.waitUntil(lambda: dialog.model.count() == 2, timeout=10_000)
        assert models_in(dialog) == ["deepseek-reasoner", "deepseek-chat"]
        assert "2 models on the server" in dialog.status.text() and dialog.fetch.isEnabled()
        assert dialog.typed_settings().verify_tls is True  # on by default


def test_an_unreachable_server_is_reported_in_the_dialog(qtbot: QtBot) -> None:
    dialog = RemoteDialog(Settings(remote_url="http://127.0.0.1:9"))
    qtbot.addWidget(dialog)
    dialog.timeout.setValue(5)
    dialog.list_models()
    qtbot.waitUntil(lambda: "cannot reach" in dialog.status.text(), timeout=15_000)
    assert dialog.fetch.isEnabled()


def test_dialog_stays_responsive_while_the_server_is_slow(qtbot: QtBot) -> None:
    answer = threading.Event()
    with OpenAIServer(models=("deepseek-reasoner",), before_list=lambda: answer.wait(20)) as server:
        dialog = RemoteDialog(Settings(remote_url=server.url))
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.list_models()  # returns at once; the server holds its answer back
        assert dialog.model.count() == 0 and not dialog.fetch.isEnabled()
        assert "Asking" in dialog.status.text()
        ticks: list[int] = []
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: bool(ticks), timeout=5_000)  # the event loop runs meanwhile
        qtbot.keyClicks(dialog.key, "sk-typed")
        assert dialog.key.text() == "sk-typed" and dialog.model.count() == 0
        answer.set()
        qtbot.waitUntil(lambda: models_in(dialog) == ["deepseek-reasoner"], timeout=10_000)


def test_chat_with_a_remote_server(qtbot: QtBot, tmp_path: Path) -> None:
    with OpenAIServer() as server:
        window = open_window(qtbot, tmp_path, None)
        window.session.connect_remote(RemoteSettings(server.url))
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        assert window.session.is_remote and "server" in window.model_label.text()
        ask(qtbot, window, "What is 2 + 3?")
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: window.chat.cards[-1].version.answer == "It is **5**.", timeout=5_000)
        assert window.trace.step_count() == 2
        assert not window.composer.answer_now.isEnabled()
        window.close()


def test_the_api_key_goes_to_the_keyring_and_never_into_a_file(
        qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring, isolated_user_folders: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "sk-secret-123"

    def fill_in(dialog: RemoteDialog) -> int:  # the user types address and key, then "Connect"
        dialog.url.setText(server.url)
        dialog.key.setText(secret)
        return 1

    monkeypatch.setattr(RemoteDialog, "exec", fill_in)
    with OpenAIServer(api_key=secret) as server:
        window = open_window(qtbot, tmp_path, None)
        window.connect_remote()
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        ask(qtbot, window, "What is 2 + 3?")
        wait_idle(qtbot, window)
        assert server.headers[-1]["Authorization"] == f"Bearer {secret}"
        window.close()  # writes the settings and the window layout
    assert memory_keyring.get_password(KEYRING_SERVICE, api_root(server.url)) == secret
    written = [path for folder in (tmp_path, isolated_user_folders, config_dir(), data_dir())
               for path in folder.rglob("*") if path.is_file()]
    settings_file = tmp_path / "settings.json"
    assert settings_file in written and server.url in settings_file.read_text(encoding="utf-8")
    assert any(path.suffix == ".sqlite3" for path in written)  # the conversation was stored
    assert not [path for path in written if secret.encode() in path.read_bytes()]


def test_without_a_keyring_the_typed_key_is_used_for_the_session(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())

    def fill_in(dialog: RemoteDialog) -> int:
        dialog.url.setText(server.url)
        dialog.key.setText("sk-session-only")
        return 1

    monkeypatch.setattr(RemoteDialog, "exec", fill_in)
    try:
        with OpenAIServer(api_key="sk-session-only") as server:
            window = open_window(qtbot, tmp_path, None)
            window.connect_remote()
            qtbot.waitUntil(lambda: "could not be stored" in window.statusBar().currentMessage(),
                            timeout=10_000)
            qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)  # the key worked
            window.close()
    finally:
        keyring.set_keyring(previous)


def test_app_chats_through_llama_cpp_server(llama_server: str, qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    window.session.connect_remote(RemoteSettings(llama_server))
    qtbot.waitUntil(lambda: window.session.model is not None, timeout=20_000)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.chat.cards[-1].version.answer == EXPECTED_ANSWER, timeout=5_000)
    assert window.trace.trace_text() == EXPECTED_TRACE and window.trace.step_count() == 4
    window.close()


def test_model_ids_show_their_direction_controls_and_are_sent_as_spelt(qtbot: QtBot) -> None:
    spoof = "deepseek-r1\u202e4-tpg"  # would display as "deepseek-r1gpt-4"
    with OpenAIServer(models=(spoof,)) as server:
        dialog = RemoteDialog(Settings(remote_url=server.url))
        qtbot.addWidget(dialog)
        dialog.list_models()
        qtbot.waitUntil(lambda: dialog.model.count() == 1, timeout=10_000)
        assert models_in(dialog) == ["deepseek-r1⟨U+202E⟩4-tpg"]
        dialog.model.setCurrentIndex(0)
        assert dialog.typed_settings().model == spoof
