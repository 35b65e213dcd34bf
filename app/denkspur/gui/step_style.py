"""How each kind of reasoning step looks: one place for icons, colours, names."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from denkspur.core.text.bidi import visible_bidi
from denkspur.core.trace.step_kind import StepKind

ICONS = {
    StepKind.REASONING: "•",
    StepKind.SELF_CORRECTION: "↺",
    StepKind.ALTERNATIVE: "↔",  # WGL4: every common UI font has it (U+2442 ⑂ showed an empty box)
    StepKind.VERIFICATION: "✓",
    StepKind.CONCLUSION: "■",
}
COLORS = {
    StepKind.REASONING: "#7f8c8d",
    StepKind.SELF_CORRECTION: "#d35400",
    StepKind.ALTERNATIVE: "#8e44ad",
    StepKind.VERIFICATION: "#27ae60",
    StepKind.CONCLUSION: "#2e86c1",
}


#: Each kind's name, translated when asked for (one lookup per call: a flood names
#: hundreds of steps per event-loop turn).
_NAMES: dict[StepKind, Callable[[], str]] = {
    StepKind.REASONING: lambda: QCoreApplication.translate("StepKind", "Reasoning"),
    StepKind.SELF_CORRECTION: lambda: QCoreApplication.translate("StepKind", "Self-correction"),
    StepKind.ALTERNATIVE: lambda: QCoreApplication.translate("StepKind", "Alternative"),
    StepKind.VERIFICATION: lambda: QCoreApplication.translate("StepKind", "Verification"),
    StepKind.CONCLUSION: lambda: QCoreApplication.translate("StepKind", "Conclusion"),
}


def kind_name(kind: StepKind) -> str:
    """Translated display name of a step kind."""
    return _NAMES[kind]()


def parse_kind(value: object) -> StepKind:
    try:
        return StepKind(str(value))
    except ValueError:
        return StepKind.REASONING


def first_words(text: str, limit: int = 70) -> str:
    """The start of ``text`` on one line (direction controls shown as markers, never obeyed).

    Only the start is looked at: a step can be megabytes long (a flood without a full stop)."""
    line = " ".join(visible_bidi(text[: 4 * limit + 256]).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
