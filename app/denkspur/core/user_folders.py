"""The user's config and data folders: exactly platformdirs' answer, mostly without platformdirs.

Importing platformdirs costs about 6 ms of CPU (some 4,500 lines over seven modules), a
tenth of what the app adds to a bare PySide6 window's start, and the first frame needs
only two folder names from it. On Linux the answer is plain for a user's start, so it is
worked out here the way platformdirs' ``Unix`` class works it out (its ``XDGMixin`` and
``_UnixDefaults``, with ``appauthor=False``, no version, ``ensure_exists`` off and
``use_site_for_root`` off): ``$XDG_<KIND>_HOME/Denkspur`` when that variable is an absolute
path, else ``~/.config/Denkspur`` or ``~/.local/share/Denkspur`` under an absolute ``$HOME``.
Anything else (another system, an Android app, no usable ``$HOME``) asks platformdirs.
``tests/test_user_folders.py`` checks the two answers agree, variable by variable.
"""

from __future__ import annotations

import os
import posixpath
import sys

APP_NAME = "Denkspur"


def user_config_folder() -> str:
    """platformdirs' ``user_config_dir("Denkspur", appauthor=False)``."""
    folder = _linux_folder("XDG_CONFIG_HOME", "~/.config")
    if folder is None:
        import platformdirs

        folder = platformdirs.user_config_dir(APP_NAME, appauthor=False)
    return folder


def user_data_folder() -> str:
    """platformdirs' ``user_data_dir("Denkspur", appauthor=False)``."""
    folder = _linux_folder("XDG_DATA_HOME", "~/.local/share")
    if folder is None:
        import platformdirs

        folder = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    return folder


def _linux_folder(variable: str, default: str) -> str | None:
    """The folder on Linux where platformdirs' rule is plain; ``None`` to ask platformdirs."""
    if sys.platform != "linux" or _may_be_android_app():
        return None
    base = os.environ.get(variable, "")
    if not posixpath.isabs(base):  # platformdirs ignores an XDG variable that is not an absolute path
        home = os.environ.get("HOME")
        if home is None or not posixpath.isabs(home):  # platformdirs then asks the password database
            return None
        base = os.path.expanduser(default)
    return os.path.join(base, APP_NAME)


def _may_be_android_app() -> bool:
    """Where platformdirs might take the system for an Android app (it then uses other folders)."""
    return hasattr(sys, "getandroidapilevel") or (
        os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system")
