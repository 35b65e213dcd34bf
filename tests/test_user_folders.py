"""The config and data folders are platformdirs' own, though the start does not import it."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from denkspur.core.settings import config_dir, data_dir
from denkspur.core.user_folders import APP_NAME, user_config_folder, user_data_folder

#: Values of an XDG variable and of HOME: unset, empty, relative, ``~``, absolute, with a slash at the end.
XDG_VALUES = (None, "", "relative/place", "~/place", "/tmp/xdg place", "/tmp/xdg/", "/")
HOME_VALUES = (None, "", "relative-home", "/home/someone", "/home/someone/", "/")


def _set(monkeypatch: pytest.MonkeyPatch, variable: str, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, value)


@pytest.mark.parametrize(("xdg", "home"), list(itertools.product(XDG_VALUES, HOME_VALUES)))
def test_the_folders_are_the_ones_platformdirs_gives(monkeypatch: pytest.MonkeyPatch, xdg: str | None,
                                                     home: str | None) -> None:
    _set(monkeypatch, "HOME", home)
    _set(monkeypatch, "XDG_CONFIG_HOME", xdg)
    _set(monkeypatch, "XDG_DATA_HOME", xdg)
    try:
        config = platformdirs.user_config_dir(APP_NAME, appauthor=False)
        data = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    except RuntimeError:  # platformdirs finds no home at all: neither may Denkspur
        with pytest.raises(RuntimeError):
            user_config_folder()
        return
    assert user_config_folder() == config
    assert user_data_folder() == data


def test_an_android_like_environment_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable, value in (("ANDROID_DATA", "/data"), ("ANDROID_ROOT", "/system"), ("SHELL", "/bin/sh")):
        monkeypatch.setenv(variable, value)
    assert user_config_folder() == platformdirs.user_config_dir(APP_NAME, appauthor=False)
    assert user_data_folder() == platformdirs.user_data_dir(APP_NAME, appauthor=False)


def test_the_overrides_still_win(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DENKSPUR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DENKSPUR_DATA_DIR", str(tmp_path / "data"))
    assert config_dir() == tmp_path / "config" and data_dir() == tmp_path / "data"
    monkeypatch.delenv("DENKSPUR_CONFIG_DIR")
    monkeypatch.delenv("DENKSPUR_DATA_DIR")
    assert config_dir() == Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    assert data_dir() == Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@pytest.mark.skipif(sys.platform != "linux", reason="worked out without platformdirs on Linux only")
def test_finding_the_folders_on_linux_does_not_import_platformdirs() -> None:
    code = ("import sys; from denkspur.core.settings import config_dir, data_dir; config_dir(); data_dir(); "
            "print('platformdirs' in sys.modules)")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DENKSPUR_")}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True,
                         env=env)
    assert run.stdout.strip() == "False"
