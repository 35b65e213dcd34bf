"""Shared fixtures: user folders kept apart, generated GGUF models and engine clients.

Every test runs on throw-away user folders (:func:`isolated_user_folders`).
Every test that touches inference runs the real llama.cpp on a tiny generated
model (see :mod:`denkspur.testing.tiny_model`); nothing is mocked.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.testing.tiny_model import (
    R1_LEGACY_TEMPLATE,
    write_tiny_r1_model,
)
from helpers import MemoryKeyring, free_port

#: The user's real folders, noted before any test runs (test_isolation.py proves they stay untouched).
#: (On Linux QSettings keeps the window layout in the config one, as ``Denkspur.conf``.)
REAL_FOLDERS = (
    Path(platformdirs.user_config_dir("Denkspur", appauthor=False)),
    Path(platformdirs.user_data_dir("Denkspur", appauthor=False)),
)

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use Qt widgets are marked ``gui`` so ``-m "not gui"`` runs headless."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest,
                          monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user folder of the app at a fresh temporary one; returns its root.

    Data and config folders (``DENKSPUR_DATA_DIR``/``DENKSPUR_CONFIG_DIR``), the home and
    XDG folders (for child processes and anything that asks platformdirs), the Hugging Face
    cache and token (a real cached model or token must not leak in), and QSettings
    (whose paths Qt caches at first use, so they are set explicitly — only when Qt is
    in use: headless runs never import it).
    """
    root = tmp_path_factory.mktemp("user")
    for variable, name in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                           ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state"),
                           ("DENKSPUR_DATA_DIR", "denkspur-data"),
                           ("DENKSPUR_CONFIG_DIR", "denkspur-config")):
        monkeypatch.setenv(variable, str(root / name))
    monkeypatch.setenv("HF_HOME", str(root / "huggingface"))  # child processes: no real cache or token
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    if "huggingface_hub.constants" in sys.modules:  # read once at import: set for this process, too
        constants = sys.modules["huggingface_hub.constants"]
        for name, path in (("HF_HOME", ""), ("HF_HUB_CACHE", "hub"), ("HF_TOKEN_PATH", "token"),
                           ("HF_STORED_TOKENS_PATH", "stored_tokens")):
            if hasattr(constants, name):
                monkeypatch.setattr(constants, name, str(root / "huggingface" / path))
    if "PySide6.QtCore" in sys.modules or "qtbot" in request.fixturenames:
        from PySide6.QtCore import QSettings

        for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(kind, QSettings.Scope.UserScope, str(root / "qsettings"))
    if "qtbot" in request.fixturenames:  # widgets made alone read their plurals as the app does
        from denkspur.gui.i18n import install_plurals

        request.getfixturevalue("qapp")
        install_plurals()
    return root


@pytest.fixture(scope="module")
def llama_server(tiny_model: Path) -> Iterator[str]:
    """The real llama-cpp-python server (its 'server' extra) with the tiny model."""
    pytest.importorskip("uvicorn")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(tiny_model), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "512", "--model_alias", "DeepSeek-R1-tiny"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The keyring for this test: in memory, inspectable (there is no secret service on CI)."""
    import keyring

    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """A local Hugging Face Hub (``tests/hf_server.py``) that huggingface_hub talks to via HF_ENDPOINT."""
    import huggingface_hub.constants

    from hf_server import HubServer

    with HubServer() as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        # Small chunks, so that progress, cancel and resume happen within a small file.
        monkeypatch.setattr(huggingface_hub.constants, "DOWNLOAD_CHUNK_SIZE", 16 * 1024)
        yield server


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The deterministic R1-style model (template opens ``<think>`` in the prompt)."""
    return write_tiny_r1_model(tmp_path_factory.mktemp("models") / "tiny-r1.gguf")


@pytest.fixture(scope="session")
def legacy_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Same weights, older template: the model opens ``<think>`` itself."""
    path = tmp_path_factory.mktemp("models") / "tiny-r1-legacy.gguf"
    return write_tiny_r1_model(path, template=R1_LEGACY_TEMPLATE)


def _loaded_client(model: Path, **options: object) -> EngineClient:
    client = EngineClient(**options)  # type: ignore[arg-type]
    client.load(p.LoadModel(str(model), n_ctx=512))
    return client


@pytest.fixture(scope="module")
def engine(tiny_model: Path) -> Iterator[EngineClient]:
    """A child process with the tiny model loaded, shared by a test module."""
    client = _loaded_client(tiny_model)
    yield client
    client.close()


@pytest.fixture
def crashing_engine(tiny_model: Path) -> Iterator[EngineClient]:
    """An engine whose child really segfaults after three generated tokens."""
    client = _loaded_client(tiny_model, fault="segfault@token:3")
    yield client
    client.close()


@pytest.fixture
def engine_with(tiny_model: Path) -> Iterator[object]:
    """Factory for engines with a given fault or timeout; all closed afterwards."""
    clients: list[EngineClient] = []

    def make(**options: object) -> EngineClient:
        client = _loaded_client(tiny_model, **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data and config folder for the CLI and the store (through the environment)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("DENKSPUR_DATA_DIR", str(folder))
    monkeypatch.setenv("DENKSPUR_CONFIG_DIR", str(tmp_path / "config"))
    return folder


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """GUI tests collect cycles on the GUI thread only, as the app does (gui/gc_guard.py):
    a collection on a background thread that frees Qt objects crashes the process."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("qapp")
    from denkspur.gui.gc_guard import GuiThreadCollector

    collector = GuiThreadCollector().start()
    try:
        yield
    finally:
        collector.stop()
        collector.deleteLater()
