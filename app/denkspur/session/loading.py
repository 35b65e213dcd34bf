"""Loading a model with a GPU-layer choice; ``AUTO`` offloads what fits and falls back.

``AUTO``'s first attempt uses the fit estimate. If llama.cpp cannot allocate (a
load error, or the child killed for lack of memory), the next attempt halves
the layers on the GPU, the last runs on the CPU; each step is reported in
``notes`` for the user. The app and the CLI both load through :func:`load_model`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from denkspur.core.models.fit import fit_model
from denkspur.core.models.gguf_info import read_gguf_info
from denkspur.core.models.gpu_layers import (
    LLAMA_ALL_LAYERS,
    GpuLayers,
    GpuOffload,
    describe_layers,
    llama_layers,
)
from denkspur.core.models.hardware import probe
from denkspur.engine import protocol as p
from denkspur.engine.errors import EngineCrashed, EngineRequestFailed, FailureKind
from denkspur.session.backend import Backend

log = logging.getLogger("denkspur.session")


@dataclass(frozen=True)
class ModelRequest:
    """A local model to load, as the user chose it."""

    path: str
    n_ctx: int = 4096
    gpu_layers: GpuLayers = GpuOffload.AUTO
    n_threads: int | None = None


@dataclass
class LoadResult:
    loaded: p.ModelLoaded
    notes: list[str] = field(default_factory=list)


def plan_gpu_layers(path: str, n_ctx: int, gpu_offload: bool) -> list[int]:
    """llama.cpp layer counts to try, best first (-1 = all)."""
    if not gpu_offload:
        return [0]
    info = read_gguf_info(path)
    kv_per_token = info.kv_cache_bytes(1)
    weights = info.file_size * max(1, info.split_count)
    fit = fit_model(weights, info.n_layers, kv_per_token, n_ctx, probe(gpu_offload=True),
                    heads=info.head_count, vocab=info.vocab_size)
    first = fit.gpu_layers
    plan = [first]
    layers = info.n_layers if first == LLAMA_ALL_LAYERS else first
    while layers > 1:
        layers //= 2
        plan.append(layers)
    plan.append(0)
    return list(dict.fromkeys(plan))


def load_model(backend: Backend, request: ModelRequest, *, plan: list[int] | None = None) -> LoadResult:
    """Load ``request`` on a local backend; ``plan`` overrides the ``AUTO`` estimate (tests).

    Raises :class:`~denkspur.engine.errors.EngineError` (the last failure when
    every attempt failed) or :class:`~denkspur.core.models.gguf_info.GGUFError`.
    """
    ready = backend.start()
    if request.gpu_layers is not GpuOffload.AUTO and plan is None:
        return LoadResult(backend.load(_load_request(request, llama_layers(request.gpu_layers))))
    plan = plan or plan_gpu_layers(request.path, request.n_ctx, ready.gpu_offload)
    notes: list[str] = []
    last_error: EngineRequestFailed | EngineCrashed | None = None
    for layers in plan:
        try:
            loaded = backend.load(_load_request(request, layers))
        except EngineRequestFailed as error:
            if error.kind in (FailureKind.BAD_MODEL, FailureKind.CONTEXT_TOO_LARGE):
                raise  # fewer GPU layers cannot cure these
            last_error = error
        except EngineCrashed as error:
            last_error = error
        else:
            if layers != plan[0]:
                notes.append(f"loaded with {describe_layers(layers)} GPU layers after the "
                             f"first attempt failed ({last_error})")
            return LoadResult(loaded, notes)
        notes.append(f"{describe_layers(layers)} GPU layers did not fit: {last_error}")
        log.warning(notes[-1])
    assert last_error is not None
    raise last_error


#: The most CPU threads asked of llama.cpp (the app's setting goes this far; 100,000 threads,
#: from a command line or a settings file, crashed the engine in native code).
MAX_THREADS = 256


def _load_request(request: ModelRequest, layers: int) -> p.LoadModel:
    threads = min(request.n_threads, MAX_THREADS) if request.n_threads and request.n_threads > 0 else None
    return p.LoadModel(request.path, n_ctx=request.n_ctx, n_gpu_layers=layers, n_threads=threads)
