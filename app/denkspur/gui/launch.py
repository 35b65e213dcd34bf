"""Start the desktop app. Imports Qt here, and never llama.cpp (that is the engine child's)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: Set to make the app report when its window is up, idle memory, then quit (bench/startup.py).
STARTUP_PROBE = "DENKSPUR_STARTUP_PROBE"
#: Seconds a busy Python thread keeps the GIL while another waits (Python's default: 5 ms).
#: The GUI thread takes the GIL again for every Python slot, timer and paint handler of an
#: event-loop turn; while the engine thread parses a flood, each of those waited up to
#: 5 ms, and a turn of 20 ms CPU took 200 ms and more (bench/big_output.py, through the
#: worker). At 0.5 ms: ~65 ms, the flood's total time unchanged.
GIL_SWITCH_INTERVAL = 0.0005


def launch(argv: Sequence[str] = ()) -> int:
    from PySide6.QtWidgets import QApplication

    from denkspur.gui.pyside_scan import defer_feature_scan

    defer_feature_scan()  # before the app's own modules come in (about 8 ms of CPU at start)
    argv = list(argv)
    if "--self-test" in argv:
        from denkspur.gui.self_test import run_self_test

        return run_self_test()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    from denkspur.gui.gc_guard import GuiThreadCollector

    collector = GuiThreadCollector(app).start()  # cycles are freed on the GUI thread only
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)  # the GUI thread waits less for the engine thread
    app.setApplicationName("Denkspur")
    app.setOrganizationName("Denkspur")
    app.setDesktopFileName("io.github.denkspur.Denkspur")
    from PySide6.QtGui import QIcon

    from denkspur.resources import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "denkspur.png")))
    from denkspur.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    from PySide6.QtCore import QTimer

    from denkspur.gui.gc_guard import FREEZE_AFTER_MS

    QTimer.singleShot(FREEZE_AFTER_MS, collector.freeze_settled)
    if os.environ.get(STARTUP_PROBE):
        _after_first_frame(window, lambda: _probe_shown(window))
    try:
        return int(app.exec())
    finally:
        collector.stop()


def _after_first_frame(window: QWidget, report: Callable[[], None]) -> None:
    """Call ``report`` once the window has painted its first frame and the event loop is idle.

    That is when the user sees the window; bench/startup.py measures its bare window the same way.
    """
    from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject

    dispatcher = QAbstractEventDispatcher.instance()
    assert dispatcher is not None

    def idle() -> None:
        dispatcher.aboutToBlock.disconnect(idle)
        report()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is window and event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                dispatcher.aboutToBlock.connect(idle)
            return False

    window.installEventFilter(FirstPaint(window))


def _probe_shown(window: QWidget) -> None:
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    print(json.dumps({"event": "shown", "llama_cpp_imported": "llama_cpp" in sys.modules,
                      "cpu_seconds": time.process_time()}), flush=True)

    def report_idle() -> None:
        import psutil

        rss = psutil.Process().memory_info().rss
        print(json.dumps({"event": "idle", "rss_bytes": rss}), flush=True)
        window.close()
        QApplication.quit()

    QTimer.singleShot(1500, report_idle)
