"""``Qt``, the namespace of Qt's enums, built when first used rather than when imported.

PySide6 turns the whole ``Qt`` namespace into Python enums the first time it is touched:
about 90 enums with 1,200 members, some 16 ms of CPU, an eighth of what a bare PySide6
window takes to start. The main window's first frame needs none of them, so the modules
it loads import ``Qt`` from here: the real namespace is made on the first attribute read
(a key press, a context menu, a drawn mark), after the window is up.

Code that runs before the first frame must not read ``Qt.<anything>``;
``tests/test_startup_imports.py`` checks that the namespace is still unmade then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Qt", "made", "set_enum_properties", "set_shortcut"]

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, Qt
    from PySide6.QtGui import QAction, QKeySequence
else:
    import PySide6.QtCore as _core

    class _LazyQt:
        """Stands for ``PySide6.QtCore.Qt``; each name read is kept, so later reads cost nothing."""

        def __getattr__(self, name: str) -> Any:
            value = getattr(_core.Qt, name)
            setattr(self, name, value)
            return value

        def __repr__(self) -> str:
            return "<lazy PySide6.QtCore.Qt>"

    Qt = _LazyQt()


def made() -> bool:
    """Whether PySide6 has built the real ``Qt`` namespace yet (for the start-up test)."""
    import PySide6.QtCore

    return "Qt" in vars(PySide6.QtCore)


def set_enum_properties(target: QObject, **keys: str) -> None:
    """Set Qt properties whose values are ``Qt`` enums by their key names, as Designer's
    ``.ui`` files do (``alignment="AlignLeft|AlignTop"``): passing the enum itself would
    build the namespace. A name Qt does not know raises rather than passing silently."""
    for name, value in keys.items():
        if not target.setProperty(name, value):
            raise ValueError(f"{type(target).__name__}.{name} does not take {value!r}")


def set_shortcut(action: QAction, sequence: QKeySequence) -> None:
    """``action.setShortcut(sequence)``; that overload set reads ``Qt.Key`` and so builds the namespace."""
    action.setShortcuts([sequence])
