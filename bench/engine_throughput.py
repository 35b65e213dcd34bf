"""Decode speed through the engine versus raw llama-cpp-python, in the same run.

The engine adds a child process, a pipe message per token and the reasoning
splitter. This measures what that costs on a random-weight F16 model of a few
hundred MB: the same prompt, threads, sampling and token count, alternating raw
and engine runs so that machine noise hits both. Goals: decode ratio >= 0.98,
time-to-first-token overhead <= 30 ms.

    python bench/engine_throughput.py [--tokens 128] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from denkspur.core.conversations.chat_template import Turn, render_prompt
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import BOS, EOS, R1_DISTILL_TEMPLATE, Shape, write_random_model

PROMPT = "Explain, step by step, why the sky is blue."
SHAPE = Shape(n_embd=1024, n_layers=8, n_head=16, n_head_kv=4, n_ff=2816)


def raw_run(llm: object, prompt_tokens: list[int], n_tokens: int) -> tuple[float, float]:
    """(time to first token, decode tokens/s) straight through llama-cpp-python."""
    started = time.perf_counter()
    first = last = 0.0
    count = 0
    for token in llm.generate(prompt_tokens, top_k=40, top_p=0.95, min_p=0.0, temp=0.6):  # type: ignore[attr-defined]
        llm.detokenize([token])  # type: ignore[attr-defined]
        count += 1
        last = time.perf_counter()
        if count == 1:
            first = last
        if count == n_tokens:
            break
    return first - started, (count - 1) / (last - first)


def engine_run(client: EngineClient, n_tokens: int) -> tuple[float, float]:
    """Same measurement through the child process, the pipe and the splitter."""
    stamps: list[float] = []
    started = time.perf_counter()
    params = p.SamplingParams(max_tokens=n_tokens, ignore_eos=True, min_p=0.0)
    outcome = run_reasoning(client, [p.ChatMessage("user", PROMPT)], params,
                            on_event=lambda _e: stamps.append(time.perf_counter()))
    assert outcome.ok, outcome.error
    stats = outcome.result.stats  # per-token arrival times in this process
    assert stats.completion_tokens == n_tokens, stats
    return stamps[0] - started, stats.tokens_per_second or 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    from llama_cpp import Llama

    with tempfile.TemporaryDirectory() as folder:
        model = write_random_model(Path(folder) / "bench.gguf", shape=SHAPE)
        print(f"model: {model.stat().st_size / 1e6:.0f} MB F16, {args.tokens} tokens, "
              f"{args.threads} threads, {args.repeats} repeats")
        llm = Llama(str(model), n_ctx=1024, n_threads=args.threads, n_batch=512, verbose=False)
        prompt = render_prompt(R1_DISTILL_TEMPLATE, [Turn("user", PROMPT)], bos_token=BOS,
                               eos_token=EOS)
        prompt_tokens = llm.tokenize(prompt.encode(), add_bos=False, special=True)
        raw: list[tuple[float, float]] = []
        engine: list[tuple[float, float]] = []
        with EngineClient() as client:
            client.load(p.LoadModel(str(model), n_ctx=1024, n_threads=args.threads))
            raw_run(llm, prompt_tokens, 8)  # warm caches on both sides
            engine_run(client, 8)
            for _ in range(args.repeats):
                raw.append(raw_run(llm, prompt_tokens, args.tokens))
                engine.append(engine_run(client, args.tokens))
        llm.close()

    raw_speed = statistics.median(r[1] for r in raw)
    engine_speed = statistics.median(e[1] for e in engine)
    raw_ttft = statistics.median(r[0] for r in raw)
    engine_ttft = statistics.median(e[0] for e in engine)
    print(f"raw llama-cpp-python: {raw_speed:7.2f} tokens/s, first token {raw_ttft * 1000:6.1f} ms")
    print(f"denkspur engine:      {engine_speed:7.2f} tokens/s, first token {engine_ttft * 1000:6.1f} ms")
    ratio = engine_speed / raw_speed
    overhead_ms = (engine_ttft - raw_ttft) * 1000
    print(f"decode ratio engine/raw: {ratio:.3f} (goal >= 0.98) {'OK' if ratio >= 0.98 else 'MISSED'}")
    print(f"first-token overhead: {overhead_ms:+.1f} ms (goal <= 30 ms) "
          f"{'OK' if overhead_ms <= 30 else 'MISSED'}")


if __name__ == "__main__":
    main()
