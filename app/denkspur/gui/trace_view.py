"""The trace text, exactly as the model wrote it, live and fast.

The trace is the product, so the view never reinterprets it: it is a plain-text
document (no Markdown, no HTML), every character the model wrote is shown and
copied. What formatting there is cannot change characters: a gutter beside the
text marks where each step starts (icon and name) and how far it runs (a colour
bar), and fenced code is set in a monospace font.

Speed: text is appended at the end of the document, never re-rendered. Arriving
text goes to a pending buffer that is drained in slices of :data:`SLICE_CHARS`
per event-loop turn, so a flood (or a 5 MB stored trace) never blocks the GUI
thread for long. Lines longer than :data:`MAX_LINE` characters are laid out in
pieces (a display-only break, marked "↪" in the gutter): Qt lays out a paragraph
as a whole, and a 5 MB line would cost seconds per update. Copying a selection
maps back to the source text, so those breaks are never copied.

While streaming the view follows the newest text unless the user scrolls away;
``following_changed`` lets the panel offer "jump to live".

Direction controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) in the model's
text would reorder what is shown around them, so the screen would no longer
show what was written. Each is shown as one visible stand-in character (◆, white
on dark red, the control's name as tooltip) in its place: one character for
one, so every offset (steps, sentences, notes, the map) stays valid, and Copy,
which reads the source, still gives the control itself
(:mod:`denkspur.core.text.bidi`).
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import QWidget

from denkspur.core.text.bidi import BIDI_CONTROLS, SHOWN_PATTERN, control_name, with_stand_ins
from denkspur.core.trace.step_kind import StepKind
from denkspur.gui.copies_source import CopiesSource
from denkspur.gui.lazy_qt import set_enum_properties
from denkspur.gui.step_style import ICONS, kind_name
from denkspur.gui.trace_gutter import NARROW, StepGutter, StepMark

if TYPE_CHECKING:  # the painting and format classes load when first used (start-up: PySide
    # builds each Qt class and its enums on first use, and an empty view paints nothing)
    from PySide6.QtGui import QResizeEvent, QTextBlock, QTextCharFormat

#: Longest line laid out as one paragraph; longer lines get display-only breaks.
MAX_LINE = 2_000
#: Characters inserted per event-loop turn (bounds the time of one GUI update).
SLICE_CHARS = 16_000
#: Direction controls given their marker format per slice (a flood of them stays cheap;
#: beyond this they are still shown as the stand-in, only not coloured).
MAX_CONTROL_FORMATS = 256
_CONTINUATION = 1  # QTextBlock user state: this block continues the previous line
_NEWLINES = re.compile(r"[\n\r\u2029]")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)", re.MULTILINE)


#: Backgrounds of text the model did not write (kinds as in the reply's "interventions").
_SPAN_COLORS = {"user": "#fff3b0", "answer-now": "#fde2c8", "budget": "#fde2c8", "think-longer": "#dcecfb"}


def _span_tip(kind: str) -> str:
    tips = {
        "user": QCoreApplication.translate("TraceView", "Your note, inserted to steer the model"),
        "answer-now": QCoreApplication.translate("TraceView", "Written in by Denkspur: Answer now ended "
                                                                "the thinking here"),
        "budget": QCoreApplication.translate("TraceView", "Written in by Denkspur: the thinking budget "
                                                            "ended the thinking here"),
        "think-longer": QCoreApplication.translate("TraceView", "Written in by Denkspur: Think longer "
                                                                  "made it go on"),
    }
    return tips.get(kind, "")


class TraceView(CopiesSource):
    """A read-only, faithful, incrementally filled view of one trace."""

    following_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, gutter: bool = True) -> None:
        super().__init__(parent)
        self._with_gutter = gutter
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        set_enum_properties(self, textInteractionFlags="TextSelectableByMouse|TextSelectableByKeyboard",
                            horizontalScrollBarPolicy="ScrollBarAlwaysOff")  # see lazy_qt
        self._gutter = StepGutter(self)
        self._drain_timer = QTimer(self)
        self._drain_timer.setSingleShot(True)
        self._drain_timer.setInterval(0)
        self._drain_timer.timeout.connect(self._drain)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().rangeChanged.connect(lambda _lo, _hi: self._keep_following())
        self.updateRequest.connect(self._update_gutter)
        self._following = True
        self._auto_scrolling = False
        self.reset()

    @cached_property
    def _code_format(self) -> QTextCharFormat:
        from PySide6.QtGui import QFontDatabase, QTextCharFormat

        code = QTextCharFormat()
        code.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        code.setFontFixedPitch(True)
        return code

    @cached_property
    def _plain_format(self) -> QTextCharFormat:
        from PySide6.QtGui import QTextCharFormat

        return QTextCharFormat()

    # -- content ------------------------------------------------------------------------
    def reset(self) -> None:
        self._source = ""  # everything appended (shown + pending)
        self._shown = 0  # characters of _source already in the document
        self._line_length = 0  # characters since the last line break in the document
        self._breaks: list[int] = []  # document positions of display-only breaks
        # The marks as two parallel lists, not StepMark objects: a flood brings
        # ~100,000 steps, and that many objects made every full garbage collection
        # on the GUI thread walk them (a 100-200 ms stall each time).
        self._kinds: list[StepKind] = []
        self._starts: list[int] = []  # the marks' starts, for bisecting
        self._open_mark = False  # the last mark is the step being written (see show_open_mark)
        self._in_code = False
        self._code_scan = 0  # start of the first line not yet looked at for a fence
        self._newline_scan = 0  # where the search for the end of that line goes on
        self._code_start = 0  # start of the open code block
        self._code_formatted = 0  # code formatted up to here
        self._spans: list[tuple[int, int, str]] = []  # text not written by the model (start, end, kind)
        self._drain_timer.stop()
        self.clear()
        self._set_following(True)

    def append(self, text: str) -> None:
        """Add trace text at the end (shown within a few event-loop turns)."""
        if not text:
            return
        self._source += text
        self._drain()

    def set_text(self, text: str, marks: list[StepMark]) -> None:
        self.reset()
        self.set_marks(marks)
        self.append(text)
        self._set_following(False)
        self.verticalScrollBar().setValue(0)

    def set_marks(self, marks: list[StepMark]) -> None:
        self._open_mark = False
        ordered = sorted(marks, key=lambda m: m.start)
        self._starts = [m.start for m in ordered]
        self._kinds = [m.kind for m in ordered]
        self._gutter.update()

    def add_marks(self, marks: list[StepMark]) -> None:
        """Marks of new steps (normally after all known ones: appended in one go). They take
        the place of the open step's mark."""
        self._drop_open_mark()
        if self._starts and marks and marks[0].start < self._starts[-1]:
            self.set_marks(self.marks() + marks)
            return
        self._kinds.extend(mark.kind for mark in marks)
        self._starts.extend(mark.start for mark in marks)
        self._gutter.update()

    def source_text(self) -> str:
        return self._source

    @property
    def pending(self) -> int:
        """Characters received but not yet in the document."""
        return len(self._source) - self._shown

    def marks(self) -> list[StepMark]:
        """The complete steps' marks (not the open step's)."""
        count = len(self._starts) - self._open_mark
        starts, kinds = self._starts[:count], self._kinds[:count]
        return [StepMark(start, kind) for start, kind in zip(starts, kinds, strict=True)]

    def open_mark(self) -> StepMark | None:
        """The mark of the step being written, if shown."""
        return StepMark(self._starts[-1], self._kinds[-1]) if self._open_mark else None

    def show_open_mark(self, mark: StepMark) -> None:
        """Mark the step being written where it starts, before it is complete: a step is
        reported when the next one begins, and a long one would stay unmarked until then.
        The next :meth:`add_marks` replaces it."""
        self._drop_open_mark()
        if self._starts and mark.start <= self._starts[-1]:
            return  # already marked
        self._starts.append(mark.start)
        self._kinds.append(mark.kind)
        self._open_mark = True
        self._gutter.update()

    def _drop_open_mark(self) -> None:
        if self._open_mark:
            self._starts.pop()
            self._kinds.pop()
            self._open_mark = False

    # -- draining --------------------------------------------------------------------
    def _drain(self) -> None:
        if self._shown >= len(self._source):
            return
        end = min(len(self._source), self._shown + SLICE_CHARS)
        written = self._source[self._shown : end]
        piece = with_stand_ins(written)  # direction controls shown, not obeyed (same length)
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        for part, breaks_line in self._split_long_lines(piece):
            # An explicit plain format: at the end the cursor would take on the format
            # of the character before it (code), and all later text would look like code.
            cursor.insertText(part, self._plain_format)
            if breaks_line:
                cursor.insertBlock()
                self._breaks.append(cursor.position() - 1)
                cursor.block().setUserState(_CONTINUATION)
        cursor.endEditBlock()
        start, self._shown = self._shown, end
        self._format_code()
        self._format_spans(start, end)
        if piece is not written:  # with_stand_ins returns most text (without controls) as it was
            self._format_controls(start, end)
        self._keep_following()
        if self._shown < len(self._source):
            self._drain_timer.start()

    def _split_long_lines(self, piece: str) -> list[tuple[str, bool]]:
        """``piece`` cut so that no document line exceeds :data:`MAX_LINE` characters."""
        parts: list[tuple[str, bool]] = []
        start = 0
        length = self._line_length
        for match in _NEWLINES.finditer(piece + "\n"):
            segment_end = match.start()
            while length + (segment_end - start) > MAX_LINE:
                cut = start + MAX_LINE - length
                parts.append((piece[start:cut], True))
                start, length = cut, 0
            if match.end() > len(piece):  # the sentinel: the piece ends mid-line
                length += segment_end - start
                parts.append((piece[start:], False))
                break
            length = 0
            parts.append((piece[start : match.end()], False))
            start = match.end()
        self._line_length = length
        # Lines that need no break go in together: one insertion per piece, not per line
        # (a flood of short lines made hundreds of calls per slice). Not a "\r" and the "\n"
        # after it: inserted together Qt makes them one line break, and the document would
        # hold a character less than the trace (Copy and offsets map by position).
        merged: list[tuple[str, bool]] = []
        run: list[str] = []
        for text, cut in parts:
            if run and run[-1].endswith("\r") and text.startswith("\n"):
                merged.append(("".join(run), False))
                run = []
            run.append(text)
            if cut:
                merged.append(("".join(run), True))
                run = []
        if run:
            merged.append(("".join(run), False))
        return [(text, cut) for text, cut in merged if text or cut]

    def _format_code(self) -> None:
        """Monospace for fenced code (``` … ```) in the newly shown text.

        Linear overall: each character is looked at once, complete lines only
        (a fence is decided when its line ends), even for a line of megabytes.
        """
        source, shown = self._source, self._shown
        line_start = self._code_scan
        search = max(line_start, self._newline_scan)
        while True:
            line_end = source.find("\n", search, shown)
            if line_end < 0:
                self._newline_scan = shown
                break
            if _FENCE.match(source, line_start, line_end):
                if self._in_code:
                    self._apply_code(self._code_start, line_end)
                else:
                    self._code_start = line_start
                self._in_code = not self._in_code
            line_start = search = line_end + 1
        self._code_scan = line_start
        if self._in_code:
            self._apply_code(max(self._code_start, self._code_formatted), shown)

    def set_interventions(self, spans: list[tuple[int, int, str]]) -> None:
        """Mark trace text the model did not write: the user's notes, and where the thinking was
        cut (answer now, budget) or prolonged (think longer). The characters stay as they are."""
        self._spans = sorted(spans)
        self._format_spans(0, self._shown)

    def _format_spans(self, low: int, high: int) -> None:
        from PySide6.QtGui import QColor, QTextCharFormat

        for span_start, span_end, kind in self._spans:
            start, end = max(span_start, low), min(span_end, high)
            if start >= end or kind not in _SPAN_COLORS:
                continue
            span_format = QTextCharFormat()
            span_format.setBackground(QColor(_SPAN_COLORS[kind]))
            span_format.setFontItalic(kind == "user")
            span_format.setToolTip(_span_tip(kind))
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.document_position(start))
            cursor.setPosition(self.document_position(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(span_format)

    def _format_controls(self, start: int, end: int) -> None:
        """The stand-ins of direction controls in ``[start, end)``: marked, and named on hover.

        In one edit block: the layout is redone once, not once per stand-in (a line full of
        controls took half a second per slice otherwise)."""
        from PySide6.QtGui import QColor, QTextCharFormat

        formats: dict[str, QTextCharFormat] = {}
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for count, match in enumerate(SHOWN_PATTERN.finditer(self._source, start, end)):
            if count >= MAX_CONTROL_FORMATS:
                break
            control = match.group()
            if control not in formats:
                marked = formats[control] = QTextCharFormat()
                marked.setForeground(QColor("#ffffff"))
                marked.setBackground(QColor("#a61b1b"))
                tip = (QCoreApplication.translate(
                    "TraceView", "%1: a text-direction control the model wrote, shown here instead of "
                    "applied (Copy keeps it)") if control in BIDI_CONTROLS else QCoreApplication.translate(
                    "TraceView", "%1: a control character the model wrote, shown here (Copy keeps it)"))
                marked.setToolTip(tip.replace("%1", control_name(control)))
            cursor.setPosition(self.document_position(match.start()))
            cursor.setPosition(self.document_position(match.end()), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(formats[control])
        cursor.endEditBlock()

    def _apply_code(self, start: int, end: int) -> None:
        self._code_formatted = max(self._code_formatted, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.document_position(start))
        cursor.setPosition(self.document_position(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(self._code_format)

    # -- positions ----------------------------------------------------------------------
    def document_position(self, offset: int) -> int:
        """Document position of trace character ``offset`` (display breaks skipped)."""
        offset = min(offset, self._shown)
        position = offset
        for _ in range(2):  # breaks before the position shift it; converge
            position = offset + bisect.bisect_left(self._breaks, position)
        return min(position, self.document().characterCount() - 1)

    def trace_offset(self, position: int) -> int:
        return position - bisect.bisect_left(self._breaks, position)

    def scroll_to_offset(self, offset: int) -> None:
        """Put the line holding ``offset`` at the top of the view."""
        self._set_following(False)
        cursor = QTextCursor(self.document())
        self.moveCursor(QTextCursor.MoveOperation.End)
        cursor.setPosition(self.document_position(offset))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def selected_source(self) -> str:
        """The source characters of the selection (display-only breaks left out)."""
        cursor = self.textCursor()
        start, end = self.trace_offset(cursor.selectionStart()), self.trace_offset(cursor.selectionEnd())
        return self._source[start:end]

    # -- following the stream ---------------------------------------------------------------
    @property
    def following(self) -> bool:
        return self._following

    def follow(self) -> None:
        """Jump to the newest text and keep following it."""
        self._set_following(True)
        self._keep_following()

    def _keep_following(self) -> None:
        if self._following:
            bar = self.verticalScrollBar()
            self._auto_scrolling = True
            bar.setValue(bar.maximum())
            self._auto_scrolling = False

    def _scrolled(self, value: int) -> None:
        if self._auto_scrolling:
            return
        self._set_following(value >= self.verticalScrollBar().maximum())

    def _set_following(self, following: bool) -> None:
        if following != self._following:
            self._following = following
            self.following_changed.emit(following)

    # -- gutter ----------------------------------------------------------------------
    def gutter_width(self) -> int:
        if not self._with_gutter:
            return 0
        metrics = self.fontMetrics()
        if self.width() < NARROW:
            return metrics.horizontalAdvance("↺") + 14
        names = [kind_name(kind) for kind in StepKind]
        return max(metrics.horizontalAdvance(f"{ICONS[StepKind.REASONING]} {n}") for n in names) + 14

    def resizeEvent(self, event: QResizeEvent) -> None:
        width = self.gutter_width()
        if self.viewportMargins().left() != width:
            self.setViewportMargins(width, 0, 0, 0)
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), width, rect.height()))

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    @property
    def mark_starts(self) -> list[int]:
        """Where the step marks start (trace offsets, ascending; the open step's last)."""
        return self._starts

    @property
    def mark_kinds(self) -> list[StepKind]:
        """The marks' kinds, in the order of :attr:`mark_starts`."""
        return self._kinds

    @property
    def has_display_breaks(self) -> bool:
        return bool(self._breaks)

    @staticmethod
    def is_continuation(block: QTextBlock) -> bool:
        """Whether ``block`` continues the line before it (a display-only break)."""
        return block.userState() == _CONTINUATION
