"""Step markers: the opening words that mark where a model changes course.

Shared by step segmentation (``steps``) and sentence splitting (``sentences``):
a step marker after a newline or ``:`` also starts a new sentence.
"""

from __future__ import annotations

import re

from denkspur.core.trace.step_kind import StepKind

#: Markers that begin a step, by kind. Longest match wins ("But wait" over "But").
_MARKERS: dict[StepKind, tuple[str, ...]] = {
    StepKind.SELF_CORRECTION: (
        "But wait",
        "Wait",
        "Hmm",
        "Hm",
        "Actually",
        "Hold on",
        "Oops",
        "No, wait",
        "Oh wait",
        "Oh, wait",
        "On second thought",
        "Moment",
        "Warte",
        "Aber warte",
        "Nein, warte",
        "Hmm, nein",
        "Stopp",
    ),
    StepKind.ALTERNATIVE: (
        "Alternatively",
        "Another approach",
        "Another way",
        "Or maybe",
        "Maybe another",
        "Alternativ",
        "Ein anderer Ansatz",
        "Oder vielleicht",
        "Andererseits",
    ),
    StepKind.VERIFICATION: (
        "Let me check",
        "Let me verify",
        "Let me double-check",
        "Let me double check",
        "Let me confirm",
        "Let me recheck",
        "Let me re-check",
        "Double-checking",
        "To verify",
        "To double-check",
        "Ich prüfe",
        "Prüfen wir",
        "Überprüfen wir",
        "Ich überprüfe",
        "Zur Kontrolle",
        "Kontrollieren wir",
    ),
    StepKind.CONCLUSION: (
        "So the answer",
        "So the final answer",
        "So, the answer",
        "So, the final answer",
        "Therefore",
        "Thus",
        "In conclusion",
        "Final answer",
        "To summarize",
        "In summary",
        "Also ist die Antwort",
        "Die Antwort ist",
        "Zusammengefasst",
        "Zusammenfassend",
        "Somit",
        "Folglich",
    ),
}

KIND_OF_MARKER = {marker: kind for kind, markers in _MARKERS.items() for marker in markers}


def _alternation(markers: list[str]) -> str:
    return "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))


# Optional markdown emphasis or list bullet before the marker, then a non-word char.
_PREFIX = r"(?:[*_>#\-]{1,3}[ \t]?)?"
CLASSIFY_RE = re.compile(rf"{_PREFIX}(?P<marker>{_alternation(list(KIND_OF_MARKER))})(?!\w)")
# Conclusions only name a step that starts a paragraph: "Thus" mid-paragraph is
# ordinary prose, while "Wait" mid-paragraph really is the model changing course.
_SPLITTING_MARKERS = [m for m, k in KIND_OF_MARKER.items() if k is not StepKind.CONCLUSION]
STEP_MARKER_RE = re.compile(rf"{_PREFIX}(?:{_alternation(_SPLITTING_MARKERS)})(?!\w)")
