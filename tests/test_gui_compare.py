"""The compare view shows what a branch shares with its parent once, and the divergence side by side."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Version
from denkspur.gui.compare_dialog import CompareDialog

SHARED = "Okay, the user asks what 2 + 3 is. Adding them gives 5."


def test_a_branch_and_its_parent_share_their_beginning_once(qtbot: QtBot) -> None:
    parent = Version(1, 0, "5", trace=SHARED + "\n\nLet me check: 5 - 3 = 2.")
    branch = Version(2, 1, "5", trace=SHARED + "\n\nWait, integers only. Still 5.", parent_version_id=1,
                     branch_offset=len(SHARED))
    dialog = CompareDialog([("version 1", parent), ("version 2", branch)])
    qtbot.addWidget(dialog)
    assert dialog.shared.isVisibleTo(dialog) and SHARED in dialog.shared.text()
    cells = [dialog.table.item(row, column).text() for row in range(dialog.row_count()) for column in (0, 1)]
    assert not any("Adding them" in cell for cell in cells)  # shown once, above, not in the rows
    assert any("Let me check" in cell for cell in cells) and any("integers only" in cell for cell in cells)
