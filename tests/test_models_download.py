"""Downloads through the real huggingface_hub client against a local Hub (HF_ENDPOINT)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import huggingface_hub.constants
import pytest

from denkspur.core.models.catalog import load_catalog
from denkspur.core.models.download import DownloadCancelled, DownloadError, download_entry
from denkspur.core.models.registry import ModelRegistry
from denkspur.testing.tiny_model import Shape, write_random_model
from hf_server import HubServer, Served

REPO = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
FILE = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"


@pytest.fixture(scope="module")
def model_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = write_random_model(tmp_path_factory.mktemp("m") / "m.gguf",
                              shape=Shape(256, 2, 4, 2, 512), n_vocab=4000)
    return path.read_bytes()


@pytest.fixture
def entry():  # type: ignore[no-untyped-def]
    return next(e for e in load_catalog() if e.id == "r1-qwen-1.5b-q4-k-m")


def test_full_download_is_verified_and_registered(hub: HubServer, model_bytes: bytes, entry,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    hub.add(REPO, FILE, Served(model_bytes))
    registry = ModelRegistry(tmp_path / "models.json")
    seen = []
    model = download_entry(entry, tmp_path / "models", registry, on_progress=seen.append)
    assert Path(model.path).read_bytes() == model_bytes
    assert registry.get(entry.id) is not None and model.owned
    assert seen[-1].done == seen[-1].total == len(model_bytes)
    assert len(seen) > 3 and any(p.speed > 0 for p in seen)
    assert not list((tmp_path / "models").glob("*.part"))


def test_dropped_connection_is_resumed(hub: HubServer, model_bytes: bytes, entry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    served = hub.add(REPO, FILE, Served(model_bytes, drop_after=len(model_bytes) // 3))
    model = download_entry(entry, tmp_path / "models", ModelRegistry(tmp_path / "models.json"))
    assert Path(model.path).read_bytes() == model_bytes
    assert served.ranges and 0 < served.ranges[0] <= len(model_bytes) // 3  # resumed, not restarted


def test_cancel_keeps_the_partial_file_and_resumes_later(hub: HubServer, model_bytes: bytes,  # type: ignore[no-untyped-def]
                                                         entry, tmp_path: Path) -> None:
    served = hub.add(REPO, FILE, Served(model_bytes))
    registry = ModelRegistry(tmp_path / "models.json")
    cancel = threading.Event()

    def cancel_midway(progress) -> None:  # type: ignore[no-untyped-def]
        if progress.done > len(model_bytes) // 2:
            cancel.set()

    with pytest.raises(DownloadCancelled):
        download_entry(entry, tmp_path / "models", registry, on_progress=cancel_midway, cancel=cancel)
    partial = tmp_path / "models" / (FILE + ".part")
    assert partial.exists() and 0 < partial.stat().st_size < len(model_bytes)
    assert registry.all() == [] and not (tmp_path / "models" / FILE).exists()  # nothing half-visible
    kept = partial.stat().st_size
    # "Restart the app" and try again: it resumes from the partial file.
    model = download_entry(entry, tmp_path / "models", registry)
    assert Path(model.path).read_bytes() == model_bytes
    assert served.ranges[-1] == kept


def test_wrong_checksum_is_rejected_and_the_file_removed(hub: HubServer, model_bytes: bytes, entry,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    hub.add(REPO, FILE, Served(model_bytes, sha256="f" * 64))
    registry = ModelRegistry(tmp_path / "models.json")
    with pytest.raises(DownloadError, match="damaged"):
        download_entry(entry, tmp_path / "models", registry)
    assert registry.all() == []
    assert not any((tmp_path / "models").iterdir())


def test_too_little_disk_space_is_reported_before_downloading(hub: HubServer, model_bytes: bytes,  # type: ignore[no-untyped-def]
                                                              entry, tmp_path: Path) -> None:
    hub.add(REPO, FILE, Served(model_bytes, size=10**16))  # the Hub says 10 PB
    with pytest.raises(DownloadError, match="not enough disk space"):
        download_entry(entry, tmp_path / "models", ModelRegistry(tmp_path / "models.json"))
    assert not any(r.startswith("GET /lfs") for r in hub.requests)


def test_split_models_download_every_part(hub: HubServer, model_bytes: bytes, entry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parts = ("Q8/M-00001-of-00002.gguf", "Q8/M-00002-of-00002.gguf")
    split = replace(entry, id="split-test", files=parts)
    for index, name in enumerate(parts):
        hub.add(REPO, name, Served(model_bytes[index::2]))
    model = download_entry(split, tmp_path / "models", ModelRegistry(tmp_path / "models.json"))
    assert [Path(p).name for p in model.paths] == ["M-00001-of-00002.gguf", "M-00002-of-00002.gguf"]
    assert model.path.endswith("00001-of-00002.gguf")


def test_missing_file_and_offline_mode(hub: HubServer, entry, tmp_path: Path,  # type: ignore[no-untyped-def]
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    registry = ModelRegistry(tmp_path / "models.json")
    with pytest.raises(DownloadError, match="has no file"):
        download_entry(entry, tmp_path / "models", registry)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(DownloadError, match="offline"):
        download_entry(entry, tmp_path / "models", registry)


def test_cli_download_then_chat_by_id_then_rm(hub: HubServer, tiny_model: Path, tmp_path: Path) -> None:
    hub.add(REPO, FILE, Served(tiny_model.read_bytes()))
    env = {**os.environ, "DENKSPUR_DATA_DIR": str(tmp_path / "data"),
           "DENKSPUR_CONFIG_DIR": str(tmp_path / "config")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "denkspur", *args], capture_output=True, text=True,
                              env=env, timeout=120, check=False)

    download = run("models", "download", "r1-qwen-1.5b-q4-k-m")
    assert download.returncode == 0, download.stderr
    assert Path(download.stdout.strip()).read_bytes() == tiny_model.read_bytes()
    listing = json.loads(run("models", "list", "--json").stdout)
    installed = [row for row in listing if row["installed"]]
    assert [row["id"] for row in installed] == ["r1-qwen-1.5b-q4-k-m"]
    chat = run("chat", "--model", "r1-qwen-1.5b-q4-k-m", "--json", "Q")
    assert chat.returncode == 0 and json.loads(chat.stdout.splitlines()[-1])["event"] == "done"
    assert run("models", "rm", "r1-qwen-1.5b-q4-k-m").returncode == 1  # needs --yes without a tty
    removed = run("models", "rm", "r1-qwen-1.5b-q4-k-m", "--yes")
    assert removed.returncode == 0 and "freed" in removed.stderr
    assert not Path(download.stdout.strip()).exists()
    assert run("models", "download", "no-such-model").returncode == 1


def test_hf_token_is_sent(hub: HubServer, model_bytes: bytes, entry, tmp_path: Path,  # type: ignore[no-untyped-def]
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_denkspur_test")
    hub.add(REPO, FILE, Served(model_bytes))
    download_entry(entry, tmp_path / "models", ModelRegistry(tmp_path / "models.json"))
    assert hub.authorizations and all(a == "Bearer hf_denkspur_test" for a in hub.authorizations)


def test_a_file_in_the_hugging_face_cache_is_used_not_downloaded(
    hub: HubServer, model_bytes: bytes, entry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from huggingface_hub import hf_hub_download

    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    hub.add(REPO, FILE, Served(model_bytes))
    cached = hf_hub_download(REPO, FILE, cache_dir=str(tmp_path / "hf-cache"), endpoint=hub.url)
    gets_before = sum(r.startswith("GET /lfs") for r in hub.requests)
    registry = ModelRegistry(tmp_path / "models.json")
    model = download_entry(entry, tmp_path / "models", registry)
    assert Path(model.path).resolve() == Path(cached).resolve()
    assert sum(r.startswith("GET /lfs") for r in hub.requests) == gets_before  # nothing fetched again
    assert not model.owned  # removing it must not delete the shared cache
