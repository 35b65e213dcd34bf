"""What per-token signals cost: decode tokens/s with signals on versus off, in the same run.

Two random-weight models: the bench model of ``engine_throughput.py`` (F16, 32,000
tokens of vocabulary, a few hundred MB; a CPU-bound laptop rate) and a small fast
one (small dims, 8,000-token vocabulary, one thread) that decodes near 1,000 tokens/s, a GPU-like
rate where a fixed cost per token shows most. Runs alternate on and off so that
machine noise hits both; the medians are compared, and the spread of the "off"
runs is printed as the noise. Goals: ratio >= 0.97 (bench model), >= 0.95 (fast).

    python bench/signals_cost.py [--tokens 256] [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import Shape, write_random_model

PROMPT = "Explain, step by step, why the sky is blue."
MODELS = {  # name: (shape, vocabulary, goal, tokens factor, threads)
    "bench": (Shape(n_embd=1024, n_layers=8, n_head=16, n_head_kv=4, n_ff=2816), 32000, 0.97, 1, 2),
    # one thread: on a shared machine two spinning llama.cpp threads make a ~1 ms token very noisy
    "fast": (Shape(n_embd=256, n_layers=4, n_head=4, n_head_kv=2, n_ff=768), 8000, 0.95, 4, 1),
}


def decode_speed(client: EngineClient, n_tokens: int, signals: bool) -> float:
    params = p.SamplingParams(max_tokens=n_tokens, ignore_eos=True, min_p=0.0, signals=signals, seed=1)
    outcome = run_reasoning(client, [p.ChatMessage("user", PROMPT)], params)
    assert outcome.ok, outcome.error
    assert len(outcome.result.signals) == (n_tokens if signals else 0)
    return outcome.result.stats.tokens_per_second or 0.0


def measure(path: Path, n_tokens: int, repeats: int, threads: int) -> tuple[list[float], list[float]]:
    off: list[float] = []
    on: list[float] = []
    with EngineClient() as client:
        client.load(p.LoadModel(str(path), n_ctx=max(1024, n_tokens + 128), n_threads=threads))
        decode_speed(client, 16, True)  # warm up
        for repeat in range(repeats):
            first, second = (off, on) if repeat % 2 == 0 else (on, off)  # alternate who goes first
            first.append(decode_speed(client, n_tokens, first is on))
            second.append(decode_speed(client, n_tokens, second is on))
    return off, on


def in_loop_share(path: Path, n_tokens: int, threads: int, batch: int) -> tuple[float, float]:
    """(share of decode time the recorder takes, microseconds per token), timed inside one loop.

    Noise on a shared machine moves whole runs by tens of percent; timing the
    recorder on the very tokens it measures gives a steadier figure of its cost.
    ``batch``: tokens computed together (the tokens one pipe message carries).
    """
    import llama_cpp

    from denkspur.engine.child_io import TokenPieces
    from denkspur.engine.signals import SignalRecorder

    llm = llama_cpp.Llama(str(path), n_ctx=max(1024, n_tokens + 128), n_threads=threads, verbose=False)
    recorder = SignalRecorder(llm, TokenPieces(llm._model.vocab), llama_cpp.llama_get_logits_ith)
    prompt = llm.tokenize(PROMPT.encode(), add_bos=False)
    recording = 0.0
    count = 0
    started = time.perf_counter()
    for token in llm.generate(prompt, top_k=40, top_p=0.95, min_p=0.0, temp=0.6):
        before = time.perf_counter()
        count += 1
        recorder.capture(token, "")
        if count % batch == 0:
            recorder.flush()
        recording += time.perf_counter() - before
        if count == n_tokens:
            break
    total = time.perf_counter() - started
    llm.close()
    return recording / total, recording / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=128, help="tokens per run (x4 on the fast model)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None, help="default: 2 (bench), 1 (fast)")
    parser.add_argument("--only", choices=sorted(MODELS), default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, (shape, n_vocab, goal, factor, default_threads) in MODELS.items():
            if args.only and name != args.only:
                continue
            path = write_random_model(Path(folder) / f"{name}.gguf", shape=shape, n_vocab=n_vocab)
            n_tokens = args.tokens * factor
            threads = args.threads or default_threads
            off, on = measure(path, n_tokens, args.repeats, threads)
            ratio = statistics.median(on) / statistics.median(off)
            noise = (max(off) - min(off)) / statistics.median(off)
            print(f"{name}: {path.stat().st_size / 1e6:.0f} MB, vocabulary {n_vocab:,}, {n_tokens} tokens x "
                  f"{args.repeats}, {threads} threads")
            print(f"  signals off: median {statistics.median(off):8.1f} tokens/s  runs "
                  f"{' '.join(f'{v:.0f}' for v in off)}  (spread {noise:.1%})")
            print(f"  signals on:  median {statistics.median(on):8.1f} tokens/s  runs "
                  f"{' '.join(f'{v:.0f}' for v in on)}")
            print(f"  ratio on/off: {ratio:.3f} (goal >= {goal}) {'OK' if ratio >= goal else 'MISSED'}")
            for batch in (1, 8):
                share, micros = in_loop_share(path, n_tokens, threads, batch)
                print(f"  recorder inside the loop, {batch} token(s) a batch: {micros:.0f} µs/token, "
                      f"{share:.1%} of decode time (ratio without pipe and noise ≈ {1 - share:.3f})")


if __name__ == "__main__":
    main()
