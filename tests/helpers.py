"""Small helpers shared by tests."""

from __future__ import annotations

from itertools import pairwise


def chunked(text: str, cuts: list[int]) -> list[str]:
    """Split ``text`` at the given cut points (taken modulo its length)."""
    points = sorted({cut % (len(text) + 1) for cut in cuts})
    return [text[a:b] for a, b in pairwise([0, *points, len(text)])]
