"""``denkspur chat``: one question to a local model, its reasoning streamed.

Plain mode prints the trace to stderr (dimmed on a terminal) and the answer to
stdout, so ``denkspur chat … > answer.txt`` keeps just the answer. ``--json``
prints one event per line on stdout::

    {"event": "trace", "text": ...}       trace text as it streams
    {"event": "answer", "text": ...}      answer text as it streams
    {"event": "step", "index", "kind", "text", "start", "end"}   a finished step
    {"event": "done", "trace", "answer", "finished", "steps", "stats", "stop_reason"}
    {"event": "error", "kind", "message"}

The exit code is 0 only when the generation completed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TextIO

from denkspur.cli.exit_codes import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK
from denkspur.core.models.gguf_info import GGUFError, check_chat_model, read_gguf_info
from denkspur.core.trace.stream import AnswerText, StepDone, StreamEvent, TraceClosed, TraceText
from denkspur.engine import protocol as p
from denkspur.engine.autoload import load_auto
from denkspur.engine.client import EngineClient
from denkspur.engine.errors import EngineError
from denkspur.engine.reasoning_run import RunOutcome, run_reasoning


def _json_line(out: TextIO, payload: dict[str, object]) -> None:
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    out.flush()


class _JsonPrinter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def event(self, event: StreamEvent) -> None:
        if isinstance(event, TraceText):
            _json_line(self.out, {"event": "trace", "text": event.text})
        elif isinstance(event, AnswerText):
            _json_line(self.out, {"event": "answer", "text": event.text})
        elif isinstance(event, StepDone):
            _json_line(self.out, {"event": "step", **event.step.to_dict()})

    def done(self, outcome: RunOutcome) -> None:
        payload: dict[str, object] = {"event": "done", **outcome.result.to_dict()}
        payload["stop_reason"] = outcome.stop_reason
        payload["dropped_messages"] = outcome.dropped_messages
        _json_line(self.out, payload)

    def error(self, kind: str, message: str, **extra: object) -> None:
        _json_line(self.out, {"event": "error", "kind": kind, "message": message, **extra})


class _TextPrinter:
    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.dim = err.isatty()
        self._in_trace = False

    def event(self, event: StreamEvent) -> None:
        if isinstance(event, TraceText):
            if not self._in_trace:
                self._in_trace = True
                self.err.write(_dim("Thinking…\n", self.dim))
            self.err.write(_dim(event.text, self.dim))
            self.err.flush()
        elif isinstance(event, TraceClosed):
            seconds = event.thinking_seconds
            note = f"Thought for {seconds:.1f} s" if seconds is not None else "Thought"
            self.err.write(_dim(f"\n── {note} ──\n", self.dim))
            self.err.flush()
        elif isinstance(event, AnswerText):
            self.out.write(event.text)
            self.out.flush()

    def done(self, outcome: RunOutcome) -> None:
        result = outcome.result
        self.out.write("\n")
        stats = result.stats
        speed = f", {stats.tokens_per_second:.1f} tokens/s" if stats.tokens_per_second else ""
        summary = (
            f"[{stats.trace_tokens} trace + {stats.answer_tokens} answer tokens, "
            f"{stats.steps} steps, {stats.self_corrections} self-corrections{speed}]"
        )
        if not result.finished:
            summary += " [the trace did not finish: no answer yet; raise --max-tokens]"
        self.err.write(_dim(summary + "\n", self.dim))

    def error(self, kind: str, message: str, **_extra: object) -> None:
        self.err.write(f"\ndenkspur: {message}\n")


def _dim(text: str, enabled: bool) -> str:
    return f"\x1b[2m{text}\x1b[0m" if enabled else text


def run_chat(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    printer = _JsonPrinter(out) if args.json else _TextPrinter(out, err)
    if args.server:
        return _chat_remote(args, printer)
    from denkspur.cli.models import resolve_model

    args.model = resolve_model(args.model)
    try:
        check_chat_model(read_gguf_info(args.model))
    except GGUFError as error:
        printer.error("bad-model", str(error))
        return EXIT_FAILED
    with EngineClient(fault=args.engine_fault) as client:
        return _until_interrupted(client, lambda: _chat(client, args, printer.event, printer), printer)


def _chat_remote(args: argparse.Namespace, printer: _JsonPrinter | _TextPrinter) -> int:
    import os

    from denkspur.engine.remote import RemoteClient, RemoteSettings, load_api_key

    key = os.environ.get("DENKSPUR_API_KEY") or load_api_key(args.server)
    settings = RemoteSettings(args.server, model=str(args.model or ""), api_key=key,
                              timeout=args.timeout, verify_tls=not args.insecure)
    with RemoteClient(settings) as client:
        try:
            client.load()
        except EngineError as error:
            printer.error(error.kind, error.message)
            return EXIT_FAILED
        return _until_interrupted(client, lambda: _generate(client, args, printer.event, printer), printer)


def _until_interrupted(client: object, work: Callable[[], int], printer: _JsonPrinter | _TextPrinter) -> int:
    """Run ``work``; Ctrl+C cancels the generation and reports it."""
    try:
        return work()
    except KeyboardInterrupt:
        client.cancel()  # type: ignore[attr-defined]
        printer.error("interrupted", "interrupted")
        return EXIT_INTERRUPTED


def _chat(
    client: EngineClient,
    args: argparse.Namespace,
    on_event: Callable[[StreamEvent], None],
    printer: _JsonPrinter | _TextPrinter,
) -> int:
    try:
        if args.gpu_layers == "auto":
            for note in load_auto(client, str(args.model), args.ctx, args.threads).notes:
                print(f"denkspur: {note}", file=sys.stderr)
        else:
            client.load(p.LoadModel(str(args.model), n_ctx=args.ctx, n_gpu_layers=int(args.gpu_layers),
                                    n_threads=args.threads))
    except EngineError as error:
        printer.error(error.kind, error.message)
        return EXIT_FAILED
    return _generate(client, args, on_event, printer)


def _generate(
    client: object,
    args: argparse.Namespace,
    on_event: Callable[[StreamEvent], None],
    printer: _JsonPrinter | _TextPrinter,
) -> int:
    params = p.SamplingParams(temperature=args.temperature, top_p=args.top_p, seed=args.seed,
                              max_tokens=args.max_tokens)
    outcome = run_reasoning(client, [p.ChatMessage("user", args.prompt)], params, on_event)  # type: ignore[arg-type]
    if outcome.error is not None:
        printer.error(outcome.error.kind, outcome.error.message,
                      partial={"trace": outcome.result.trace, "answer": outcome.result.answer})
        return EXIT_FAILED
    printer.done(outcome)
    return EXIT_OK
