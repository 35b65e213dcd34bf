"""What per-token signals cost: decode tokens/s with signals on versus off, in the same run.

Two random-weight models: the bench model of ``engine_throughput.py`` (F16, 32,000
tokens of vocabulary, a few hundred MB; a CPU-bound laptop rate) and a small fast
one (small dims, 8,000-token vocabulary, one thread) that decodes near 1,000 tokens/s, a GPU-like
rate where a fixed cost per token shows most. Goals: ratio >= 0.97 (bench model), >= 0.95 (fast).
With signals the engine coalesces tokens over 32 ms instead of 8 (``SIGNALS_BATCH_SECONDS``):
the recorder computes a message's tokens together, cheaper per token the more they are.

Runs come in on/off pairs (who goes first alternates) so that machine noise hits
both; each figure is the median of the per-pair ratios, printed with their spread:

* decode tokens/s (wall clock, as the reply's stats measure it): the goal's figure,
  but on a shared machine whole runs move by tens of percent;
* CPU per token of the engine child (where the signals are computed) and of this
  process (which receives and splits them): far steadier; its ratio off/on is what
  the speed ratio would be if the child had a core to itself;
* the recorder's own CPU time inside the decode loop (a plain llama-cpp-python
  loop here, with and without the recorder in alternating blocks of tokens).

    python bench/signals_cost.py [--tokens 128] [--repeats 7] [--only fast]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

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
#: Tokens per block of the in-loop measurement (recorder on, then off, and so on).
BLOCK = 32


@dataclass(frozen=True)
class Run:
    tokens_per_second: float
    child_cpu: float  # seconds per token, the engine child
    own_cpu: float  # seconds per token, this process


def decode(client: EngineClient, n_tokens: int, signals: bool) -> Run:
    params = p.SamplingParams(max_tokens=n_tokens, ignore_eos=True, min_p=0.0, signals=signals, seed=1)
    child = psutil.Process(client.pid)
    before_child, before_own = sum(child.cpu_times()[:2]), time.process_time()
    outcome = run_reasoning(client, [p.ChatMessage("user", PROMPT)], params)
    child_cpu, own_cpu = sum(child.cpu_times()[:2]) - before_child, time.process_time() - before_own
    assert outcome.ok, outcome.error
    assert len(outcome.result.signals) == (n_tokens if signals else 0)
    return Run(outcome.result.stats.tokens_per_second or 0.0, child_cpu / n_tokens, own_cpu / n_tokens)


def measure(path: Path, n_tokens: int, repeats: int, threads: int) -> list[tuple[Run, Run]]:
    """(off, on) pairs of runs on one engine; the first of each pair alternates."""
    pairs = []
    with EngineClient() as client:
        client.load(p.LoadModel(str(path), n_ctx=max(1024, n_tokens + 128), n_threads=threads))
        decode(client, 16, True)  # warm up
        for repeat in range(repeats):
            if repeat % 2 == 0:
                off = decode(client, n_tokens, False)
                on = decode(client, n_tokens, True)
            else:
                on = decode(client, n_tokens, True)
                off = decode(client, n_tokens, False)
            pairs.append((off, on))
    return pairs


def ratio_line(label: str, ratios: list[float], goal: float | None = None) -> str:
    median = statistics.median(ratios)
    verdict = f" (goal >= {goal}) {'OK' if median >= goal else 'MISSED'}" if goal is not None else ""
    return (f"  {label}: {median:.3f}{verdict}  pairs {' '.join(f'{r:.2f}' for r in ratios)}"
            f"  (spread {min(ratios):.2f}-{max(ratios):.2f})")


def in_loop(path: Path, n_tokens: int, threads: int, batch: int) -> tuple[float, float, float]:
    """(recorder µs/token, decode µs/token, share): the recorder's decode-thread CPU time,
    medians over alternating blocks with and without it, in one generation.

    ``batch``: tokens computed together (the tokens one pipe message carries).
    """
    import llama_cpp

    from denkspur.engine.child_io import TokenPieces
    from denkspur.engine.signals import SignalRecorder

    llm = llama_cpp.Llama(str(path), n_ctx=n_tokens + 256, n_threads=threads, verbose=False)
    recorder = SignalRecorder(llm, TokenPieces(llm._model.vocab), llama_cpp.llama_get_logits_ith)
    prompt = llm.tokenize(PROMPT.encode(), add_bos=False)
    recording: list[float] = []  # the recorder's CPU per token, per block with it
    plain: list[float] = []  # the decode thread's CPU per token, per block without it
    spent = 0.0
    block_started = time.thread_time()
    for count, token in enumerate(llm.generate(prompt, top_k=40, top_p=0.95, min_p=0.0, temp=0.6)):
        on = (count // BLOCK) % 2 == 1
        if on:
            before = time.thread_time()
            recorder.capture(token, "")
            if count % batch == batch - 1 or count % BLOCK == BLOCK - 1:
                recorder.flush()
            spent += time.thread_time() - before
        if count % BLOCK == BLOCK - 1:
            if on:
                recording.append(spent / BLOCK)
            else:
                plain.append((time.thread_time() - block_started) / BLOCK)
            spent, block_started = 0.0, time.thread_time()
        if count + 1 >= n_tokens:
            break
    llm.close()
    cost, decode_cpu = statistics.median(recording), statistics.median(plain)
    return cost * 1e6, decode_cpu * 1e6, cost / decode_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=128, help="tokens per run (x4 on the fast model)")
    parser.add_argument("--repeats", type=int, default=7, help="on/off pairs per model")
    parser.add_argument("--threads", type=int, default=None, help="default: 2 (bench), 1 (fast)")
    parser.add_argument("--only", choices=sorted(MODELS), default=None)
    parser.add_argument("--no-loop", action="store_true", help="skip the in-loop measurement")
    args = parser.parse_args()
    print(f"load average {psutil.getloadavg()[0]:.1f} on {psutil.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        for name, (shape, n_vocab, goal, factor, default_threads) in MODELS.items():
            if args.only and name != args.only:
                continue
            path = write_random_model(Path(folder) / f"{name}.gguf", shape=shape, n_vocab=n_vocab)
            n_tokens = args.tokens * factor
            threads = args.threads or default_threads
            pairs = measure(path, n_tokens, args.repeats, threads)
            off = [o.tokens_per_second for o, _ in pairs]
            on = [o.tokens_per_second for _, o in pairs]
            print(f"{name}: {path.stat().st_size / 1e6:.0f} MB, vocabulary {n_vocab:,}, {n_tokens} tokens x "
                  f"{args.repeats} pairs, {threads} threads")
            print(f"  signals off: median {statistics.median(off):8.1f} tokens/s  runs "
                  f"{' '.join(f'{v:.0f}' for v in off)}")
            print(f"  signals on:  median {statistics.median(on):8.1f} tokens/s  runs "
                  f"{' '.join(f'{v:.0f}' for v in on)}")
            print(ratio_line("ratio on/off (tokens/s)", [b.tokens_per_second / a.tokens_per_second
                                                         for a, b in pairs], goal))
            print(ratio_line("child CPU per token, ratio off/on",
                             [a.child_cpu / b.child_cpu for a, b in pairs], goal))
            child_off = statistics.median(a.child_cpu for a, _ in pairs) * 1e6
            child_on = statistics.median(b.child_cpu for _, b in pairs) * 1e6
            own_off = statistics.median(a.own_cpu for a, _ in pairs) * 1e6
            own_on = statistics.median(b.own_cpu for _, b in pairs) * 1e6
            print(f"  CPU per token (medians): child {child_off:.0f} -> {child_on:.0f} µs "
                  f"({child_on - child_off:+.0f}), this process {own_off:.0f} -> {own_on:.0f} µs "
                  f"({own_on - own_off:+.0f})")
            if args.no_loop:
                continue
            for batch in (1, 8, 32):  # 32: a message's tokens at ~1,000 tokens/s (SIGNALS_BATCH_SECONDS)
                cost, decode_cpu, share = in_loop(path, max(2 * n_tokens, 8 * BLOCK), threads, batch)
                print(f"  recorder inside the loop, {batch} token(s) a batch: {cost:.0f} µs/token of "
                      f"{decode_cpu:.0f} µs decode CPU, {share:.1%} (ratio ≈ {1 / (1 + share):.3f})")


if __name__ == "__main__":
    main()
