"""Where the user types: Ctrl+Enter sends, Tab leaves (Ctrl+Tab types a tab), "Answer now" ends
thinking.

Esc (stop) is a window-wide action of the main window, not a key of the editor:
it must work wherever the focus is.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from denkspur.core.text.bidi import visible_bidi
from denkspur.gui.lazy_qt import Qt, set_enum_properties


class _Editor(QPlainTextEdit):
    submit = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submit.emit()
            return
        if event.key() == Qt.Key.Key_Tab and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.insertPlainText("\t")  # Tab leaves the box; Ctrl+Tab types a tab
            return
        super().keyPressEvent(event)


#: The composer's narrowest width: a drawer or panel opened beside the chat takes its room from
#: the other panes, never squeezes the question box to a sliver (1024 px windows).
MIN_WIDTH = 340


class Composer(QWidget):
    send_requested = Signal(str)
    stop_requested = Signal()
    answer_now_requested = Signal()
    probe_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = _Editor()
        self.editor.setObjectName("composerEditor")
        self.editor.setMaximumHeight(120)
        self.editor.setTabChangesFocus(True)
        self.editor.submit.connect(self._submit)
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(self._send_or_stop)
        self.answer_now = QPushButton()
        self.answer_now.setObjectName("answerNowButton")
        self.answer_now.clicked.connect(self.answer_now_requested.emit)
        self.probe = QPushButton()
        self.probe.setObjectName("probeButton")
        self.probe.clicked.connect(self.probe_requested.emit)
        self.provisional = QLabel()
        self.provisional.setObjectName("provisionalAnswer")
        set_enum_properties(self.provisional, textFormat="PlainText",  # model output
                            textInteractionFlags="TextSelectableByMouse")
        self.provisional.setWordWrap(True)
        self.provisional.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.answer_now)
        buttons.addWidget(self.probe)
        buttons.addWidget(self.send_button)
        row = QHBoxLayout()
        row.addWidget(self.editor, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 8)
        self.setMinimumWidth(MIN_WIDTH)
        layout.addWidget(self.provisional)
        layout.addLayout(row)
        self._busy = False
        self._thinking = False
        self.retranslate()
        self.set_busy(False)

    def retranslate(self) -> None:
        self.editor.setPlaceholderText(self.tr("Ask the model… (Ctrl+Enter sends, Esc stops)"))
        self.answer_now.setText(self.tr("Answer now"))
        self.answer_now.setToolTip(self.tr("End the reasoning here and make the model answer"))
        self.probe.setText(self.tr("Answer if now?"))
        self.probe.setToolTip(self.tr("What would it answer now? A short side answer from the trace so "
                                      "far; the thinking goes on"))
        self.send_button.setText(self.tr("Stop") if self._busy else self.tr("Send"))

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.send_button.setText(self.tr("Stop") if busy else self.tr("Send"))
        self.set_thinking(busy and self._thinking)

    def set_thinking(self, thinking: bool) -> None:
        self._thinking = thinking
        self.answer_now.setEnabled(self._busy and thinking)
        self.probe.setEnabled(self._busy and thinking)

    def show_provisional(self, text: str, trace_tokens: int) -> None:
        """The side answer of a probe: what the model would answer after ``trace_tokens`` of thinking."""
        from denkspur.core.text.markdown import markdown_plain  # with the first side answer

        head = self.tr("If it answered now (after %Ln thinking token(s)):", "", trace_tokens)
        # The model writes Markdown ("2 + 3 = **5**"): shown as the plain text it reads as.
        self.provisional.setText(f"{head} {visible_bidi(markdown_plain(text[:2000])) or '…'}")
        self.provisional.show()

    def clear_provisional(self) -> None:
        self.provisional.clear()
        self.provisional.hide()

    def _send_or_stop(self) -> None:
        if self._busy:
            self.stop_requested.emit()
        else:
            self._submit()

    def _submit(self) -> None:
        text = self.editor.toPlainText().strip()
        if text and not self._busy:
            self.send_requested.emit(text)

    def clear(self) -> None:
        self.editor.clear()
