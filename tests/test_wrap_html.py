"""Answer HTML that wraps: long words get break opportunities, tags and entities stay whole."""

from __future__ import annotations

from denkspur.core.text.markdown import render_markdown
from denkspur.gui.wrap_html import BREAK, STYLE, wrappable


def test_long_words_get_breaks_and_nothing_else_changes() -> None:
    word = "x" * 400
    html = render_markdown(f"A {word} and [a link](https://example.com/{'a' * 200}) &amp;" + "&" * 60)
    out = wrappable(html)
    assert out.startswith(STYLE)
    assert BREAK in out and out[len(STYLE):].replace(BREAK, "") == html  # only breaks were added
    assert f'href="https://example.com/{"a" * 200}"' in out  # tags untouched
    assert "&am" + BREAK not in out and "&amp" + BREAK not in out  # entities never split
    short = render_markdown("Plain short words only.")
    assert wrappable(short) == STYLE + short
