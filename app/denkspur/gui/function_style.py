"""How each reasoning function looks: colours and names in one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

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


def function_name(function: str) -> str:
    """Translated display name of a reasoning function (the raw name if unknown)."""
    names = {
        "problem_setup": QCoreApplication.translate("ReasoningFunction", "Problem setup"),
        "plan_generation": QCoreApplication.translate("ReasoningFunction", "Plan"),
        "fact_retrieval": QCoreApplication.translate("ReasoningFunction", "Fact"),
        "active_computation": QCoreApplication.translate("ReasoningFunction", "Computation"),
        "uncertainty_management": QCoreApplication.translate("ReasoningFunction", "Doubt / backtrack"),
        "self_checking": QCoreApplication.translate("ReasoningFunction", "Check"),
        "result_consolidation": QCoreApplication.translate("ReasoningFunction", "Result"),
        "final_answer_emission": QCoreApplication.translate("ReasoningFunction", "Final answer"),
    }
    return names.get(function, function)


def step_title(function: str, text: str, limit: int = 60) -> str:
    """A steps-list entry: the step's (first sentence's) function and its first words."""
    return f"{function_name(function)}: {first_words(text, limit)}"
