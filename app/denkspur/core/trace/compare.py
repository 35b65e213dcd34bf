"""Align the steps of two traces for side-by-side comparison.

Two versions of an answer (a regeneration, or another model) reason in similar
steps with different wording. Steps are matched by the words they share
(difflib over normalised word sets per step), so that the comparison view can
put corresponding steps on one row and leave gaps where one trace has a step
the other lacks.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_WORD = re.compile(r"\w+", re.UNICODE)


def _signature(text: str) -> str:
    """A coarse key: the step's first significant words, lower-cased."""
    return " ".join(_WORD.findall(text.lower())[:6])


def _similarity(a: str, b: str) -> float:
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def shared_beginning(a: str, b: str) -> int:
    """Where two traces stop being the same, backed off to the start of a word.

    A branch from a step shares its parent's trace up to the branch point; the
    comparison shows that part once and the two continuations side by side.
    """
    limit = min(len(a), len(b))
    same = 0
    while same < limit and a[same] == b[same]:
        same += 1
    longer = a if len(a) > len(b) else b
    if same == limit and (same == len(longer) or longer[same].isspace()):
        return same  # one trace is the other's beginning, up to a word end
    while same > 0 and not a[same - 1].isspace():
        same -= 1
    return same


def align_steps(
    left: list[str], right: list[str], threshold: float = 0.2
) -> list[tuple[int | None, int | None]]:
    """Pairs of step indices (``None`` = no counterpart), in reading order."""
    matcher = SequenceMatcher(a=[_signature(s) for s in left], b=[_signature(s) for s in right],
                              autojunk=False)
    rows: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        rows.extend(_pair_by_similarity(left, right, list(range(i1, i2)), list(range(j1, j2)), threshold))
    return rows


def _pair_by_similarity(
    left: list[str], right: list[str], lefts: list[int], rights: list[int], threshold: float
) -> list[tuple[int | None, int | None]]:
    """Greedy in-order pairing inside a differing region."""
    rows: list[tuple[int | None, int | None]] = []
    j = 0
    for i in lefts:
        best, best_score = None, threshold
        for k in range(j, len(rights)):
            score = _similarity(left[i], right[rights[k]])
            if score > best_score:
                best, best_score = k, score
        if best is None:
            rows.append((i, None))
            continue
        rows.extend((None, rights[k]) for k in range(j, best))
        rows.append((i, rights[best]))
        j = best + 1
    rows.extend((None, rights[k]) for k in range(j, len(rights)))
    return rows


def align_functions(
    left: list[str], right: list[str]
) -> tuple[list[tuple[int | None, int | None]], list[tuple[int | None, int | None]]]:
    """Align two traces by their sentences' functions; mark where they diverge.

    ``left`` and ``right`` are the function sequences (one per sentence). Returns
    ``(rows, divergences)``: rows pair sentence indices (``None`` = no
    counterpart) in reading order, as a longest-common-subsequence alignment of
    the functions; a divergence is the first row of each stretch where the two
    traces do different things (different functions, or one has sentences the
    other lacks) — where one model starts checking while the other computes on.
    """
    matcher = SequenceMatcher(a=left, b=right, autojunk=False)
    rows: list[tuple[int | None, int | None]] = []
    divergences: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        lefts, rights = list(range(i1, i2)), list(range(j1, j2))
        common = min(len(lefts), len(rights))
        region: list[tuple[int | None, int | None]] = [(lefts[k], rights[k]) for k in range(common)]
        region += [(i, None) for i in lefts[common:]]
        region += [(None, j) for j in rights[common:]]
        divergences.append(region[0])
        rows.extend(region)
    return rows, divergences
