"""Sentence splitting of traces, batch and streaming."""

from __future__ import annotations

import re
import tracemalloc
from collections.abc import Iterator
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from denkspur.core.trace import sentences
from denkspur.core.trace.sentences import MAX_SENTENCE_CHARS, SentenceSpan, SentenceTracker, split_sentences
from helpers import chunked


def texts(trace: str) -> list[str]:
    return [trace[s.start : s.end] for s in split_sentences(trace)]


def test_sentences_end_at_terminators_and_offsets_are_exact() -> None:
    trace = "  Okay, so 2 + 3. That gives 5! Is it right?  Yes.\n\nSo the answer is 5."
    spans = split_sentences(trace)
    assert texts(trace) == ["Okay, so 2 + 3.", "That gives 5!", "Is it right?", "Yes.", "So the answer is 5."]
    assert [s.index for s in spans] == list(range(5))
    assert all(trace[s.start : s.end].strip() == trace[s.start : s.end] for s in spans)


def test_decimals_factorials_abbreviations_and_lists_do_not_end_sentences() -> None:
    assert texts("Pi is 3.14 or so. Then 5! / (2! * 3!) = 10. E.g. this one, i.e. that.") == [
        "Pi is 3.14 or so.",
        "Then 5! / (2! * 3!) = 10.",
        "E.g. this one, i.e. that.",
    ]
    assert texts("Two things:\n1. The first.\n2. The second. Done.") == [
        "Two things:\n1. The first.",
        "2. The second.",
        "Done.",
    ]
    assert texts("Das ist z. B. so. Und d. h. weiter.") == ["Das ist z. B. so.", "Und d. h. weiter."]
    assert texts("The value is x. so what") == ["The value is x. so what"]


def test_newlines_paragraphs_and_step_markers() -> None:
    assert texts("Let me compute:\n\\[ x = 2. y = 3 \\]\nDone.") == [
        "Let me compute:\n\\[ x = 2. y = 3 \\]\nDone."
    ]
    assert texts("First line\nsecond line\n\nNew paragraph") == ["First line\nsecond line", "New paragraph"]
    assert texts("So x = 5\nWait, no: 6.") == ["So x = 5", "Wait, no: 6."]
    assert texts("a. Wait, b.") == ["a.", "Wait, b."]  # a marker wins over a list-like "a."
    assert texts("Das Ergebnis: 6; Moment, das stimmt nicht.") == [
        "Das Ergebnis: 6;",
        "Moment, das stimmt nicht.",
    ]


def test_code_fences_keep_their_punctuation_and_blank_lines() -> None:
    trace = "Code:\n```python\nx = 1. \n\nprint(x)\n```\nThat runs. Next."
    assert texts(trace) == ["Code:\n```python\nx = 1. \n\nprint(x)\n```\nThat runs.", "Next."]


def test_a_huge_block_is_cut_at_a_newline() -> None:
    trace = "```\n" + ("x = 1\n" * (MAX_SENTENCE_CHARS // 3))
    spans = split_sentences(trace)
    assert len(spans) >= 2
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS + 10 for s in spans[:-1])


def test_empty_traces_have_no_sentences() -> None:
    assert split_sentences("") == [] and split_sentences(" \n\n ") == []


_pieces = st.sampled_from(
    [
        "Wait,",
        "wait",
        "Hmm",
        "Let me check",
        "So the answer",
        "x",
        "5.",
        "3.14",
        ". ",
        "! ",
        "? ",
        "\n",
        "\n\n",
        " ",
        "e.g.",
        "1.",
        "```",
        "\\[",
        "\\]",
        "$$",
        "Moment",
        "Ich prüfe",
        "z. B.",
        ":",
        "A",
        "**",
    ]
)


def _scanned_from_scratch(trace: str) -> list[SentenceSpan]:
    """The sentences of a finished trace, each scan from its sentence's start (no resuming)."""
    spans: list[SentenceSpan] = []
    start, state = len(trace) - len(trace.lstrip()), sentences._ScanState()
    while start < len(trace):
        scanned = sentences._scan(trace, start, state, final=True)
        assert not isinstance(scanned, sentences._Undecided)
        end, next_start, state = scanned
        if end > start:
            spans.append(SentenceSpan(len(spans), start, end))
        start = next_start
    return spans


@given(st.lists(_pieces, max_size=80).map("".join), st.lists(st.integers(0, 500), max_size=25))
def test_streaming_agrees_with_batch(text: str, cuts: list[int]) -> None:
    text = text.lstrip()  # the splitter never passes leading whitespace
    tracker = SentenceTracker()
    streamed = []
    for chunk in chunked(text, cuts):
        streamed.extend(tracker.extend(chunk))
    streamed.extend(tracker.finish())
    assert streamed == split_sentences(text) == _scanned_from_scratch(text)
    assert [s.index for s in streamed] == list(range(len(streamed)))
    for span in streamed:
        body = text[span.start : span.end]
        assert body and body == body.strip()
    assert all(a.end <= b.start for a, b in pairwise(streamed))
    # Every non-space character lies in some sentence.
    covered = {i for s in streamed for i in range(s.start, s.end)}
    assert all(c.isspace() or i in covered for i, c in enumerate(text))


def test_a_huge_line_is_cut_at_a_space() -> None:
    trace = "x " * (2 * MAX_SENTENCE_CHARS)
    spans = split_sentences(trace)
    assert len(spans) >= 2 and all(s.end - s.start <= 2 * MAX_SENTENCE_CHARS + 2 for s in spans)


class _CountingEvents:
    """Stands in for the scanner's regex and adds up how much text each scan may cover."""

    def __init__(self, real: re.Pattern[str]) -> None:
        self.real = real
        self.covered = 0

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        self.covered += len(text) - pos
        return self.real.finditer(text, pos)


@pytest.mark.parametrize("line", ["x" * 100_000, "word " * 20_000, "```\n" + "a = 1; " * 14_000])
def test_an_undecided_sentence_is_not_rescanned_for_every_piece(monkeypatch: pytest.MonkeyPatch,
                                                                line: str) -> None:
    """A long stretch without a sentence end, streamed in small pieces, is scanned about once
    (it was scanned again from the sentence's start for every piece: quadratic in its length,
    and one regex call over megabytes held the GIL while the GUI thread waited)."""
    counting = _CountingEvents(sentences._EVENTS)
    monkeypatch.setattr(sentences, "_EVENTS", counting)
    tracker = SentenceTracker()
    spans = [span for at in range(0, len(line), 500) for span in tracker.extend(line[at : at + 500])]
    spans.extend(tracker.finish())
    assert counting.covered < 3 * len(line)
    monkeypatch.setattr(sentences, "_EVENTS", counting.real)
    assert spans == split_sentences(line)
    assert tracker.text == line


MORE = "And one more. Then the trace goes on for a while, undecided"


def test_the_tracker_keeps_a_window_not_a_copy_of_the_trace_per_piece() -> None:
    """Appending to a long trace copies the sentence being written, not the whole trace
    (each piece copied all of it: quadratic, and a long copy holds the GIL)."""
    tracker = SentenceTracker()
    trace = "A sentence that ends here. " * 40_000
    tracker.extend(trace)
    tracemalloc.start()
    try:
        found = tracker.extend(MORE)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100_000 < len(trace)
    texts = [tracker.text[s.start : s.end] for s in found]
    assert texts[-1] == "And one more." and set(texts[:-1]) == {"A sentence that ends here."}
    assert tracker.length == len(tracker.text) == len(trace) + len(MORE)
