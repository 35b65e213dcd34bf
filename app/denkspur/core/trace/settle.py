"""Where the provisional answer stopped changing ("answer settled at token …").

With "probe every N sentences" the engine asks, at every N-th sentence end of the
trace, what the model would answer if it stopped thinking there. Successive
answers are compared after normalising them (the ``\\boxed{}`` content when there
is one, else the whole text; stripped, spaces collapsed). The answer *settled* at
the first probe of the last run of equal answers, once at least two probes in a
row agree; a later different answer unsettles it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from denkspur.core.trace.analytics import _boxed_contents

#: Probes kept with a reply (a very long trace probed often keeps its latest ones).
MAX_PROBES = 200
#: Characters of one provisional answer kept (a rambling side answer is cut).
MAX_ANSWER_CHARS = 300
#: Equal answers in a row that make it settled.
AGREEING = 2
_SPACES = re.compile(r"\s+")


def normalise_answer(text: str) -> str:
    """The part of a provisional answer that is compared: boxed content if any, spaces collapsed."""
    boxed = [b for b in _boxed_contents(text) if b.strip()]
    core = boxed[-1] if boxed else text
    return _SPACES.sub(" ", core).strip()


@dataclass(frozen=True)
class ProbePoint:
    """One automatic probe: after ``token`` trace tokens, at ``offset`` in the trace, it would
    answer ``answer``."""

    token: int
    offset: int
    answer: str  # normalised

    def to_dict(self) -> dict[str, object]:
        return {"token": self.token, "offset": self.offset, "answer": self.answer}


@dataclass(frozen=True)
class AnswerSettled:
    """A stream event: where the answer settled so far (``point`` None: it changed again, not settled)."""

    point: ProbePoint | None


class SettleTracker:
    """Collects a reply's automatic probes and says where the answer settled."""

    def __init__(self) -> None:
        self.probes: list[ProbePoint] = []
        self._settled: ProbePoint | None = None

    def add(self, token: int, offset: int, text: str) -> AnswerSettled | None:
        """Record a probe's answer; an :class:`AnswerSettled` when the settled point changed.

        Empty answers (the probe came after the thinking closed, or the model said
        nothing) are not compared.
        """
        answer = normalise_answer(text)[:MAX_ANSWER_CHARS]
        if not answer:
            return None
        self.probes.append(ProbePoint(token, offset, answer))
        del self.probes[:-MAX_PROBES]
        settled = self._find()
        if settled == self._settled:
            return None
        self._settled = settled
        return AnswerSettled(settled)

    @property
    def settled(self) -> ProbePoint | None:
        return self._settled

    def _find(self) -> ProbePoint | None:
        last = self.probes[-1].answer
        run = 0
        for probe in reversed(self.probes):
            if probe.answer != last:
                break
            run += 1
        return self.probes[-run] if run >= AGREEING else None

    def to_stats(self) -> dict[str, object]:
        """For the reply's stats: ``answer_settled`` (or null) and the ``probes``."""
        return {"answer_settled": self._settled.to_dict() if self._settled else None,
                "probes": [probe.to_dict() for probe in self.probes]}


def settled_point(stats: dict[str, object]) -> ProbePoint | None:
    """The stored ``answer_settled`` of a version's stats (outside data: checked), or None."""
    value = stats.get("answer_settled")
    if not isinstance(value, dict):
        return None
    token, offset, answer = value.get("token"), value.get("offset"), value.get("answer")
    if not (isinstance(token, int) and isinstance(offset, int) and isinstance(answer, str)):
        return None
    return ProbePoint(token, offset, answer[:MAX_ANSWER_CHARS])
