"""denkspur.core stays importable and usable without Qt (napari-style layering)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import denkspur.core
import denkspur.session

BLOCK_QT = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6', 'llama_cpp'):
            raise ImportError(name + ' is blocked: the core must not need it')
sys.meta_path.insert(0, NoQt())
"""


def test_core_modules_import_and_work_without_qt_or_llama_cpp() -> None:
    modules = [m.name for m in pkgutil.walk_packages(denkspur.core.__path__, "denkspur.core.")]
    assert len(modules) >= 5
    code = BLOCK_QT + "".join(f"import {m}\n" for m in modules) + (
        "from denkspur.core.trace.stream import split_text\n"
        "r = split_text('<think>a. Wait, b.</think>c')\n"
        "assert r.answer == 'c' and r.stats.self_corrections == 1\n"
        "assert not any(k.startswith(('PySide6', 'llama_cpp')) for k in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint_imports)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "6 kept, 0 broken" in run.stdout


def test_session_modules_import_without_qt_or_llama_cpp() -> None:
    modules = [m.name for m in pkgutil.walk_packages(denkspur.session.__path__, "denkspur.session.")]
    assert "denkspur.session.reply" in modules and "denkspur.session.backend" in modules
    code = BLOCK_QT + "".join(f"import {m}\n" for m in modules) + (
        "from denkspur.session.states import StopReason, state_after\n"
        "assert state_after(StopReason('length')) == 'complete'\n"
        "assert not any(k.startswith(('PySide6', 'llama_cpp')) for k in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
