"""The model picker in the top bar: names the model, switches in two clicks, remembers recent models."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from denkspur.core.settings import Settings
from denkspur.gui.main_window import MainWindow
from denkspur.gui.model_picker import RECENT_LIMIT, remember_model, remember_server, server_name
from gui_helpers import open_window


def test_recent_list_and_server_names() -> None:
    assert remember_model(["a", "b", "c"], "b") == ["b", "a", "c"]
    assert len(remember_model([str(i) for i in range(20)], "new")) == RECENT_LIMIT
    assert server_name("http://127.0.0.1:8080/v1", "r1") == "r1 @ 127.0.0.1:8080"
    a, b = {"url": "u", "model": "a"}, {"url": "u", "model": "b"}
    assert remember_server([a, b], {"url": "u", "model": "b", "reasoning": "none"}) == [
        {"url": "u", "model": "b", "reasoning": "none"}, a]


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen popups
def test_picker_names_the_model_and_switches_in_two_clicks(qtbot: QtBot, tmp_path: Path,
                                                           tiny_model: Path) -> None:
    other = tmp_path / "other-tiny.gguf"
    shutil.copy(tiny_model, other)
    window = open_window(qtbot, tmp_path, tiny_model)
    picker = window.model_picker
    assert tiny_model.name in picker.text()
    assert window.settings.recent_models == [str(tiny_model)]
    window.load_model(str(other))
    qtbot.waitUntil(lambda: window.session.model is not None and window.session.model.path == str(other),
                    timeout=30_000)
    assert other.name in picker.text()
    assert Settings.load(tmp_path / "settings.json").recent_models == [str(other), str(tiny_model)]
    # Two clicks: open the menu, pick the earlier model.
    chosen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        recent = [a for a in menu.actions() if a.objectName() == "recentModel"]
        chosen.extend(a.text() for a in recent)
        recent[1].trigger()
        menu.close()

    QTimer.singleShot(200, pick)
    qtbot.mouseClick(picker, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(chosen), timeout=5_000)
    assert chosen == [other.name, tiny_model.name]
    qtbot.waitUntil(lambda: window.session.model is not None and window.session.model.path == str(tiny_model),
                    timeout=30_000)
    assert tiny_model.name in picker.text()
    window.close()


def _window(qtbot: QtBot, tmp_path: Path, settings: Settings) -> MainWindow:
    window = MainWindow(data_path=tmp_path / "data", settings=settings,
                        settings_path=tmp_path / "settings.json")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen popups
def test_a_server_is_a_recent_backend_reopened_at_start_and_named_whole(qtbot: QtBot, tmp_path: Path) -> None:
    """#18: "current model or server, switch in two clicks, recent models": a server goes into the
    recent list (never its key), the next start connects to it again, and a model id such as
    "org/model-name" is named whole on the reply card and in the status bar."""
    from denkspur.engine.remote import RemoteSettings
    from gui_helpers import ask, wait_idle
    from openai_server import OpenAIServer

    with OpenAIServer(models=("org/model-name",)) as server:
        window = open_window(qtbot, tmp_path, None)
        window.session.connect_remote(RemoteSettings(server.url, api_key="sk-secret"))
        window.settings.remote_url = server.url
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        assert "org/model-name" in window.model_picker.text()
        assert "Model: org/model-name" in window.model_label.text()
        ask(qtbot, window, "What is 2 + 3?")
        wait_idle(qtbot, window)
        assert window.chat.cards[-1].role_label.text() == "org/model-name"
        window.close()
        saved = (tmp_path / "settings.json").read_text(encoding="utf-8")
        assert "sk-secret" not in saved
        stored = Settings.load(tmp_path / "settings.json")
        assert stored.last_backend == "server"
        assert [(s["url"], s["model"], s["reasoning"]) for s in stored.recent_servers] == [
            (server.url, "org/model-name", "detect")]

        again = _window(qtbot, tmp_path, stored)  # the next start: the server again, without asking
        qtbot.waitUntil(lambda: again.session.model is not None, timeout=10_000)
        assert again.session.is_remote and again.session.model.path == "org/model-name"  # type: ignore[union-attr]
        chosen: list[str] = []

        def pick() -> None:  # and it is one click away in the picker
            menu = QApplication.activePopupWidget()
            assert isinstance(menu, QMenu)
            chosen.extend(a.toolTip() for a in menu.actions() if a.objectName() == "recentServer")
            menu.close()

        QTimer.singleShot(200, pick)
        qtbot.mouseClick(again.model_picker, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(chosen), timeout=5_000)
        assert chosen == [f"org/model-name\n{server.url}"]
        again.close()


def test_a_last_server_that_is_gone_is_a_message_at_start_not_a_hang(qtbot: QtBot, tmp_path: Path) -> None:
    from helpers import free_port

    settings = Settings(language="en", last_backend="server", remote_url=f"http://127.0.0.1:{free_port()}/v1",
                        remote_timeout=5.0)
    window = _window(qtbot, tmp_path, settings)
    assert "Connecting to" in window.model_label.text()  # the window is up while it connects
    qtbot.waitUntil(lambda: getattr(window, "problem_box", None) is not None, timeout=20_000)
    assert "127.0.0.1" in window.problem_box.text() and window.session.model is None
    window.close()


def test_recent_servers_in_the_settings_file_never_carry_a_key(tmp_path: Path) -> None:
    import json

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"recent_servers": [
        {"url": "http://h/v1", "model": "m", "api_key": "sk-x", "timeout": "x", "verify_tls": 1},
        {"model": "no address"}, "junk"]}), encoding="utf-8")
    assert Settings.load(path).recent_servers == [{"url": "http://h/v1", "model": "m"}]
