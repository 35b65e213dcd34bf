"""The Linux installer path, for real: bundle, .deb, install into a scratch root, self-test."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the .deb path is Linux-only")
@pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is not installed")
@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not available")
def test_deb_installs_and_passes_its_self_test(tmp_path: Path) -> None:
    run = subprocess.run(["bash", str(REPO / "packaging" / "linux" / "build.sh"), str(tmp_path)],
                         env={**__import__("os").environ, "PYTHON": sys.executable},
                         capture_output=True, text=True, timeout=1800, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    (deb,) = tmp_path.glob("denkspur_*_cpu_*.deb")
    report = json.loads((tmp_path / "self-test.json").read_text(encoding="utf-8").strip().splitlines()[-1])
    assert report["ok"] is True and report["trace_steps"] == 4 and report["backend"]
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for expected in ("./opt/denkspur/denkspur",
                     "./usr/share/applications/io.github.denkspur.Denkspur.desktop",
                     "./usr/share/metainfo/io.github.denkspur.Denkspur.metainfo.xml",
                     "io.github.denkspur.Denkspur.png", "resources/i18n/denkspur_de.qm",
                     "resources/i18n/denkspur_en.qm",
                     "resources/corpus/explanations.json", "models/catalog.json"):
        assert expected in listing, expected
    assert "QtWebEngine" not in listing  # unused Qt modules stay out
    print(f"\n.deb size: {deb.stat().st_size / 1e6:.1f} MB")
