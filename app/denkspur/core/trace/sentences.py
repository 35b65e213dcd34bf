"""Sentence splitting of a reasoning trace, batch and streaming.

A sentence is the unit that gets a reasoning function (see ``functions``). The
rules follow how R1 traces are written and how the labelled research data chunks
them:

* A sentence ends after ``.``, ``!`` or ``?`` (optionally followed by closing
  brackets, quotes or ``**``) and whitespace, when the next character could start
  a sentence (not a lower-case letter, an operator or a closing bracket). So
  ``3.14``, ``5! * 2!`` and ``x = 5. so`` do not end sentences.
* A paragraph break (a blank line) always ends a sentence.
* A single newline does not ("Let me compute:\\n\\\\[ x = 2 \\\\]" is one sentence),
  except before a step marker ("Wait", "Hmm", "Let me check", "Moment" …), which
  also ends a sentence after ``:``, ``;`` or ``)``, and after any terminator even
  where an abbreviation, list marker or math would otherwise keep the sentence open.
* Not after abbreviations ("e.g.", "Dr.", "z. B.", "bzw.") or a numbered-list
  marker at the start of a line ("1. The coefficient …").
* Inside math (``\\( … \\)``, ``\\[ … \\]``, ``$$ … $$``) and fenced code only a
  paragraph break (math) or nothing (code) ends a sentence; a sentence longer
  than :data:`MAX_SENTENCE_CHARS` is cut at the next newline (at twice that, at
  any space) so the live view never waits forever on a huge block.

Decisions are local: whether a whitespace run ends a sentence depends on the
sentence so far and at most :data:`LOOKAHEAD` characters after the run. The
streaming :class:`SentenceTracker` rescans only the current (unfinished)
sentence, so streamed and batch splitting agree exactly (a property test checks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from denkspur.core.trace.markers import STEP_MARKER_RE

#: A sentence this long is cut at the next newline even inside code or math.
MAX_SENTENCE_CHARS = 2000
#: Characters after a whitespace run that may decide whether it ends a sentence.
LOOKAHEAD = 40

_TERMINATORS = ".!?"
_CLOSERS = ")]}\"'*_`’”"
_WEAK_TERMINATORS = ":;)…"  # end a sentence only before a step marker (as do newlines)
_BEFORE_WINDOW = 80
_MARKER_AFTER = frozenset(_TERMINATORS + _WEAK_TERMINATORS)
# A character after which a new sentence cannot start.
_NO_START = re.compile(r"[a-zäöüß=*/+^×·<>)\]}|,;:≈≤≥−]")
_ABBREVIATIONS = frozenset(
    {
        "e.g",
        "i.e",
        "vs",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "approx",
        "eq",
        "eqs",
        "fig",
        "cf",
        "resp",
        "etc.,",
        "no",
        "nr",
        "bzw",
        "ca",
        "vgl",
        "ggf",
        "evtl",
        "bspw",
        "usw",
        "z.b",
        "d.h",
        "u.a",
        "s.o",
        "abb",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "min",
        "max",
        "sec",
    }
)
_SPLIT_ABBREVIATIONS = (("z", "B."), ("d", "h."), ("u", "a."), ("z", "T."))
_LIST_MARKER = re.compile(r"(?:^|\n)[ \t>*_-]*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})$")
_LAST_WORD = re.compile(r"([\w.]+)$")
# Things that change the scanner's state, and whitespace runs (candidate boundaries).
_EVENTS = re.compile(
    r"(?P<fence>^[ \t]*(?:```|~~~))|(?P<dollars>\$\$)|(?P<mopen>\\\[|\\\()|(?P<mclose>\\\]|\\\))|(?P<ws>\s+)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence: ``trace[start:end]`` (no surrounding whitespace)."""

    index: int
    start: int
    end: int


@dataclass
class _ScanState:
    """Whether the scanner is inside fenced code or math; carried across sentences."""

    fence: bool = False
    math: bool = False


def _ends_sentence(text: str, sentence_start: int, run_start: int, position: int, math: bool) -> bool:
    """Does the whitespace run ``text[run_start:position]`` end the sentence before it?"""
    gap = text[run_start:position]
    if gap.count("\n") >= 2:
        return True
    # The rules look at the end of the sentence only; a sentinel stands for a cut-off start.
    window = max(sentence_start, run_start - _BEFORE_WINDOW)
    before = ("\x00" if window > sentence_start else "") + text[window:run_start]
    stripped = before.rstrip(_CLOSERS)
    last = stripped[-1:] if stripped else ""
    # A step marker after any terminator or a newline always starts a sentence (and a step),
    # even inside math or after what looks like an abbreviation: "a. Wait, …".
    if ("\n" in gap or last in _MARKER_AFTER or before[-1:] in _MARKER_AFTER) and (
        STEP_MARKER_RE.match(text, position)
    ):
        return True
    if math or last not in _TERMINATORS:
        return False
    if _NO_START.match(text, position):
        return False
    if last == ".":
        return not _is_abbreviation_or_list(stripped[:-1], text, position)
    return True


def _is_abbreviation_or_list(before: str, text: str, position: int) -> bool:
    """``before`` is the sentence up to (not including) a final ``.``."""
    if _LIST_MARKER.search(before) or not before:
        return True
    word = _LAST_WORD.search(before)
    if word is None:
        return False
    token = word.group(1).lower()
    if token in _ABBREVIATIONS:
        return True
    return any(token == first and text.startswith(second, position) for first, second in _SPLIT_ABBREVIATIONS)


@dataclass(frozen=True)
class _Undecided:
    """The text so far does not decide where the sentence ends: the scan goes on from
    ``resume`` (a position where a scan from the sentence's start would try a match
    too) in ``state`` when more text comes, instead of from the sentence's start."""

    resume: int
    state: _ScanState


def _scan(text: str, start: int, state: _ScanState, *, final: bool,
          resume: _Undecided | None = None) -> tuple[int, int, _ScanState] | _Undecided:
    """Find the end of the sentence starting at ``start``.

    Returns ``(end, next_start, state_at_next_start)``, or (only when not ``final``)
    :class:`_Undecided` when the text so far does not decide it yet; passing that back
    as ``resume`` once more text is there scans only what it did not decide.
    """
    position_from, (fence, math) = start, (state.fence, state.math)
    if resume is not None:
        position_from, fence, math = resume.resume, resume.state.fence, resume.state.math
    last_end = position_from
    for match in _EVENTS.finditer(text, position_from):
        kind = match.lastgroup
        if kind != "ws":
            last_end = match.end()
        if kind == "fence":
            fence = not fence
        elif fence:
            pass
        elif kind == "dollars":
            math = not math
        elif kind == "mopen":
            math = True
        elif kind == "mclose":
            math = False
        if kind != "ws":
            continue
        position = match.end()
        if position == len(text) or (not final and position + LOOKAHEAD > len(text)):
            # trailing whitespace (the run may grow, or the trace ends here), or too little after it
            if final:
                break
            return _Undecided(match.start(), _ScanState(fence=fence, math=math))
        last_end = position
        run_start = match.start()
        if run_start == start:
            continue
        paragraph = text.count("\n", run_start, position) >= 2
        length = run_start - start
        too_long = length > 2 * MAX_SENTENCE_CHARS or (length > MAX_SENTENCE_CHARS and "\n" in match.group())
        if too_long or (not fence and _ends_sentence(text, start, run_start, position, math)):
            return run_start, position, _ScanState(fence=fence, math=math and not paragraph)
    if not final:
        # Positions before the last two characters that matched nothing never will (no event is
        # longer than two characters, and a fence at a line's start follows a whitespace match).
        return _Undecided(max(last_end, len(text) - 2, start), _ScanState(fence=fence, math=math))
    end = start + len(text[start:].rstrip())
    return end, len(text), _ScanState(fence=fence, math=math)


class SentenceTracker:
    """Finds sentences while the trace grows; each is reported once, when final.

    The work per :meth:`extend` does not grow with the trace: the scan goes on where the
    last one stopped (:class:`_Undecided`), and only a window of the text is kept as one
    string (from just before the last reported sentence's end: what the rules and the
    callers look at), so appending copies the window, not the whole trace. :attr:`text`
    joins the whole trace when asked (once per change).
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._joined = ""  # the whole text as of the last ``text`` read (a prefix of it)
        self._window = ""  # text[base:]
        self._base = 0
        self._last_end = 0  # end of the last sentence reported
        self._start: int | None = None
        self._state = _ScanState()
        self._undecided: _Undecided | None = None  # where the current sentence's scan goes on
        self._index = 0

    @property
    def text(self) -> str:
        """The whole trace so far (joined when read; read it seldom on a long trace)."""
        if len(self._joined) != self._length:
            self._joined = "".join([self._joined, *self._parts])
            self._parts = []
        return self._joined

    @property
    def length(self) -> int:
        """Characters of trace so far (``len(text)`` without joining it)."""
        return self._length

    @property
    def window(self) -> str:
        """``text[base:]``: holds every sentence reported by the last :meth:`extend` or
        :meth:`finish` and the whitespace before each (valid until the next call)."""
        return self._window

    @property
    def base(self) -> int:
        """Offset of :attr:`window` in the trace."""
        return self._base

    def extend(self, more: str) -> list[SentenceSpan]:
        """Append trace text; return the sentences that are now complete."""
        # Keep one character before the last sentence's end: a rule looking back over the
        # whitespace before a sentence stops there, and "^" keeps its meaning at a sentence start.
        keep = max(self._last_end - 1, 0)
        if keep > self._base:
            self._window = self._window[keep - self._base :]
            self._base = keep
        self._window += more
        self._parts.append(more)
        self._length += len(more)
        return self._collect(final=False)

    def finish(self) -> list[SentenceSpan]:
        """The trace ended: return the remaining sentences."""
        return self._collect(final=True)

    def _collect(self, *, final: bool) -> list[SentenceSpan]:
        text, base = self._window, self._base
        if self._start is None:
            stripped = len(text) - len(text.lstrip())
            if stripped == len(text):
                return []
            self._start = base + stripped
        found: list[SentenceSpan] = []
        while self._start < self._length:
            undecided = self._undecided
            scanned = _scan(text, self._start - base, self._state, final=final,
                            resume=None if undecided is None else _Undecided(undecided.resume - base,
                                                                             undecided.state))
            if isinstance(scanned, _Undecided):
                self._undecided = _Undecided(scanned.resume + base, scanned.state)
                break
            self._undecided = None
            end, next_start, self._state = scanned
            if end + base > self._start:
                found.append(SentenceSpan(self._index, self._start, end + base))
                self._index += 1
                self._last_end = end + base
            self._start = next_start + base
        return found


def split_sentences(trace: str) -> list[SentenceSpan]:
    """All sentences of a finished trace."""
    tracker = SentenceTracker()
    return [*tracker.extend(trace), *tracker.finish()]
