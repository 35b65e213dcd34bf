"""Decode speed through the engine (and the whole app) versus raw llama-cpp-python.

The engine adds a child process, pipe messages and the reasoning splitter and
step tracker; the app adds its window, trace panel and store on top. This
measures what that costs, in one run, on two random-weight F16 models:

* "312 MB": a few hundred MB, a laptop-CPU token rate (goal: engine/raw >= 0.99);
* "fast": small enough to decode near 1,000 tokens/s, the rate of a 1.5B model
  on a consumer GPU, where per-token overhead shows (goal: engine/raw >= 0.97;
  the whole app, offscreen, >= 0.95).

Same prompt, threads, sampling and token count on both sides; raw and engine
runs alternate (and swap order every pair) so that machine noise hits both, and
each ratio is the median of per-pair ratios, printed with its spread. Time to
first token overhead (engine minus raw, both with the prompt cached): <= 30 ms.
CPU time per token (this process and the engine child) is printed too: it is
far less noisy than wall time on a shared machine.

    QT_QPA_PLATFORM=offscreen python bench/engine_throughput.py [--repeats 7] [--no-app]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from denkspur.core.conversations.chat_template import Turn, render_prompt
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import BOS, EOS, R1_DISTILL_TEMPLATE, Shape, write_random_model

PROMPT = "Explain, step by step, why the sky is blue."


@dataclass(frozen=True)
class BenchModel:
    name: str
    shape: Shape
    tokens: int
    engine_goal: float


MODELS = (
    BenchModel("312 MB", Shape(n_embd=1024, n_layers=8, n_head=16, n_head_kv=4, n_ff=2816), 128, 0.99),
    BenchModel("fast", Shape(n_embd=256, n_layers=8, n_head=4, n_head_kv=2, n_ff=704), 1000, 0.97),
)
APP_GOAL = 0.95
TTFT_GOAL_MS = 30.0


@dataclass(frozen=True)
class Run:
    ttft: float  # seconds from the request to the first token
    speed: float  # decode tokens/s after the first token
    cpu_per_token: float  # seconds of CPU (both processes for the engine)


def children_cpu() -> float:
    """CPU seconds of this process's children (the engine child)."""
    return sum(sum(child.cpu_times()[:2]) for child in psutil.Process().children())


def raw_run(llm: Any, prompt_tokens: list[int], n_tokens: int) -> Run:
    """Straight through llama-cpp-python, detokenizing each token as an app must."""
    cpu = time.process_time()
    started = time.perf_counter()
    first = last = 0.0
    count = 0
    for token in llm.generate(prompt_tokens, top_k=40, top_p=0.95, min_p=0.0, temp=0.6):
        llm.detokenize([token])
        count += 1
        last = time.perf_counter()
        if count == 1:
            first = last
        if count == n_tokens:
            break
    return Run(first - started, (count - 1) / (last - first), (time.process_time() - cpu) / count)


class FirstTokenClock:
    """The engine as a backend that notes when the first token reaches this process.

    The first *event* can come a token later (leading whitespace of a trace is
    not shown), and raw llama-cpp-python is timed to its first token too.
    """

    def __init__(self, client: EngineClient) -> None:
        self.client = client
        self.first = 0.0

    def generate(self, messages: Any, params: Any, **options: Any) -> Iterator[Any]:
        self.first = 0.0
        for event in self.client.generate(messages, params, **options):
            if not self.first and isinstance(event, p.TokenText):
                self.first = time.perf_counter()
            yield event


def engine_run(client: EngineClient, n_tokens: int) -> Run:
    """Same measurement through the child process, the pipe, the splitter and the steps."""
    cpu = time.process_time() + children_cpu()
    backend = FirstTokenClock(client)
    started = time.perf_counter()
    params = p.SamplingParams(max_tokens=n_tokens, ignore_eos=True, min_p=0.0)
    outcome = run_reasoning(backend, [p.ChatMessage("user", PROMPT)], params)  # type: ignore[arg-type]
    assert outcome.ok, outcome.error
    stats = outcome.result.stats  # per-token arrival times in this process
    assert stats.completion_tokens == n_tokens, stats
    used = time.process_time() + children_cpu() - cpu
    return Run(backend.first - started, stats.tokens_per_second or 0.0, used / n_tokens)


def paired(repeats: int, raw: Callable[[], Run], other: Callable[[], Run]) -> list[tuple[Run, Run]]:
    """``repeats`` (raw, other) pairs, alternating which side goes first."""
    pairs = []
    for index in range(repeats):
        if index % 2:
            second = other()
            pairs.append((raw(), second))
        else:
            first = raw()
            pairs.append((first, other()))
    return pairs


def report(label: str, pairs: list[tuple[Run, Run]], goal: float, *, ttft: bool = True) -> None:
    ratios = sorted(o.speed / r.speed for r, o in pairs)
    raw_speed = statistics.median(r.speed for r, _ in pairs)
    speed = statistics.median(o.speed for _, o in pairs)
    ratio = statistics.median(ratios)
    print(f"  raw llama-cpp-python {raw_speed:8.1f} tokens/s, {label} {speed:8.1f} tokens/s")
    print(f"  ratio {label}/raw: {ratio:.3f} (pairs {ratios[0]:.3f}-{ratios[-1]:.3f}; "
          f"goal >= {goal}) {'OK' if ratio >= goal else 'MISSED'}")
    cpu_raw = statistics.median(r.cpu_per_token for r, _ in pairs) * 1e6
    cpu_other = statistics.median(o.cpu_per_token for _, o in pairs) * 1e6
    print(f"  CPU per token: raw {cpu_raw:.0f} us, {label} {cpu_other:.0f} us "
          f"({cpu_other - cpu_raw:+.0f} us)")
    if ttft:
        overheads = sorted((o.ttft - r.ttft) * 1000 for r, o in pairs)
        overhead = statistics.median(overheads)
        print(f"  first-token overhead: {overhead:+.1f} ms (pairs {overheads[0]:+.1f}..{overheads[-1]:+.1f}; "
              f"goal <= {TTFT_GOAL_MS:.0f} ms) {'OK' if overhead <= TTFT_GOAL_MS else 'MISSED'}")


def open_raw(model: Path, threads: int) -> tuple[Any, list[int]]:
    from llama_cpp import Llama

    llm = Llama(str(model), n_ctx=2048, n_threads=threads, n_batch=512, verbose=False)
    prompt = render_prompt(R1_DISTILL_TEMPLATE, [Turn("user", PROMPT)], bos_token=BOS, eos_token=EOS)
    return llm, llm.tokenize(prompt.encode(), add_bos=False, special=True)


def bench_engine(bench: BenchModel, model: Path, repeats: int, threads: int) -> None:
    llm, prompt_tokens = open_raw(model, threads)
    with EngineClient() as client:
        client.load(p.LoadModel(str(model), n_ctx=2048, n_threads=threads))
        raw_run(llm, prompt_tokens, 8)  # warm caches on both sides
        engine_run(client, 8)
        pairs = paired(repeats, lambda: raw_run(llm, prompt_tokens, bench.tokens),
                       lambda: engine_run(client, bench.tokens))
    llm.close()
    report("engine", pairs, bench.engine_goal)


def bench_app(model: Path, n_tokens: int, repeats: int, threads: int, folder: Path) -> None:
    """The real main window (trace panel, chat, store), offscreen, against raw."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from denkspur.core.settings import Settings
    from denkspur.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["bench"])
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):  # the window's layout
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))  # stays out of the user's config
    app.setApplicationName("Denkspur bench")
    settings = Settings(model_path=str(model), context_size=2048, language="en", threads=threads,
                        max_tokens=n_tokens, gpu_layers=0)
    window = MainWindow(data_path=folder / "data", settings=settings,
                        settings_path=folder / "settings.json")
    window.show()
    session = window.session

    def wait_for(signal: Any, timeout_ms: int = 120_000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    if session.model is None:
        wait_for(session.model_changed)
    assert session.model is not None, "the app could not load the bench model"
    gui_lag: list[float] = []

    def app_run() -> Run:
        done: list[Any] = []
        last_batch = [0.0]
        received = session.live_events.connect(lambda *_a: last_batch.__setitem__(0, time.perf_counter()))
        finished = session.generation_finished.connect(done.append)
        cpu = time.process_time() + children_cpu()
        window.composer.editor.setPlainText(PROMPT)
        window.composer.send_button.click()
        while not done:
            wait_for(session.generation_finished)
        session.live_events.disconnect(received)
        session.generation_finished.disconnect(finished)
        stats = done[0].outcome.result.stats  # arrival times on the engine thread of the app
        gui_lag.append(time.perf_counter() - last_batch[0])
        used = time.process_time() + children_cpu() - cpu
        return Run(stats.time_to_first_token or 0.0, stats.tokens_per_second or 0.0,
                   used / max(stats.completion_tokens, 1))

    llm, prompt_tokens = open_raw(model, threads)
    raw_run(llm, prompt_tokens, 8)
    app_run()
    pairs = paired(repeats, lambda: raw_run(llm, prompt_tokens, n_tokens), app_run)
    llm.close()
    report("app", pairs, APP_GOAL, ttft=False)
    print(f"  window caught up {statistics.median(gui_lag) * 1000:.0f} ms after the last batch (median)")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="raw/engine pairs per model")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-app", action="store_true", help="skip the whole-app measurement")
    args = parser.parse_args()
    print(f"{args.threads} threads, {args.repeats} interleaved pairs per measurement, "
          f"load average {psutil.getloadavg()[0]:.1f} on {psutil.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for bench in MODELS:
            model = write_random_model(folder / f"{bench.name.replace(' ', '')}.gguf", shape=bench.shape)
            print(f"{bench.name} model: {model.stat().st_size / 1e6:.0f} MB F16, {bench.tokens} tokens")
            bench_engine(bench, model, args.repeats, args.threads)
        if not args.no_app:
            fast = MODELS[-1]
            print(f"whole app, {fast.name} model, offscreen window with trace panel and store")
            bench_app(folder / f"{fast.name}.gguf", fast.tokens, args.repeats, args.threads, folder)
    print(f"load average now {psutil.getloadavg()[0]:.1f}: wall-time ratios on a loaded machine "
          "vary by a few percent; compare the spread")


if __name__ == "__main__":
    main()
