"""Hardware fit: verdicts, recommendation, and the estimate against real memory use."""

from __future__ import annotations

from pathlib import Path

import psutil
import pytest

from denkspur.core.models.catalog import group_by_model, load_catalog
from denkspur.core.models.fit import Verdict, estimate_memory, fit_entry, preferred_quantization, recommend
from denkspur.core.models.gguf_info import read_gguf_info
from denkspur.core.models.hardware import Gpu, Hardware, probe
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import Shape, write_random_model

GB = 1_000_000_000


def machine(ram_gb: float, vram_gb: float = 0, offload: bool = True, threads: int = 8) -> Hardware:
    gpus = (Gpu("Test GPU", int(vram_gb * GB), int(vram_gb * GB), "cuda"),) if vram_gb else ()
    return Hardware(int(ram_gb * GB), int(ram_gb * GB), threads, gpus, offload)


def entry(entry_id: str):  # type: ignore[no-untyped-def]
    return next(e for e in load_catalog() if e.id == entry_id)


def test_catalog_covers_the_distills_and_quantizations() -> None:
    entries = load_catalog()
    names = {e.name for e in entries}
    assert {f"DeepSeek-R1-Distill-Qwen-{s}" for s in ("1.5B", "7B", "14B", "32B")} <= names
    assert {"DeepSeek-R1-Distill-Llama-8B", "DeepSeek-R1-Distill-Llama-70B"} <= names
    assert {e.quantization for e in entries} >= {"Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0"}
    split = [e for e in entries if len(e.files) > 1]
    assert split and all(f.endswith(f"-0000{i + 1}-of-0000{len(e.files)}.gguf")
                         for e in split for i, f in enumerate(e.files))
    assert len({e.id for e in entries}) == len(entries)


@pytest.mark.parametrize(
    ("model", "hardware", "verdict"),
    [
        ("r1-qwen-7b-q4-k-m", machine(32, 12), Verdict.GPU),
        ("r1-qwen-32b-q4-k-m", machine(64, 12), Verdict.PARTIAL),
        ("r1-qwen-32b-q4-k-m", machine(64, 0), Verdict.CPU),
        ("r1-llama-70b-q8-0", machine(32, 8), Verdict.TOO_BIG),
        ("r1-qwen-7b-q4-k-m", machine(32, 12, offload=False), Verdict.CPU),
    ],
)
def test_verdicts(model: str, hardware: Hardware, verdict: Verdict) -> None:
    fit = fit_entry(entry(model), 4096, hardware)
    assert fit.verdict is verdict
    if verdict is Verdict.PARTIAL:
        assert 0 < fit.gpu_layers < entry(model).layers


def test_longer_context_needs_more_memory() -> None:
    small = fit_entry(entry("r1-qwen-14b-q4-k-m"), 4096, machine(32))
    large = fit_entry(entry("r1-qwen-14b-q4-k-m"), 32768, machine(32))
    assert large.estimate.kv_cache == 8 * small.estimate.kv_cache
    # Qwen2.5-14B: 48 layers x 8 KV heads x 128 x 2 (K, V) x 2 bytes = 192 KiB per token
    assert small.estimate.kv_cache == 48 * 8 * 128 * 2 * 2 * 4096


def test_recommendations() -> None:
    entries = load_catalog()
    assert recommend(entries, 4096, machine(32, 24)).name == "DeepSeek-R1-Distill-Qwen-32B"
    assert recommend(entries, 4096, machine(16, 8)).parameters_billion < 9
    laptop = recommend(entries, 4096, machine(16, 0, offload=False, threads=8))
    assert laptop is not None and laptop.size_bytes <= 6 * GB
    assert recommend(entries, 4096, machine(4, 0, threads=2)).name == "DeepSeek-R1-Distill-Qwen-1.5B"
    assert recommend(entries, 4096, machine(0.5, 0)) is None


def test_one_group_per_model_and_the_file_to_offer_first() -> None:
    groups = group_by_model(load_catalog())
    assert len(groups) == 6 and all(len({e.name for e in group}) == 1 for group in groups.values())
    seven = groups["DeepSeek-R1-Distill-Qwen-7B"]
    assert [e.quantization for e in seven] == ["Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0"]
    # A 24 GB GPU holds even the Q8_0 file: the finest one is offered.
    assert preferred_quantization(seven, 4096, machine(32, 24)).quantization == "Q8_0"
    # A 6 GB GPU holds Q4_K_M (4.7 GB) fully, not Q5_K_M (5.4 GB) with its cache.
    assert preferred_quantization(seven, 4096, machine(32, 6)).quantization == "Q4_K_M"
    # Nothing fits: the smallest file from Q4_K_M up (the least memory to find).
    huge = groups["DeepSeek-R1-Distill-Llama-70B"]
    assert preferred_quantization(huge, 4096, machine(8, 0)).quantization == "Q4_K_M"
    # The recommended model's offered file is the recommendation itself.
    hardware = machine(32, 12)
    best = recommend(load_catalog(), 4096, hardware)
    assert best is not None and preferred_quantization(groups[best.name], 4096, hardware) == best


def test_probe_reads_this_machine() -> None:
    here = probe(gpu_offload=False)
    assert here.ram_total == psutil.virtual_memory().total and here.cpu_threads >= 1
    assert here.gpu_memory_free == 0  # no offload, no GPU memory to plan with


@pytest.mark.slow
def test_estimates_match_real_memory_of_generated_models(tmp_path: Path) -> None:
    """Resident memory of the engine child after load + a few tokens, against the estimate.

    Small models are dominated by fixed buffers llama.cpp reserves but does not
    touch, so the estimate is conservative there; it must never be far below
    what the model really takes, and close to it for the largest model.
    """
    ratios = []
    for shape in (Shape(256, 4, 4, 2, 704), Shape(512, 6, 8, 2, 1408), Shape(1024, 8, 16, 4, 2816)):
        model = write_random_model(tmp_path / f"m{shape.n_embd}.gguf", shape=shape, n_vocab=8000)
        info = read_gguf_info(model)
        estimate = estimate_memory(info.file_size, info.kv_cache_bytes(1), 2048, heads=info.head_count,
                                   vocab=info.vocab_size)
        with EngineClient() as client:
            client.start()
            idle = psutil.Process(client.pid).memory_info().rss
            client.load(p.LoadModel(str(model), n_ctx=2048))
            run_reasoning(client, [p.ChatMessage("user", "hi")],
                          p.SamplingParams(max_tokens=4, ignore_eos=True))
            used = psutil.Process(client.pid).memory_info().rss - idle
        ratios.append(used / estimate.total)
    assert all(r <= 1.35 for r in ratios), ratios  # never badly under (CPU repacking may copy weights)
    assert ratios[-1] >= 0.6, ratios  # and close for the largest
