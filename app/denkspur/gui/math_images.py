"""Typeset LaTeX formulas as images for the chat (ziamath: LaTeX to SVG in pure Python).

ziamath draws the formula as SVG; Qt's SVG renderer turns it into a PNG that rich
text can show inline (as a ``data:`` image: nothing is fetched). ziamath is imported
on the first formula, never at start-up; where it is missing or cannot parse the
LaTeX the source is shown instead. Model output is untrusted: formulas are capped
in length and the result is cached.
"""

from __future__ import annotations

import base64
import logging
from functools import lru_cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter

log = logging.getLogger("denkspur.gui")
#: Longer formulas are shown as source (typesetting time grows with length).
MAX_FORMULA = 1_000
#: Images are drawn at this many pixels per point of layout size, so they stay sharp on HiDPI screens.
_SCALE = 2


def typeset_available() -> bool:
    try:
        import ziamath  # noqa: F401
    except ImportError:
        return False
    return True


def math_html(latex: str, display: bool) -> str | None:
    """An ``<img>`` of ``latex`` in the text colour of the current palette, or None (show the source)."""
    if not latex or len(latex) > MAX_FORMULA:
        return None
    color = QGuiApplication.palette().text().color().name()
    size = QGuiApplication.font().pointSizeF()
    return _image(latex, display, color, round(size * (1.7 if display else 1.5)))


@lru_cache(maxsize=512)
def _image(latex: str, display: bool, color: str, size: int) -> str | None:
    try:
        import ziamath
        from PySide6.QtSvg import QSvgRenderer

        ziamath.config.svg2 = False  # SVG 1.1 with xlink:href: what Qt's renderer understands
        svg = ziamath.Latex(latex, size=size, color=color, inline=not display).svg()
    except ImportError:
        return None
    except Exception as error:
        log.debug("formula not typeset (%s): %.80s", error, latex)
        return None
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        return None
    logical = renderer.defaultSize()
    if logical.isEmpty() or logical.width() > 4_000 or logical.height() > 2_000:
        return None
    image = QImage(logical * _SCALE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, PySide wants str
    data = base64.b64encode(bytes(buffer.data().data())).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" width="{logical.width()}" '
            f'height="{logical.height()}" style="vertical-align: middle">')
