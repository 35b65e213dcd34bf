"""The streaming trace/answer splitter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from denkspur.core.trace.splitter import (
    CLOSE_TAG,
    OPEN_TAG,
    ReasoningSplitter,
    Section,
    TraceState,
    partial_tag_length,
    strip_trace,
)
from helpers import chunked


def split(chunks: list[str], *, assume_open: bool = False) -> ReasoningSplitter:
    splitter = ReasoningSplitter(assume_open=assume_open)
    for chunk in chunks:
        splitter.feed(chunk)
    splitter.finish()
    return splitter


def test_model_opens_the_trace_itself() -> None:
    s = split(["<think>\nI add.\n</think>\n\nIt is 5."])
    assert (s.trace, s.answer, s.state, s.finished) == ("I add.", "It is 5.", TraceState.CLOSED, True)


def test_prompt_already_opened_the_trace() -> None:
    s = split(["I add.\n", "</think>\n\nIt is 5."], assume_open=True)
    assert (s.trace, s.answer) == ("I add.", "It is 5.")


def test_redundant_leading_open_tag_is_swallowed_when_assumed_open() -> None:
    s = split(["  <thi", "nk>\nI add.</think>5"], assume_open=True)
    assert (s.trace, s.answer) == ("I add.", "5")


def test_text_before_the_trace_is_answer_text() -> None:
    s = split(["Sure. <think>plan</think>Done."])
    assert (s.trace, s.answer) == ("plan", "Sure. Done.")


def test_no_tags_at_all_is_a_plain_answer() -> None:
    s = split(["Just ", "an answer."])
    assert (s.trace, s.answer, s.state, s.finished) == ("", "Just an answer.", TraceState.NONE, True)


def test_missing_close_tag_leaves_an_unfinished_trace_and_no_answer() -> None:
    s = split(["<think>still thinking", " about it"])
    assert (s.trace, s.answer, s.state, s.finished) == (
        "still thinking about it", "", TraceState.OPEN, False)


def test_tag_split_across_chunks_never_reaches_the_answer() -> None:
    splitter = ReasoningSplitter(assume_open=True)
    first = splitter.feed("thinking</th")
    assert [d.text for d in first] == ["thinking"]
    assert splitter.held_back == 4
    second = splitter.feed("ink>answer")
    assert [(d.section, d.text) for d in second] == [(Section.ANSWER, "answer")]


def test_only_the_first_think_block_is_the_trace() -> None:
    s = split(["<think>a</think>Use `<think>` tags like <think>x</think>."])
    assert s.trace == "a"
    assert s.answer == "Use `<think>` tags like <think>x</think>."


def test_false_alarm_partial_tag_is_released_as_text() -> None:
    splitter = ReasoningSplitter(assume_open=True)
    first = splitter.feed("a </t")
    assert [d.text for d in first] == ["a "]
    second = splitter.feed("able>")
    assert "".join(d.text for d in [*first, *second]) == "a </table>"


def test_partial_tag_length() -> None:
    assert partial_tag_length("abc</th", CLOSE_TAG) == 4
    assert partial_tag_length("abc<", OPEN_TAG) == 1
    assert partial_tag_length("abc", CLOSE_TAG) == 0
    assert partial_tag_length("</think", CLOSE_TAG) == 7


def test_strip_trace_keeps_only_the_answer() -> None:
    assert strip_trace("<think>secret</think>\n\nThe answer.") == "The answer."
    assert strip_trace("secret</think>The answer.") == "The answer."
    assert strip_trace("No trace here.") == "No trace here."


# -- properties -----------------------------------------------------------------------

_alphabet = st.sampled_from([*"ab \n<>/thinkWait.", OPEN_TAG, CLOSE_TAG, "</th", "ink>", "ä"])
_streams = st.lists(_alphabet, max_size=40).map("".join)


@given(_streams, st.lists(st.integers(min_value=0, max_value=1000), max_size=12), st.booleans())
def test_any_chunking_gives_the_result_of_one_chunk(
    text: str, cuts: list[int], assume_open: bool
) -> None:
    whole = split([text], assume_open=assume_open)
    pieces = split(chunked(text, cuts), assume_open=assume_open)
    assert (pieces.trace, pieces.answer, pieces.state) == (whole.trace, whole.answer, whole.state)


@given(_streams, st.lists(st.integers(min_value=0, max_value=1000), max_size=12), st.booleans())
def test_never_holds_back_more_than_a_partial_tag(
    text: str, cuts: list[int], assume_open: bool
) -> None:
    splitter = ReasoningSplitter(assume_open=assume_open)
    emitted = {Section.TRACE: "", Section.ANSWER: ""}
    for chunk in chunked(text, cuts):
        for delta in splitter.feed(chunk):
            emitted[delta.section] += delta.text
        assert splitter.held_back <= len(CLOSE_TAG) - 1
    for delta in splitter.finish():
        emitted[delta.section] += delta.text
    # The deltas are exactly the result: nothing shown is ever taken back.
    assert emitted[Section.TRACE].rstrip() == splitter.trace
    assert emitted[Section.ANSWER].rstrip() == splitter.answer
