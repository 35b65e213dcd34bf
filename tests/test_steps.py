"""Step segmentation of reasoning traces, batch and streaming."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from denkspur.core.trace import steps
from denkspur.core.trace.steps import StepKind, StepTracker, classify_step, segment_steps
from helpers import chunked

TRACE = (
    "Okay, so I need to add 2 and 3. That gives 6. Wait, no: 2 + 3 = 5.\n\n"
    "Alternatively, count on from 3: 4, 5.\n\n"
    "Let me double-check: 5 - 2 = 3. Hmm, fine.\n\n"
    "So the answer is 5."
)


def kinds(trace: str) -> list[str]:
    return [step.kind.value for step in segment_steps(trace)]


def test_paragraphs_and_markers_make_steps_with_kinds() -> None:
    steps = segment_steps(TRACE)
    assert [s.kind for s in steps] == [
        StepKind.REASONING, StepKind.SELF_CORRECTION, StepKind.ALTERNATIVE,
        StepKind.VERIFICATION, StepKind.SELF_CORRECTION, StepKind.CONCLUSION,
    ]
    assert steps[1].text == "Wait, no: 2 + 3 = 5."
    for step in steps:
        assert TRACE[step.start : step.end] == step.text
        assert step.text == step.text.strip()


def test_markers_need_a_sentence_start_and_a_word_boundary() -> None:
    assert kinds("I was waiting. Waiting is fine. But wait, hmm.") == ["reasoning", "self-correction"]
    assert kinds("Let me checkout the branch.") == ["reasoning"]


def test_conclusion_markers_do_not_split_mid_paragraph() -> None:
    assert kinds("It is 5. Therefore it is odd.") == ["reasoning"]
    assert kinds("It is 5.\n\nTherefore it is odd.") == ["reasoning", "conclusion"]


def test_german_markers() -> None:
    assert kinds("Ich rechne 2 + 3 = 6. Moment, das stimmt nicht.\n\nIch prüfe: 5 - 3 = 2.\n\n"
                 "Alternativ zähle ich weiter.") == [
        "reasoning", "self-correction", "verification", "alternative"]


def test_markdown_emphasis_before_a_marker() -> None:
    assert classify_step("**Wait**, that's wrong") is StepKind.SELF_CORRECTION


def test_empty_and_blank_traces_have_no_steps() -> None:
    assert segment_steps("") == []
    assert segment_steps("  \n\n ") == []


_words = st.sampled_from(
    ["Wait,", "wait", "Hmm", "Let me check", "So the answer", "x", "5.", ". ", "\n", "\n\n",
     " ", "Alternatively", "Moment", "Ich prüfe", "**", "Therefore"]
)


@given(st.lists(_words, max_size=60).map("".join), st.lists(st.integers(0, 500), max_size=20))
def test_streaming_tracker_agrees_with_batch_segmentation(text: str, cuts: list[int]) -> None:
    text = text.lstrip()  # the splitter never passes leading whitespace
    tracker = StepTracker()
    streamed, sentences = [], []
    for chunk in chunked(text, cuts):
        new_sentences, steps = tracker.feed(chunk)
        sentences.extend(new_sentences)
        streamed.extend(steps)
    new_sentences, steps = tracker.close()
    sentences.extend(new_sentences)
    streamed.extend(steps)
    assert streamed == segment_steps(text)
    assert [s.index for s in streamed] == list(range(len(streamed)))
    batch = StepTracker()
    batch.finish() if not text else (batch.extend(text), batch.finish())
    assert sentences == batch.sentences
    # Steps are runs of whole sentences.
    for sentence in sentences:
        step = streamed[sentence.step]
        assert step.start <= sentence.start and sentence.end <= step.end


@given(st.lists(_words, max_size=60).map("".join), st.integers(1, 9))
def test_scanning_in_pieces_changes_nothing(text: str, piece: int) -> None:
    """Text is scanned in pieces of ``FEED_PIECE`` characters: any piece size gives the same
    sentences, steps (their texts too) and sentence texts as one piece."""
    text = text.lstrip()
    whole = StepTracker()
    expected = [whole.feed_texts(text), whole.close_texts()]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(steps, "FEED_PIECE", piece)
        tracker = StepTracker()
        assert [tracker.feed_texts(text), tracker.close_texts()] == expected
    for taken in expected:
        assert taken.texts == [text[s.start : s.end] for s in taken.sentences]
        assert all(step.text == text[step.start : step.end] for step in taken.steps)


def test_steps_are_named_by_the_functions_of_their_sentences() -> None:
    trace = ("Okay, the problem asks for 2 + 3.\n\nI compute 2 + 3 = 5.\n\n"
             "The final answer is 5.")
    tracker = StepTracker()
    tracker.extend(trace)
    steps = tracker.finish()
    functions = [s.function for s in tracker.sentences]
    assert functions[-1] == "final_answer_emission"
    assert steps[-1].kind is StepKind.CONCLUSION  # no marker: the kind comes from the function
