"""The engine child process: the only place that imports llama.cpp.

One process, one ``Llama``, one completion at a time (llama.cpp contexts are not
thread-safe). A reader thread takes commands off the pipe so that ``Cancel`` is
seen while the main thread is busy decoding; the decode loop checks the flag
after every token. A heartbeat thread lets the parent tell a frozen process from
a slow one. llama.cpp's own logging goes to a log file whose tail the parent
quotes when the child dies.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import random
import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from denkspur.core.conversations.chat_template import (
    ChatTemplateError,
    Turn,
    check_template,
    prepare_history,
    prompt_opens_trace,
    render_prompt,
)
from denkspur.core.models.gguf_info import GGUFError, check_chat_model, read_gguf_info
from denkspur.core.trace.splitter import CLOSE_TAG, OPEN_TAG
from denkspur.engine import protocol as p
from denkspur.engine.chat_format import ChatFormat, choose_format, render_builtin
from denkspur.engine.child_io import (
    BATCH_SECONDS,
    SIGNALS_BATCH_SECONDS,
    Inbox,
    Outbox,
    TextBatcher,
    ThinkWatch,
    TokenPieces,
    heartbeat,
)
from denkspur.engine.errors import FailureKind
from denkspur.engine.faults import Fault
from denkspur.engine.signals import SignalRecorder
from denkspur.engine.thinking import BRIDGE, CONTINUE_CUE, SENTENCE_GRACE, at_sentence_end

__all__ = ["BRIDGE", "CONTINUE_CUE", "SENTENCE_GRACE", "LlamaHost", "at_sentence_end", "child_main"]

#: Tokens always left free for the reply when the history must be shortened.
MIN_REPLY_TOKENS = 64
#: Tokens of an automatic probe's side answer ("probe every N sentences"): enough for a short
#: answer with its \boxed{} (the comparison looks at the boxed content when there is one).
AUTOMATIC_PROBE_TOKENS = 64


class LlamaHost:
    """Owns the ``Llama`` object and serves load/generate/unload."""

    def __init__(self, outbox: Outbox, inbox: Inbox, fault: Fault | None) -> None:
        self._outbox = outbox
        self._inbox = inbox
        self._fault = fault
        self._llm: Any = None
        self._format = ChatFormat(None, None, True)
        self._longest: int | None = None
        self._bos = self._eos = ""
        self._last: LastReply | None = None  # what the previous reply's tokens were, for branches
        self._pieces: TokenPieces | None = None

    def handle(self, command: p.Command) -> None:
        if isinstance(command, p.LoadModel):
            self._load(command)
        elif isinstance(command, p.Generate):
            try:
                self._generate(command)
            finally:
                self._inbox.forget(command.request_id)
        elif isinstance(command, p.Unload):
            self._unload()
            self._outbox.send(p.Unloaded())

    def close(self) -> None:
        self._unload()

    # -- load -----------------------------------------------------------------
    def _load(self, command: p.LoadModel) -> None:
        self._unload()
        try:
            info = read_gguf_info(command.path)
            check_chat_model(info)
            if info.chat_template is not None:
                check_template(info.chat_template)  # llama-cpp-python compiles it too, less politely
        except (GGUFError, ChatTemplateError) as error:
            self._outbox.send(p.Failed(None, "bad-model", str(error)))
            return
        import llama_cpp

        from denkspur.core.models.fit import context_problem  # here: keeps the child's start lean
        from denkspur.core.models.hardware import probe

        too_large = context_problem(info, command.n_ctx,
                                    probe(gpu_offload=bool(llama_cpp.llama_supports_gpu_offload())))
        if too_large is not None:
            self._outbox.send(p.Failed(None, FailureKind.CONTEXT_TOO_LARGE.value, too_large))
            return
        if self._fault and (self._fault.at == "load"
                            or (self._fault.at == "gpu-load" and command.n_gpu_layers != 0)):
            self._fault.trigger()
        started = time.perf_counter()
        try:
            self._llm = llama_cpp.Llama(
                model_path=command.path,
                n_ctx=command.n_ctx,
                n_gpu_layers=command.n_gpu_layers,
                n_threads=command.n_threads,
                n_batch=min(512, command.n_ctx),
                verbose=False,
            )
        except (ValueError, RuntimeError) as error:
            hint = ""
            if "context" in str(error):
                trained = (f"; the model was trained for {info.context_length:,}"
                           if info.context_length else "")
                hint = (f" (a context of {command.n_ctx:,} tokens{trained}): "
                        "choose a smaller context size")
            self._outbox.send(p.Failed(None, "load", f"llama.cpp could not load the model: {error}{hint}"))
            return
        model = self._llm._model
        self._pieces = TokenPieces(model.vocab)
        self._format = choose_format(info.chat_template, info.architecture, self._has_token)
        self._longest = None
        self._bos = model.token_get_text(model.token_bos()) if model.token_bos() >= 0 else ""
        self._eos = model.token_get_text(model.token_eos()) if model.token_eos() >= 0 else ""
        self._outbox.send(
            p.ModelLoaded(
                path=command.path,
                architecture=info.architecture,
                n_ctx=self._llm.n_ctx(),
                n_ctx_train=int(model.n_ctx_train()),
                n_params=int(model.n_params()),
                n_layers=info.n_layers,
                n_gpu_layers=command.n_gpu_layers,
                has_chat_template=info.chat_template is not None,
                load_seconds=time.perf_counter() - started,
                reasoning=self._format.reasoning,
                chat_format=self._format.label,
            )
        )

    def _has_token(self, piece: str) -> bool:
        """Whether ``piece`` is a single (special) token of the loaded model's vocabulary."""
        tokens = self._llm.tokenize(piece.encode("utf-8"), add_bos=False, special=True)
        return len(tokens) == 1 and self._llm._model.token_get_text(tokens[0]) == piece

    def _longest_token_bytes(self) -> int:
        """Bytes of the longest token text in the vocabulary (computed once per model)."""
        if self._longest is None:
            model = self._llm._model
            self._longest = max((len(model.token_get_text(t).encode("utf-8", "replace"))
                                 for t in range(model.n_vocab())), default=1)
        return max(1, self._longest)

    def _render(self, turns: list[Turn]) -> str:
        if self._format.builtin is not None:
            return render_builtin(self._format.builtin, turns)
        return render_prompt(self._format.template, turns, bos_token=self._bos, eos_token=self._eos)

    def _unload(self) -> None:
        if self._llm is not None:
            self._llm.close()
            self._llm = None

    # -- generate -------------------------------------------------------------
    def _fit_prompt(self, request: p.Generate) -> FittedPrompt:
        """The prompt's tokens (with a trace prefix), whether it opens the trace, and the budget.

        Truncation policy: when the conversation does not fit, the oldest turns
        are dropped (system turns are kept) until it does; the newest user turn is
        never cut. If that alone does not fit, the request fails.
        """
        llm = self._llm
        n_ctx = llm.n_ctx()
        reserve = min(request.params.max_tokens, MIN_REPLY_TOKENS)
        turns = prepare_history(Turn(m.role, m.content) for m in request.messages)
        dropped = 0
        while True:
            prompt = self._render(turns)
            opens = self._format.reasoning and prompt_opens_trace(prompt)
            continues = bool(request.trace_prefix) or request.answer_prefix is not None
            if continues and self._format.reasoning and not opens:  # continuing: the prompt must open it
                prompt += OPEN_TAG + "\n"
                opens = True
            raw = prompt.encode("utf-8", "replace")
            # Tokenizing is slow for huge texts (quadratic in some tokenizers): a text
            # longer than the context's tokens can hold at their longest is refused unread.
            unread = len(raw) > n_ctx * self._longest_token_bytes() + reserve
            tokens = [] if unread else llm.tokenize(raw, add_bos=False, special=True)
            if not tokens and not unread:
                raise ChatTemplateError(
                    "the model's chat template turned this conversation into an empty prompt: "
                    "the template is broken or does not accept these messages"
                )
            prefix = [] if unread else self._prefix_segments(tokens, self._continued_text(tokens, request))
            total = len(tokens) + sum(len(ids) for ids, _text in prefix)
            if not unread and total + reserve <= n_ctx:
                budget = min(request.params.max_tokens, n_ctx - total)
                return FittedPrompt(tokens, prefix, opens, dropped, budget)
            droppable = [i for i, t in enumerate(turns[:-1]) if t.role != "system"]
            if not droppable:
                size = f"{len(raw):,} bytes" if unread else f"{total:,} tokens"
                raise OverflowError(
                    f"the message needs {size} but the context holds {n_ctx:,} tokens "
                    f"(with {reserve} kept for the reply): shorten it or raise the context size"
                )
            del turns[droppable[0]]
            dropped += 1

    def _continued_text(self, prompt: list[int], request: p.Generate) -> str:
        """What the reply starts with: the trace prefix, and after a closed trace the answer so far.

        The text around the end of thinking is taken as the previous reply to the same
        prompt wrote it (the stored trace and answer lose its whitespace), so that the
        KV cache serves all of it; otherwise it is written the usual way.
        """
        trace, answer = request.trace_prefix, request.answer_prefix
        if answer is None:
            return trace
        if not self._format.reasoning:
            return answer
        if self._last is not None and self._last.prompt == prompt:
            written = "".join(text for _ids, text in self._last.segments).lstrip()
            # Whitespace after the close belongs to the answer's first token: none when there is no answer.
            after = r"\s*" + re.escape(answer) if answer else ""
            seam = re.match(re.escape(trace) + r"\s*" + re.escape(CLOSE_TAG) + after, written)
            if seam:
                return written[: seam.end()]
        return f"{trace}\n{CLOSE_TAG}" + (f"\n\n{answer}" if answer else "")

    def _prefix_segments(self, prompt: list[int], trace_prefix: str) -> list[Segment]:
        """``trace_prefix`` as the very tokens the model wrote, where it can.

        Re-tokenizing generated text need not give the tokens that were sampled, and
        any difference would cost the KV cache from there on; so the part of the
        prefix that the previous reply to the same prompt wrote is taken token for
        token, and only the rest (a user's note, say) is tokenized.
        """
        if not trace_prefix:
            return []
        segments: list[Segment] = []
        used = 0
        if self._last is not None and self._last.prompt == prompt:
            for ids, written in self._last.segments:
                # The trace shown does not start with whitespace the model wrote.
                text = written.lstrip() if used == 0 else written
                if not trace_prefix.startswith(text, used):
                    break
                used += len(text)
                segments.append((ids, text))
        rest = trace_prefix[used:]
        if rest:
            segments.append((self._llm.tokenize(rest.encode("utf-8"), add_bos=False, special=True), rest))
        return segments

    def _generate(self, request: p.Generate) -> None:
        rid = request.request_id
        if self._llm is None:
            self._outbox.send(p.Failed(rid, "bad-request", "no model is loaded"))
            return
        try:
            fitted = self._fit_prompt(request)
        except OverflowError as error:
            self._outbox.send(p.Failed(rid, "context-overflow", str(error)))
            return
        except ChatTemplateError as error:
            self._outbox.send(p.Failed(rid, "bad-model", str(error)))
            return
        tokens = fitted.tokens
        self._outbox.send(p.GenerationStarted(rid, len(tokens), fitted.opens, fitted.dropped, fitted.budget,
                                              reasoning=self._format.reasoning))
        started = time.perf_counter()
        decoding = Decoding(self._llm, self._pieces, self._outbox, self._inbox, self._fault,
                            reasoning=self._format.reasoning)
        self._last = None  # the KV cache is about to change
        produced, reason = decoding.run(request, tokens, fitted.budget, fitted.opens,
                                        len(tokens) - len(fitted.prompt))
        self._last = LastReply(fitted.prompt, [*fitted.prefix, *decoding.segments])
        self._outbox.send(
            p.GenerationDone(rid, reason, len(tokens), produced, time.perf_counter() - started)
        )


Segment = tuple[list[int], str]  # token ids and the text they stand for


@dataclass
class FittedPrompt:
    prompt: list[int]  # the rendered conversation
    prefix: list[Segment]  # the trace the reply continues, if any
    opens: bool  # whether the prompt opens the trace
    dropped: int  # old turns left out to fit the context
    budget: int  # tokens left for the reply

    @property
    def tokens(self) -> list[int]:
        return [*self.prompt, *(token for ids, _text in self.prefix for token in ids)]


@dataclass
class LastReply:
    """The previous reply's prompt and what followed it, as segments (for branches from it)."""

    prompt: list[int]
    segments: list[Segment]


class Decoding:
    """One reply's token loop, and the text the engine writes in on the user's behalf.

    Writing in (the bridge of answer-now and the budget, the cue of think-longer)
    and probing restart llama-cpp-python's generator over the whole context: it
    finds the cached prefix in the KV cache and evaluates only what is new.
    """

    def __init__(self, llm: Any, pieces: TokenPieces | None, outbox: Outbox, inbox: Inbox,
                 fault: Fault | None, *, reasoning: bool = True) -> None:
        self._llm, self._outbox, self._inbox = llm, outbox, inbox
        self._reasoning = reasoning
        assert pieces is not None
        self._pieces = pieces
        self._fault = fault if fault and fault.at == "token" else None
        self._delay = self._fault.delay_seconds() if self._fault else 0.0
        self._fault_after = self._fault.after_tokens if self._fault and not self._delay else -1
        self._params = p.SamplingParams()
        self._rid = 0
        self._context: list[int] = []
        self._tokens: Iterator[int] = iter(())
        self._watch = ThinkWatch(False)
        self._batch = TextBatcher(outbox, 0)  # the model's own tokens, coalesced
        self.produced = 0
        self._recorder: SignalRecorder | None = None
        self.segments: list[Segment] = []  # what this reply added to the context, in order

    def run(self, request: p.Generate, prompt: list[int], budget: int, opens: bool,
            prefix_tokens: int = 0) -> tuple[int, p.StopReason]:
        llm, params, rid = self._llm, request.params, request.request_id
        self._params, self._rid, self._context = params, rid, list(prompt)
        if params.signals:
            import llama_cpp

            self._recorder = SignalRecorder(llm, self._pieces, llama_cpp.llama_get_logits_ith)
        llm.set_seed(params.seed if params.seed is not None else random.randrange(2**31))
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        watch = self._watch = ThinkWatch(opens)
        watch.trace_tokens = prefix_tokens  # the trace it continues counts towards the budget
        if request.answer_prefix is not None:  # the thinking closed before: the model answers on
            watch.thinking, watch.closed = False, True
        if self._inbox.has(rid, "cancel"):
            return self.produced, "cancelled"
        self._tokens = self._sample(self._context)
        try:
            # The prompt is evaluated inside this first step, possibly for many
            # seconds without a token: llama.cpp's abort callback lets a cancel
            # stop it between graph nodes instead of after the whole prompt.
            with _abortable(llm, self._inbox, rid):
                token = next(self._tokens, None)
        except RuntimeError:  # llama_decode returned 2: aborted by the cancel
            if self._inbox.has(rid, "cancel"):
                return self.produced, "cancelled"
            raise
        recorder = self._recorder
        self._batch = TextBatcher(self._outbox, rid,
                                  interval=SIGNALS_BATCH_SECONDS if recorder else BATCH_SECONDS,
                                  signals=recorder.flush if recorder else None)
        try:
            return self._loop(token, budget, decoder)
        finally:
            self._batch.flush()

    def _loop(self, token: int | None, budget: int, decoder: codecs.IncrementalDecoder
              ) -> tuple[int, p.StopReason]:
        import llama_cpp

        params, rid, watch = self._params, self._rid, self._watch
        vocab = self._llm._model.vocab
        extensions = params.think_longer
        closing = ""  # "answer-now" or "budget" once the thinking is to end
        closing_by = 0  # the bridge comes by this token count even mid-sentence
        recent = ""  # the end of the trace so far, for sentence ends
        probe_every, sentences, ended = params.probe_every, 0, False  # "probe every N sentences"
        while token is not None:
            self._context.append(token)
            if llama_cpp.llama_vocab_is_eog(vocab, token) and not params.ignore_eos:
                return self.produced, "stop"
            self.produced += 1
            text = decoder.decode(self._pieces.piece(token))
            if watch.thinking and extensions and CLOSE_TAG in text:
                extensions -= 1
                token = self._think_longer(text)
                continue
            thinking = watch.thinking
            watch.see(text)
            if self._recorder:  # its logits, before the next decode overwrites them
                self._recorder.capture(token, text)
            if watch.thinking is thinking:
                self._batch.add(text)
            else:  # the tag's token travels alone: the parent counts a message on one side
                self._batch.add_alone(text)
            self.segments.append(([token], text))
            recent = (recent + text)[-16:]
            self._inject_fault()
            if self._inbox.has(rid, "cancel"):
                return self.produced, "cancelled"
            if self.produced >= budget:
                return self.produced, "length"
            if probe_every and watch.thinking:  # a sentence end, once (whitespace after it is no new one)
                ended, was_ended = at_sentence_end(recent), ended
                if ended and (not was_ended or text.strip()):
                    sentences += 1
                    if sentences % probe_every == 0:
                        self._inbox.add_probe(p.Probe(rid, AUTOMATIC_PROBE_TOKENS, automatic=True))
            self._serve_probe()
            if watch.thinking and self._reasoning and not closing:  # models that do not think: no close
                closing = self._closing_reason()
                closing_by = self.produced + SENTENCE_GRACE
            if closing and watch.thinking and (at_sentence_end(recent) or self.produced >= closing_by):
                self._write_in(BRIDGE, closing)
                closing = ""
            token = next(self._tokens, None)
        return self.produced, "length"  # llama-cpp-python ended the stream (context full)

    def _sample(self, context: list[int]) -> Iterator[int]:
        params = self._params
        return self._llm.generate(  # type: ignore[no-any-return]
            context,
            top_k=params.top_k,
            top_p=params.top_p,
            min_p=params.min_p,
            temp=params.temperature,
            repeat_penalty=params.repeat_penalty,
        )

    def _write_in(self, text: str, origin: str) -> None:
        """Write ``text`` into the model's output on the user's behalf; sample on after it."""
        forced = self._llm.tokenize(text.encode(), add_bos=False, special=True)
        self._watch.see(text)
        self.produced += len(forced)
        self._send(p.TokenText(self._rid, text, tokens=len(forced), origin=origin))
        self._tokens.close()  # type: ignore[attr-defined]
        self._context.extend(forced)
        self.segments.append((forced, text))
        self._tokens = self._sample(self._context)

    def _think_longer(self, text: str) -> int | None:
        """The model closed its thinking: take the close back and write a cue to go on."""
        self._context.pop()
        self.produced -= 1
        before = text[: text.index(CLOSE_TAG)]
        if before:  # the close came with text in one token: keep the text, lose the token
            ids = self._llm.tokenize(before.encode(), add_bos=False)
            self._watch.see(before)
            self._send(p.TokenText(self._rid, before, tokens=0))
            self._context.extend(ids)
            self.segments.append((ids, before))
        self._write_in(CONTINUE_CUE, "think-longer")
        return next(self._tokens, None)

    def _closing_reason(self) -> str:
        if self._inbox.has(self._rid, "end-thinking"):
            return "answer-now"
        budget = self._params.thinking_budget
        return "budget" if budget is not None and self._watch.trace_tokens >= budget else ""

    def _send(self, event: p.Event) -> None:
        """Send ``event`` after the model's tokens still queued, so the order stays."""
        self._batch.flush()
        self._outbox.send(event)

    def _inject_fault(self) -> None:
        if self.produced == self._fault_after:
            self._batch.flush()  # what came before the crash reaches the parent
            self._fault.trigger()  # type: ignore[union-attr]
        if self._delay:
            self._batch.flush()
            time.sleep(self._delay)

    def _serve_probe(self) -> None:
        """Answer from here with the thinking closed, on a copy of the context; report it."""
        import llama_cpp

        probes = self._inbox.take_probes(self._rid)
        if not probes:
            return
        started = time.perf_counter()
        if not self._watch.thinking:
            self._answer_probes(probes, "", started)
            return
        max_tokens = max(probe.max_tokens for probe in probes)  # asked together: one side answer
        self._tokens.close()  # type: ignore[attr-defined]
        bridge = self._llm.tokenize(BRIDGE.encode(), add_bos=False, special=True)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        parts: list[str] = []
        probe = self._sample([*self._context, *bridge])
        for count, token in enumerate(probe):
            if (count >= max_tokens or llama_cpp.llama_vocab_is_eog(self._llm._model.vocab, token)
                    or self._inbox.has(self._rid, "cancel")):
                break
            parts.append(decoder.decode(self._pieces.piece(token)))
        probe.close()  # type: ignore[attr-defined]
        self._tokens = self._sample(self._context)  # the main reply goes on where it was
        self._answer_probes(probes, "".join(parts).strip(), started)

    def _answer_probes(self, probes: list[p.Probe], text: str, started: float) -> None:
        seconds = time.perf_counter() - started
        for automatic in dict.fromkeys(probe.automatic for probe in probes):
            self._send(p.ProbeAnswer(self._rid, text, self._watch.trace_tokens, automatic=automatic,
                                     seconds=seconds))


@contextlib.contextmanager
def _abortable(llm: Any, inbox: Inbox, request_id: int) -> Iterator[None]:
    """Let a cancel of ``request_id`` abort llama_decode while inside this block.

    Only around prompt evaluation: the callback runs per graph node, and
    token-by-token decoding already checks for a cancel after every token.
    """
    import llama_cpp

    ctx = llm._ctx.ctx
    callback = llama_cpp.ggml_abort_callback(lambda _data: inbox.has(request_id, "cancel"))
    llama_cpp.llama_set_abort_callback(ctx, callback, None)
    try:
        yield
    finally:
        llama_cpp.llama_set_abort_callback(ctx, llama_cpp.ggml_abort_callback(), None)


def build_backend(system_info: str) -> str:
    """The GPU backend named in llama.cpp's system info ("CUDA : ARCHS = 890 | …"), else CPU."""
    sections = {part.split(":", 1)[0].strip().upper() for part in system_info.split("|") if ":" in part}
    for name in ("CUDA", "METAL", "VULKAN", "HIP", "ROCM", "SYCL"):
        if name in sections:
            return {"METAL": "Metal", "VULKAN": "Vulkan", "ROCM": "HIP"}.get(name, name)
    return "CPU"


def _redirect_output(log_path: str) -> None:
    """Point fds 1 and 2 at the log so llama.cpp's C-level logging lands there."""
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log_fd, 1)
    os.dup2(log_fd, 2)
    os.close(log_fd)
    sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115 - lives as long as the process
    sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115


def child_main(commands: Connection, events: Connection, log_path: str, fault: str | None) -> None:
    """Entry point of the child process (``multiprocessing`` spawn target)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to act on (see client.py)
    _redirect_output(log_path)
    outbox = Outbox(events)
    inbox = Inbox(commands)
    threading.Thread(target=heartbeat, args=(outbox,), name="engine-heartbeat", daemon=True).start()
    import llama_cpp

    outbox.send(
        p.Ready(os.getpid(), llama_cpp.__version__, bool(llama_cpp.llama_supports_gpu_offload()),
                build_backend(llama_cpp.llama_print_system_info().decode("utf-8", "replace")))
    )
    host = LlamaHost(outbox, inbox, Fault.parse(fault) if fault else None)
    while True:
        command = inbox.next()
        if isinstance(command, p.Shutdown):
            break
        try:
            host.handle(command)
        except Exception as error:  # report, stay alive: the parent decides what next
            request_id = getattr(command, "request_id", None)
            outbox.send(p.Failed(request_id, "internal", f"{type(error).__name__}: {error}"))
    host.close()
