"""Whether llama.cpp has a GPU backend is read from its files, without importing it outside the engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from denkspur.core.models.hardware import llama_gpu_offload

CHECK = "from denkspur.core.models.hardware import llama_gpu_offload; import sys; " \
        "print(llama_gpu_offload(), 'llama_cpp' in sys.modules)"


def test_agrees_with_the_installed_llama_cpp_without_importing_it() -> None:
    run = subprocess.run([sys.executable, "-c", CHECK + "; import llama_cpp; "
                          "print(bool(llama_cpp.llama_supports_gpu_offload()))"],
                         capture_output=True, text=True, check=True)
    detected, imported, real = run.stdout.split()
    assert imported == "False"  # asking did not load llama.cpp
    assert detected == real
    assert llama_gpu_offload() == (real == "True")


def test_a_cuda_build_is_recognised_by_its_backend_library(tmp_path: Path) -> None:
    package = tmp_path / "llama_cpp"
    (package / "lib").mkdir(parents=True)
    (package / "__init__.py").write_text("raise ImportError('never imported')\n")
    (package / "lib" / "libggml-cuda.so").write_bytes(b"")
    run = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(tmp_path)})  # the stand-in package comes first
    assert run.stdout.split() == ["True", "False"]
