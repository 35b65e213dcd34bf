"""Start-up time and idle memory of the app, against a bare PySide6 window.

Runs ``python -m denkspur`` (the real launch path, no model configured) and a
script that shows an empty QMainWindow, alternately, several times each; both
report when their window has painted its first frame and the event loop is idle
(what the user waits for: widgets built and drawn, start-up work that was queued
before the first frame done). Goals: ratio <= 1.5, llama.cpp not imported
before it is needed, resident memory of the idle app <= 250 MB.

    QT_QPA_PLATFORM=offscreen python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

BARE = """
import json, sys, time
from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1280, 800)
dispatcher = QAbstractEventDispatcher.instance()
def idle():
    dispatcher.aboutToBlock.disconnect(idle)
    print(json.dumps({"event": "shown", "cpu_seconds": time.process_time()}), flush=True)
    app.quit()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if watched is window and event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)
            dispatcher.aboutToBlock.connect(idle)
        return False
window.installEventFilter(FirstPaint(window))
window.show()
app.exec()
"""


def time_to_shown(command: list[str], env: dict[str, str]) -> tuple[float, list[dict[str, Any]]]:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    events = []
    shown_at = None
    for line in process.stdout:
        if not line.startswith("{"):
            continue
        event = json.loads(line)
        events.append(event)
        if event["event"] == "shown" and shown_at is None:
            shown_at = time.perf_counter() - started
    process.wait(60)
    assert shown_at is not None, "the window never reported being shown"
    return shown_at, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # The app finds its folders as a user's start does (platformdirs), here in a temporary place.
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "DENKSPUR_STARTUP_PROBE": "1", "XDG_CONFIG_HOME": folder + "/config",
               "XDG_DATA_HOME": folder + "/data"}
        for override in ("DENKSPUR_DATA_DIR", "DENKSPUR_CONFIG_DIR"):
            env.pop(override, None)
        # An installed app has its bytecode compiled (pip and the frozen build do that):
        # let the first, unmeasured start write it even where the shell forbids it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        time_to_shown([sys.executable, "-m", "denkspur"], env)
        bare_times, app_times, rss, llama = [], [], [], []
        bare_cpu, app_cpu = [], []
        for _ in range(args.runs):
            seconds, events = time_to_shown([sys.executable, "-c", BARE], env)
            bare_times.append(seconds)
            bare_cpu.extend(float(e["cpu_seconds"]) for e in events if e["event"] == "shown")
            seconds, events = time_to_shown([sys.executable, "-m", "denkspur"], env)
            app_times.append(seconds)
            for event in events:
                if event["event"] == "shown":
                    llama.append(bool(event["llama_cpp_imported"]))
                    app_cpu.append(float(event["cpu_seconds"]))
                if event["event"] == "idle":
                    rss.append(int(event["rss_bytes"]))  # type: ignore[arg-type]
    bare, app = statistics.median(bare_times), statistics.median(app_times)
    ratio = app / bare
    memory = statistics.median(rss) / 1e6
    print(f"bare PySide6 window: {bare * 1000:6.0f} ms to shown (median of {args.runs})")
    print(f"denkspur:            {app * 1000:6.0f} ms to shown")
    print(f"ratio: {ratio:.2f} (goal <= 1.5) {'OK' if ratio <= 1.5 else 'MISSED'}")
    cpu_bare, cpu_app = statistics.median(bare_cpu), statistics.median(app_cpu)
    print(f"CPU time to shown (steadier on a busy machine): bare {cpu_bare * 1000:.0f} ms, "
          f"denkspur {cpu_app * 1000:.0f} ms, ratio {cpu_app / cpu_bare:.2f}")
    print(f"llama.cpp imported before needed: {any(llama)} (goal: False)")
    print(f"idle resident memory: {memory:.0f} MB (goal <= 250 MB) {'OK' if memory <= 250 else 'MISSED'}")


if __name__ == "__main__":
    main()
