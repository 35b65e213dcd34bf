"""PySide6's per-module source scan waits at the start, and ``__feature__`` still works as PySide6 has it.

See :mod:`denkspur.gui.pyside_scan`. Each check runs in its own interpreter: the scan and
``__feature__`` change the process for good.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

#: Modules imported after PySide6, some that use it and some that do not.
MODULES = ("denkspur.gui.plain", "denkspur.gui.unsaved_bar", "denkspur.core.trace.step_kind", "fractions")

FEATURE = """
import json, sys
from PySide6.QtWidgets import QApplication, QWidget
deferred = None
if DEFER:
    from denkspur.gui.pyside_scan import defer_feature_scan
    deferred = defer_feature_scan()
for name in MODULES:
    exec(f"from {name} import __name__", {})  # an import statement, as the app's modules make them
feature = sys.modules["shibokensupport.feature"]
before = {name: feature.pyside_feature_dict.get(name) for name in MODULES}
from __feature__ import snake_case
after = {name: feature.pyside_feature_dict.get(name) for name in MODULES}
app = QApplication([])
widget = QWidget()
widget.set_window_title("snake")
print(json.dumps({"deferred": deferred, "before": before, "after": after, "title": widget.window_title(),
                  "camel_case_gone": not hasattr(widget, "setWindowTitle")}))
"""


def _run(code: str, tmp_path: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         check=False, env=env)
    assert run.returncode == 0, run.stderr
    result: dict[str, object] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def test_features_see_every_module_as_pyside6_alone_would(tmp_path: Path) -> None:
    plain = _run(f"DEFER = False\nMODULES = {MODULES!r}\n" + FEATURE, tmp_path)
    deferred = _run(f"DEFER = True\nMODULES = {MODULES!r}\n" + FEATURE, tmp_path)
    assert deferred["deferred"] is True
    assert deferred["before"] == dict.fromkeys(MODULES), "the scan ran before __feature__ was imported"
    assert plain["before"] == plain["after"] == {
        "denkspur.gui.plain": 0, "denkspur.gui.unsaved_bar": 0, "denkspur.core.trace.step_kind": -1,
        "fractions": -1}  # PySide6's own answers: 0 for a module that uses it, -1 for one that does not
    assert deferred["after"] == plain["after"]
    assert deferred["title"] == plain["title"] == "snake" and deferred["camel_case_gone"] is True


LAUNCH = """
import json, sys
import denkspur.gui.launch as launch

def shown(window):
    feature = sys.modules["shibokensupport.feature"]
    ours = sorted(name for name in sys.modules if name.startswith("denkspur.gui."))
    scanned = [n for n in ours if n in feature.pyside_feature_dict and n != "denkspur.gui.pyside_scan"]
    print(json.dumps({"ours": ours, "scanned": scanned}), flush=True)
    window.close()
    from PySide6.QtWidgets import QApplication
    QApplication.quit()

launch._probe_shown = shown
sys.exit(launch.launch([]))
"""


def test_the_app_start_does_not_scan_its_modules(tmp_path: Path) -> None:
    env_code = "import os; os.environ['DENKSPUR_STARTUP_PROBE'] = '1'\n"
    report = _run(env_code + LAUNCH, tmp_path)
    assert "denkspur.gui.main_window" in report["ours"]  # type: ignore[operator]
    assert report["scanned"] == []
