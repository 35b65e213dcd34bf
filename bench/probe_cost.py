""""Probe every N sentences": the main generation is slowed by the probes' own cost, no more.

An automatic probe pauses the reply, writes a short side answer from a copy of
its context and lets the reply go on (the KV cache keeps the shared prefix). The
same reply is timed without probes and with a probe at every N-th sentence end,
in the same run; the extra time is set against the time the probes themselves
took (as the engine measured them). Goal: extra time <= 1.1 x the probes' time
(the counting of sentence ends and the resumption cost next to nothing).

    python bench/probe_cost.py [--tokens 600] [--every 2]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.testing.tiny_model import Shape, write_random_model

QUESTION = [p.ChatMessage("user", "Think about prime numbers for a while.")]
SHAPE = Shape(n_embd=1024, n_layers=8, n_head=16, n_head_kv=4, n_ff=2816)  # as bench/engine_throughput.py


def timed_reply(client: EngineClient, tokens: int, every: int) -> tuple[float, int, float]:
    """(seconds of the whole reply, probes answered, seconds the probes took)."""
    params = p.SamplingParams(max_tokens=tokens, ignore_eos=True, min_p=0.0, temperature=0.0, seed=7,
                              probe_every=every)
    probes, probe_seconds = 0, 0.0
    started = time.perf_counter()
    for event in client.generate(QUESTION, params):
        if isinstance(event, p.ProbeAnswer):
            probes += 1
            probe_seconds += event.seconds
    return time.perf_counter() - started, probes, probe_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=600, help="tokens of the reply")
    parser.add_argument("--every", type=int, default=2, help="probe every N sentences")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        model = write_random_model(Path(folder) / "bench.gguf", shape=SHAPE, n_vocab=8000)
        with EngineClient() as client:
            client.load(p.LoadModel(str(model), n_ctx=args.tokens * 2 + 512, n_threads=2))
            timed_reply(client, 16, 0)  # warm-up
            plain, probed, spent, counts = [], [], [], []
            for _ in range(args.repeats):
                plain.append(timed_reply(client, args.tokens, 0)[0])
                seconds, probes, probe_seconds = timed_reply(client, args.tokens, args.every)
                probed.append(seconds)
                spent.append(probe_seconds)
                counts.append(probes)
    base, with_probes, cost = statistics.median(plain), statistics.median(probed), statistics.median(spent)
    extra = with_probes - base
    print(f"reply of {args.tokens} tokens, probe every {args.every} sentences; medians of {args.repeats}")
    print(f"without probes:               {base:7.2f} s")
    print(f"with {statistics.median(counts):4.0f} probes:             {with_probes:7.2f} s")
    print(f"the probes' own time:         {cost:7.2f} s")
    if cost > 0:
        print(f"extra time / probes' time:    {extra / cost:7.2f}  (goal <= 1.1)")
    else:
        print("no probe ran (no sentence ends in this text): nothing to compare")


if __name__ == "__main__":
    main()
