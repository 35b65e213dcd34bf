"""Hostile or unlucky conditions around installed models (issue 12): concurrency, odd files."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from denkspur.core.models.gguf_info import GGUFError, read_gguf_info
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


def _run_cli(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "denkspur", *args], capture_output=True, text=True,
                          env=_cli_env(tmp_path), timeout=120, check=False, input=stdin)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_a_fifo_as_model_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "model.gguf"
    os.mkfifo(fifo)
    with pytest.raises(GGUFError, match="FIFO"):
        read_gguf_info(fifo)
    imported = _run_cli(tmp_path, "models", "import", str(fifo))
    assert imported.returncode == 1 and "pipe (FIFO), not a model file" in imported.stderr
    chat = _run_cli(tmp_path, "chat", "--model", str(fifo), "--json", "Q")
    assert chat.returncode == 1
    assert json.loads(chat.stdout.splitlines()[-1])["kind"] == "bad-model"
    with pytest.raises(GGUFError, match="folder"):
        read_gguf_info(tmp_path)


def _nested_array_header(depth: int) -> bytes:
    key = b"denkspur.nested"
    header = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", len(key)) + key
    header += struct.pack("<I", 9)  # the value is an array …
    header += struct.pack("<IQ", 9, 1) * depth  # … of one array, of one array, …
    return header + struct.pack("<IQ", 4, 0) + bytes(64)  # … of no integers; padding


def test_arrays_nested_thousands_deep_are_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "nested.gguf"
    path.write_bytes(_nested_array_header(5000))
    with pytest.raises(GGUFError, match="nests arrays"):
        read_gguf_info(path)
    shallow = tmp_path / "shallow.gguf"
    shallow.write_bytes(_nested_array_header(2))
    assert read_gguf_info(shallow).array_lengths["denkspur.nested"] == 1
