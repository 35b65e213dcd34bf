"""Hostile or unlucky conditions around installed models (issue 12): concurrency, odd files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from denkspur.core.models.registry import ModelRegistry


def _cli_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "DENKSPUR_DATA_DIR": str(tmp_path / "data"),
            "DENKSPUR_CONFIG_DIR": str(tmp_path / "config")}


def test_twenty_parallel_imports_all_land_in_the_registry(tiny_model: Path, tmp_path: Path) -> None:
    copies = []
    for index in range(20):
        copy = tmp_path / f"model-{index:02d}.gguf"
        shutil.copyfile(tiny_model, copy)
        copies.append(copy)
    env = _cli_env(tmp_path)
    processes = [subprocess.Popen([sys.executable, "-m", "denkspur", "models", "import", str(c)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for c in copies]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in processes]  # type: ignore[union-attr]
    for process in processes:
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()  # type: ignore[union-attr]
    assert all(code == 0 for code, _ in results), results
    registry = ModelRegistry.in_data_dir(tmp_path / "data")
    assert sorted(m.id for m in registry.all()) == [f"local-model-{i:02d}" for i in range(20)]
    json.loads((tmp_path / "data" / "models.json").read_text(encoding="utf-8"))
    assert not list((tmp_path / "data").glob("*.tmp"))  # no temporary file left behind
