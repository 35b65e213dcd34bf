"""The first frame does not wait for what it does not show (bench/startup.py measures the time).

Nor does it build PySide6's ``Qt`` namespace of enums (about 16 ms of CPU, see
:mod:`denkspur.gui.lazy_qt`): code that runs before the first frame sets enum-valued
properties by key name and reads ``Qt.<name>`` only later.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

#: Loaded after the first frame, or when first used: the store (opened on its thread), the
#: engine's messages, trace analysis, the confidence widgets, the hardware survey, the engine
#: worker and its thread (started with the first model), the store's thread pool, the themes
#: (the system's look needs none), the signal module (its enums cost a millisecond), what
#: only message cards use (the long-answer view, reply states and remedies), the token
#: signals of the map (made with the first trace that has them), the map's marks (and with
#: them QPainter), the background jobs, platformdirs (the user's folders are worked out without
#: it on Linux, see denkspur.core.user_folders).
NOT_BEFORE_FIRST_FRAME = (
    "llama_cpp",
    *(("platformdirs",) if sys.platform == "linux" else ()),
    "denkspur.gui.map_marks",
    "denkspur.gui.background",
    "denkspur.core.trace.confidence_track",
    "denkspur.core.trace.signals",
    "denkspur.gui.long_answer",
    "denkspur.session.states",
    "denkspur.gui.engine_worker",
    "concurrent.futures",
    "denkspur.gui.theme",
    "signal",
    "denkspur.core.conversations.store",
    "denkspur.engine.protocol",
    "denkspur.core.trace.analytics",
    "denkspur.core.trace.markers",
    "denkspur.core.models.survey",
    "denkspur.gui.confidence_view",
)

FIRST_FRAME = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from denkspur.gui.main_window import MainWindow

app = QApplication([])
window = MainWindow()

def report():
    from denkspur.gui.lazy_qt import made

    print(json.dumps({"modules": [name for name in NAMES if name in sys.modules],
                      "qt_enums_made": made()}), flush=True)
    window.close()
    app.quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if watched is window and event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)
            QTimer.singleShot(0, report)  # the frame is drawn; the window's own start-up work follows
        return False

window.installEventFilter(FirstPaint(window))
window.show()
app.exec()
"""


def test_the_first_frame_loads_no_store_engine_or_analysis(tmp_path: Path) -> None:
    code = f"NAMES = {NOT_BEFORE_FIRST_FRAME!r}\n" + FIRST_FRAME
    # The user's folders found as a user's start finds them (no DENKSPUR_*_DIR), in a temporary place.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("DENKSPUR_DATA_DIR", None)
    env.pop("DENKSPUR_CONFIG_DIR", None)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         check=False, env=env)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["modules"] == [], f"loaded before the first frame: {report['modules']}"
    assert not report["qt_enums_made"], "something read Qt.<name> before the first frame"
