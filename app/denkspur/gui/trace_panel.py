"""The reasoning-trace panel beside the chat.

Live, it fills while the model thinks ("Thinking… 12 s, 840 tokens"); the
steps list grows as the core commits steps; the text view appends each
finished step once and only rewrites the open tail, so the work per update is
bounded by the tail, not by the whole trace (see ``bench/render_stream.py``).
For a stored answer it shows that version's trace, steps and statistics.
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.trace.steps import Step, StepKind, segment_steps

if TYPE_CHECKING:
    from denkspur.core.conversations.store import Version
    from denkspur.core.trace.stream import StreamEvent
from denkspur.gui.confidence_view import ConfidencePane
from denkspur.gui.step_style import COLORS, ICONS, count_label, first_words, kind_name, parse_kind


@dataclass
class _Live:
    started: float
    trace_events: int = 0
    closed_after: float | None = None


def step_html(index: int, kind: StepKind, text: str) -> str:
    from denkspur.gui.chat_view import render_markdown

    label = f"{ICONS[kind]} {html.escape(kind_name(kind))}"
    return (
        f'<a name="step-{index}"></a><p style="margin-top:10px; margin-bottom:2px">'
        f'<span style="color:{COLORS[kind]}; font-weight:600">{label}</span></p>'
        f"{render_markdown(text)}"
    )


class TracePanel(QWidget):
    """Steps list + trace text + statistics for one answer version."""

    copy_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TracePanel")
        self.header = QLabel()
        self.header.setObjectName("traceHeader")
        self.header.setStyleSheet("font-weight: 600; font-size: 13px;")
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(self.trace_text()))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        self.confidence_button = self._confidence_toggle()
        top.addWidget(self.confidence_button)
        top.addWidget(self.copy_button)
        self.steps = QListWidget()
        self.steps.setObjectName("traceSteps")
        self.steps.itemClicked.connect(self._scroll_to_step)
        self.text = QTextBrowser()
        self.text.setObjectName("traceText")
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.stats = QLabel()
        self.stats.setObjectName("traceStats")
        self.stats.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.steps)
        split.addWidget(self.text)
        split.setSizes([180, 420])
        self.confidence = ConfidencePane()
        self.modes = QStackedWidget()
        self.modes.addWidget(split)
        self.modes.addWidget(self.confidence)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.modes, 1)
        layout.addWidget(self.stats)
        self._live: _Live | None = None
        self._live_text = ""
        self._committed_end = 0
        self._tail_position = 0
        self._step_count = 0
        self._tail_shown = ""
        self._tail_format = QTextCharFormat()
        self._tail_format.setForeground(QColor("#888888"))
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._update_header)
        self._version: Version | None = None
        self.retranslate()
        self.show_version(None)

    def retranslate(self) -> None:
        self.copy_button.setText(self.tr("Copy trace"))
        self.copy_button.setToolTip(self.tr("Copy the whole reasoning trace"))
        self.confidence_button.setText(self.tr("Confidence"))
        self.confidence_button.setToolTip(self.tr("Show how sure the model was at each token of the trace"))
        if self._live is None:
            self.show_version(self._version)

    # -- stored versions -----------------------------------------------------------
    def show_version(self, version: Version | None) -> None:
        """Show a stored answer's trace (``None``: nothing selected)."""
        self._stop_live()
        self._version = version
        self.steps.clear()
        self.text.clear()
        self._step_count = 0
        self.confidence.show_stored(version.trace if version else "", version.stats if version else {},
                                    version.steps if version else [])
        if version is None or not version.trace:
            self.header.setText(self.tr("Reasoning trace"))
            self.text.setPlaceholderText(
                self.tr("Select an answer to see how the model reached it.")
                if version is None else self.tr("This answer has no reasoning trace.")
            )
            self.stats.setText("")
            return
        # Partial versions (interrupted, crashed) were saved without steps: segment now.
        steps = version.steps or [step.to_dict() for step in segment_steps(version.trace)]
        blocks = []
        for step in steps:
            kind = parse_kind(step.get("kind"))
            text = str(step.get("text", ""))
            blocks.append(step_html(self._step_count, kind, text))
            self._add_step_item(kind, text)
        self.text.setHtml("".join(blocks))
        self.header.setText(self._thought_label(version.stats, version.state))
        self.stats.setText(self._stats_line(version.stats))

    def _thought_label(self, stats: dict[str, object], state: str) -> str:
        seconds = stats.get("thinking_seconds")
        if stats.get("finished") is False or state in ("interrupted", "cancelled", "error"):
            return self.tr("Stopped while thinking")
        if isinstance(seconds, (int, float)):
            return self.tr("Thought for %1 s").replace("%1", str(max(1, round(seconds))))
        return self.tr("Reasoning trace")

    def _stats_line(self, stats: dict[str, object]) -> str:
        parts = [
            count_label(_count(stats, "steps"), self.tr("1 step"), self.tr("%1 steps")),
            count_label(_count(stats, "self_corrections"), self.tr("1 self-correction"),
                        self.tr("%1 self-corrections")),
            count_label(_count(stats, "trace_tokens"), self.tr("1 trace token"),
                        self.tr("%1 trace tokens")),
            count_label(_count(stats, "answer_tokens"), self.tr("1 answer token"),
                        self.tr("%1 answer tokens")),
        ]
        speed = stats.get("tokens_per_second")
        if isinstance(speed, (int, float)):
            parts.append(self.tr("%1 tokens/s").replace("%1", f"{speed:.1f}"))
        return " · ".join(parts)

    # -- live ------------------------------------------------------------------------
    def begin_live(self) -> None:
        self.show_version(None)
        self._live = _Live(time.monotonic())
        self._live_text = ""
        self._committed_end = 0
        self._tail_position = 0
        self._tail_shown = ""
        self.text.setPlaceholderText("")
        self.confidence.begin_live()
        self._timer.start()
        self._update_header()

    @property
    def is_live(self) -> bool:
        return self._live is not None

    def add_events(self, events: list[StreamEvent]) -> None:
        from denkspur.core.trace.stream import StepDone, TraceClosed, TraceText

        live = self._live
        if live is None:
            return
        self.confidence.add_events(events)
        changed = False
        for event in events:
            if isinstance(event, TraceText):
                live.trace_events += 1
                self._live_text += event.text
                changed = True
            elif isinstance(event, StepDone):
                self._commit_step(event.step)
                changed = True
            elif isinstance(event, TraceClosed):
                live.closed_after = time.monotonic() - live.started
        if changed:
            self._write_tail()
        self._update_header()

    def _confidence_toggle(self) -> QPushButton:
        button = QPushButton()
        button.setObjectName("confidenceButton")
        button.setCheckable(True)  # off by default: the plain trace first
        button.toggled.connect(self._show_confidence)
        return button

    def _show_confidence(self, on: bool) -> None:
        self.modes.setCurrentIndex(int(on))

    def end_live(self) -> None:
        self._stop_live()
        self.confidence.end_live()

    def _stop_live(self) -> None:
        self._timer.stop()
        self._live = None

    def _commit_step(self, step: Step) -> None:
        cursor = self._tail_cursor()
        cursor.removeSelectedText()
        self._tail_shown = ""
        cursor.insertHtml(step_html(step.index, step.kind, step.text))
        self._tail_position = cursor.position()
        self._committed_end = step.end
        self._add_step_item(step.kind, step.text)

    def _write_tail(self) -> None:
        """Show the unfinished step: append what is new, rewrite only if it changed."""
        scrollbar = self.text.verticalScrollBar()
        at_bottom = scrollbar.value() >= scrollbar.maximum() - 4
        tail = self._live_text[self._committed_end :].strip()
        cursor = self._tail_cursor()
        if self._tail_shown and tail.startswith(self._tail_shown):
            cursor.clearSelection()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(tail[len(self._tail_shown) :], self._tail_format)
        else:
            cursor.removeSelectedText()
            if tail:
                cursor.insertBlock()
                cursor.insertText(tail, self._tail_format)
        self._tail_shown = tail
        if at_bottom:
            scrollbar.setValue(scrollbar.maximum())

    def _tail_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(min(self._tail_position, self.text.document().characterCount() - 1))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _update_header(self) -> None:
        live = self._live
        if live is None:
            return
        if live.closed_after is not None:
            seconds = max(1, round(live.closed_after))
            self.header.setText(self.tr("Thought for %1 s").replace("%1", str(seconds)))
            return
        elapsed = int(time.monotonic() - live.started)
        self.header.setText(
            self.tr("Thinking… %1 s, %2 tokens").replace("%1", str(elapsed))
            .replace("%2", str(live.trace_events))
        )

    # -- steps list --------------------------------------------------------------------
    def _add_step_item(self, kind: StepKind, text: str) -> None:
        item = QListWidgetItem(f"{ICONS[kind]}  {first_words(text)}")
        item.setForeground(QColor(COLORS[kind]))
        item.setToolTip(f"{kind_name(kind)}\n\n{first_words(text, 400)}")
        item.setData(Qt.ItemDataRole.UserRole, self._step_count)
        if kind is StepKind.SELF_CORRECTION:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.steps.addItem(item)
        self._step_count += 1

    def _scroll_to_step(self, item: QListWidgetItem) -> None:
        self.text.scrollToAnchor(f"step-{item.data(Qt.ItemDataRole.UserRole)}")

    def step_count(self) -> int:
        return self.steps.count()

    def trace_text(self) -> str:
        if self._live is not None:
            return self._live_text.strip()
        return self._version.trace if self._version else ""


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def _count(stats: dict[str, object], key: str) -> int:
    """A count from a stored stats dict (written by older versions too: absent or odd values are 0)."""
    value = stats.get(key)
    return int(value) if isinstance(value, (int, float)) else 0
