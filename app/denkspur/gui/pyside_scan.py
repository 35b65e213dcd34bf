"""PySide6 reads the source of each module imported after it; the app's start lets it wait.

PySide6's ``__feature__`` switches (``from __feature__ import snake_case, true_property``)
apply per module, so PySide6 notes for every module whether it uses PySide6: once PySide6
is loaded, each import statement hands the module to ``shibokensupport.feature.feature_imported``,
which reads and searches the module's whole source (``inspect.getsource``) the first time
it sees a name. For the seventy-odd modules the main window's first frame imports (the
app's and the standard library's) that is about 8 ms of CPU, and it keeps their sources in
``linecache``.

Denkspur never imports ``__feature__``. The first ``from __feature__ import ...`` makes
PySide6 look at every loaded module it has not looked at yet (``feature.__init__``), so the
look-up on import can wait until then without changing any answer: after that it runs on
each import as before. Until then no module has a feature switched on, so PySide6 has
nothing to switch either way.

:func:`defer_feature_scan` installs that, at the app's start only; where PySide6 is built
another way (no such hook, PyPy) it leaves everything as it is.
``tests/test_pyside_scan.py`` holds the behaviour to PySide6's.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

#: Marks the hook installed here, so that a second call leaves it alone.
_DEFERRED = "_denkspur_deferred"


def defer_feature_scan() -> bool:
    """Let PySide6's per-module source scan wait until ``__feature__`` is first imported.

    Returns whether the scan waits now (``False`` where this PySide6 has no such scan).
    """
    feature: Any = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "feature_imported", None)
    if feature is None or scan is None or not isinstance(getattr(feature, "_is_initialized", None), bool):
        return False
    if getattr(scan, _DEFERRED, False):
        return True

    def feature_imported(module: ModuleType) -> None:
        if feature._is_initialized:  # __feature__ is in use: every module is looked at as it comes
            scan(module)

    setattr(feature_imported, _DEFERRED, True)
    feature.feature_imported = feature_imported
    return True
