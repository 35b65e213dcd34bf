"""Start-up time and idle memory of the app, against a bare PySide6 window.

Runs ``python -m denkspur`` (the real launch path, no model configured) and a
script that shows an empty QMainWindow, alternately, several times each; both
report when their window is shown. Goals: ratio <= 1.5, llama.cpp not imported
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

BARE = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1280, 800); window.show()
QTimer.singleShot(0, lambda: (print(json.dumps({"event": "shown"}), flush=True), app.quit()))
app.exec()
"""


def time_to_shown(command: list[str], env: dict[str, str]) -> tuple[float, list[dict[str, object]]]:
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
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "DENKSPUR_DATA_DIR": folder + "/data", "DENKSPUR_CONFIG_DIR": folder + "/config",
               "DENKSPUR_STARTUP_PROBE": "1", "XDG_CONFIG_HOME": folder + "/xdg"}
        bare_times, app_times, rss, llama = [], [], [], []
        for _ in range(args.runs):
            bare_times.append(time_to_shown([sys.executable, "-c", BARE], env)[0])
            seconds, events = time_to_shown([sys.executable, "-m", "denkspur"], env)
            app_times.append(seconds)
            for event in events:
                if event["event"] == "shown":
                    llama.append(bool(event["llama_cpp_imported"]))
                if event["event"] == "idle":
                    rss.append(int(event["rss_bytes"]))  # type: ignore[arg-type]
    bare, app = statistics.median(bare_times), statistics.median(app_times)
    ratio = app / bare
    memory = statistics.median(rss) / 1e6
    print(f"bare PySide6 window: {bare * 1000:6.0f} ms to shown (median of {args.runs})")
    print(f"denkspur:            {app * 1000:6.0f} ms to shown")
    print(f"ratio: {ratio:.2f} (goal <= 1.5) {'OK' if ratio <= 1.5 else 'MISSED'}")
    print(f"llama.cpp imported before needed: {any(llama)} (goal: False)")
    print(f"idle resident memory: {memory:.0f} MB (goal <= 250 MB) {'OK' if memory <= 250 else 'MISSED'}")


if __name__ == "__main__":
    main()
