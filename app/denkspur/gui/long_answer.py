"""Answers too big to lay out as one rich-text label.

A QLabel lays its rich text out as a whole on every change: a 5 MB answer
stalled the window for 12–33 s (and again on every reopen), and a 5,000-column
Markdown table took seconds to parse and lay out. Such answers are shown as
plain text in a :class:`~denkspur.gui.trace_view.TraceView` (filled in slices,
never blocking), with "Show formatted" rendering the Markdown on a worker
thread when the answer is small enough for a text browser to take.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from denkspur.gui.lazy_qt import Qt
from denkspur.gui.trace_view import TraceView

#: Answers longer than this (characters) are shown as plain text.
LARGE_ANSWER = 20_000
#: A line with more cells than this is a table too wide to format on the GUI thread.
WIDE_TABLE_CELLS = 64
#: Largest answer that "Show formatted" renders.
FORMAT_LIMIT = 400_000


def needs_plain_view(text: str) -> bool:
    """Whether ``text`` is too big (or too wide a table) for a rich-text label."""
    if len(text) > LARGE_ANSWER:
        return True
    return any(line.count("|") > WIDE_TABLE_CELLS for line in text.splitlines())


class _Rendered(QObject):
    done = Signal(str)


class LongAnswer(QWidget):
    """A plain, capped, scrollable view of a long answer, formatted on request."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("longAnswer")
        self.view = TraceView(gutter=False)
        self.view.setObjectName("plainBody")
        self.view.setMinimumHeight(120)
        self.view.setMaximumHeight(420)
        self.format_button = QPushButton(self.tr("Show formatted"))
        self.format_button.setObjectName("showFormatted")
        self.format_button.clicked.connect(self.show_formatted)
        self.formatted: QTextBrowser | None = None
        self._rendered = _Rendered(self)
        self._rendered.done.connect(self._show_html)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.format_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._update_button()

    def set_text(self, text: str) -> None:
        self.view.set_text(text, [])
        self._update_button()

    def append(self, text: str) -> None:
        self.view.append(text)
        self._update_button()

    def text(self) -> str:
        return self.view.source_text()

    def _update_button(self) -> None:
        self.format_button.setVisible(self.formatted is None and len(self.text()) <= FORMAT_LIMIT)

    def show_formatted(self) -> None:
        """Render the Markdown off the GUI thread; show it when ready."""
        from denkspur.core.text.markdown import render_markdown
        from denkspur.gui.message_card import dark_theme

        text, dark = self.text(), dark_theme()
        self.format_button.setEnabled(False)
        threading.Thread(target=lambda: self._rendered.done.emit(render_markdown(text, dark=dark)),
                         name="render-answer", daemon=True).start()

    def _show_html(self, html: str) -> None:
        browser = QTextBrowser()
        browser.setObjectName("formattedBody")
        browser.setOpenLinks(False)
        browser.setMinimumHeight(120)
        browser.setMaximumHeight(420)
        browser.setHtml(html)
        layout = self.layout()
        assert layout is not None
        layout.replaceWidget(self.view, browser)
        self.view.hide()
        self.formatted = browser
        self._update_button()
