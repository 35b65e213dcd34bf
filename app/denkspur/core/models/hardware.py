"""What this computer offers a model: RAM, GPU memory, and whether llama.cpp can use the GPU."""

from __future__ import annotations

import importlib.util
import logging
import platform
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

log = logging.getLogger("denkspur.core")

#: Share of unified memory macOS lets the GPU use by default (recommendedMaxWorkingSetSize).
APPLE_GPU_SHARE = 0.70


@dataclass(frozen=True)
class Gpu:
    name: str
    memory_total: int
    memory_free: int
    kind: str  # "cuda" or "metal"


@dataclass(frozen=True)
class Hardware:
    ram_total: int
    ram_available: int
    cpu_threads: int
    gpus: tuple[Gpu, ...] = field(default_factory=tuple)
    gpu_offload: bool = False  # the installed llama.cpp build can offload to a GPU

    @property
    def gpu_memory_free(self) -> int:
        """GPU memory a model may use (0 when llama.cpp cannot offload)."""
        return sum(g.memory_free for g in self.gpus) if self.gpu_offload else 0

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["gpu_memory_free"] = self.gpu_memory_free
        return data


def _nvidia_gpus() -> list[Gpu]:
    try:
        import pynvml  # nvidia-ml-py, optional
    except ImportError:
        return []
    try:
        pynvml.nvmlInit()
    except Exception:  # no driver / no GPU: not an error for us
        return []
    gpus = []
    try:
        for index in range(pynvml.nvmlDeviceGetCount()):
            handle = pynvml.nvmlDeviceGetHandleByIndex(index)
            memory = pynvml.nvmlDeviceGetMemoryInfo(handle)
            name = pynvml.nvmlDeviceGetName(handle)
            gpus.append(Gpu(name.decode() if isinstance(name, bytes) else str(name),
                            int(memory.total), int(memory.free), "cuda"))
    finally:
        pynvml.nvmlShutdown()
    return gpus


def _apple_gpu(ram_total: int) -> list[Gpu]:
    if sys.platform == "darwin" and platform.machine() == "arm64":
        share = int(ram_total * APPLE_GPU_SHARE)
        return [Gpu("Apple Silicon (unified memory)", share, share, "metal")]
    return []


def llama_gpu_offload() -> bool:
    """Whether the installed llama-cpp-python was built with a GPU backend (CUDA, Metal, Vulkan…).

    Read from the files it ships, without importing it: llama.cpp is loaded only in
    the engine child, so that a native crash there never takes down the caller.
    """
    try:
        spec = importlib.util.find_spec("llama_cpp")
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    for folder in spec.submodule_search_locations:
        for library in Path(folder).rglob("*ggml-*"):
            if any(backend in library.name for backend in _GPU_BACKEND_LIBRARIES):
                return True
    return False


#: Parts of the names of llama.cpp's GPU backend libraries (libggml-cuda.so, ggml-metal.dll…).
_GPU_BACKEND_LIBRARIES = ("ggml-cuda", "ggml-metal", "ggml-vulkan", "ggml-hip", "ggml-sycl", "ggml-opencl")


def probe(*, gpu_offload: bool | None = None) -> Hardware:
    """Probe the machine; ``gpu_offload`` may come from the engine child (the GUI never imports llama.cpp)."""
    memory = psutil.virtual_memory()
    gpus = _nvidia_gpus() or _apple_gpu(memory.total)
    offload = llama_gpu_offload() if gpu_offload is None else gpu_offload
    return Hardware(int(memory.total), int(memory.available), psutil.cpu_count() or 1, tuple(gpus), offload)
