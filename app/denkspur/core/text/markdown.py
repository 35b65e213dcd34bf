"""Markdown to safe HTML for answers and traces.

Model output is untrusted text. The renderer therefore has raw HTML off (tags
are shown as text), turns images into plain links (nothing is ever fetched),
and keeps only ``http(s)`` and ``mailto`` links; anything else (``javascript:``,
``file:``, ``data:``) becomes inert text. Code blocks are highlighted with
Pygments (inline styles, no external CSS). Math (``$…$``, ``$$…$$``, ``\\(…\\)``,
``\\[…\\]``) is shown as formatted source, or typeset by a ``math`` callback the
caller passes (the app's typesetter makes images; this module stays free of Qt); a
typeset formula links to its source.

:class:`IncrementalMarkdown` keeps streaming cheap: once a block is followed by
a blank line outside a code fence it can no longer change, so its HTML is
rendered once and kept; only the open tail is rendered again as text arrives.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.texmath import texmath_plugin

from denkspur.core.text.bidi import visible_bidi

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_link(url: str) -> bool:
    return url.strip().lower().startswith(_SAFE_SCHEMES)


#: Pygments styles with enough contrast on light and on dark backgrounds.
CODE_STYLES = {False: "friendly", True: "monokai"}


def _highlighter(dark: bool) -> Callable[[str, str, object], str]:
    def highlight_code(code: str, language: str, _attrs: object) -> str:
        try:
            from pygments import highlight
            from pygments.formatters import HtmlFormatter
            from pygments.lexers import get_lexer_by_name
            from pygments.util import ClassNotFound
        except ImportError:  # pragma: no cover - pygments is a dependency
            return ""
        try:
            lexer = get_lexer_by_name(language or "text")
        except ClassNotFound:
            return ""
        formatter = HtmlFormatter(noclasses=True, nowrap=True, style=CODE_STYLES[dark])
        return f'<pre class="code">{highlight(code, lexer, formatter)}</pre>'

    return highlight_code


def _render_image(_renderer: object, tokens: list[Token], idx: int, *_rest: object) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = html.escape(token.content or "image")
    if is_safe_link(src):
        return f'<a href="{html.escape(src, quote=True)}">[image: {alt}]</a>'
    return f"[image: {alt}]"


#: Links the app puts around a typeset formula; the number is the formula's place in the text.
MATH_SOURCE_LINK = "denkspur:math-source/"
#: Typesets LaTeX (``display``: a block formula) to HTML, or None to show the source instead.
MathRenderer = Callable[[str, bool], "str | None"]


def _typeset(content: str, display: bool, env: dict[str, object]) -> str | None:
    typeset = env.get("math")
    if not callable(typeset):
        return None
    number = int(env.get("formulas", 0))  # type: ignore[call-overload]
    env["formulas"] = number + 1
    rendered = typeset(content.strip(), display)
    return f'<a href="{MATH_SOURCE_LINK}{number}">{rendered}</a>' if rendered else None


def _render_math_inline(_renderer: object, tokens: list[Token], idx: int, _options: object,
                        env: dict[str, object]) -> str:
    content = tokens[idx].content
    return _typeset(content, False, env) or f'<code class="math">{html.escape(content)}</code>'


def _render_math_block(_renderer: object, tokens: list[Token], idx: int, _options: object,
                       env: dict[str, object]) -> str:
    content = tokens[idx].content
    typeset = _typeset(content, True, env)
    if typeset:
        return f'<p align="center">{typeset}</p>\n'
    return f'<pre class="math">{html.escape(content.strip())}</pre>\n'


_MATH_TOKENS = ("math_inline", "math_inline_double", "math_block", "math_block_label", "math_block_eqno")


def math_sources(text: str) -> list[str]:
    """The LaTeX of each formula in ``text``, numbered like the :data:`MATH_SOURCE_LINK` links."""
    found = []
    for token in _parser(False, False).parse(_display_brackets_apart(text)):
        for part in [token, *(token.children or [])]:
            if part.type in _MATH_TOKENS:
                found.append(part.content.strip())
    return found


#: Links the app itself puts above code blocks; the number is the block's place in the text.
#: Model-written links can never carry this scheme (only web and mail links survive).
COPY_CODE_LINK = "denkspur:copy-code/"


def _render_fence_with_actions(renderer: object, tokens: list[Token], idx: int,
                               options: object, env: dict[str, object]) -> str:
    """A fenced code block with a line above it: its language and a Copy link."""
    number = int(env.get("code_blocks", 0))  # type: ignore[call-overload]
    env["code_blocks"] = number + 1
    language = tokens[idx].info.strip().split(" ")[0] if tokens[idx].info else ""
    label = html.escape(language[:40]) if language else "code"
    head = (f'<p class="codehead" style="margin:6px 0 0 0"><small><b>{label}</b> · '
            f'<a href="{COPY_CODE_LINK}{number}">{html.escape(str(env.get("copy_text", "Copy")))}</a>'
            f"</small></p>")
    body: str = renderer.fence(tokens, idx, options, env)  # type: ignore[attr-defined]
    return head + body


def code_blocks(text: str) -> list[tuple[str, str]]:
    """(language, code) of each fenced code block in ``text``, in order (what Copy copies)."""
    tokens = _parser(False, False).parse(text)
    fences = [t for t in tokens if t.type == "fence"]
    return [((t.info.strip().split(" ")[0] if t.info else ""), t.content) for t in fences]


class _SafeLinks(MarkdownIt):
    """Keeps only web and mail links: anything else (``javascript:``, ``file:``…) stays text."""

    def validateLink(self, url: str) -> bool:
        return is_safe_link(url)


@lru_cache(maxsize=4)
def _parser(dark: bool, code_actions: bool) -> MarkdownIt:
    md = _SafeLinks("commonmark", {"html": False, "linkify": False, "typographer": False,
                                   "highlight": _highlighter(dark)})
    md.enable(["table", "strikethrough"])
    # Pandoc's rule for $: no space inside, no digit after the closing one ("$5 or $6" stays text).
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(texmath_plugin, delimiters="brackets")  # \(…\) and \[…\]
    # The plugin takes \[…\] only as a block (at a line's start); in a sentence it was text.
    md.inline.ruler.before("escape", "math_brackets_in_text", _display_brackets_in_text)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("math_inline", _render_math_inline)
    md.add_render_rule("math_inline_double", _render_math_inline)
    md.add_render_rule("math_block", _render_math_block)
    md.add_render_rule("math_block_label", _render_math_block)
    md.add_render_rule("math_block_eqno", _render_math_block)
    if code_actions:
        md.add_render_rule("fence", _render_fence_with_actions)
    return md


def _display_brackets_in_text(state: StateInline, silent: bool) -> bool:
    """``\\[ … \\]`` in the middle of a sentence: a formula (as ``$$…$$`` there), not an escaped
    bracket, which lost its backslash and showed the LaTeX raw ("so [ x^2 ] holds")."""
    if not state.src.startswith("\\[", state.pos):
        return False
    end = state.src.find("\\]", state.pos + 2)
    if end < 0 or not state.src[state.pos + 2 : end].strip():
        return False
    if not silent:
        token = state.push("math_inline_double", "math", 0)
        token.content = state.src[state.pos + 2 : end].strip()
        token.markup = "\\["
    state.pos = end + 2
    return True


#: Tables are cut to this many columns and body rows: Qt lays a table out as a
#: whole, and a 5,000-column table took seconds.
MAX_TABLE_COLUMNS = 32
MAX_TABLE_ROWS = 500


def _display_brackets_apart(text: str) -> str:
    """``text`` with a blank line before a line that opens ``\\[`` and after the one that closes it
    (outside code fences), so that the display formula is a block of its own.

    Models write "we get:\\n\\[\\n x^2 \\n\\]\\nso …"; Markdown lets no block interrupt a
    paragraph, so the formula stayed text there and lost its backslashes ("[ x^2 ]").
    """
    if "\\[" not in text:  # the common case: no copy
        return text
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    fence: str | None = None
    in_formula = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        match = _FENCE.match(line)
        if match and not in_formula:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
        opens = fence is None and not in_formula and stripped.startswith("\\[")
        if opens and out and out[-1].strip():
            out.append("\n")
        out.append(line)
        if opens:
            in_formula = True
        if in_formula and stripped.endswith("\\]") and (not opens or len(stripped) > 2):
            in_formula = False
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if following.strip():
                out.append("\n" if line.endswith("\n") else "\n\n")
    return "".join(out)


def render_markdown(text: str, *, dark: bool = False, copy_text: str = "",
                    math: MathRenderer | None = None) -> str:
    """HTML for ``text``; safe to show in a QTextBrowser/QLabel (``dark``: code colours for dark themes).

    With ``copy_text`` (the translated word for "Copy"), each fenced code block gets a line
    above it with its language and a :data:`COPY_CODE_LINK` link numbered like :func:`code_blocks`.
    With ``math``, formulas are typeset by it (falling back to their source where it returns None).
    """
    md = _parser(dark, bool(copy_text))
    env: dict[str, object] = {"copy_text": copy_text, "math": math}
    # Direction controls (U+202E …) would reorder the rendered answer: shown as markers instead.
    tokens = _cap_tables(md.parse(visible_bidi(_display_brackets_apart(text)), env))
    rendered: str = md.renderer.render(tokens, md.options, env)
    return rendered


#: Block tokens whose text is their ``content`` (code and display formulas, kept as source).
_SOURCE_BLOCKS = frozenset({"fence", "code_block", "math_block", "math_block_label", "math_block_eqno"})
#: Inline tokens that stand for their ``content``: text, code spans and formulas (as source).
_TEXT_INLINES = frozenset({"text", "code_inline", "math_inline", "math_inline_double", "html_inline"})


def markdown_plain(text: str) -> str:
    """``text`` as the plain text its Markdown reads as: ``2 + 3 = **5**`` is "2 + 3 = 5".

    For places that show a short answer as plain text (a tooltip, a one-line label):
    emphasis, code marks, heading and list marks and link targets go; code and formulas
    keep their source; each block is a line. Nothing is rendered or fetched.
    """
    lines: list[str] = []
    for token in _parser(False, False).parse(_display_brackets_apart(text)):
        if token.type == "inline":
            lines.append("".join(_inline_plain(child) for child in token.children or ()))
        elif token.type in _SOURCE_BLOCKS:
            lines.append(token.content.strip())
    return "\n".join(line.strip() for line in lines if line.strip())


def _inline_plain(token: Token) -> str:
    if token.type in _TEXT_INLINES:
        return token.content
    if token.type == "softbreak":
        return " "
    if token.type == "hardbreak":
        return "\n"
    if token.type == "image":  # its alternative text
        return "".join(_inline_plain(child) for child in token.children or ())
    return ""


def _cap_tables(tokens: list[Token]) -> list[Token]:
    """Drop table cells beyond :data:`MAX_TABLE_COLUMNS` and rows beyond :data:`MAX_TABLE_ROWS`.

    A cut table is followed by a note saying so (the source keeps everything).
    """
    kept: list[Token] = []
    column = rows = 0
    cut = skip_row = skip_cell = False
    for token in tokens:
        kind = token.type
        if kind == "table_open":
            rows, cut = 0, False
        elif kind == "tr_open":
            rows, column = rows + 1, 0
            skip_row = rows - 1 > MAX_TABLE_ROWS  # the first row is the header
            cut = cut or skip_row
        elif kind in ("th_open", "td_open"):
            column += 1
            skip_cell = column > MAX_TABLE_COLUMNS
            cut = cut or skip_cell
        if not (skip_row or skip_cell):
            kept.append(token)
        if kind in ("th_close", "td_close"):
            skip_cell = False
        elif kind == "tr_close":
            skip_row = False
        elif kind == "table_close" and cut:
            note = Token("html_block", "", 0)
            note.content = (f"<p><i>(table cut to {MAX_TABLE_COLUMNS} columns and "
                            f"{MAX_TABLE_ROWS} rows; Copy gives all of it)</i></p>\n")
            kept.append(note)
    return kept


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def stable_prefix_length(text: str) -> int:
    """Length of the prefix of ``text`` made of complete blocks.

    A block is complete when a blank line follows it and no code fence is open
    at that point. (List items separated by blank lines may later merge into a
    "loose" list; rendered separately they look the same, which is acceptable.)
    """
    end = 0
    fence: str | None = None
    position = 0
    for line in text.splitlines(keepends=True):
        position += len(line)
        if not line.endswith("\n"):
            break  # the last line may still grow
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[len(marker):]:
                fence = None
        elif fence is None and not line.strip():
            end = position
    return end


class IncrementalMarkdown:
    """Streams markdown: finished blocks rendered once, the tail on demand."""

    def __init__(self, *, dark: bool = False) -> None:
        self.dark = dark
        self.text = ""
        self._stable = 0
        self._finished_html: list[str] = []

    def append(self, more: str) -> list[str]:
        """Add text; return HTML of blocks that just became final (in order)."""
        self.text += more
        # Only look at the region after the last stable point: linear overall.
        tail = self.text[self._stable :]
        cut = stable_prefix_length(tail)
        if cut == 0:
            return []
        block = tail[:cut]
        self._stable += cut
        rendered = render_markdown(block, dark=self.dark)
        self._finished_html.append(rendered)
        return [rendered]

    def tail_html(self) -> str:
        """HTML of the part that may still change."""
        return render_markdown(self.text[self._stable :], dark=self.dark)

    def full_html(self) -> str:
        return "".join(self._finished_html) + self.tail_html()
