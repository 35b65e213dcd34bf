"""The model manager window: catalog cards, download/cancel/resume, import, delete, load."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from denkspur.core.models.registry import InstalledModel, ModelRegistry
from denkspur.gui.model_manager import ModelManager
from denkspur.testing.tiny_model import Shape, write_random_model
from gui_helpers import open_window
from hf_server import HubServer, Served

REPO = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
FILE = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"
ENTRY = "r1-qwen-1.5b-q4-k-m"


def open_manager(qtbot: QtBot, tmp_path: Path) -> tuple[ModelManager, ModelRegistry]:
    """A manager on a fresh registry, once its catalog cards are shown."""
    registry = ModelRegistry(tmp_path / "models.json")
    manager = ModelManager(registry, tmp_path / "models")
    qtbot.addWidget(manager)
    assert not manager.ready and "Checking" in manager.summary.text()  # the probe runs in the background
    with qtbot.waitSignal(manager.cards_shown, timeout=10_000):
        pass
    return manager, registry


def import_file(qtbot: QtBot, manager: ModelManager, path: Path) -> InstalledModel | None:
    with qtbot.waitSignal(manager.import_finished, timeout=10_000) as finished:
        manager.import_file(path)
    result = finished.args[0] if finished.args else None
    assert result is None or isinstance(result, InstalledModel)
    return result


def test_download_then_load_into_the_chat(qtbot: QtBot, tmp_path: Path, tiny_model: Path,
                                          hub: HubServer) -> None:
    hub.add(REPO, FILE, Served(tiny_model.read_bytes()))
    window = open_window(qtbot, tmp_path, None)
    window.show_models()
    manager = window.model_manager
    qtbot.waitUntil(lambda: manager.ready, timeout=10_000)
    card = manager.card_of(ENTRY)
    assert "GB RAM" in manager.summary.text() and "Recommended" in manager.summary.text()
    assert card.download_button.isVisibleTo(card) and not card.load_button.isVisibleTo(card)
    card.download_button.click()
    qtbot.waitUntil(lambda: card.load_button.isVisibleTo(card), timeout=20_000)
    assert "verified" in card.status.text()
    card.load_button.click()
    qtbot.waitUntil(lambda: window.session.model is not None, timeout=30_000)
    assert window.session.model.path.endswith(FILE)  # type: ignore[union-attr]
    manager.close()
    window.close()


def test_cancel_then_resume(qtbot: QtBot, tmp_path: Path, hub: HubServer) -> None:
    big = write_random_model(tmp_path / "big.gguf", shape=Shape(512, 4, 8, 2, 1024), n_vocab=8000)
    hub.add(REPO, FILE, Served(big.read_bytes()))
    manager, registry = open_manager(qtbot, tmp_path)
    card = manager.card_of(ENTRY)
    cancel_once = {"armed": True}

    def cancel_on_first_progress(entry_id: str, _progress: object) -> None:
        if cancel_once.pop("armed", False):
            manager.cancel_download(entry_id)

    manager.download_progress.connect(cancel_on_first_progress)
    card.download_button.click()
    qtbot.waitUntil(lambda: not manager.is_downloading(), timeout=20_000)
    assert "Cancelled" in card.status.text()
    qtbot.waitUntil(lambda: card.download_button.text() == "Resume", timeout=5_000)
    assert registry.all() == []
    card.download_button.click()
    qtbot.waitUntil(lambda: registry.get(ENTRY) is not None, timeout=20_000)
    assert Path(registry.get(ENTRY).path).read_bytes() == big.read_bytes()  # type: ignore[union-attr]
    assert hub.files[(REPO, FILE)].ranges  # the second run resumed with a Range request


def test_import_and_delete(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    manager, registry = open_manager(qtbot, tmp_path)
    junk = tmp_path / "junk.gguf"
    junk.write_text("not a model")
    assert import_file(qtbot, manager, junk) is None
    assert "not a GGUF" in manager.last_message and "not a GGUF" in manager.note.text()
    model = import_file(qtbot, manager, tiny_model)
    assert model is not None
    qtbot.waitUntil(lambda: any("Denkspur tiny R1" in label.text()
                                for label in manager.findChildren(QLabel, "installedName")), timeout=5_000)
    with qtbot.waitSignal(manager.refreshed, timeout=5_000):
        manager.delete_installed(model.id, confirm=False)
    assert registry.all() == [] and tiny_model.exists()  # imported files are only forgotten
    assert "Denkspur tiny R1" not in manager.installed_label.text()


def test_no_network_ends_the_download_card_with_a_clear_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")  # nothing listens there
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    manager, _registry = open_manager(qtbot, tmp_path)
    card = manager.card_of(ENTRY)
    card.download_button.click()
    qtbot.waitUntil(lambda: not manager.is_downloading(), timeout=30_000)
    assert "offline? check the connection" in card.status.text()
    assert card.download_button.isVisibleTo(card) and not card.cancel_button.isVisibleTo(card)


def test_a_download_without_a_hub_checksum_says_so_on_its_card(qtbot: QtBot, tmp_path: Path,
                                                               hub: HubServer) -> None:
    hub.add(REPO, FILE, Served(b"GGUF" + bytes(1000), sha256="not-a-sha256"))
    manager, registry = open_manager(qtbot, tmp_path)
    card = manager.card_of(ENTRY)
    card.download_button.click()
    qtbot.waitUntil(lambda: not manager.is_downloading(), timeout=30_000)
    assert "no checksum from the Hub" in card.status.text()
    assert registry.get(ENTRY) is not None and registry.get(ENTRY).verified is False  # type: ignore[union-attr]
