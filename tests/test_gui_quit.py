"""Quitting while the engine is busy ends cleanly (#12 item 9): no abort, no hang."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from denkspur.testing.tiny_model import R1_DISTILL_TEMPLATE, write_tiny_r1_model
from test_engine import SLOW_TEMPLATE_PREFIX

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from denkspur.core.settings import Settings
    from denkspur.gui.main_window import MainWindow

    if __name__ == "__main__":
        app = QApplication([])
        model, data = sys.argv[1], Path(sys.argv[2])
        window = MainWindow(data_path=data, settings=Settings(model_path=model, context_size=512,
                            language="en"), settings_path=data / "settings.json")
        window.show()

        def ask():
            if window.session.model is None:
                QTimer.singleShot(100, ask)
                return
            window.composer.editor.setPlainText("slow")
            window.composer.send_button.click()
            QTimer.singleShot(1500, quit_now)

        def quit_now():
            print("busy at quit:", window.session.busy, flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(100, ask)
        app.exec()
        print("closed", flush=True)
""")


def test_closing_the_window_mid_generation_ends_cleanly(tmp_path: Path) -> None:
    model = write_tiny_r1_model(tmp_path / "slow.gguf", template=SLOW_TEMPLATE_PREFIX + R1_DISTILL_TEMPLATE)
    script = tmp_path / "quit_app.py"
    script.write_text(SCRIPT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(script), str(model), str(tmp_path / "data")],
                          capture_output=True, text=True, timeout=120, env=env, check=False)
    assert "busy at quit: True" in done.stdout, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    assert "closed" in done.stdout
    assert "Destroyed while thread" not in done.stderr
