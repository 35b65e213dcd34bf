"""A step is named by its first content words: the discourse fillers before them are skipped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from denkspur.core.trace.step_names import content_start, naming_text
from denkspur.core.trace.steps import segment_steps


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Wait, that's not right.", "That's not right."),
        ("Okay, so I need to find the sum.", "I need to find the sum."),
        ("Okay so I need to find the sum.", "I need to find the sum."),
        ("Hmm, so maybe the roots are real.", "Maybe the roots are real."),
        ("So, the answer is 5.", "The answer is 5."),
        ("So the answer is 5.", "The answer is 5."),
        ("Alright, let's tackle this problem.", "Let's tackle this problem."),
        ("Let me see, 12 divided by 4 is 3.", "12 divided by 4 is 3."),
        ("Now, compute the area.", "Compute the area."),
        ("But wait... the base is 6.", "The base is 6."),
        ("Wait, but let me check the base.", "Let me check the base."),
        ("Okay, so, hmm, wait, x = 4.", "x = 4."),  # a one-letter name keeps its case
        ("\n\n  Hmm — the sum is even.", "The sum is even."),
        ("Moment, das stimmt nicht.", "Das stimmt nicht."),
        ("Also, die Summe ist 12.", "Die Summe ist 12."),
        ("Okay, dann rechne ich weiter.", "Dann rechne ich weiter."),
        ("Gut, jetzt die zweite Gleichung.", "Jetzt die zweite Gleichung."),  # "jetzt" only with a comma
        ("Warte mal, das ist falsch.", "Das ist falsch."),
    ],
)
def test_fillers_are_skipped_in_english_and_german(text: str, named: str) -> None:
    assert naming_text(text) == named


@pytest.mark.parametrize(
    "text",
    [
        "Also ist die Antwort 5.",  # German "Also" opening a sentence is content
        "Gut zu wissen: der Rest ist 2.",
        "Let me see whether 7 divides 91.",
        "Some numbers are prime.",  # "So" only as a word
        "Nowhere is the function zero.",
        "Actually computing it gives 8.",
        "First, compute the discriminant.",
        "The sum is 10.",
    ],
)
def test_content_is_not_taken_for_a_filler(text: str) -> None:
    assert content_start(text) == 0 and naming_text(text) == text


@pytest.mark.parametrize("text", ["Hmm.", "Wait…", "Okay, so,", "  Hmm, wait. ", ""])
def test_a_step_of_fillers_only_is_named_by_them(text: str) -> None:
    assert content_start(text) == 0 and naming_text(text) == text


def test_only_the_start_of_a_huge_step_is_read() -> None:
    text = "Okay, so " + "x" * 5_000_000
    assert content_start(text) == len("Okay, so ")


@given(st.text(alphabet=st.sampled_from(list("Okay, so Hmm wait.\n Also Gut x1…—")), max_size=60))
def test_the_name_is_the_text_from_a_word_on(text: str) -> None:
    start = content_start(text)
    named = naming_text(text)
    assert 0 <= start <= len(text)
    assert named[1:] == text[start:][1:] and named[:1].lower() == text[start:start + 1].lower()
    if start:
        assert text[start].isalnum() or not text[start].isspace()


def test_the_step_kinds_still_come_from_the_full_text() -> None:
    """Naming is display-only: "Wait, …" is still a self-correction step."""
    steps = segment_steps("Okay, so 2 + 3 = 5.\n\nWait, that's not right.")
    assert [step.kind.value for step in steps] == ["reasoning", "self-correction"]
    assert [naming_text(step.text) for step in steps] == ["2 + 3 = 5.", "That's not right."]
