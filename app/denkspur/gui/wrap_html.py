"""Answer HTML that wraps to the card's width: long words and code lines break instead of widening it.

A QLabel is at least as wide as its longest unbreakable piece: a 400-character
token (a hash, a URL, "xxxx…") or a long line of code made the card wider than the
chat, its buttons left the view and a centred formula was drawn off-screen. Here
code keeps its line breaks and indentation but wraps at spaces (``pre-wrap``), and
runs of :data:`LONG_RUN` characters without a break get zero-width break
opportunities (U+200B) every :data:`PIECE` characters. Only what is shown changes:
Copy and the code and formula links take the source text.
"""

from __future__ import annotations

import re

#: Runs of this many characters without a space get break opportunities.
LONG_RUN = 40
#: Characters between two break opportunities in such a run.
PIECE = 20
BREAK = "\u200b"
#: Qt's rich text honours a style element: code wraps at spaces, keeping its own line breaks.
STYLE = "<style>pre { white-space: pre-wrap; }</style>"
_TAGS = re.compile(r"(<[^>]*>)")
_RUN = re.compile(r"(?:&#?\w+;|[^\s<>&])" + f"{{{LONG_RUN},}}")
_UNIT = re.compile(r"&#?\w+;|[^&]|&")


def _broken(match: re.Match[str]) -> str:
    units = _UNIT.findall(match.group())  # an entity (&amp;) is one character and never split
    return BREAK.join("".join(units[i : i + PIECE]) for i in range(0, len(units), PIECE))


def wrappable(html: str) -> str:
    """``html`` (the safe Markdown renderer's) with :data:`STYLE` and breaks in long runs of text."""
    parts = _TAGS.split(html)
    for index in range(0, len(parts), 2):  # text between tags; tags (and their data: images) stay
        if len(parts[index]) >= LONG_RUN:
            parts[index] = _RUN.sub(_broken, parts[index])
    return STYLE + "".join(parts)
