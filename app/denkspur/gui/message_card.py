"""A message card: one message of the chat, its state, answer and actions.

Answers are rendered from markdown with raw HTML off; links only open (in the
system browser) when clicked and only for http(s). While a reply streams, its
card renders finished blocks once and re-renders only the open tail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.text.bidi import visible_bidi
from denkspur.core.text.clean import capped
from denkspur.gui.clipboard import copy_text
from denkspur.gui.flow_layout import FlowLayout
from denkspur.gui.i18n import plural_n
from denkspur.gui.lazy_qt import Qt
from denkspur.gui.plain import plain_label

if TYPE_CHECKING:  # and imported where used: the empty first window needs none of them
    from PySide6.QtGui import QMouseEvent

    from denkspur.core.conversations.store import Message, Version
    from denkspur.core.text.markdown import IncrementalMarkdown
    from denkspur.core.trace.stream import StreamEvent
    from denkspur.gui.long_answer import LongAnswer



def dark_theme() -> bool:
    """Whether the window background is dark (the system's dark mode, or a dark palette)."""
    return QGuiApplication.palette().window().color().lightness() < 128


def render_markdown(text: str, copy_text: str = "") -> str:
    """Finished messages: code blocks with Copy links, formulas typeset (their source a click away)."""
    from denkspur.core.text.markdown import render_markdown as render
    from denkspur.gui.math_images import math_html
    from denkspur.gui.wrap_html import wrappable

    return wrappable(render(text, dark=dark_theme(), copy_text=copy_text, math=math_html))


def model_name(model: str) -> str:
    """How a reply names the model that wrote it: a file's name without ``.gguf``, or the server's model."""
    if not model.lower().endswith(".gguf"):
        return model
    return model.replace("\\", "/").rsplit("/", 1)[-1][:-5]


def _continued(version: Version) -> bool:
    """Whether a version is a "Continue" of a stopped one (its trace starts with a ``continued`` span)."""
    interventions = version.stats.get("interventions")
    return isinstance(interventions, list) and any(
        isinstance(item, dict) and item.get("kind") == "continued" for item in interventions)


def budget_note(version: Version, budget: Callable[[int], str], cut: Callable[[int], str]) -> str:
    """What the chat says about a reply's thinking budget: its size, and whether it cut the thinking."""
    tokens = version.params.get("thinking_budget")
    if not isinstance(tokens, int) or isinstance(tokens, bool) or tokens <= 0:
        return ""
    interventions = version.stats.get("interventions")
    was_cut = isinstance(interventions, list) and any(
        isinstance(item, dict) and item.get("kind") == "budget" for item in interventions)
    return (cut if was_cut else budget)(tokens)


#: A streaming answer is re-rendered at most this often (each render lays out the whole label).
RENDER_INTERVAL_MS = 120


def open_safe_link(url: str) -> None:
    """Open ``url`` in the system browser if it is a web link; ignore anything else."""
    from denkspur.core.text.markdown import is_safe_link

    if is_safe_link(url) and url.lower().startswith(("http://", "https://")):
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl(url))


class MessageCard(QFrame):
    selected = Signal(object)  # self

    def __init__(self, message: Message, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageCard")
        self.message = message
        self.live: IncrementalMarkdown | None = None
        self.setProperty("role", message.role)
        self.setProperty("selected", False)
        self.role_label = plain_label(name="roleLabel")  # a model name from a server is outside text
        self.state_label = plain_label(name="stateLabel", elided=True)  # "…" where it does not fit
        self.state_label.setVisible(False)  # until there is a state to show (_set_state)
        for label in (self.role_label, self.state_label):  # they give way (cut) before the buttons do
            label.setMinimumWidth(24)
        # The buttons wrap into more lines when the card is narrow (FlowLayout), and go
        # under the model's name when name and buttons do not fit side by side (_fit_header).
        self.action_box = QWidget()
        self.action_box.setObjectName("cardActions")
        self.action_row = FlowLayout(self.action_box)
        self.names = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.names.addWidget(self.role_label)
        self.names.addWidget(self.state_label)
        self.names.addStretch(1)
        self.header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.header.addLayout(self.names, 1)
        self.header.addWidget(self.action_box, 0, Qt.AlignmentFlag.AlignTop)
        self.body = QLabel()
        self.body.setObjectName("messageBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setOpenExternalLinks(False)
        self.body.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.body.linkActivated.connect(self._link)
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.long_answer: LongAnswer | None = None  # replaces the body for very long answers
        self._live_text = ""
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self._render_live)
        self.error_row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(self.header)
        layout.addWidget(self.body)
        layout.addLayout(self.error_row)
        self.refresh()

    @property
    def version(self) -> Version:
        return self.message.version

    def refresh(self) -> None:
        version = self.version
        if self.message.role == "user":
            self.role_label.setText(self.tr("You"))
        else:
            self.role_label.setText(capped(model_name(version.model), 80) or self.tr("Assistant"))
            self.role_label.setToolTip(visible_bidi(version.model))
        notes = {
            "generating": self.tr("generating…"),
            "interrupted": self.tr("interrupted"),
            "cancelled": self.tr("stopped"),
            "error": self.tr("failed"),
        }
        note = notes.get(version.state, "")
        if len(self.message.versions) > 1:
            position = f"{self.message.current + 1}/{len(self.message.versions)}"
            note = self.tr("version %1").replace("%1", position) + "  " + note
        numbers = {v.id: i + 1 for i, v in enumerate(self.message.versions)}
        if version.parent_version_id in numbers and _continued(version):  # "Continue" after a stop
            note += "  " + self.tr("continues version %1 from where it stopped") \
                .replace("%1", str(numbers[version.parent_version_id]))
        elif version.parent_version_id in numbers:  # a branch: where it came from, where it diverged
            note += "  " + self.tr("continued version %1 differently after %Ln character(s) of its trace", "",
                                   plural_n(version.branch_offset or 0)) \
                .replace("%1", str(numbers[version.parent_version_id]))
        budget = budget_note(version, lambda n: self.tr("budget %Ln token(s)", "", plural_n(n)),
                             lambda n: self.tr("thinking cut at the budget (%Ln token(s))", "", plural_n(n)))
        self._set_state("  ".join(part for part in (note, budget) if part))
        text = version.answer
        from denkspur.gui.long_answer import needs_plain_view

        if needs_plain_view(text):
            self._use_long_answer().set_text(text)
        elif self.message.role == "user" or text:
            self.body.setText(render_markdown(text, "" if self.message.role == "user" else self.tr("Copy")))
        elif version.trace and version.state != "generating":
            pending = self.tr("(no answer yet: the model was still thinking)")
            self.body.setText(f"<i>{pending}</i>")
        else:
            self.body.setText("")

    def _link(self, url: str) -> None:
        """The Copy link above a code block copies that block, a formula copies its LaTeX source;
        other links open in the browser."""
        from denkspur.core.text.markdown import COPY_CODE_LINK, MATH_SOURCE_LINK, code_blocks, math_sources

        if url.startswith(MATH_SOURCE_LINK):
            sources = math_sources(self.version.answer)
            number = url[len(MATH_SOURCE_LINK):]
            if number.isdigit() and int(number) < len(sources):
                source = sources[int(number)]
                copy_text(source, self.tr("LaTeX: %1").replace("%1", " ".join(source.split())[:120]))
            return
        if not url.startswith(COPY_CODE_LINK):
            open_safe_link(url)
            return
        blocks = code_blocks(self.version.answer)
        number = url[len(COPY_CODE_LINK):]
        if number.isdigit() and int(number) < len(blocks):
            language, code = blocks[int(number)]
            copy_text(code, self.tr("code (%1)").replace("%1", language) if language else self.tr("code"))

    def begin_live(self) -> None:
        from denkspur.core.text.markdown import IncrementalMarkdown

        self.live = IncrementalMarkdown(dark=dark_theme())
        self._live_text = ""
        self._set_state(self.tr("thinking…"))
        self.body.setText("")

    def add_events(self, events: list[StreamEvent]) -> None:
        """Live events of this card's reply: the answer grows; the state follows the trace."""
        from denkspur.core.trace.stream import AnswerText, TraceClosed

        if self.live is None:
            return
        answer = "".join(e.text for e in events if isinstance(e, AnswerText))
        if answer or any(isinstance(e, TraceClosed) for e in events):
            self._set_state(self.tr("answering…"))
        if answer:
            self.add_answer_text(answer)

    def add_answer_text(self, text: str) -> None:
        """Grow the live answer: re-rendered at most every RENDER_INTERVAL_MS, plain once long."""
        if self.live is None:
            return
        self._set_state(self.tr("answering…"))
        if self.long_answer is not None:
            self.long_answer.append(text)
            return
        self._live_text += text
        from denkspur.gui.long_answer import needs_plain_view

        if needs_plain_view(self._live_text):
            self._render_timer.stop()
            self._use_long_answer().set_text(self._live_text)
            return
        self.live.append(text)
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _render_live(self) -> None:
        if self.live is not None and self.long_answer is None:
            from denkspur.gui.wrap_html import wrappable

            self.body.setText(wrappable(self.live.full_html()))

    def _use_long_answer(self) -> LongAnswer:
        if self.long_answer is None:
            from denkspur.gui.long_answer import LongAnswer

            self.long_answer = LongAnswer()
            self.body.setText("")
            self.body.hide()
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.body) + 1, self.long_answer)
        return self.long_answer

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_header(event.size().width())

    def _set_state(self, text: str) -> None:
        """The state beside the name ("thinking…", "version 2/3", …): hidden when there is none,
        so it takes no room from the name."""
        if text != self.state_label.text():
            self.state_label.setText(text)
            self.state_label.setVisible(bool(text))
            self._fit_header(self.width())

    def _fit_header(self, width: int) -> None:
        """Name and buttons on one line when both fit, else the buttons on their own lines below
        (and the state under the name when the two do not fit side by side either)."""
        layout = self.layout()
        if layout is None:  # still being built
            return
        margins = self.contentsMargins() + layout.contentsMargins()
        room = width - margins.left() - margins.right()
        name = self.role_label.sizeHint().width()
        state = self.names.spacing() + self.state_label.sizeHint().width() if self.state_label.text() else 0
        row, column = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom
        one_line = name + state + self.header.spacing() + self.action_box.sizeHint().width() <= room
        for layout, direction in ((self.header, row if one_line else column),
                                  (self.names, row if one_line or name + state <= room else column)):
            if layout.direction() != direction:
                layout.setDirection(direction)

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        self.style().unpolish(self)  # re-evaluate the [selected] rule
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.selected.emit(self)
        super().mousePressEvent(event)

    def add_action(self, text: str, tooltip: str, handler: object, name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tooltip)
        button.setAutoRaise(True)
        button.clicked.connect(handler)
        self.action_row.addWidget(button)
        self._fit_header(self.width())
        return button
