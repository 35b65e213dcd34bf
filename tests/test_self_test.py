"""``denkspur --self-test``: an installed copy proves it works, and leaves the user's folders alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.gui
def test_self_test_passes_and_writes_nothing_of_the_users(isolated_user_folders: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "denkspur", "--self-test"], capture_output=True, text=True,
                         timeout=180, check=False, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout.splitlines()[-1])
    assert report["ok"] and report["trace_steps"] == 4
    written = [path for path in isolated_user_folders.rglob("*") if path.is_file()]
    assert not [path for path in written if "Denkspur" in str(path)], written  # no layout, no settings
