"""Light, dark, or the system's look: one palette for the whole app.

"system" leaves the platform's palette alone. "light" and "dark" use the Fusion style
with a fixed palette, the same on every platform, so that code colours, step colours
and formulas (drawn in the palette's text colour) read well on either.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")
_original: dict[str, object] = {}

_DARK = {
    QPalette.ColorRole.Window: "#26282b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#2e3034",
    QPalette.ColorRole.ToolTipBase: "#2e3034",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8c8f94",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#2e3034",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#3d7bd9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6ea8fe",
    QPalette.ColorRole.LinkVisited: "#b197fc",
    QPalette.ColorRole.Mid: "#55585e",
    QPalette.ColorRole.Midlight: "#3a3d42",
    QPalette.ColorRole.Dark: "#17181a",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Light: "#45484d",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d82"))
    return palette


def apply_theme(theme: str) -> str:
    """Switch the running app to ``theme``; returns the theme now in use."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return "system"
    if not _original:
        _original["style"] = app.style().name()
        _original["palette"] = QPalette(QGuiApplication.palette())
    theme = theme if theme in THEMES else "system"
    if theme == "system":
        app.setStyle(QStyleFactory.create(str(_original["style"])))
        app.setPalette(_original["palette"])  # type: ignore[arg-type]
    else:
        app.setStyle(QStyleFactory.create("Fusion"))
        fusion = app.style().standardPalette()
        app.setPalette(dark_palette() if theme == "dark" else fusion)
    _restyle(app)
    return theme


def _restyle(app: QApplication) -> None:
    """Style sheets resolve ``palette(...)`` when applied: apply them again in the new colours."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)
