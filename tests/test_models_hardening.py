"""Hostile or unlucky conditions around installed models (issue 12): concurrency, odd files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from denkspur.core.models.catalog import load_catalog
from denkspur.core.models.download import DownloadError, Progress, download_entry
from denkspur.core.models.gguf_info import GGUFError, read_gguf_info
from denkspur.core.models.registry import ModelRegistry
from hf_server import HubServer, Served


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


# -- downloads from a missing, broken or hostile Hub ------------------------------------------

REPO = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
FILE = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"


@pytest.fixture
def entry():  # type: ignore[no-untyped-def]
    return next(e for e in load_catalog() if e.id == "r1-qwen-1.5b-q4-k-m")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends


def test_no_network_is_a_clear_download_error(entry, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    registry = ModelRegistry(tmp_path / "models.json")
    with pytest.raises(DownloadError, match=r"offline\? check the connection"):
        download_entry(entry, tmp_path / "models", registry)
    assert registry.all() == []
    env = {**_cli_env(tmp_path), "HF_ENDPOINT": os.environ["HF_ENDPOINT"]}
    cli = subprocess.run([sys.executable, "-m", "denkspur", "models", "download", entry.id],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert cli.returncode == 1
    assert "offline? check the connection" in cli.stderr and "Traceback" not in cli.stderr


def test_a_server_sending_more_than_announced_is_stopped(hub: HubServer, entry,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    data = os.urandom(200_000)
    hub.add(REPO, FILE, Served(data, overflow=2 * len(data)))  # 3x the announced size in all
    registry = ModelRegistry(tmp_path / "models.json")
    progress: list[Progress] = []
    with pytest.raises(DownloadError, match="more than the announced"):
        download_entry(entry, tmp_path / "models", registry, on_progress=progress.append)
    assert registry.all() == []
    assert all(p.done <= p.total for p in progress)  # never "1100 %"
    assert not [f for f in (tmp_path / "models").iterdir() if f.stat().st_size > len(data)]


def test_a_long_error_body_is_not_read_whole(hub: HubServer, entry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    served = hub.add(REPO, FILE, Served(b"x" * 1000, error_body=256 * 1024 * 1024))
    with pytest.raises(DownloadError, match="HTTP 500"):
        download_entry(entry, tmp_path / "models", ModelRegistry(tmp_path / "models.json"))
    assert served.sending_done.wait(30)
    assert served.sent < 64 * 1024 * 1024  # the client hung up long before the end


def test_a_file_already_at_the_target_is_hashed_before_it_is_listed(  # type: ignore[no-untyped-def]
    hub: HubServer, entry, tmp_path: Path
) -> None:
    data = os.urandom(100_000)
    hub.add(REPO, FILE, Served(data))
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / FILE).write_bytes(os.urandom(len(data)))  # same size, other bytes
    registry = ModelRegistry(tmp_path / "models.json")
    with pytest.raises(DownloadError, match="not the Hub's file"):
        download_entry(entry, folder, registry)
    assert registry.all() == []
    (folder / FILE).write_bytes(data)
    model = download_entry(entry, folder, registry)
    assert model.verified and model.sha256 == [hashlib.sha256(data).hexdigest()]


def test_without_a_checksum_from_the_hub_the_entry_says_so(hub: HubServer, entry,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    data = os.urandom(100_000)
    hub.add(REPO, FILE, Served(data, sha256="not-a-sha256"))
    registry = ModelRegistry.in_data_dir(tmp_path / "data")
    model = download_entry(entry, tmp_path / "models", registry)
    assert not model.verified and model.sha256 == [hashlib.sha256(data).hexdigest()]
    assert registry.get(entry.id).verified is False  # type: ignore[union-attr]
    listing = _run_cli(tmp_path, "models", "list")
    line = next(row for row in listing.stdout.splitlines() if entry.id in row)
    assert "no checksum from the Hub" in line
    rows = json.loads(_run_cli(tmp_path, "models", "list", "--json").stdout)
    assert next(r for r in rows if r["id"] == entry.id)["verified"] is False


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_as_the_model_list_is_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    os.mkfifo(tmp_path / "data" / "models.json")
    listed = _run_cli(tmp_path, "models", "list")  # (a hang would end in TimeoutExpired)
    assert listed.returncode == 0 and "r1-qwen-1.5b" in listed.stdout


def test_registry_entries_of_the_wrong_shape_are_skipped(tmp_path: Path, tiny_model: Path) -> None:
    registry = ModelRegistry(tmp_path / "models.json")
    good = {"id": "good", "name": "Good", "paths": [str(tiny_model)], "size_bytes": 1, "source": "import",
            "future_field": "from a newer version"}
    bad = [{"id": "a", "name": 5, "paths": ["x"], "size_bytes": 1, "source": "import"},
           {"id": "b", "name": "B", "paths": "x", "size_bytes": 1, "source": "import"},
           {"id": "c", "name": "C", "paths": ["x"], "size_bytes": "big", "source": "import"},
           {"id": "d", "name": "D", "paths": [], "size_bytes": True, "source": "import"}, "junk", None]
    registry.path.write_text(json.dumps({"models": [good, *bad]}), encoding="utf-8")
    assert [m.id for m in registry.all()] == ["good"]


def test_an_unreadable_model_list_is_kept_aside_not_written_over(tmp_path: Path, tiny_model: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "models.json").write_text('{"models": [{"id": "hand-edited", "name": "x",', encoding="utf-8")
    imported = _run_cli(tmp_path, "models", "import", str(tiny_model))
    assert imported.returncode == 0, imported.stderr
    (aside,) = data.glob("models.damaged-*.json")
    assert "hand-edited" in aside.read_text(encoding="utf-8")
    assert [m.id for m in ModelRegistry(data / "models.json").all()] == ["local-tiny-r1"]
