"""Compare two traces side by side, corresponding steps on one row.

What both traces share at their start (a branch and the version it branched
from) is shown once above; the rows hold where they diverge.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.conversations.store import Version
from denkspur.core.text.bidi import visible_bidi
from denkspur.core.trace.compare import align_steps, shared_beginning
from denkspur.gui.plain import plain_label
from denkspur.gui.step_style import COLORS, ICONS, parse_kind


def _steps_of(version: Version, start: int = 0) -> list[dict[str, object]]:
    """The steps of the trace from ``start`` on (the stored ones when it is the whole trace)."""
    if start == 0 and version.steps:
        return version.steps
    from denkspur.core.trace.steps import segment_steps

    return [s.to_dict() for s in segment_steps(version.trace[start:])]


class CompareDialog(QDialog):
    """Pick two versions (regenerations, or answers of two models) and align them."""

    def __init__(self, versions: list[tuple[str, Version]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare traces"))
        self.resize(1100, 700)
        self._versions = versions
        self.left = QComboBox()
        self.right = QComboBox()
        for label, _version in versions:  # labels name each version's model: outside text
            self.left.addItem(visible_bidi(label))
            self.right.addItem(visible_bidi(label))
        self.left.setCurrentIndex(0)
        self.right.setCurrentIndex(min(1, len(versions) - 1))
        self.left.currentIndexChanged.connect(self.refresh)
        self.right.currentIndexChanged.connect(self.refresh)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("compareTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.summary = plain_label(name="compareSummary")
        self.shared = plain_label(name="sharedBeginning", wrap=True)  # model output
        pickers = QHBoxLayout()
        pickers.addWidget(self.left)
        pickers.addWidget(self.right)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.shared)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.refresh()

    def refresh(self) -> None:
        left_version = self._versions[self.left.currentIndex()][1]
        right_version = self._versions[self.right.currentIndex()][1]
        same = shared_beginning(left_version.trace, right_version.trace)
        if left_version.trace == right_version.trace:
            same = 0  # nothing diverges: align the steps of the whole traces
        self._show_shared(left_version.trace[:same])
        left = _steps_of(left_version, same)
        right = _steps_of(right_version, same)
        rows = align_steps([str(s["text"]) for s in left], [str(s["text"]) for s in right])
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(
            [self.left.currentText(), self.right.currentText()]
        )
        for row, (i, j) in enumerate(rows):
            self.table.setItem(row, 0, self._cell(left[i] if i is not None else None))
            self.table.setItem(row, 1, self._cell(right[j] if j is not None else None))
        self.table.resizeRowsToContents()
        matched = sum(1 for i, j in rows if i is not None and j is not None)
        self.summary.setText(
            self.tr("%1 vs %2, %n aligned", "", matched).replace("%1", self.tr("%n step(s)", "", len(left)))
            .replace("%2", self.tr("%n step(s)", "", len(right)))
        )

    def _show_shared(self, text: str) -> None:
        if not text.strip():
            self.shared.hide()
            return
        shown = text if len(text) <= 600 else "…" + text[-600:]
        head = self.tr("Both begin the same (%Ln character(s)), then diverge below:", "", len(text))
        self.shared.setText(head + "\n" + shown)
        self.shared.show()

    def _cell(self, step: dict[str, object] | None) -> QTableWidgetItem:
        if step is None:
            item = QTableWidgetItem("—")
            item.setForeground(QColor("#aaaaaa"))
            return item
        kind = parse_kind(step.get("kind"))
        item = QTableWidgetItem(f"{ICONS[kind]} {visible_bidi(str(step.get('text', '')))}")
        item.setForeground(QColor(COLORS[kind]))
        return item

    def row_count(self) -> int:
        return self.table.rowCount()
