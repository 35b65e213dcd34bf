"""Will this model run here, and how: fully on the GPU, partly offloaded, CPU only, or not at all.

Memory need = weights (the GGUF's size; llama.cpp maps them as they are)
+ KV cache (layers x KV heads x head size x 2 (K and V) x context x 2 bytes, F16)
+ compute buffers (llama.cpp reserves room for one batch of up to 512 tokens:
  the attention scores, batch x context x heads, and the logits, batch x vocabulary,
  4 bytes each) + a small fixed runtime share. ``tests/test_fit.py`` checks the
  estimate against the real resident memory of generated models.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from denkspur.core.models.catalog import CatalogEntry
from denkspur.core.models.gguf_info import GGUFInfo
from denkspur.core.models.hardware import Hardware

MIB = 1024 * 1024
RUNTIME_OVERHEAD = 32 * MIB  # context, graph, tokenizer caches
MAX_BATCH = 512
GPU_SAFETY = 0.95  # free VRAM already excludes the desktop; keep a little for the driver
RAM_SAFETY = 0.85  # leave room for the OS and the app itself


class Verdict(str, enum.Enum):
    GPU = "gpu"  # runs fully on the GPU
    PARTIAL = "partial"  # some layers on the GPU, the rest on the CPU
    CPU = "cpu"  # CPU only
    TOO_BIG = "too-big"


@dataclass(frozen=True)
class MemoryEstimate:
    weights: int
    kv_cache: int
    overhead: int

    @property
    def total(self) -> int:
        return self.weights + self.kv_cache + self.overhead


@dataclass(frozen=True)
class Fit:
    verdict: Verdict
    estimate: MemoryEstimate
    gpu_layers: int  # -1 = all, 0 = none
    layers: int

    def to_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict.value,
            "memory_bytes": self.estimate.total,
            "weights_bytes": self.estimate.weights,
            "kv_cache_bytes": self.estimate.kv_cache,
            "gpu_layers": self.gpu_layers,
        }


def compute_buffer(n_ctx: int, heads: int, vocab: int) -> int:
    batch = min(MAX_BATCH, n_ctx)
    return 4 * batch * (n_ctx * heads + vocab)


def estimate_memory(weights: int, kv_bytes_per_token: int, n_ctx: int, *, heads: int = 32,
                    vocab: int = 152_064) -> MemoryEstimate:
    return MemoryEstimate(weights, kv_bytes_per_token * n_ctx,
                          RUNTIME_OVERHEAD + compute_buffer(n_ctx, heads, vocab))


def fit_model(weights: int, layers: int, kv_bytes_per_token: int, n_ctx: int, hardware: Hardware,
              *, heads: int = 32, vocab: int = 152_064) -> Fit:
    estimate = estimate_memory(weights, kv_bytes_per_token, n_ctx, heads=heads, vocab=vocab)
    total = estimate.total
    ram = int(hardware.ram_total * RAM_SAFETY)
    gpu = int(hardware.gpu_memory_free * GPU_SAFETY)
    if gpu and total <= gpu:
        return Fit(Verdict.GPU, estimate, -1, layers)
    if gpu and layers:
        per_layer = (estimate.weights + estimate.kv_cache) / layers
        on_gpu = max(0, min(layers - 1, int((gpu - estimate.overhead) // per_layer)))
        if on_gpu and total - on_gpu * per_layer <= ram:
            return Fit(Verdict.PARTIAL, estimate, on_gpu, layers)
    if total <= ram:
        return Fit(Verdict.CPU, estimate, 0, layers)
    return Fit(Verdict.TOO_BIG, estimate, 0, layers)


def context_problem(info: GGUFInfo, n_ctx: int, hardware: Hardware) -> str | None:
    """Why ``n_ctx`` tokens of context cannot work for this model on this machine, or None.

    Checked before llama.cpp tries: asked for an impossible context it only says
    that it failed to create one (which used to reach the user as "0 GPU layers
    did not fit"). All memory counts, RAM and GPU together: more is never possible.
    """
    weights = info.file_size * max(1, info.split_count)
    per_token = info.kv_cache_bytes(1)

    def needed(tokens: int) -> MemoryEstimate:
        return estimate_memory(weights, per_token, tokens, heads=info.head_count or 32,
                               vocab=info.vocab_size or 152_064)

    available = hardware.ram_total + hardware.gpu_memory_free
    estimate = needed(n_ctx)
    if estimate.total <= available:
        return None
    low, high = 0, n_ctx  # the largest context that fits, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if needed(middle).total <= available else (low, middle - 1)
    trained = info.context_length
    suggestion = min(low, trained) if trained else low
    memory = f"{hardware.ram_total / 1e9:.1f} GB RAM"
    if hardware.gpu_memory_free:
        memory += f" and {hardware.gpu_memory_free / 1e9:.1f} GB free GPU memory"
    advice = (f"choose a context of at most {suggestion:,} tokens" if suggestion >= 256 else
              "this model does not fit this machine even with a small context")
    return (
        f"a context of {n_ctx:,} tokens needs about {estimate.total / 1e9:,.1f} GB "
        f"(its KV cache alone {estimate.kv_cache / 1e9:,.1f} GB), but this machine has {memory}; "
        f"the model was trained for {trained:,} tokens: {advice}"
    )


def fit_entry(entry: CatalogEntry, n_ctx: int, hardware: Hardware) -> Fit:
    return fit_model(entry.size_bytes, entry.layers, entry.kv_bytes_per_token(), n_ctx, hardware,
                     heads=entry.heads, vocab=entry.vocab)


def recommend(entries: list[CatalogEntry], n_ctx: int, hardware: Hardware) -> CatalogEntry | None:
    """The most capable entry that runs without splitting across CPU and GPU.

    More parameters beat a finer quantization (a 14B at Q4_K_M reasons better
    than a 7B at Q8_0), but quantizations below Q4_K_M are not recommended. On
    a CPU-only machine speed decides: decoding reads all weights per token, and
    R1 traces run to thousands of tokens, so the weights are kept to about
    1.2 GB per CPU thread (at most 6 GB) and half the RAM.
    """
    cpu_budget = min(6_000_000_000, 1_200_000_000 * hardware.cpu_threads, hardware.ram_total // 2)

    def acceptable(entry: CatalogEntry) -> bool:
        fit = fit_entry(entry, n_ctx, hardware)
        if entry.quant_rank < 4:
            return False
        if fit.verdict is Verdict.GPU:
            return True
        return (fit.verdict is Verdict.CPU and not hardware.gpu_memory_free
                and entry.size_bytes <= cpu_budget)

    candidates = [e for e in entries if acceptable(e)]
    if not candidates:
        partial = [e for e in entries if fit_entry(e, n_ctx, hardware).verdict is Verdict.PARTIAL]
        candidates = [e for e in partial if e.quant_rank >= 4]
    if not candidates:
        return None
    return max(candidates, key=lambda e: (e.parameters_billion, e.quant_rank))


def preferred_quantization(group: list[CatalogEntry], n_ctx: int, hardware: Hardware) -> CatalogEntry:
    """Which file of one model to offer first on this machine.

    The one :func:`recommend` picks among the model's files (the finest
    quantization that runs without splitting); when none qualifies, the
    smallest file from Q4_K_M up (it needs the least memory and still reasons
    well), else the smallest file at all.
    """
    best = recommend(group, n_ctx, hardware)
    if best is not None:
        return best
    by_size = sorted(group, key=lambda e: e.size_bytes)
    return next((e for e in by_size if e.quant_rank >= 4), by_size[0])
