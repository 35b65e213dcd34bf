"""Labels and message boxes that show text from outside: always plain text.

A QLabel (and a QMessageBox) guesses whether its text is HTML. Model output,
server errors, GGUF metadata and file names are not ours, and as HTML they can
make Qt load local files (``<img src="/dev/zero">``) or plant working links.
So every label is plain text unless it is one of the few that the app builds
from its own escaped HTML, named in :data:`RICH_LABELS` (tests check this list
against every label of every window).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget

from denkspur.gui.lazy_qt import Qt, set_enum_properties

if TYPE_CHECKING:  # loaded with the first message box (start-up does not build the class)
    from PySide6.QtGui import QFontMetrics, QResizeEvent
    from PySide6.QtWidgets import QMessageBox

from denkspur.core.text.bidi import visible_bidi

#: Object names of labels that show HTML the app built itself, with any outside
#: text escaped (or rendered by the safe Markdown renderer, raw HTML off).
RICH_LABELS = frozenset({"messageBody", "emptyState", "claimDetail"})


class PlainLabel(QLabel):
    """A plain-text label whose text-direction controls (U+202E …) are shown as markers,
    ``⟨U+202E⟩``, instead of reordering what is shown (see :mod:`denkspur.core.text.bidi`)."""

    def setText(self, text: str) -> None:
        super().setText(visible_bidi(text))


class ElidedLabel(PlainLabel):
    """A one-line plain label that gives way on a narrow window: its text is cut with "…"
    where it does not fit, and then the whole text is its tooltip. ``text()`` is the whole
    text; the size hint asks for room for all of it."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""

    def setText(self, text: str) -> None:
        full = visible_bidi(text)
        if full != self._full:
            self._full = full
            self._show_fitting()
            self.updateGeometry()

    def text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        wanted = self.fontMetrics().horizontalAdvance(self._full) + 2 * self.margin() \
            + margins.left() + margins.right()
        return QSize(max(hint.width(), wanted), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_fitting()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # a style sheet's font
            self._show_fitting()

    def _show_fitting(self) -> None:
        shown = elide(self._full, self.fontMetrics(), self.contentsRect().width() - 2 * self.margin())
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")


def elide(text: str, metrics: QFontMetrics, room: int) -> str:
    """``text`` cut at the end with "…" to fit ``room`` pixels (QFontMetrics.elidedText needs the
    Qt enums, which start-up must not build: see lazy_qt)."""
    if metrics.horizontalAdvance(text) <= room:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with the ellipsis
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:middle].rstrip() + "…") <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def plain_label(text: str = "", *, name: str = "", wrap: bool = False, elided: bool = False) -> QLabel:
    """A plain-text label; ``elided``: one line cut with "…" where it does not fit (see ElidedLabel)."""
    label = ElidedLabel() if elided else PlainLabel()
    set_enum_properties(label, textFormat="PlainText")  # see lazy_qt
    label.setText(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def make_labels_plain(root: QWidget) -> None:
    """Plain text for every label under ``root`` (e.g. the ones QFormLayout makes)."""
    for label in root.findChildren(QLabel):
        if label.objectName() not in RICH_LABELS:
            label.setTextFormat(Qt.TextFormat.PlainText)


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton | None = None) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    if buttons is None:
        buttons = QMessageBox.StandardButton.Ok
    box = QMessageBox(icon, title, visible_bidi(text), buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """A modal yes/no question whose text is shown as plain text."""
    from PySide6.QtWidgets import QMessageBox

    standard = QMessageBox.StandardButton
    box = message_box(parent, QMessageBox.Icon.Question, title, text, standard.Yes | standard.No)
    return box.exec() == standard.Yes
