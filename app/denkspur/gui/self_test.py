"""``denkspur --self-test``: prove an installed copy works, end to end, without a model download.

Generates the tiny test model, opens the real main window (offscreen is fine),
loads the model in the engine child, asks one question, waits for the answer,
checks that the trace panel shows the steps, prints a JSON report and exits 0 —
or exits 1 and says what failed. Installers run it after installing.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def run_self_test(timeout: float = 120.0) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from denkspur.core.settings import Settings
    from denkspur.gui.main_window import MainWindow
    from denkspur.testing.tiny_model import EXPECTED_ANSWER, write_tiny_r1_model

    app = QApplication.instance() or QApplication([sys.argv[0]])
    report: dict[str, object] = {"event": "self-test"}
    with tempfile.TemporaryDirectory(prefix="denkspur-self-test-") as folder:
        for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):  # the layout, too,
            QSettings.setPath(kind, QSettings.Scope.UserScope, folder)  # stays out of the user's config
        model = write_tiny_r1_model(Path(folder) / "self-test.gguf")
        window = MainWindow(data_path=Path(folder) / "data", settings_path=Path(folder) / "settings.json",
                            settings=Settings(model_path=str(model), context_size=512, language="en"))
        window.show()
        deadline = time.monotonic() + timeout
        problems: list[str] = []
        window.session.problem.connect(problems.append)

        def wait(condition: Callable[[], object]) -> bool:
            while not condition() and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.01)
            return bool(condition())

        ok = wait(lambda: window.session.model is not None or bool(problems))
        ok = ok and not problems
        if ok:
            window.composer.editor.setPlainText("What is 2 + 3?")
            window.composer.send_button.click()
            ok = wait(lambda: window.session.busy) and wait(lambda: not window.session.busy)
            ok = ok and wait(lambda: bool(window.chat.cards) and window.chat.cards[-1].version.answer != "")
        answer = window.chat.cards[-1].version.answer if window.chat.cards else ""
        ready = window.session.ready
        report.update({
            "backend": ready.backend if ready else None,
            "llama_cpp": ready.llama_cpp_version if ready else None,
            "answer": answer,
            "trace_steps": window.trace.step_count(),
            "problems": problems,
            "ok": ok and answer == EXPECTED_ANSWER and window.trace.step_count() == 4,
        })
        window.close()
    print(json.dumps(report), flush=True)
    return 0 if report["ok"] else 1
