"""Text from outside made safe to store, print and show.

JSON may carry lone UTF-16 surrogates (``"\\ud800"``); Python keeps them in a
``str``, but UTF-8 cannot encode them, so SQLite, stdout and Qt fail on them
far from where they came in. They are replaced at the edges where outside text
enters (server replies, the store).
"""

from __future__ import annotations

import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (valid pairs never reach a ``str``)."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def capped(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, marked with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"
