"""Markdown rendering of untrusted model output."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from denkspur.core.text.markdown import IncrementalMarkdown, render_markdown, stable_prefix_length


def test_raw_html_is_shown_as_text() -> None:
    out = render_markdown("<script>alert(1)</script> <b>bold</b>")
    assert "<script>" not in out and "&lt;script&gt;" in out and "<b>" not in out


def test_only_web_links_survive() -> None:
    out = render_markdown("[a](https://example.org) [b](javascript:alert(1)) [c](file:///etc/passwd)")
    assert 'href="https://example.org"' in out
    assert "javascript:" not in out.split("href=")[-1] or out.count("href=") == 1
    assert out.count("href=") == 1


def test_images_are_never_loaded() -> None:
    out = render_markdown("![cat](https://example.org/cat.png) ![x](file:///x.png)")
    assert "<img" not in out
    assert '<a href="https://example.org/cat.png">[image: cat]</a>' in out


def test_tables_code_and_math() -> None:
    out = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n$x^2$\n")
    assert "<table>" in out and "<td>1</td>" in out
    assert '<pre class="code">' in out and "style=" in out  # highlighted inline
    assert '<code class="math">x^2</code>' in out


def test_stable_prefix_respects_code_fences() -> None:
    text = "Para one.\n\n```\ncode\n\nmore code\n"
    assert stable_prefix_length(text) == len("Para one.\n\n")
    closed = text + "```\n\nAfter"
    assert stable_prefix_length(closed) == len(text + "```\n\n")


_pieces = st.sampled_from(["word ", "\n", "\n\n", "```\n", "- item\n", "| a |\n", "**b** ", "$x$ "])


@given(st.lists(_pieces, max_size=40), st.integers(1, 7))
def test_incremental_rendering_matches_block_by_block_rendering(pieces: list[str], step: int) -> None:
    text = "".join(pieces)
    renderer = IncrementalMarkdown()
    finished: list[str] = []
    for index in range(0, len(text), step):
        finished.extend(renderer.append(text[index : index + step]))
    assert "".join(finished) + renderer.tail_html() == renderer.full_html()
    # Same blocks, same HTML as rendering each stable block on its own.
    cut = stable_prefix_length(text)
    assert renderer.text[cut:] == text[cut:]


def test_code_colours_follow_the_theme() -> None:
    code = "```python\nx = 'text'\n```\n"
    assert render_markdown(code, dark=True) != render_markdown(code, dark=False)


def test_wide_and_long_tables_are_cut_with_a_note() -> None:
    from denkspur.core.text.markdown import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS

    wide = "|" + "|".join(f"c{i}" for i in range(500)) + "|\n|" + "|".join("-" * 500) + "|\n"
    html_out = render_markdown(wide + "|" + "|".join(str(i) for i in range(500)) + "|\n")
    assert html_out.count("<th>") == MAX_TABLE_COLUMNS and html_out.count("<td>") == MAX_TABLE_COLUMNS
    assert "table cut" in html_out
    long = "|a|b|\n|-|-|\n" + "".join(f"|{i}|x|\n" for i in range(MAX_TABLE_ROWS + 50))
    assert render_markdown(long).count("<tr>") == MAX_TABLE_ROWS + 1
    assert "table cut" not in render_markdown("|a|b|\n|-|-|\n|1|2|\n")


def _fake_math(latex: str, display: bool) -> str:
    return f"<MATH {latex} {'block' if display else 'inline'}>"


def test_display_brackets_right_after_a_line_are_typeset() -> None:
    """R1 writes "so we get:\\n\\[\\n x^2 \\n\\]\\nwhich …": the formula is a display formula even
    without a blank line around it (it showed as "[ x^2 ]", its backslashes lost)."""
    from denkspur.core.text.markdown import math_sources

    for text in ("We get\n\\[\nx^2\n\\]\nwhich is it.", "We get\n\\[ x^2 \\]\nwhich is it.",
                 "- item\n  \\[\n  x^2\n  \\]\n"):
        out = render_markdown(text, math=_fake_math)
        assert "<MATH x^2 block>" in out, text
        assert "[" not in out.replace("<MATH x^2 block>", ""), out
        assert math_sources(text) == ["x^2"]
    fenced = "```\n\\[\nnot math\n\\]\n```\n"  # code stays code
    assert "MATH" not in render_markdown(fenced, math=_fake_math)
    matrix = "$$\\begin{matrix} a \\\\[2pt] b \\end{matrix}$$"  # a LaTeX line break with spacing
    assert render_markdown(matrix, math=_fake_math).count("MATH") == 1


def test_markdown_as_the_plain_text_it_reads_as() -> None:
    from denkspur.core.text.markdown import markdown_plain

    assert markdown_plain("2 + 3 = **5**") == "2 + 3 = 5"
    assert markdown_plain("# Sum\n\n*so* `x` is [five](http://x) and $x^2$") == "Sum\nso x is five and x^2"
    assert markdown_plain("<img src=/dev/zero> ![alt](http://i)") == "<img src=/dev/zero> alt"  # no loads


def test_display_brackets_in_the_middle_of_a_sentence_are_typeset() -> None:
    """"so \\[x^2\\] holds" showed "[x^2]" (the backslashes taken as escapes); \\(…\\) and $…$ stay."""
    from denkspur.core.text.markdown import math_sources

    text = "So \\[x^2 + 1\\] holds, and \\(y\\) and $z$ too."
    out = render_markdown(text, math=_fake_math)
    assert out.count("<MATH") == 3 and "[" not in out.replace("<MATH x^2 + 1 inline>", "")
    assert math_sources(text) == ["x^2 + 1", "y", "z"]
    assert "MATH" not in render_markdown("`\\[x\\]` and a lone \\[ bracket", math=_fake_math)
