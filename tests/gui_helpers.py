"""Helpers for driving the real main window in tests."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.core.settings import Settings
from denkspur.gui.main_window import MainWindow


def open_window(qtbot: QtBot, tmp_path: Path, model: Path | None, **options: object) -> MainWindow:
    settings = Settings(model_path=str(model) if model else "", context_size=512, language="en")
    window = MainWindow(data_path=tmp_path / "data", settings=settings,
                        settings_path=tmp_path / "settings.json", **options)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if model is not None:
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=30_000)
    return window


def ask(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.composer.editor.setPlainText(text)
    window.composer.send_button.click()
    qtbot.waitUntil(lambda: window.session.busy, timeout=5_000)


def wait_idle(qtbot: QtBot, window: MainWindow, timeout: int = 30_000) -> None:
    qtbot.waitUntil(lambda: not window.session.busy, timeout=timeout)
    qtbot.wait(50)
