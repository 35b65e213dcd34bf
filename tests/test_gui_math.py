"""Math in answers: $…$, $$…$$, \\(…\\), \\[…\\] typeset as images (ziamath), the source a click away."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Message, Version
from denkspur.core.text.markdown import MATH_SOURCE_LINK, math_sources, render_markdown
from denkspur.gui.clipboard import copies

ANSWER = "So \\(x^2\\) and $\\frac{a}{b}$, costs $5 or $6.\n\n\\[\n\\sum_{i=1}^n i\n\\]\n\n$$y$$\n"


def test_every_delimiter_is_found_and_prices_stay_text() -> None:
    assert math_sources(ANSWER) == ["x^2", "\\frac{a}{b}", "\\sum_{i=1}^n i", "y"]
    plain = render_markdown(ANSWER)
    assert '<code class="math">x^2</code>' in plain and "costs $5 or $6." in plain
    typeset = render_markdown(ANSWER, math=lambda latex, display: f"<i>{len(latex)}</i>")
    assert f'<a href="{MATH_SOURCE_LINK}3"><i>1</i></a>' in typeset  # numbered like math_sources
    falls_back = render_markdown("$\\bad$", math=lambda latex, display: None)
    assert '<code class="math">\\bad</code>' in falls_back


def test_formulas_are_images_and_a_click_copies_the_source(qtbot: QtBot) -> None:
    pytest.importorskip("ziamath")
    from denkspur.gui.math_images import MAX_FORMULA, math_html
    from denkspur.gui.message_card import MessageCard

    image = math_html("\\frac{a}{b}", display=True)
    assert image is not None and image.startswith('<img src="data:image/png;base64,')
    assert math_html("x" * (MAX_FORMULA + 1), display=False) is None  # capped: shown as source
    card = MessageCard(Message(1, 1, "assistant", [Version(1, 0, ANSWER)], 0))
    qtbot.addWidget(card)
    html = card.body.text()
    assert html.count("data:image/png;base64,") == 4 and "\\frac" not in html
    with qtbot.waitSignal(copies.copied) as note:
        card.body.linkActivated.emit(f"{MATH_SOURCE_LINK}1")
    assert QApplication.clipboard().text() == "\\frac{a}{b}"
    assert "\\frac{a}{b}" in note.args[0]


def test_latex_the_typesetter_cannot_parse_shows_its_source(qtbot: QtBot) -> None:
    pytest.importorskip("ziamath")
    from denkspur.gui.message_card import MessageCard

    card = MessageCard(Message(1, 1, "assistant", [Version(1, 0, "Broken: $\\frac{a$ end")], 0))
    qtbot.addWidget(card)
    assert "\\frac{a" in card.body.text() or "data:image" in card.body.text()
