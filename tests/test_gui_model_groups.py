"""The model manager's catalog: grouped by model, recommended first, a filter, too-big files refused."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.core.models.fit import Verdict
from denkspur.core.models.registry import ModelRegistry
from denkspur.gui.model_manager import ModelManager


def test_groups_filter_and_too_big(qtbot: QtBot, tmp_path: Path) -> None:
    # A context this large makes the biggest models too big on any machine that runs the tests.
    manager = ModelManager(ModelRegistry(tmp_path / "models.json"), tmp_path / "models", n_ctx=131_072)
    qtbot.addWidget(manager)
    with qtbot.waitSignal(manager.cards_shown, timeout=10_000):
        pass
    survey = manager.survey
    assert survey is not None
    order = [manager.column.itemAt(i).widget() for i in range(manager.column.count())]
    headers = [w.text() for w in order if w is not None and w.objectName() == "modelGroup"]
    assert len(headers) == len(set(headers)) == len({e.name for e in survey.entries})  # one group per model
    if survey.recommended is not None:
        assert headers[0] == survey.recommended.name
        first_card = next(w for w in order if w is not None and w.objectName().startswith("card-"))
        assert first_card.objectName() == f"card-{survey.recommended.id}"
    too_big = [manager.cards[e.id] for e in survey.entries if survey.fits[e.id].verdict == Verdict.TOO_BIG]
    assert too_big, "expected some model to be too big at a 128k context"
    for card in too_big:
        assert not card.download_button.isEnabled() and "Too big" in card.download_button.toolTip()
        assert "Too big" in card.status.text()
    manager.filter.setText("1.5b q4")
    visible = [card.entry for card in manager.cards.values() if card.isVisibleTo(manager)]
    assert [e.id for e in visible] == ["r1-qwen-1.5b-q4-k-m"]
    shown_groups = [h.text() for h in manager.group_headers.values() if h.isVisibleTo(manager)]
    assert shown_groups == sorted({e.name for e in visible})
    manager.filter.clear()
    assert all(card.isVisibleTo(manager) for card in manager.cards.values())
