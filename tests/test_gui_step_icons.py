"""Step icons are glyphs that common fonts have (an empty box for "alternative" was a bug)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from pytestqt.qtbot import QtBot

from denkspur.gui.step_style import ICONS


@pytest.mark.parametrize("family", ["DejaVu Sans", "Nimbus Sans", "Liberation Sans", "Noto Sans"])
def test_every_step_icon_is_in_common_fonts(qtbot: QtBot, family: str) -> None:
    if family not in {name.split(" [")[0] for name in QFontDatabase.families()}:
        pytest.skip(f"{family} is not installed here")
    metrics = QFontMetrics(QFont(family))
    missing = [icon for icon in ICONS.values() if not metrics.inFontUcs4(ord(icon))]
    assert not missing, f"{family} lacks {missing}"
