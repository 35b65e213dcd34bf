"""How each reasoning function looks: colours and names in one place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from denkspur.core.trace.step_names import naming_text
from denkspur.gui.step_style import first_words

#: Colour per function; doubt warm, checks green, conclusions blue, groundwork greys/teals.
COLORS = {
    "problem_setup": "#95a5a6",
    "plan_generation": "#8e44ad",
    "fact_retrieval": "#16a085",
    "active_computation": "#5d6d7e",
    "uncertainty_management": "#d35400",
    "self_checking": "#27ae60",
    "result_consolidation": "#2e86c1",
    "final_answer_emission": "#1a5276",
}
UNKNOWN_COLOR = "#bdc3c7"


#: Each function's name, translated when asked for (one lookup per call: a flood names
#: hundreds of steps and sentences per event-loop turn).
_NAMES: dict[str, Callable[[], str]] = {
    "problem_setup": lambda: QCoreApplication.translate("ReasoningFunction", "Problem setup"),
    "plan_generation": lambda: QCoreApplication.translate("ReasoningFunction", "Plan"),
    "fact_retrieval": lambda: QCoreApplication.translate("ReasoningFunction", "Fact"),
    "active_computation": lambda: QCoreApplication.translate("ReasoningFunction", "Computation"),
    "uncertainty_management": lambda: QCoreApplication.translate("ReasoningFunction", "Doubt / backtrack"),
    "self_checking": lambda: QCoreApplication.translate("ReasoningFunction", "Check"),
    "result_consolidation": lambda: QCoreApplication.translate("ReasoningFunction", "Result"),
    "final_answer_emission": lambda: QCoreApplication.translate("ReasoningFunction", "Final answer"),
}


def function_name(function: str) -> str:
    """Translated display name of a reasoning function (the raw name if unknown)."""
    name = _NAMES.get(function)
    return name() if name is not None else function


def step_title(function: str, text: str, limit: int = 100) -> str:
    """A steps-list entry: the step's (first sentence's) function and its first content words
    (past "Wait,", "Okay, so" …: see ``step_names``; a tooltip shows the full text)."""
    return f"{function_name(function)}: {first_words(naming_text(text), limit)}"
