"""The model manager's catalog: one card per model with a quantization choice, the recommended model
first, a filter, too-big files refused with the reason, your imported and opened GGUF files listed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from denkspur.core.models.fit import Verdict
from denkspur.core.models.registry import ModelRegistry
from denkspur.gui.model_card import ModelCard
from denkspur.gui.model_manager import ModelManager


def _open(qtbot: QtBot, tmp_path: Path, **options: object) -> ModelManager:
    manager = ModelManager(ModelRegistry(tmp_path / "models.json"), tmp_path / "models", **options)  # type: ignore[arg-type]
    qtbot.addWidget(manager)
    with qtbot.waitSignal(manager.cards_shown, timeout=10_000):
        pass
    return manager


def _shown_cards(manager: ModelManager) -> list[ModelCard]:
    widgets = [manager.column.itemAt(i).widget() for i in range(manager.column.count())]
    return [w for w in widgets if isinstance(w, ModelCard)]


def test_one_card_per_model_with_a_quantization_choice(qtbot: QtBot, tmp_path: Path) -> None:
    # A context this large makes the biggest models too big on any machine that runs the tests.
    manager = _open(qtbot, tmp_path, n_ctx=131_072)
    survey = manager.survey
    assert survey is not None
    cards = _shown_cards(manager)
    assert [card.name for card in cards] == list(manager.cards)
    assert sorted(card.name for card in cards) == sorted({e.name for e in survey.entries})  # one per model
    for card in cards:
        combo = [card.quantization.itemData(i) for i in range(card.quantization.count())]
        assert combo == [e.id for e in survey.groups[card.name]]  # every file of the model, coarsest first
        assert card.entry == survey.preferred[card.name]  # the file that suits this machine is chosen
    if survey.recommended is not None:
        assert cards[0].name == survey.recommended.name and cards[0].entry == survey.recommended
        assert cards[0].badge.isVisibleTo(cards[0]) and not cards[1].badge.isVisibleTo(cards[1])
    # Choosing another quantization by keyboard shows that file's size and fit.
    card = manager.cards["DeepSeek-R1-Distill-Qwen-7B"]
    card.quantization.setFocus()
    card.choose("r1-qwen-7b-q4-k-m")
    qtbot.keyClick(card.quantization, Qt.Key.Key_Down)
    assert card.entry.id == "r1-qwen-7b-q5-k-m"
    fit = survey.fits["r1-qwen-7b-q5-k-m"]
    assert QLocale().toString(fit.estimate.total / 1e9, "f", 1) in card.need.text()
    assert "5.4 GB" in card.quantization.currentText()
    assert card.verdict.text() in {"runs fully on the GPU", "partly on the GPU", "CPU only",
                                   "too big for this machine"}


def test_too_big_disables_download_with_the_reason(qtbot: QtBot, tmp_path: Path) -> None:
    manager = _open(qtbot, tmp_path, n_ctx=131_072)
    survey = manager.survey
    assert survey is not None
    too_big = [e.id for e in survey.entries if survey.fits[e.id].verdict == Verdict.TOO_BIG]
    fitting = [e.id for e in survey.entries if survey.fits[e.id].verdict != Verdict.TOO_BIG]
    assert too_big, "expected some model to be too big at a 128k context"
    for entry_id in too_big:
        card = manager.card_of(entry_id)
        assert card.entry.id == entry_id
        assert not card.download_button.isEnabled() and "Too big" in card.download_button.toolTip()
        assert "Too big" in card.status.text() and card.status.isVisibleTo(card)
        assert "too big" in card.quantization.currentText()
        assert card.verdict.text() == "too big for this machine"
    for entry_id in fitting:
        card = manager.card_of(entry_id)
        assert card.download_button.isEnabled() and not card.status.text()


def test_the_filter_narrows_the_cards_and_picks_the_quantization(qtbot: QtBot, tmp_path: Path) -> None:
    manager = _open(qtbot, tmp_path)

    def visible() -> list[str]:
        return [card.name for card in manager.cards.values() if card.isVisibleTo(manager)]

    manager.filter.setText("1.5b q4")
    assert visible() == ["DeepSeek-R1-Distill-Qwen-1.5B"]
    assert manager.cards["DeepSeek-R1-Distill-Qwen-1.5B"].entry.quantization == "Q4_K_M"
    manager.filter.setText("q8")
    assert len(visible()) == len(manager.cards)  # every model has a Q8_0 file, and shows it
    assert {card.entry.quantization for card in manager.cards.values()} == {"Q8_0"}
    manager.filter.setText("llama")
    assert visible() == ["DeepSeek-R1-Distill-Llama-8B", "DeepSeek-R1-Distill-Llama-70B"]
    manager.filter.setText("no such model")
    assert visible() == []
    manager.filter.clear()
    assert len(visible()) == len(manager.cards)


def test_imported_and_opened_gguf_files_are_listed(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    from denkspur.core.models.files import import_gguf

    opened = tmp_path / "opened <b>bold<b>.gguf"
    opened.write_bytes(tiny_model.read_bytes())
    imported = tmp_path / "imported.gguf"
    imported.write_bytes(tiny_model.read_bytes())
    registry = ModelRegistry(tmp_path / "models.json")
    import_gguf(imported, registry)
    gone = tmp_path / "deleted since.gguf"
    manager = _open(qtbot, tmp_path, opened=[str(opened), str(imported), str(gone)])
    qtbot.waitUntil(lambda: len(manager.findChildren(QLabel, "installedName")) == 2, timeout=5_000)
    names = [label.text() for label in manager.findChildren(QLabel, "installedName")]
    assert any("Denkspur tiny R1" in name and "imported" in name for name in names)  # its general.name
    assert any(name.startswith("opened <b>bold<b>.gguf (") and "opened from disk" in name for name in names)
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in manager.findChildren(QLabel, "installedName"))
    assert manager.installed_label.text() == "Your GGUF files"
    with qtbot.waitSignal(manager.load_requested, timeout=5_000) as loaded:
        row = next(w for w in manager.findChildren(QLabel, "installedName") if "opened from disk" in w.text())
        button = row.parentWidget().findChild(object, "loadOpened")
        button.click()
    assert loaded.args == [str(opened)]


def test_the_filter_narrows_your_gguf_files_too(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    first, second = tmp_path / "alpha-7b-q8.gguf", tmp_path / "beta-1.5b-q4.gguf"
    for path in (first, second):
        path.write_bytes(tiny_model.read_bytes())
    manager = _open(qtbot, tmp_path, opened=[str(first), str(second)])
    qtbot.waitUntil(lambda: len(manager.findChildren(QWidget, "opened")) == 2, timeout=5_000)

    def shown() -> list[str]:
        return [row.findChild(QLabel, "installedName").text().split(" ")[0]
                for row in manager.findChildren(QWidget, "opened") if not row.isHidden()]

    manager.filter.setText("7b q8")
    assert shown() == ["alpha-7b-q8.gguf"] and not manager.installed_label.isHidden()
    manager.filter.setText("no such model")
    assert shown() == [] and manager.installed_label.isHidden()  # no heading over nothing
    manager.filter.clear()
    assert sorted(shown()) == ["alpha-7b-q8.gguf", "beta-1.5b-q4.gguf"]
