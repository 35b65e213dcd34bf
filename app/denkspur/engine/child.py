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
import sys
import threading
import time
from collections.abc import Iterator
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
from denkspur.core.trace.splitter import CLOSE_TAG
from denkspur.engine import protocol as p
from denkspur.engine.chat_format import ChatFormat, choose_format, render_builtin
from denkspur.engine.child_io import Inbox, Outbox, ThinkWatch, TokenPieces, heartbeat
from denkspur.engine.errors import FailureKind
from denkspur.engine.faults import Fault

#: Tokens always left free for the reply when the history must be shortened.
MIN_REPLY_TOKENS = 64
#: What "answer now" and the thinking budget write into the model's output.
FORCED_CLOSE = "\n" + CLOSE_TAG


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

    @contextlib.contextmanager
    def _abortable(self, request_id: int) -> Iterator[None]:
        """Let a cancel of ``request_id`` abort llama_decode while inside this block.

        Only around prompt evaluation: the callback runs per graph node, and
        token-by-token decoding already checks for a cancel after every token.
        """
        import llama_cpp

        ctx = self._llm._ctx.ctx
        callback = llama_cpp.ggml_abort_callback(lambda _data: self._inbox.has(request_id, "cancel"))
        llama_cpp.llama_set_abort_callback(ctx, callback, None)
        try:
            yield
        finally:
            llama_cpp.llama_set_abort_callback(ctx, llama_cpp.ggml_abort_callback(), None)

    def _unload(self) -> None:
        if self._llm is not None:
            self._llm.close()
            self._llm = None

    # -- generate -------------------------------------------------------------
    def _fit_prompt(self, request: p.Generate) -> tuple[list[int], bool, int, int]:
        """Tokens of the prompt, whether it opens the trace, turns dropped, reply budget.

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
            if not unread and len(tokens) + reserve <= n_ctx:
                budget = min(request.params.max_tokens, n_ctx - len(tokens))
                opens = self._format.reasoning and prompt_opens_trace(prompt)
                return tokens, opens, dropped, budget
            droppable = [i for i, t in enumerate(turns[:-1]) if t.role != "system"]
            if not droppable:
                size = f"{len(raw):,} bytes" if unread else f"{len(tokens):,} tokens"
                raise OverflowError(
                    f"the message needs {size} but the context holds {n_ctx:,} tokens "
                    f"(with {reserve} kept for the reply): shorten it or raise the context size"
                )
            del turns[droppable[0]]
            dropped += 1

    def _generate(self, request: p.Generate) -> None:
        rid = request.request_id
        if self._llm is None:
            self._outbox.send(p.Failed(rid, "bad-request", "no model is loaded"))
            return
        try:
            tokens, opens, dropped, budget = self._fit_prompt(request)
        except OverflowError as error:
            self._outbox.send(p.Failed(rid, "context-overflow", str(error)))
            return
        except ChatTemplateError as error:
            self._outbox.send(p.Failed(rid, "bad-model", str(error)))
            return
        self._outbox.send(p.GenerationStarted(rid, len(tokens), opens, dropped, budget,
                                              reasoning=self._format.reasoning))
        started = time.perf_counter()
        produced, reason = self._decode(request, tokens, budget, opens)
        self._outbox.send(
            p.GenerationDone(rid, reason, len(tokens), produced, time.perf_counter() - started)
        )

    def _decode(
        self, request: p.Generate, prompt: list[int], budget: int, opens: bool
    ) -> tuple[int, p.StopReason]:
        import llama_cpp

        llm, params, rid = self._llm, request.params, request.request_id
        vocab = llm._model.vocab
        llm.set_seed(params.seed if params.seed is not None else random.randrange(2**31))
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pieces = self._pieces
        watch = ThinkWatch(opens)
        fault = self._fault if self._fault and self._fault.at == "token" else None
        delay = fault.delay_seconds() if fault else 0.0
        fault_after = fault.after_tokens if fault and not delay else -1
        produced = 0
        if self._inbox.has(rid, "cancel"):
            return produced, "cancelled"
        context = list(prompt)

        def sample_from(context: list[int]) -> Iterator[int]:
            # A fresh generator over the whole context: llama-cpp-python finds the
            # cached prefix in the KV cache and only evaluates what is new.
            return llm.generate(  # type: ignore[no-any-return]
                context,
                top_k=params.top_k,
                top_p=params.top_p,
                min_p=params.min_p,
                temp=params.temperature,
                repeat_penalty=params.repeat_penalty,
            )

        tokens = sample_from(context)
        try:
            # The prompt is evaluated inside this first step, possibly for many
            # seconds without a token: llama.cpp's abort callback lets a cancel
            # stop it between graph nodes instead of after the whole prompt.
            with self._abortable(rid):
                token = next(tokens, None)
        except RuntimeError:  # llama_decode returned 2: aborted by the cancel
            if self._inbox.has(rid, "cancel"):
                return produced, "cancelled"
            raise
        while token is not None:
            context.append(token)
            if llama_cpp.llama_vocab_is_eog(vocab, token) and not params.ignore_eos:
                return produced, "stop"
            produced += 1
            text = decoder.decode(pieces.piece(token))
            watch.see(text)
            self._outbox.send(p.TokenText(rid, text))
            if produced == fault_after:
                fault.trigger()  # type: ignore[union-attr]
            if delay:
                time.sleep(delay)
            if self._inbox.has(rid, "cancel"):
                return produced, "cancelled"
            if produced >= budget:
                return produced, "length"
            if watch.thinking and self._format.reasoning and (
                self._inbox.has(rid, "end-thinking")
                or (params.thinking_budget is not None and watch.trace_tokens >= params.thinking_budget)
            ):
                forced = llm.tokenize(FORCED_CLOSE.encode(), add_bos=False, special=True)
                watch.see(FORCED_CLOSE)
                produced += len(forced)
                self._outbox.send(p.TokenText(rid, FORCED_CLOSE, tokens=len(forced)))
                tokens.close()
                context.extend(forced)
                tokens = sample_from(context)
            token = next(tokens, None)
        return produced, "length"  # llama-cpp-python ended the stream (context full)


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
