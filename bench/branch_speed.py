"""Branching from a step: time to the first new token against one decode step, in the same run.

"Continue differently from here" regenerates from just before a sentence: the
prompt plus the trace up to there. The engine gives llama.cpp the very tokens the
model wrote (not a re-tokenization of their text), so the KV cache already holds
the whole prefix and the first new token should come about as fast as any next
token. Goal: on a 1,000-token prefix, first new token <= 1.5x one decode step.
For scale the same branch is also timed cold (cache evicted by another prompt).

    python bench/branch_speed.py [--tokens 1000]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import time
from pathlib import Path

from denkspur.core.trace.stream import StreamEvent, TraceText
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import Shape, write_random_model

QUESTION = [p.ChatMessage("user", "Think about prime numbers for a while.")]
OTHER = [p.ChatMessage("user", "Something else entirely, to evict the cache.")]
SHAPE = Shape(n_embd=1024, n_layers=8, n_head=16, n_head_kv=4, n_ff=2816)  # as bench/engine_throughput.py


def first_token_seconds(client: EngineClient, prefix: str) -> float:
    """Seconds from the request to the first token the model writes after ``prefix``."""
    started = time.perf_counter()
    params = p.SamplingParams(max_tokens=1, ignore_eos=True, min_p=0.0)
    for event in client.generate(QUESTION, params, trace_prefix=prefix):
        if isinstance(event, p.TokenText):
            return time.perf_counter() - started
    raise RuntimeError("no token came")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=1000, help="length of the trace to branch from")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        model = write_random_model(Path(folder) / "bench.gguf", shape=SHAPE, n_vocab=8000)
        with EngineClient() as client:
            # Room for the cold case too: re-tokenized text can take several times the tokens.
            client.load(p.LoadModel(str(model), n_ctx=args.tokens * 10 + 512, n_threads=2))
            warm, cold, steps = [], [], []
            for _ in range(args.repeats):
                stamps: list[float] = []
                trace: list[str] = []

                def on_event(event: StreamEvent, stamps: list[float] = stamps,
                             trace: list[str] = trace) -> None:
                    stamps.append(time.perf_counter())
                    if isinstance(event, TraceText):
                        trace.append(event.text)

                params = p.SamplingParams(max_tokens=args.tokens, ignore_eos=True, min_p=0.0, temperature=0.0)
                outcome = run_reasoning(client, QUESTION, params, on_event)
                assert outcome.ok, outcome.error
                steps.append(statistics.median(b - a for a, b in itertools.pairwise(stamps)))
                prefix = "".join(trace)
                warm.append(first_token_seconds(client, prefix))
                list(client.generate(OTHER, p.SamplingParams(max_tokens=1)))  # evict the cache
                cold.append(first_token_seconds(client, prefix))
    step, hot, fresh = statistics.median(steps), statistics.median(warm), statistics.median(cold)
    print(f"trace prefix: {args.tokens} tokens; medians of {args.repeats}")
    print(f"one decode step:              {step * 1000:7.2f} ms")
    print(f"branch, first new token:      {hot * 1000:7.2f} ms  = {hot / step:5.2f} x a decode step "
          f"(goal <= 1.5)")
    print(f"same branch, cache evicted:   {fresh * 1000:7.2f} ms  = {fresh / step:5.2f} x a decode step")


if __name__ == "__main__":
    main()
