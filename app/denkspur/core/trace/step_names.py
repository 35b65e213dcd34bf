"""Which words name a step: its first *content* words, past the discourse fillers.

R1 opens most sentences with a filler ("Wait,", "Okay, so", "Hmm,", "Alright,",
"Let me see,", German "Moment,", "Also,", "Gut,"). A steps list that names each
step by its first words then reads "Plan: Wait, …", "Computation: Okay, so …" a
hundred times; the words after the fillers tell the steps apart. The fillers
still matter to the step's *kind* ("Wait" marks a self-correction), which is
decided elsewhere (``steps``) from the full text: this module only picks the
words a view shows, and the view keeps the full text in a tooltip.
"""

from __future__ import annotations

import re

#: Fillers skipped before any following word, comma or not ("So the sum", "Okay so I").
_LOOSE = (
    "okay", "ok", "alright", "all right", "so", "hmm+", "hm+", "um+", "uh+", "well", "wait",
    "but wait", "oh wait", "no wait", "but", "oh", "ah", "now", "ja", "na ja", "naja", "nun",
)
#: Fillers skipped only before punctuation ("Also, …" but not German "Also ist die Antwort",
#: "Let me see, …" but not "Let me see whether"). German ones mostly live here: "Gut" and
#: "Also" begin content sentences too.
_PUNCTUATED = (
    "also", "right", "yeah", "first of all", "let me see", "let me think", "let's see",
    "let me think about this", "let me think about it", "let me try to figure this out",
    "let me figure this out", "let's think", "hold on", "okay then", "anyway", "actually",
    "moment", "moment mal", "warte", "warte mal", "gut", "na gut", "schön", "nein, warte",
    "also gut", "mal sehen", "lass mich überlegen", "lass mich nachdenken", "genau", "jetzt",
)

_PUNCT = r"(?:\s*(?:[,:;!.…]|\.\.\.|—|–|-(?=\s)))+"
_FILLER_RE = re.compile(
    rf"\s*(?:(?:{'|'.join(_alt for _alt in _LOOSE)})(?:{_PUNCT}|(?=\s))"
    rf"|(?:{'|'.join(re.escape(_alt) for _alt in _PUNCTUATED)}){_PUNCT})\s*",
    re.IGNORECASE,
)
_LETTERS_RE = re.compile(r"[^\W\d_]+")
#: Only the start of a step is looked at: a step can be megabytes long.
_LOOK = 400
#: Fillers skipped in a row at most ("Okay, so, hmm, wait, …").
_MAX_FILLERS = 8


def content_start(text: str) -> int:
    """Offset of the first content word of ``text``: past leading whitespace and fillers.

    Where nothing but fillers is there (a step that is just "Hmm." or "Wait…"), 0: the
    fillers are all there is to name it by."""
    head = text[:_LOOK]
    position = 0
    for _ in range(_MAX_FILLERS):
        match = _FILLER_RE.match(head, position)
        if match is None or match.end() == position:
            break
        position = match.end()
    rest = head[position:]
    if not any(char.isalnum() for char in rest):
        return 0
    return position + (len(rest) - len(rest.lstrip()))


def naming_text(text: str) -> str:
    """The text a step is named by: from its first content word, that word's first letter
    capitalised when the word is all lower case ("so the sum" names "The sum …")."""
    start = content_start(text)
    if start == 0:
        return text
    rest = text[start:]
    letters = _LETTERS_RE.match(rest)
    # A word, not a one-letter name ("x is 5" stays as written; "a", "i" are words).
    word = letters.group() if letters else ""
    if word.islower() and (len(word) > 1 or word in ("a", "i")):
        return rest[0].upper() + rest[1:]
    return rest
