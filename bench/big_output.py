"""Large or fast output against the GUI thread: the longest stall per case.

Each case drives the real widgets the way the app does (batches of events,
then the event loop) and measures every GUI-thread turn: the call that hands
over a batch plus the event processing after it, and the turns that follow
while the views catch up. Goal: no turn over 50 ms. For scale, the same run
measures a baseline: one short Markdown answer card.

    QT_QPA_PLATFORM=offscreen python bench/big_output.py [--runs N] [--case TEXT ...]

Each stall is the longest turn's wall time, with the GUI thread's CPU time in that
turn beside it and how much of that went to garbage collection (wall time on a busy
machine includes waiting for a core, and for the GIL while the producer runs). On a
busy machine the longest turn in wall time is often one that waited, so the turn
that took the most GUI-thread CPU is printed too, with its collecting. With
``--runs N`` the cases run N times interleaved, and the median and the spread
(lowest-highest) are printed; ``--case`` runs only the cases whose name contains TEXT.

The two floods from a server take the app's whole path: a local server streams them,
the session process (its own process, session/process_runner.py) parses them, the
app's engine thread batches what comes over the pipe. Until 2026-12-07 the parsing
ran on a thread of the app's process (the app did so too), and the GUI thread's turns
waited for the GIL: 40-60 ms for 10-20 ms of their own work.

The floods hand the panel what the engine thread sends: batches of at most
MAX_BATCH_EVENTS events, made as they go (gui/engine_worker.py). Until 2026-12-07 one
case handed it the events of a whole megabyte at once (38,000 events); that case
measured the bench itself: 35-48 ms of its 46-64 ms were young-generation collections
walking the ~140,000 objects of the two megabytes' events the bench had made up front,
which the app never holds (its batches are capped, and shown before the next is sent).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from denkspur.core.conversations.store import Message, Version
from denkspur.core.trace.signals import TokenSignal
from denkspur.core.trace.stream import ReasoningStream, StreamEvent
from denkspur.gui.engine_worker import MAX_BATCH_EVENTS, MAX_IN_FLIGHT, EventBatcher, InFlightGate
from denkspur.gui.gc_guard import GuiThreadCollector
from denkspur.gui.launch import GIL_SWITCH_INTERVAL
from denkspur.gui.message_card import MessageCard
from denkspur.gui.trace_panel import TracePanel

GOAL_MS = 50.0
MB = 1_000_000


#: The longest turn: wall ms, GUI-thread CPU ms, of which collecting; then the turn with the
#: most GUI-thread CPU: its CPU ms, of which collecting.
Stall = tuple[float, float, float, float, float]


class _CollectionTime:
    """CPU time the garbage collector spent on the GUI thread (its timer collects there)."""

    def __init__(self) -> None:
        self.total = 0.0
        self._started = 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, _info: dict[str, int]) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        if phase == "start":
            self._started = time.thread_time()
        else:
            self.total += time.thread_time() - self._started


_COLLECTING = _CollectionTime()
#: Collects on the GUI thread as in the app; the cases wait for a full collection that waited for a live reply
#: (see gui/gc_guard.py), so that its turn is measured too.
_COLLECTOR: list[GuiThreadCollector] = []


def _collection_waits() -> bool:
    return any(collector.postponed for collector in _COLLECTOR)


def _turns(app: QApplication, steps: Iterable[Callable[[], object]], busy: Callable[[], bool],
           room: Callable[[], bool] = lambda: True) -> Stall:
    """Longest single GUI-thread turn while running ``steps``, then until not ``busy``.

    Before each step, turns run while there is no ``room``: the engine thread waits the
    same way for the window to show what it sent (:class:`InFlightGate`)."""
    longest = (0.0, 0.0, 0.0)
    busiest = (0.0, 0.0)  # the turn with the most GUI-thread CPU: CPU ms, of which collecting

    def turn(step: Callable[[], object] | None = None) -> None:
        nonlocal longest, busiest
        wall, cpu, collecting = time.perf_counter(), time.thread_time(), _COLLECTING.total
        if step is not None:
            step()
        app.processEvents()
        this = ((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000,
                (_COLLECTING.total - collecting) * 1000)
        longest = max(longest, this)
        busiest = max(busiest, this[1:])

    for step in steps:
        while not room():
            turn()
        turn(step)
    deadline = time.monotonic() + 300
    while busy() and time.monotonic() < deadline:
        turn()
    return (*longest, *busiest)


def _show(widget: QWidget) -> QWidget:
    widget.resize(600, 700)
    widget.show()
    return widget


def _events(batches: list[str], *, final: bool = True,
            signals: Iterable[tuple[TokenSignal, ...]] | None = None) -> Iterator[list[StreamEvent]]:
    """Stream events per batch, each computed before its turn is timed (the app does this on
    its worker thread) and dropped after it, as in the app: holding every batch's events at
    once would leave the garbage collector far more objects to walk than the app ever has.
    ``signals``: the token signals of each batch (the confidence strip of the map draws them),
    made batch by batch too: in the app they arrive with their batch from the engine."""
    stream = ReasoningStream(assume_open=True)
    if signals is None:
        for batch in batches:
            yield stream.feed(batch)
    else:
        for batch, records in zip(batches, signals, strict=True):
            yield stream.feed(batch, len(records), "model", records)
    if final:
        yield stream.flush()


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def _at_most(events: Iterable[list[StreamEvent]], count: int) -> Iterator[list[StreamEvent]]:
    """Each list of events in slices of at most ``count``, as the engine thread sends them
    (:class:`EventBatcher`: at most MAX_BATCH_EVENTS a batch, the next one made meanwhile)."""
    for batch in events:
        for first in range(0, len(batch), count):
            yield batch[first: first + count]


def trace_case(app: QApplication, batches: list[str],
               signals: Iterable[tuple[TokenSignal, ...]] | None = None, *,
               max_events: int | None = None) -> Stall:
    panel = _show(TracePanel())
    assert isinstance(panel, TracePanel)
    panel.begin_live(signals_expected=signals is not None)
    gate = InFlightGate(MAX_IN_FLIGHT)  # batches handed over, not yet shown: the app's backpressure

    def hand_over(events: list[StreamEvent]) -> None:
        gate.sent()
        panel.add_events(events, gate.shown)

    events = _events(batches, signals=signals)
    if max_events is not None:
        events = _at_most(events, max_events)
    steps = itertools.chain((lambda e=e: hand_over(e) for e in events), [panel.end_live])
    stall = _turns(app, steps, lambda: panel.pending > 0 or panel.text.pending > 0
                   or bool(panel._pending_steps) or panel.map_bar.pending > 0 or _collection_waits(),
                   lambda: gate.wait_for_room(0))
    assert panel.trace_text() == "".join(batches).strip()
    assert signals is None or panel.map_bar.map.has_curve
    panel.close()
    return stall


class _Relay(QObject):
    """Carries batches from the producer thread to the GUI thread, as the engine worker's signal does."""

    batch = Signal(list)


class _ServerFlood:
    """A local server that floods ``text`` as a reply's trace, and a session process (its
    own process, as in the app) connected to it, with a stored reply to fill."""

    def __init__(self, text: str, piece: int) -> None:
        import tempfile
        from pathlib import Path

        from denkspur.core.conversations.store import Store
        from denkspur.engine import protocol as p
        from denkspur.engine.remote import RemoteSettings
        from denkspur.session import conversation, store_path
        from denkspur.session.process_runner import ProcessRunner
        from replay_server import make_server, sse, sse_done

        def stream() -> Iterator[bytes]:
            yield from (sse("reasoning_content", chunk) for chunk in _chunks(text, piece))
            yield sse("content", "Done.")
            yield sse_done()

        self.server = make_server(0, 0, 0, stream=stream)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        folder = Path(tempfile.mkdtemp(prefix="denkspur-bench-"))
        self.runner = ProcessRunner(store_path(folder))
        self.runner.use_remote(RemoteSettings(f"http://127.0.0.1:{self.server.server_address[1]}/v1"))
        self.store = Store(store_path(folder))
        self.params = p.SamplingParams(max_tokens=len(text))
        self.prepared = conversation.send(self.store, None, "Flood", model="flood", params=self.params)

    def reply(self, on_event: Callable[[StreamEvent], None]) -> None:
        self.runner.reply(self.prepared.version_id, self.prepared.history, self.params, on_event)

    def close(self) -> None:
        self.runner.close()
        self.server.shutdown()
        self.store.close()


def flood_from_server_case(app: QApplication, text: str, piece: int) -> Stall:
    """A server floods a reply's trace as fast as it can, along the app's whole path: the
    session process (the remote client and the parsing, session/process_runner.py), its
    pipe, the engine thread's batching and backpressure (:class:`EventBatcher`,
    :class:`InFlightGate`, as EngineWorker.generate), then the panel."""
    flood = _ServerFlood(text, piece)
    panel = _show(TracePanel())
    assert isinstance(panel, TracePanel)
    panel.begin_live(estimated=True)
    gate = InFlightGate(MAX_IN_FLIGHT)
    relay = _Relay()
    counts = {"sent": 0, "received": 0}  # a batch sent may still wait in Qt's queue

    def receive(events: list[StreamEvent]) -> None:
        counts["received"] += 1
        panel.add_events(events, gate.shown)  # shown: once the panel has taken all of it

    def send(events: list[StreamEvent]) -> None:
        counts["sent"] += 1
        relay.batch.emit(events)

    relay.batch.connect(receive)
    batcher = EventBatcher(send, gate)
    done = threading.Event()

    def produce() -> None:  # the app's engine thread
        flood.reply(batcher.add)
        batcher.close()
        done.set()

    producer = threading.Thread(target=produce, daemon=True)
    producer.start()

    def ended() -> bool:
        if done.is_set() and counts["received"] == counts["sent"] and panel.is_live:
            panel.end_live()  # as the window does when the engine says the reply ended
        return not panel.is_live

    stall = _turns(app, [], lambda: not ended() or panel.pending > 0 or panel.text.pending > 0
                   or bool(panel._pending_steps) or panel.map_bar.pending > 0 or _collection_waits())
    producer.join()
    flood.close()
    assert panel.trace_text() == text.strip()
    panel.close()
    return stall


def answer_stream_case(app: QApplication, text: str, batch: int) -> Stall:
    card = _card("", "generating")
    card.begin_live()
    steps = (lambda e=e: card.add_events(e) for e in _events(["Thought.</think>", *_chunks(text, batch)]))
    long_view = lambda: card.long_answer.view.pending > 0 if card.long_answer else False  # noqa: E731
    stall = _turns(app, steps, long_view)
    card.close()
    return stall


def _card(answer: str, state: str = "complete") -> MessageCard:
    card = MessageCard(Message(1, 1, "assistant", [Version(7, 1, answer, state=state)], 0))
    _show(card)
    return card


def reopen_case(app: QApplication, answer: str) -> Stall:
    holder: list[MessageCard] = []
    stall = _turns(app, [lambda: holder.append(_card(answer))],
                   lambda: bool(holder and holder[0].long_answer and holder[0].long_answer.view.pending))
    holder[0].close()
    return stall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="run every case this many times, interleaved")
    parser.add_argument("--case", action="append", default=[], help="only cases whose name contains this")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    # Garbage is collected as in the app: on the GUI thread, from a timer (gui/gc_guard.py);
    # automatic collection would run on whichever thread allocates, the producer's too.
    collector = GuiThreadCollector(app).start()
    _COLLECTOR.append(collector)
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)  # as the app does (gui/launch.py)
    reopen_case(app, "warm-up **markdown**")
    collector.freeze_settled()  # as the app does once start-up has settled
    line = "x" * (5 * MB)
    # direction controls in every sentence, each shown as a marked stand-in (2 per 19 characters)
    controls = "Wait, \u202e5 = 3 + 2\u202c. " * (2 * MB // 19)
    paragraphs = ("Flood of reasoning text, sentence after sentence.\n\n" * (5 * MB // 52))
    answer = ("A long answer line with **bold** and `code`.\n" * 120_000)[: 5 * MB]
    table = ("|" + "|".join(f"c{i}" for i in range(5000)) + "|\n|" + "|".join("-" * 5000) + "|\n|"
             + "|".join(str(i) for i in range(5000)) + "|\n")
    cases = {
        "5 MB trace line, 100 KB batches": lambda: trace_case(app, _chunks(line, 100_000)),
        "2 MB trace, 2 direction controls per sentence":
            lambda: trace_case(app, _chunks(controls, 100_000)),
        "5 MB trace flood (96k steps), 2,000-event batches":
            lambda: trace_case(app, _chunks(paragraphs, 64_000), max_events=MAX_BATCH_EVENTS),
        "5 MB trace flood from a server, through the session process":
            lambda: flood_from_server_case(app, paragraphs, 64_000),
        "5 MB trace line from a server, through the session process":
            lambda: flood_from_server_case(app, line, 64_000),
        "20,000 trace tokens, 3 per batch (100 tok/s)": lambda: trace_case(app, _batches(20_000, 3)),
        "20,000 tokens with signals, 3 per batch": lambda: trace_case(app, *_signal_batches(20_000, 3)),
        "200,000 tokens with signals, 2,000 per batch":
            lambda: trace_case(app, *_signal_batches(200_000, 2_000)),
        "5 MB answer streamed, 100 KB batches": lambda: answer_stream_case(app, answer, 100_000),
        "5 MB answer reopened": lambda: reopen_case(app, answer),
        "5,000-column table answer opened": lambda: reopen_case(app, table),
    }
    chosen = {name: case for name, case in cases.items()
              if not args.case or any(part in name for part in args.case)}
    baselines: list[Stall] = []
    results: dict[str, list[Stall]] = {name: [] for name in chosen}
    for _run in range(max(1, args.runs)):
        baselines.append(reopen_case(app, "A short answer: 2 + 3 = **5**.\n\n- one\n- two\n"))
        for name, case in chosen.items():
            gc.collect()  # each case starts from a clean heap: no garbage of the last one to walk
            results[name].append(case())
    baseline = statistics.median(stall[0] for stall in baselines)
    print(f"baseline (short Markdown answer card): {baseline:7.1f} ms")
    for name, stalls in results.items():
        walls = [stall[0] for stall in stalls]
        busiest = [stall[3] for stall in stalls]
        stall, cpu, collecting, most_cpu, its_collecting = (statistics.median(column)
                                                            for column in zip(*stalls, strict=True))
        verdict = "OK" if stall < GOAL_MS else "MISSED"
        spread = f" [{min(walls):.0f}-{max(walls):.0f} ms over {len(walls)} runs]" if len(walls) > 1 else ""
        cpu_spread = f" [{min(busiest):.0f}-{max(busiest):.0f} ms]" if len(busiest) > 1 else ""
        print(f"{name:48s} longest GUI-thread stall {stall:7.1f} ms "
              f"({stall / max(baseline, 0.1):5.1f}x baseline) goal < {GOAL_MS:.0f} ms {verdict}"
              f" (CPU {cpu:.1f} ms, collecting garbage {collecting:.1f} ms){spread}"
              f"; most GUI-thread CPU in one turn {most_cpu:.1f} ms (collecting {its_collecting:.1f} ms)"
              f"{cpu_spread}")
    collector.stop()


def _signal_batches(count: int, per_batch: int) -> tuple[list[str], Iterator[tuple[TokenSignal, ...]]]:
    """Like :func:`_batches`, each token with a made-up signal (doubt openers less sure).

    The signals are made batch by batch as the case takes them, and not kept here: in the
    app each batch's records come from the engine with it, and only what the app keeps of
    them stays (a list of every record made here would be 200,000 objects for the garbage
    collector that the app does not have)."""
    import random

    from render_stream import synthetic_tokens

    tokens = synthetic_tokens(count)

    def signals() -> Iterator[tuple[TokenSignal, ...]]:
        rng = random.Random(5)
        for i in range(0, count, per_batch):
            yield tuple(TokenSignal(t, -rng.uniform(1, 3) if t.startswith("\n") else -rng.expovariate(6), 0.5,
                                    ((t, 0.5), (" x", 0.2))) for t in tokens[i: i + per_batch])

    return [''.join(tokens[i: i + per_batch]) for i in range(0, count, per_batch)], signals()


def _batches(count: int, per_batch: int) -> list[str]:
    from render_stream import synthetic_tokens

    tokens = synthetic_tokens(count)
    return ["".join(tokens[i : i + per_batch]) for i in range(0, count, per_batch)]


if __name__ == "__main__":
    main()
