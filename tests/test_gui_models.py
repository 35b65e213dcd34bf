"""The model manager window: catalog cards, download/cancel/resume, import, delete, load."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.core.models.registry import ModelRegistry
from denkspur.gui.model_manager import ModelManager
from denkspur.testing.tiny_model import Shape, write_random_model
from gui_helpers import open_window
from hf_server import HubServer, Served

REPO = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
FILE = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"
ENTRY = "r1-qwen-1.5b-q4-k-m"


def test_download_then_load_into_the_chat(qtbot: QtBot, tmp_path: Path, tiny_model: Path,
                                          hub: HubServer) -> None:
    hub.add(REPO, FILE, Served(tiny_model.read_bytes()))
    window = open_window(qtbot, tmp_path, None)
    window.show_models()
    manager = window.model_manager
    card = manager.cards[ENTRY]
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
    registry = ModelRegistry(tmp_path / "models.json")
    manager = ModelManager(registry, tmp_path / "models")
    qtbot.addWidget(manager)
    card = manager.cards[ENTRY]
    cancel_once = {"armed": True}

    def cancel_on_first_progress(entry_id: str, _progress: object) -> None:
        if cancel_once.pop("armed", False):
            manager.cancel_download(entry_id)

    manager._progress.connect(cancel_on_first_progress)
    card.download_button.click()
    qtbot.waitUntil(lambda: not manager.is_downloading(), timeout=20_000)
    assert "Cancelled" in card.status.text()
    assert card.download_button.text() == "Resume" and registry.all() == []
    card.download_button.click()
    qtbot.waitUntil(lambda: registry.get(ENTRY) is not None, timeout=20_000)
    assert Path(registry.get(ENTRY).path).read_bytes() == big.read_bytes()  # type: ignore[union-attr]
    assert hub.files[(REPO, FILE)].ranges  # the second run resumed with a Range request


def test_import_and_delete(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    registry = ModelRegistry(tmp_path / "models.json")
    manager = ModelManager(registry, tmp_path / "models")
    qtbot.addWidget(manager)
    junk = tmp_path / "junk.gguf"
    junk.write_text("not a model")
    assert manager.import_file(junk) is None and "not a GGUF" in manager.last_message
    model = manager.import_file(tiny_model)
    assert model is not None and "Denkspur tiny R1" in manager.installed_label.text()
    manager.delete_installed(model.id, confirm=False)
    assert registry.all() == [] and tiny_model.exists()  # imported files are only forgotten
