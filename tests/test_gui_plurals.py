"""Counts read as correct English ("1 step", "2 steps"), through Qt's plural forms (``tr`` with n)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Version

REPO = Path(__file__).resolve().parent.parent
ENGLISH = REPO / "resources" / "i18n" / "denkspur_en.ts"


def _numerus_sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or "")
            for context in root.iter("context") for message in context.iter("message")
            if message.get("numerus") == "yes"}


def test_every_plural_text_has_its_english_forms(tmp_path: Path) -> None:
    """A new ``tr("%n …(s)", "", n)`` needs its English forms: run resources/i18n/english_plurals.py."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    found = tmp_path / "found.ts"
    sources = sorted(str(path) for path in (REPO / "app" / "denkspur" / "gui").glob("*.py"))
    subprocess.run([lupdate, *sources, "-pluralonly", "-locations", "none", "-ts", str(found)],
                   check=True, capture_output=True, timeout=120)
    assert _numerus_sources(found) <= _numerus_sources(ENGLISH)
    translated = ET.parse(ENGLISH).getroot()
    assert not [m for m in translated.iter("message") if m.find("translation").get("type") == "unfinished"]
    from PySide6.QtCore import QTranslator

    compiled = QTranslator()
    assert compiled.load(str(ENGLISH.with_suffix(".qm")))
    for context, source in _numerus_sources(ENGLISH):  # the .qm is the .ts compiled (pyside6-lrelease)
        assert "(s)" not in compiled.translate(context, source, None, 1), source


def _stats_line(qtbot: QtBot, steps: int, corrections: int, tokens: int) -> str:
    from denkspur.gui.trace_panel import TracePanel

    panel = TracePanel()
    qtbot.addWidget(panel)
    kinds = ["self-correction"] * corrections + ["reasoning"] * (steps - corrections)
    trace = " ".join(f"Step {i}." for i in range(steps))
    version = Version(1, 0, "5", trace=trace, state="complete",  # type: ignore[arg-type]
                      steps=[{"index": i, "kind": kind, "text": f"Step {i}.", "start": 0, "end": 1}
                             for i, kind in enumerate(kinds)],
                      stats={"trace_tokens": tokens, "answer_tokens": tokens})
    panel.show_version(version)
    return panel.stats.text()


def test_trace_figures_say_one_step_and_two_steps(qtbot: QtBot) -> None:
    assert _stats_line(qtbot, 1, 1, 1) == "1 step · 1 self-correction · 1 trace token · 1 answer token"
    assert _stats_line(qtbot, 2, 2, 2) == "2 steps · 2 self-corrections · 2 trace tokens · 2 answer tokens"


def test_one_unsaved_reply_is_singular(qtbot: QtBot) -> None:
    from denkspur.gui.unsaved_bar import UnsavedBar

    bar = UnsavedBar()
    qtbot.addWidget(bar)
    bar.show_state(1, "")
    assert bar.message.text() == "1 reply could not be saved and is kept in memory only."
    bar.show_state(2, "")
    assert bar.message.text() == "2 replies could not be saved and are kept in memory only."


def test_german_keeps_its_own_texts_over_the_english_plurals(qtbot: QtBot) -> None:
    from denkspur.gui.i18n import install_language
    from denkspur.gui.unsaved_bar import UnsavedBar

    try:
        install_language("de")
        bar = UnsavedBar()
        qtbot.addWidget(bar)
        bar.show_state(1, "")
        assert bar.message.text().startswith("1 Antwort konnte nicht gespeichert werden")
    finally:
        install_language("en")


def test_compare_summary_counts_in_english(qtbot: QtBot) -> None:
    from denkspur.gui.compare_dialog import CompareDialog

    def version(number: int, *texts: str) -> Version:
        steps, start = [], 0
        for index, text in enumerate(texts):
            steps.append({"index": index, "kind": "reasoning", "text": text, "start": start,
                          "end": start + len(text)})
            start += len(text) + 2
        return Version(number, number, "5", trace="\n\n".join(texts), steps=steps)  # type: ignore[arg-type]

    dialog = CompareDialog([("version 1", version(1, "Five is the sum.")),
                            ("version 2", version(2, "Six, I think.", "Wait, five is the sum."))])
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("1 step vs 2 steps, ")


def test_estimated_token_counts_are_marked_as_such(qtbot: QtBot) -> None:
    from denkspur.gui.trace_panel import TracePanel

    panel = TracePanel()
    qtbot.addWidget(panel)
    stats: dict[str, object] = {"trace_tokens": 40, "answer_tokens": 9, "token_counts": "estimated"}
    panel.show_version(Version(1, 0, "5", trace="Two plus three.", stats=stats))  # type: ignore[arg-type]
    assert "≈40 trace tokens" in panel.stats.text() and "≈9 answer tokens" in panel.stats.text()
    panel.show_version(Version(2, 0, "5", trace="Two plus three.",  # type: ignore[arg-type]
                               stats={**stats, "token_counts": "exact"}))
    assert "≈" not in panel.stats.text() and "40 trace tokens" in panel.stats.text()


def test_counts_from_an_imported_file_cannot_break_the_view(qtbot: QtBot) -> None:
    """Stored counts are outside data (an imported export): huge, negative or infinite ones are shown
    as some count, never as an OverflowError that keeps the conversation from opening, nor as "%n"."""
    from denkspur.core.conversations.store import Message
    from denkspur.gui.message_card import MessageCard
    from denkspur.gui.trace_panel import TracePanel

    parent = Version(1, 0, "5", trace="Two plus three.")
    branch = Version(2, 1, "5", trace="Two plus three.", parent_version_id=1, branch_offset=10**12,
                     params={"thinking_budget": 10**15})
    card = MessageCard(Message(1, 1, "assistant", [parent, branch], 1))
    qtbot.addWidget(card)
    assert "continued version 1" in card.state_label.text()
    panel = TracePanel()
    qtbot.addWidget(panel)
    for tokens in (10**30, -5, float("inf"), float("nan")):
        panel.show_version(Version(3, 0, "5", trace="Two plus three.",  # type: ignore[arg-type]
                                   stats={"trace_tokens": tokens, "answer_tokens": tokens}))
        assert "%" not in panel.stats.text() and "trace token" in panel.stats.text()


def test_the_live_count_of_a_server_reply_is_marked_as_an_estimate(qtbot: QtBot) -> None:
    from denkspur.gui.trace_panel import TracePanel

    panel = TracePanel()
    qtbot.addWidget(panel)
    panel.begin_live(estimated=True)
    assert panel.header.text().endswith(", ≈0 tokens")
    panel.begin_live()
    assert panel.header.text().endswith(", 0 tokens")
