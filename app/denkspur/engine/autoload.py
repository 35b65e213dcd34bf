"""``--gpu-layers auto``: offload as many layers as the GPU holds, and fall back if it does not.

The first attempt uses the fit estimate. If llama.cpp cannot allocate (a load
error, or the child killed for lack of memory), the next attempt halves the
layers on the GPU, the last runs on the CPU; each step is reported to the user.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from denkspur.core.models.fit import fit_model
from denkspur.core.models.gguf_info import read_gguf_info
from denkspur.core.models.hardware import probe
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.engine.errors import EngineCrashed, EngineRequestFailed

log = logging.getLogger("denkspur.engine")


@dataclass
class AutoLoad:
    loaded: p.ModelLoaded
    notes: list[str] = field(default_factory=list)


def plan_gpu_layers(path: str, n_ctx: int, gpu_offload: bool) -> list[int]:
    """Layer counts to try, best first (-1 = all)."""
    if not gpu_offload:
        return [0]
    info = read_gguf_info(path)
    kv_per_token = info.kv_cache_bytes(1)
    weights = info.file_size * max(1, info.split_count)
    fit = fit_model(weights, info.n_layers, kv_per_token, n_ctx, probe(gpu_offload=True),
                    heads=info.head_count, vocab=info.vocab_size)
    first = fit.gpu_layers
    plan = [first]
    layers = info.n_layers if first == -1 else first
    while layers > 1:
        layers //= 2
        plan.append(layers)
    plan.append(0)
    return list(dict.fromkeys(plan))


def load_auto(client: EngineClient, path: str, n_ctx: int, n_threads: int | None = None,
              *, plan: list[int] | None = None) -> AutoLoad:
    """Load ``path`` with the best layer count that works; ``plan`` overrides the estimate."""
    ready = client.start()
    notes: list[str] = []
    plan = plan or plan_gpu_layers(path, n_ctx, ready.gpu_offload)
    last_error: Exception | None = None
    for layers in plan:
        try:
            loaded = client.load(p.LoadModel(path, n_ctx=n_ctx, n_gpu_layers=layers, n_threads=n_threads))
        except EngineRequestFailed as error:
            if error.kind == "bad-model":
                raise
            last_error = error
        except EngineCrashed as error:
            last_error = error
        else:
            if layers != plan[0]:
                notes.append(f"loaded with {layers if layers >= 0 else 'all'} GPU layers after the "
                             f"first attempt failed ({last_error})")
            return AutoLoad(loaded, notes)
        notes.append(f"{'all' if layers == -1 else layers} GPU layers did not fit: {last_error}")
        log.warning(notes[-1])
    assert last_error is not None
    raise last_error
