"""Tests never touch the user's real folders: the app's own folders point at temporary ones."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from conftest import REAL_FOLDERS
from denkspur.core.settings import config_dir, data_dir
from denkspur.gui.main_window import MainWindow


def snapshot(folders: tuple[Path, ...]) -> dict[str, int]:
    """Every file and folder below ``folders`` with its modification time (ns)."""
    found: dict[str, int] = {}
    for folder in folders:
        if folder.exists():
            for path in [folder, *folder.rglob("*")]:
                found[str(path)] = path.stat().st_mtime_ns
    return found


def test_a_window_with_default_folders_writes_only_temporary_ones(qtbot: QtBot,
                                                                   isolated_user_folders: Path) -> None:
    before = snapshot(REAL_FOLDERS)
    window = MainWindow()  # the folders a user's app would use
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.splitter.setSizes([100, 700, 300])
    window.close()  # saves settings.json and the window layout (an INI file beside it)
    assert snapshot(REAL_FOLDERS) == before
    assert config_dir().is_relative_to(isolated_user_folders)
    assert data_dir().is_relative_to(isolated_user_folders)
    assert (config_dir() / "settings.json").is_file()
    layout = config_dir() / "layout.ini"
    assert "mainSplitter" in layout.read_text(encoding="utf-8", errors="replace")
    assert not list((isolated_user_folders / "qsettings").rglob("Denkspur.*"))  # no ~/.config/Denkspur.conf


def test_child_processes_and_the_hub_client_see_temporary_folders(isolated_user_folders: Path) -> None:
    import huggingface_hub.constants as hub

    for path in (hub.HF_HUB_CACHE, hub.HF_TOKEN_PATH, Path.home(), config_dir(), data_dir()):
        assert Path(path).is_relative_to(isolated_user_folders), path
    assert not [folder for folder in REAL_FOLDERS if folder.is_relative_to(isolated_user_folders)]
