"""Draw the Denkspur icon (a trail of thought bubbles) into resources/icons/ at several sizes.

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

The PNGs are committed; the build scripts turn them into .ico / .icns with Pillow.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPen

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    gradient = QLinearGradient(0, 0, size, size)
    gradient.setColorAt(0, QColor("#1f3b73"))
    gradient.setColorAt(1, QColor("#2e86c1"))
    painter.setBrush(QBrush(gradient))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 48 * s, 48 * s)
    # The trail: small to large "thought" dots rising to a bubble, the answer.
    painter.setBrush(QColor("#f5b041"))
    for x, y, r in ((62, 196, 10), (92, 164, 15), (128, 128, 20)):
        painter.drawEllipse(QPointF(x * s, y * s), r * s, r * s)
    painter.setBrush(QColor("#ffffff"))
    painter.drawEllipse(QPointF(176 * s, 84 * s), 44 * s, 44 * s)
    painter.setPen(QPen(QColor("#1f3b73"), 10 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(158 * s, 86 * s), QPointF(172 * s, 100 * s))
    painter.drawLine(QPointF(172 * s, 100 * s), QPointF(196 * s, 68 * s))
    painter.end()
    return image


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 64, 128, 256, 512):
        draw(size).save(str(ICONS / f"denkspur-{size}.png"))
    draw(256).save(str(ICONS / "denkspur.png"))
    del app


if __name__ == "__main__":
    main()
