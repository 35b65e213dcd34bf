"""The kinds of reasoning steps, apart from the markers that find them.

The app's first window shows step colours and icons by kind but matches no
markers yet; the marker patterns (:mod:`~denkspur.core.trace.markers`) compile
when a trace is first split.
"""

from __future__ import annotations

import enum


class StepKind(str, enum.Enum):
    """What a step does in the model's reasoning."""

    REASONING = "reasoning"
    SELF_CORRECTION = "self-correction"
    ALTERNATIVE = "alternative"
    VERIFICATION = "verification"
    CONCLUSION = "conclusion"
