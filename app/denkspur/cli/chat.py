"""``denkspur chat``: one question to a local model, its reasoning streamed.

Plain mode prints the trace to stderr (dimmed on a terminal) and the answer to
stdout, so ``denkspur chat … > answer.txt`` keeps just the answer. ``--json``
prints one event per line on stdout::

    {"event": "trace", "text": ...}       trace text as it streams
    {"event": "answer", "text": ...}      answer text as it streams
                                          (with --signals both add "tokens": [{"text", "logprob",
                                          "entropy", "top": [[text, prob], ...]}] and the done
                                          stats gain mean_logprob, mean_entropy, forking_tokens,
                                          lowest_window_confidence; or "signals": "unavailable"
                                          when a server sent no token probabilities)
    {"event": "step", "index", "kind", "text", "start", "end"}   a finished step
    {"event": "trace-withdrawn"}          the text sent as trace was the answer (it follows)
    {"event": "sentence", "index", "start", "end", "function", "step"}   a finished sentence
    {"event": "done", "trace", "answer", "finished", "steps", "stats", "stop_reason"}
    {"event": "error", "kind", "message"}

With ``--save`` (a new conversation) or ``--conversation ID`` (continue one;
its history is sent) the exchange, trace included, is stored where the app
keeps its conversations, and ``done`` (or ``error``) adds ``"conversation": ID``.

The exit code is 0 only when the generation completed.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from denkspur.cli.exit_codes import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK
from denkspur.core.conversations.store import StoreError
from denkspur.core.models.gguf_info import GGUFError, check_chat_model, read_gguf_info
from denkspur.core.settings import data_dir
from denkspur.core.text.terminal import strip_terminal_controls
from denkspur.core.trace.stream import (
    AnswerText,
    SentenceDone,
    StepDone,
    StreamEvent,
    TraceClosed,
    TraceText,
    TraceWithdrawn,
)
from denkspur.engine import protocol as p
from denkspur.engine.errors import EngineError
from denkspur.session import conversation, store_path
from denkspur.session.loading import ModelRequest
from denkspur.session.reply import RunOutcome, StoreSaver, run_reply
from denkspur.session.runner import ChatRunner


def _json_line(out: TextIO, payload: dict[str, object]) -> None:
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    out.flush()


class _JsonPrinter:
    def __init__(self, out: TextIO, *, signals: bool = False) -> None:
        self.out = out
        self.signals = signals  # --signals: every trace/answer event carries "tokens"

    def event(self, event: StreamEvent) -> None:
        if isinstance(event, (TraceText, AnswerText)):
            payload: dict[str, object] = {"event": "trace" if isinstance(event, TraceText) else "answer",
                                          "text": event.text}
            if self.signals:
                payload["tokens"] = [token.to_dict() for token in event.tokens]
            _json_line(self.out, payload)
        elif isinstance(event, StepDone):
            _json_line(self.out, {"event": "step", **event.step.to_dict()})
        elif isinstance(event, TraceWithdrawn):
            _json_line(self.out, {"event": "trace-withdrawn"})
        elif isinstance(event, SentenceDone):
            _json_line(self.out, {"event": "sentence", **event.sentence.to_dict()})

    def done(self, outcome: RunOutcome, **kept: object) -> None:
        payload: dict[str, object] = {"event": "done", **outcome.result.to_dict()}
        payload["stop_reason"] = outcome.stop_reason
        payload["dropped_messages"] = outcome.dropped_messages
        payload.update(kept)  # with --save / --conversation: "conversation": its id
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
            self.err.write(_dim(strip_terminal_controls(event.text), self.dim))
            self.err.flush()
        elif isinstance(event, TraceClosed):
            seconds = event.thinking_seconds
            note = f"Thought for {seconds:.1f} s" if seconds is not None else "Thought"
            self.err.write(_dim(f"\n── {note} ──\n", self.dim))
            self.err.flush()
        elif isinstance(event, TraceWithdrawn):
            self.err.write(_dim("\n── no trace after all: that was the answer ──\n", self.dim))
            self.err.flush()
        elif isinstance(event, AnswerText):
            self.out.write(strip_terminal_controls(event.text))
            self.out.flush()

    def done(self, outcome: RunOutcome, **kept: object) -> None:
        result = outcome.result
        self.out.write("\n")
        stats = result.stats
        speed = f", {stats.tokens_per_second:.1f} tokens/s" if stats.tokens_per_second else ""
        about = "≈" if stats.token_counts == "estimated" else ""  # a server's events are not tokens
        tokens = (f"{about}{counted(stats.trace_tokens, 'trace token')} + "
                  f"{about}{counted(stats.answer_tokens, 'answer token')}")
        summary = (f"[{tokens}, {counted(stats.steps, 'step')}, "
                   f"{counted(stats.self_corrections, 'self-correction')}{speed}]")
        signals = result.stats_dict()
        if result.signals:
            summary += (f" [mean log-probability {signals['mean_logprob']}, mean entropy "
                        f"{signals['mean_entropy']} nats, "
                        f"{counted(int(str(signals['forking_tokens'])), 'forking token')}]")
        elif result.signals_missing:
            summary += " [the server sent no token probabilities: no signals]"
        if not result.finished:
            summary += " [the trace did not finish: no answer yet; raise --max-tokens]"
        self.err.write(_dim(summary + "\n", self.dim))
        if "conversation" in kept:
            self.err.write(_dim(f"[saved in conversation {kept['conversation']}]\n", self.dim))

    def error(self, kind: str, message: str, **extra: object) -> None:
        self.err.write(f"\ndenkspur: {strip_terminal_controls(message)}\n")
        if "conversation" in extra:
            self.err.write(_dim(f"[saved in conversation {extra['conversation']}]\n", self.dim))


Printer = _JsonPrinter | _TextPrinter


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun`` in correct English ("1 step", "2 steps"; nouns here take an s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _dim(text: str, enabled: bool) -> str:
    return f"\x1b[2m{text}\x1b[0m" if enabled else text


#: Said when a server would not answer from a trace closed at the thinking budget.
BUDGET_REFUSED = ("the thinking budget was reached, but this server does not continue a reply it is given "
                  "(an assistant prefill; llama-server does), so it could not be asked for the answer: "
                  "the reply ends in its thinking")

#: The most a prompt read from stdin may hold.
MAX_STDIN_PROMPT = 16 * 1024 * 1024


def read_prompt(value: str) -> str:
    """The prompt: the argument, or stdin for ``-`` (bytes not UTF-8 become U+FFFD).

    An argument with undecodable bytes arrives with surrogate escapes, which no
    encoder accepts later: they are turned into the replacement character here.
    """
    if value == "-":
        raw = sys.stdin.buffer.read(MAX_STDIN_PROMPT + 1)
        if len(raw) > MAX_STDIN_PROMPT:
            raise ValueError(f"the prompt on stdin is longer than {MAX_STDIN_PROMPT // 2**20} MB")
    else:
        try:
            raw = value.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = value.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def run_chat(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    printer = _JsonPrinter(out, signals=args.signals) if args.json else _TextPrinter(out, err)
    try:
        args.prompt = read_prompt(args.prompt)
    except (OSError, ValueError) as error:
        printer.error("bad-request", str(error))
        return EXIT_FAILED
    keeping = args.save or args.conversation is not None
    runner = ChatRunner(store_path(data_dir()) if keeping else None, fault=args.engine_fault)
    try:
        if keeping and not _store_ready(runner, args.conversation, printer):
            return EXIT_FAILED
        if args.server:
            return _chat_remote(runner, args, printer)
        return _chat_local(runner, args, printer)
    finally:
        runner.close()


def _store_ready(runner: ChatRunner, conversation_id: int | None, printer: Printer) -> bool:
    """Open the conversation store (and the conversation to continue) before any model loads."""
    try:
        store = runner.store()
        if conversation_id is not None:
            store.load_conversation(conversation_id)
    except StoreError as error:
        printer.error("store", str(error))
        return False
    return True


def _chat_local(runner: ChatRunner, args: argparse.Namespace, printer: Printer) -> int:
    from denkspur.cli.models import resolve_model

    args.model = resolve_model(args.model)
    try:
        check_chat_model(read_gguf_info(args.model))
    except GGUFError as error:
        printer.error("bad-model", str(error))
        return EXIT_FAILED
    request = ModelRequest(str(args.model), n_ctx=args.ctx, gpu_layers=args.gpu_layers,
                           n_threads=args.threads)

    def load_and_generate() -> int:
        try:
            for note in runner.load(request).notes:
                print(f"denkspur: {note}", file=sys.stderr)
        except EngineError as error:
            printer.error(error.kind, error.message)
            return EXIT_FAILED
        return _generate(runner, args, printer)

    return _until_interrupted(runner, load_and_generate, printer)


def _chat_remote(runner: ChatRunner, args: argparse.Namespace, printer: Printer) -> int:
    import os

    from denkspur.engine.remote import RemoteSettings, load_api_key

    key = os.environ.get("DENKSPUR_API_KEY") or load_api_key(args.server)
    settings = RemoteSettings(args.server, model=str(args.model or ""), api_key=key,
                              timeout=args.timeout, deadline=args.deadline, verify_tls=not args.insecure,
                              reasoning=args.reasoning)
    try:
        runner.use_remote(settings)
    except EngineError as error:
        printer.error(error.kind, error.message)
        return EXIT_FAILED
    return _until_interrupted(runner, lambda: _generate(runner, args, printer), printer)


def _until_interrupted(runner: ChatRunner, work: Callable[[], int], printer: Printer) -> int:
    """Run ``work``; Ctrl+C cancels the generation and reports it."""
    try:
        return work()
    except KeyboardInterrupt:
        runner.cancel()
        printer.error("interrupted", "interrupted")
        return EXIT_INTERRUPTED


def _generate(runner: ChatRunner, args: argparse.Namespace, printer: Printer) -> int:
    params = p.SamplingParams(temperature=args.temperature, top_p=args.top_p, seed=args.seed,
                              max_tokens=args.max_tokens, thinking_budget=args.budget,
                              think_longer=args.think_longer, signals=args.signals,
                              probe_every=args.probe_every)
    kept: dict[str, object] = {}
    messages: tuple[p.ChatMessage, ...] = (p.ChatMessage("user", args.prompt),)
    saver: StoreSaver | None = None
    if runner.store_path is not None:
        model = runner.backend.model
        try:
            prepared = conversation.send(runner.store(), args.conversation, args.prompt,
                                         model=Path(model.path).name if model else "", params=params)
        except ValueError as error:
            printer.error("bad-request", str(error))
            return EXIT_FAILED
        except (StoreError, sqlite3.Error, OSError) as error:
            printer.error("store", f"the conversation could not be saved: {error}")
            return EXIT_FAILED
        kept["conversation"] = prepared.conversation_id
        messages, saver = prepared.history, StoreSaver(runner.store(), prepared.version_id)
    prefix = (("user", args.trace_prefix),) if args.trace_prefix else ()
    if not runner.backend.capabilities.answer_now and args.think_longer:
        print("denkspur: this server decides when its model stops thinking: --think-longer "
              "applies to local models only", file=sys.stderr)
    try:
        outcome = run_reply(runner.backend, messages, params, saver, printer.event, prefix=prefix)
    except KeyboardInterrupt:  # the reply so far is saved (cancelled): say where, as "done" would
        runner.cancel()
        printer.error("interrupted", "interrupted", **kept)
        return EXIT_INTERRUPTED
    if outcome.save_error is not None:
        kept["save_error"] = str(outcome.save_error)
        print(f"denkspur: the conversation could not be saved: {outcome.save_error}", file=sys.stderr)
    if outcome.notice == "budget-refused":
        print(f"denkspur: {BUDGET_REFUSED}", file=sys.stderr)
        kept["notice"] = outcome.notice
    if outcome.error is not None:
        printer.error(outcome.error.kind, outcome.error.message,
                      partial={"trace": outcome.result.trace, "answer": outcome.result.answer}, **kept)
        return EXIT_FAILED
    printer.done(outcome, **kept)
    return EXIT_OK
