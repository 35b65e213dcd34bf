"""Streaming a long trace into the trace panel: linear work, no long GUI stalls.

Feeds a synthetic R1-style trace, one token per update (the worst case; the app
batches ~30 updates a second), through the core stream into the real
TracePanel, once with 10,000 and once with 20,000 tokens. Prints the total time
for each (goal: 20k/10k ratio <= 2.2, i.e. linear) and the longest single GUI
update including event processing (goal < 50 ms).

    QT_QPA_PLATFORM=offscreen python bench/render_stream.py
"""

from __future__ import annotations

import os
import random
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from denkspur.core.trace.stream import ReasoningStream
from denkspur.gui.trace_panel import TracePanel

OPENERS = ["Wait,", "Hmm,", "Let me check:", "Alternatively,", "So", "Okay,", "Now", "Then"]
WORDS = tuple("the sum of two and three is five because we count on from three by two steps".split(" "))


def synthetic_tokens(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    tokens: list[str] = []
    while len(tokens) < count:
        tokens.append("\n\n" + rng.choice(OPENERS))
        for _ in range(rng.randint(20, 120)):
            tokens.append(" " + rng.choice(WORDS))
            if rng.random() < 0.08:
                tokens.append(".")
    return tokens[:count]


def run(app: QApplication, count: int) -> tuple[float, float, int]:
    panel = TracePanel()
    panel.resize(420, 760)
    panel.show()
    panel.begin_live()
    stream = ReasoningStream(assume_open=True)
    longest = 0.0
    started = time.perf_counter()
    for token in synthetic_tokens(count):
        before = time.perf_counter()
        panel.add_events(stream.feed(token))
        app.processEvents()
        longest = max(longest, time.perf_counter() - before)
    panel.add_events(stream.flush())
    app.processEvents()
    total = time.perf_counter() - started
    steps = panel.step_count()
    panel.end_live()
    panel.close()
    return total, longest, steps


def main() -> None:
    app = QApplication.instance() or QApplication([])
    run(app, 500)  # warm-up: fonts, caches
    small_total, small_stall, small_steps = run(app, 10_000)
    large_total, large_stall, large_steps = run(app, 20_000)
    ratio = large_total / small_total
    stall_ms = max(small_stall, large_stall) * 1000
    print(f"10k tokens: {small_total:6.2f} s ({small_steps} steps)")
    print(f"20k tokens: {large_total:6.2f} s ({large_steps} steps)")
    print(f"ratio 20k/10k: {ratio:.2f} (goal <= 2.2) {'OK' if ratio <= 2.2 else 'MISSED'}")
    print(f"longest GUI update: {stall_ms:.1f} ms (goal < 50 ms) {'OK' if stall_ms < 50 else 'MISSED'}")


if __name__ == "__main__":
    main()
