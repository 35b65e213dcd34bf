"""Step alignment for the compare view: corresponding steps of two traces on one row."""

from __future__ import annotations

from denkspur.core.trace.compare import align_steps


def test_identical_traces_align_one_to_one() -> None:
    steps = ["Add 2 and 3.", "Wait, check it.", "So the answer is 5."]
    assert align_steps(steps, steps) == [(0, 0), (1, 1), (2, 2)]


def test_extra_and_reworded_steps_leave_gaps() -> None:
    left = ["Add 2 and 3 to get 6.", "Wait, 2 + 3 is 5.", "So the answer is 5."]
    right = ["Adding 2 and 3 gives 6.", "So the answer is 6."]
    rows = align_steps(left, right)
    assert (1, None) in rows
    assert rows[0] == (0, 0)
    assert sorted(i for i, _ in rows if i is not None) == [0, 1, 2]
    assert sorted(j for _, j in rows if j is not None) == [0, 1]


def test_empty_sides() -> None:
    assert align_steps([], ["a"]) == [(None, 0)]
    assert align_steps(["a"], []) == [(0, None)]


def test_shared_beginning_ends_at_a_word_start() -> None:
    from denkspur.core.trace.compare import shared_beginning

    assert shared_beginning("So x is 5. Wait, no.", "So x is 5. Check: yes.") == len("So x is 5. ")
    assert shared_beginning("abc def", "abc dex") == len("abc ")
    assert shared_beginning("abc", "abc def") == 3
    assert shared_beginning("abc", "abcd") == 0
    assert shared_beginning("same", "same") == 4
    assert shared_beginning("", "x") == 0
