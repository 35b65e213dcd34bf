"""The corpus panel in the real window: select an article, click a claim, see the verdict; EN and DE."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from denkspur.gui.corpus_panel import CorpusPanel
from denkspur.testing.tiny_model import EXPECTED_ANSWER
from gui_helpers import open_window, wait_idle

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the checkout")


def open_panel(qtbot: QtBot, folder: Path | None) -> CorpusPanel:
    """A panel on ``folder``, once its background load has shown the explanations."""
    panel = CorpusPanel(folder, "en")
    qtbot.addWidget(panel)
    assert panel.corpus is None  # read in the background; the panel is usable at once
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        pass
    return panel


@needs_corpus
def test_select_article_click_claim_see_verdict(qtbot: QtBot) -> None:
    panel = open_panel(qtbot, CORPUS)
    panel.articles.setCurrentRow(4)
    assert panel.article is not None and panel.article.id == "004_66199b6648d51339"
    assert "GRPO-Methode" in panel.text.toPlainText()  # the article text, shown
    html = panel.text.toHtml()
    assert "claim:3" in html  # the GRPO claim is a highlighted link in the text
    panel.text.anchorClicked.emit(QUrl("claim:3"))
    assert "MISLEADING" in panel.detail.text() and "Group Relative Policy Optimization" in panel.detail.text()
    assert panel.ask_button.isEnabled()
    panel.set_language("de")
    assert panel.tabs.tabText(0) in ("Articles", "Artikel")
    panel.explanation.anchorClicked.emit(QUrl("claim:0"))
    assert "R1 erreicht die Leistung von o1" in panel.detail.text()


def test_panel_reads_well_without_the_articles(qtbot: QtBot, tmp_path: Path) -> None:
    panel = open_panel(qtbot, None)
    assert "not part of Denkspur" in panel.text.toPlainText()
    assert "Claims checked" in panel.explanation.toPlainText()
    assert "Jevons" in panel.glossary.toPlainText()
    assert "Best supported" in panel.comparison.toPlainText()


@needs_corpus
def test_changed_article_is_flagged(qtbot: QtBot, tmp_path: Path) -> None:
    for path in CORPUS.glob("*.txt"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8") + "\nEdited.", encoding="utf-8")
    panel = open_panel(qtbot, tmp_path)
    assert "differs from the one the explanations were written for" in panel.text.toPlainText()


@needs_corpus
def test_ask_the_model_from_the_window_in_german(qtbot: QtBot, tmp_path: Path, tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    window.settings.corpus_dir = str(CORPUS)
    window.set_language("de")
    window.show_corpus()
    panel = window.corpus_panel
    qtbot.waitUntil(lambda: panel.corpus is not None, timeout=10_000)
    assert panel.tabs.tabText(0) == "Artikel"
    panel.articles.setCurrentRow(2)
    panel.explanation.anchorClicked.emit(QUrl("claim:3"))
    assert "IRREFÜHREND" in panel.detail.text()
    panel.ask_button.click()
    qtbot.waitUntil(lambda: window.session.busy, timeout=5_000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.chat.cards) == 2, timeout=5_000)
    assert "Ein Zeitungsartikel über DeepSeek-R1" in window.chat.cards[0].message.text
    assert window.chat.cards[1].version.answer == EXPECTED_ANSWER
    assert window.trace.step_count() == 4
    window.set_language("en")
    window.close()


def test_comparison_tab_speaks_the_panel_language(qtbot: QtBot) -> None:
    from denkspur.gui.i18n import install_language

    panel = CorpusPanel(None, "en")
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: bool(panel.comparison.toPlainText()), timeout=10_000)  # loads in the background
    english = panel.comparison.toPlainText()
    assert "Stated in the article" in english and "five times lower" in english
    install_language("de")
    try:
        panel.set_language("de")
        german = panel.comparison.toPlainText()
        assert "Angabe im Artikel" in german and "fünfmal niedriger" in german
        assert "five times lower" not in german and "Stated in the article" not in german
    finally:
        install_language("en")


def _own_articles(folder: Path, text: str) -> Path:
    """A folder holding a text of our own under the first article's file name (not the real one)."""
    from denkspur.core.corpus.guide import load_guide

    folder.mkdir()
    (folder / load_guide().articles[0].file).write_text(text, encoding="utf-8")
    return folder


def _accept_preferences_with(qtbot: QtBot, window: object, corpus: str) -> None:
    """Open Preferences from the window, type ``corpus`` as the articles folder, press OK."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit

    from denkspur.gui.settings_dialog import SettingsDialog

    done: list[bool] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        field = dialog.findChild(QLineEdit, "corpusFolder") if isinstance(dialog, SettingsDialog) else None
        if field is None:  # no such dialog or field: close whatever opened, the test fails below
            if dialog is not None:
                dialog.close()
            return
        field.clear()
        qtbot.keyClicks(field, corpus)
        done.append(True)
        dialog.accept()

    QTimer.singleShot(200, fill)
    window.edit_settings()  # type: ignore[attr-defined]
    assert done


def test_the_articles_folder_is_chosen_in_preferences_and_the_panel_reloads(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.delenv("DENKSPUR_CORPUS", raising=False)
    folder = _own_articles(tmp_path / "articles", "Our own stand-in text for the first article.")
    window = open_window(qtbot, tmp_path, None)
    window.settings.corpus_dir = ""
    window.show_corpus()
    panel = window.corpus_panel
    qtbot.waitUntil(lambda: panel.corpus is not None, timeout=10_000)
    panel.articles.setCurrentRow(0)
    before = panel.text.toPlainText()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        _accept_preferences_with(qtbot, window, str(folder))
    assert window.settings.corpus_dir == str(folder) and panel.folder == folder
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["corpus_dir"] == str(folder)
    assert "Our own stand-in text" in panel.text.toPlainText() and "Our own stand-in" not in before
    assert "differs from the one the explanations were written for" in panel.text.toPlainText()
    assert panel.articles.currentRow() == 0
    window.close()


def test_the_environment_variable_wins_and_the_dialog_says_so(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from denkspur.core.settings import Settings
    from denkspur.gui.settings_dialog import SettingsDialog

    monkeypatch.delenv("DENKSPUR_CORPUS", raising=False)
    quiet = SettingsDialog(Settings(corpus_dir="/somewhere"))
    qtbot.addWidget(quiet)
    assert quiet.corpus_dir.text() == "/somewhere" and not quiet.corpus_note.isVisibleTo(quiet)
    env = _own_articles(tmp_path / "from-env", "Text from the environment's folder.")
    monkeypatch.setenv("DENKSPUR_CORPUS", str(env))
    dialog = SettingsDialog(Settings(corpus_dir="/somewhere"))
    qtbot.addWidget(dialog)
    assert dialog.corpus_note.isVisibleTo(dialog)
    assert str(env) in dialog.corpus_note.text() and "wins" in dialog.corpus_note.text()
    window = open_window(qtbot, tmp_path, None)
    window.show_corpus()
    panel = window.corpus_panel
    qtbot.waitUntil(lambda: panel.corpus is not None, timeout=10_000)
    chosen = _own_articles(tmp_path / "chosen", "Text from the chosen folder.")
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        _accept_preferences_with(qtbot, window, str(chosen))
    assert window.settings.corpus_dir == str(chosen)  # kept for when the variable is gone
    panel.articles.setCurrentRow(0)
    assert "Text from the environment's folder." in panel.text.toPlainText()
    window.close()
