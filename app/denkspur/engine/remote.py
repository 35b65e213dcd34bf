"""Remote backend: any OpenAI-compatible ``/v1/chat/completions`` server, streamed.

For models a laptop cannot hold (32B, 70B, the full 671B R1), run them on a server
(llama.cpp's ``llama-server``, vLLM, Ollama, LM Studio, the DeepSeek API) and keep
the same Denkspur experience. :class:`RemoteClient` offers the generation side
of :class:`~denkspur.engine.client.EngineClient` (the same events), so the CLI
and the GUI worker drive either one.

Reasoning arrives in several shapes, all normalised into one text stream for the
core splitter: a separate ``reasoning_content`` delta (DeepSeek API, vLLM,
llama-server), a ``reasoning`` or ``thinking`` field (other servers, Ollama), or
inline ``<think>`` tags in the content. Servers that apply an R1 chat template
start the content *inside* the trace without an opening tag. Whether that happened
is decided from what the stream carries, not from the model's name: for a name
like a reasoning model's, the content streams as a *tentative* trace that a
``</think>`` confirms and a reply that ends without one turns into the answer
(see :mod:`denkspur.core.trace.splitter`). ``RemoteSettings.reasoning`` overrides
the detection when the user knows better.

Every limit is enforced here, not left to the server: the reply stops locally at
``max_tokens`` (also sent to the server), the whole request has a wall-clock
deadline, the server may stay silent (no new text) for at most ``timeout``
seconds, one SSE event may hold at most ``max_event_bytes`` (:mod:`denkspur.engine.sse`
reads the stream itself), and cancel cuts the connection at once, also while the
server has not sent its headers yet (:mod:`denkspur.engine.abortable`).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass

import httpx

from denkspur.core.trace.signals import TOP_K, TokenSignal
from denkspur.core.trace.splitter import CLOSE_TAG, OPEN_TAG
from denkspur.core.trace.tokens import estimate_tokens
from denkspur.engine import protocol as p
from denkspur.engine.abortable import SocketCutter, install
from denkspur.engine.remote_chunks import ChoiceDelta, RemoteError, bad_response, parse_chunk, server_text
from denkspur.engine.sse import EventTooLarge, iter_sse_data
from denkspur.engine.thinking import BRIDGE, SENTENCE_GRACE, at_sentence_end, continued_reply

__all__ = ["KeyNotStored", "RemoteClient", "RemoteError", "RemoteSettings", "load_api_key", "store_api_key"]

log = logging.getLogger("denkspur.engine")
_R1_NAMES = re.compile(r"r1|reason|think|qwq|distill", re.IGNORECASE)
KEYRING_SERVICE = "denkspur-remote"
#: "detect": from the stream (see the module text); "template": the server's chat template
#: opens the trace, the content is trace until ``</think>``; "none": the content is the answer
#: (a separate reasoning field or a ``<think>`` the model writes still shows as trace).
REASONING_MODES = ("detect", "template", "none")
#: Bodies that are not a stream (model lists, error replies) are read up to this size.
MAX_BODY_BYTES = 4 * 1024 * 1024
#: The most characters one counted token may stand for (a server may pack many into one delta).
CHARS_PER_TOKEN_CAP = 32


@dataclass(frozen=True)
class RemoteSettings:
    base_url: str  # e.g. http://127.0.0.1:8080/v1 or https://api.deepseek.com
    model: str = ""  # empty: the first model the server lists
    api_key: str | None = None
    #: Longest silence: seconds to wait for the headers, and then for each complete line.
    timeout: float = 60.0
    #: Wall-clock limit of one whole request, from sending it to the last byte.
    deadline: float = 3600.0
    #: Largest single SSE line or event; beyond it the reply fails instead of filling memory.
    max_event_bytes: int = 4 * 1024 * 1024
    verify_tls: bool = True
    #: How the reply carries reasoning: one of :data:`REASONING_MODES`.
    reasoning: str = "detect"


def api_root(base_url: str) -> str:
    """``…/v1`` for a server address given with or without it."""
    root = base_url.rstrip("/")
    return root if root.endswith("/v1") else root + "/v1"


class KeyNotStored(RemoteError):
    """The API key could not be kept in the OS keyring; it works for this session only."""

    def __init__(self, reason: str) -> None:
        super().__init__("keyring", f"The API key could not be stored in the system keyring ({reason}); "
                                    "it is used for this session only and must be entered again next time.")
        self.reason = reason  # the keyring's own words, capped: plain text


def store_api_key(base_url: str, key: str) -> None:
    """Keep the API key in the OS keyring (never in config files or logs).

    Raises :class:`KeyNotStored` when there is no usable keyring: keyring backends
    fail in many ways (no secret service, a locked or refused D-Bus collection), and
    the user must hear about it rather than find the key gone next time.
    """
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, api_root(base_url), key)
    except Exception as error:  # any backend's failure, typed for the caller
        log.warning("keyring refused the API key: %s", type(error).__name__)
        raise KeyNotStored(server_text(f"{type(error).__name__}: {error}", 300)) from error


def load_api_key(base_url: str) -> str | None:
    """The stored API key, or ``None`` (also when the keyring cannot be used)."""
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, api_root(base_url))
    except Exception as error:  # no usable keyring: there is no stored key
        log.warning("keyring unavailable: %s", type(error).__name__)
        return None


class RemoteClient:
    """Streams chat completions from a server; cancel-able from another thread."""

    capabilities = p.Capabilities(answer_now=False, local_files=False)

    def __init__(self, settings: RemoteSettings) -> None:
        self.settings = settings
        self._http = httpx.Client(
            base_url=api_root(settings.base_url),
            timeout=httpx.Timeout(settings.timeout, connect=min(10.0, settings.timeout)),
            verify=settings.verify_tls,
            headers={"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {},
        )
        self._cutter = SocketCutter()
        install(self._http, self._cutter)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._cancelled = False
        self.model_id = settings.model
        #: Whether the server continues an assistant prefill (None: not asked yet). Learnt from
        #: the first thinking budget or "Continue"; a refusal is remembered for this connection.
        self.prefill: bool | None = None
        self.ready = p.Ready(0, "remote", gpu_offload=False, backend="remote")
        self.model: p.ModelLoaded | None = None

    # -- lifecycle (EngineClient's shape) ---------------------------------------------------
    def start(self) -> p.Ready:
        return self.ready

    def load(self, _request: p.LoadModel | None = None) -> p.ModelLoaded:
        """'Loading' a remote model: check the server and pick the model."""
        models = self.list_models()
        if not self.model_id:
            if not models:
                raise RemoteError("bad-request", "the server lists no models; name one with --model")
            self.model_id = models[0]
        self.model = p.ModelLoaded(path=self.model_id, architecture="remote", n_ctx=0, n_ctx_train=0,
                                   n_params=0, n_layers=0, n_gpu_layers=0, has_chat_template=True,
                                   load_seconds=0.0)
        return self.model

    def restart(self) -> p.ModelLoaded | None:
        return self.load()

    def close(self) -> None:
        self.cancel()
        self._http.close()

    def __enter__(self) -> RemoteClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def alive(self) -> bool:
        return not self._http.is_closed

    # -- requests ------------------------------------------------------------------------------
    def list_models(self) -> list[str]:
        self._begin()
        with self._watch() as watch:
            body = self._call(watch, lambda: self._read_body("GET", "/models"))
        try:  # the first MAX_LISTED_MODELS (a list of 200,000 froze the connect dialog; others can be typed)
            return [server_text(m["id"], 200) for m in json.loads(body).get("data", [])[:MAX_LISTED_MODELS]]
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            raise bad_response("a model list that is not valid", body.decode(errors="replace")) from error

    def cancel(self) -> None:
        """End the running request now (thread-safe), whatever stage it is in."""
        with self._lock:
            self._cancelled = True
        self._cutter.cut()

    def probe(self, max_tokens: int = 96) -> None:
        """Not available remotely: a server cannot answer from a copy of the running reply."""
        return None

    def end_thinking(self) -> None:
        """Not available remotely: the server decides when the model stops thinking."""
        return None

    def generate(
        self, messages: Iterable[p.ChatMessage], params: p.SamplingParams | None = None,
        *, trace_prefix: str = "", answer_prefix: str | None = None,
    ) -> Iterator[p.GenerationStarted | p.TokenText | p.GenerationDone]:
        """Stream a reply; with ``trace_prefix``/``answer_prefix`` the server is asked to continue
        them (an assistant prefill); a server that does not is an error of kind ``no-prefill``."""
        params = params or p.SamplingParams()
        if not self.model_id:
            self.load()
        body: dict[str, object] = {
            "model": self.model_id,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "max_tokens": params.max_tokens,
            # the exact token count in the last chunk (OpenAI, vLLM, DeepSeek; others send it anyway)
            "stream_options": {"include_usage": True},
        }
        if params.seed is not None:
            body["seed"] = params.seed
        if params.signals:  # per-token signals from the server's log-probabilities (remote_chunks)
            body["logprobs"], body["top_logprobs"] = True, TOP_K
        self._begin()
        if trace_prefix or answer_prefix is not None:
            return self._continue(next(self._ids), body, params, trace_prefix, answer_prefix)
        return self._stream(next(self._ids), body, params)

    # -- internals -----------------------------------------------------------------------------
    def _trace_opening(self) -> tuple[bool, bool]:
        """(the prompt opens the trace for sure, it may have opened it) for GenerationStarted."""
        mode = self.settings.reasoning
        if mode == "template":
            return True, False
        if mode == "none":
            return False, False
        return False, bool(_R1_NAMES.search(self.model_id))

    def _stream(
        self, request_id: int, body: dict[str, object], params: p.SamplingParams
    ) -> Iterator[p.GenerationStarted | p.TokenText | p.GenerationDone]:
        started = time.perf_counter()
        opens, maybe = self._trace_opening()
        yield p.GenerationStarted(request_id, 0, opens, 0, params.max_tokens, prompt_may_open_think=maybe,
                                  token_counts="estimated")  # a server's events are not tokens
        # A server that refused a prefill before gets no cut: it would only end the reply unanswered.
        budget = params.thinking_budget if self.prefill is not False else None
        reading = _Reading(params.max_tokens, opens=opens, budget=budget)
        yield from self._read(request_id, body, reading, _ReasoningShaper())
        notice = ""
        if reading.cut:  # the budget: the thinking ends here, and the server is asked for the answer
            reading.budget = None  # once
            trace = reading.thinking.trace().lstrip()
            prefill = continued_reply(trace) + BRIDGE + "\n\n"
            bridge = p.TokenText(request_id, BRIDGE, tokens=_tokens_in(BRIDGE), origin="budget")
            answered = yield from self._prefilled(request_id, body, prefill, reading,
                                                  _PrefillCheck(trace, closed=True), lead=bridge)
            if not answered:
                notice, reading.reason = "budget-refused", "length"
        elif budget is None and params.thinking_budget is not None \
                and reading.thinking.tokens >= params.thinking_budget:
            notice = "budget-refused"  # known: this server cannot be asked to answer early
        yield self._done(request_id, reading, started, notice)

    def _continue(
        self, request_id: int, body: dict[str, object], params: p.SamplingParams, trace: str,
        answer: str | None,
    ) -> Iterator[p.GenerationStarted | p.TokenText | p.GenerationDone]:
        """Continue a reply that starts with ``trace`` (and ``answer``): "Continue" after a stop."""
        started = time.perf_counter()
        yield p.GenerationStarted(request_id, 0, True, 0, params.max_tokens, token_counts="estimated")
        reading = _Reading(params.max_tokens, opens=answer is None, budget=None)
        check = _PrefillCheck(trace, closed=answer is not None)
        shaper = _ReasoningShaper(opened=answer is None)
        prefill = continued_reply(trace, answer)
        continued = yield from self._prefilled(request_id, body, prefill, reading, check, shaper=shaper)
        if not continued:
            raise RemoteError("no-prefill", "This server cannot continue a reply from where it stopped: it "
                                            "does not accept the start of the reply (an assistant prefill; "
                                            "llama-server does). Regenerate the reply instead.")
        yield self._done(request_id, reading, started, "")

    def _done(self, request_id: int, reading: _Reading, started: float, notice: str) -> p.GenerationDone:
        reason = "cancelled" if self._cancelled else reading.reason
        # The server's usage counts a reply read in one request; one cut at the budget and
        # continued from a prefill has no usage for its first part: the estimate stands.
        usage = reading.usage if reading.requests == 1 and not reading.cut else None
        return p.GenerationDone(request_id, reason, reading.prompt_tokens,  # type: ignore[arg-type]
                                usage.completion_tokens if usage else reading.produced,
                                time.perf_counter() - started, notice=notice,
                                token_counts="exact" if reading.exact else "estimated", usage=usage)

    def _prefilled(
        self, request_id: int, body: dict[str, object], prefill: str, reading: _Reading, check: _PrefillCheck,
        *, lead: p.TokenText | None = None, shaper: _ReasoningShaper | None = None,
    ) -> Generator[p.TokenText, None, bool]:
        """Ask again with the reply so far as an assistant prefill; stream the continuation.

        Nothing is passed on (``lead`` first, the bridge) until ``check`` has seen that
        the server continued the prefill; False when it did not (it refused the request,
        began a new thinking, or wrote the trace again), and this client then knows.
        """
        messages = [*body["messages"], {"role": "assistant", "content": prefill}]  # type: ignore[misc]
        asked = {**body, "messages": messages, "continue_final_message": True, "add_generation_prompt": False}
        held: list[p.TokenText] | None = [lead] if lead is not None else []
        try:
            for piece in self._read(request_id, asked, reading, shaper or _ReasoningShaper(), check):
                if held is None:
                    yield piece
                    continue
                held.append(piece)
                if check.decided:
                    yield from held
                    held = None
        except _PrefillRefused as refused:
            log.info("the server did not continue the reply it was given: %s", refused)
            self.prefill = False
            return False
        if held:  # a short continuation: the stream ended before the check was sure, and it passed
            yield from held
        self.prefill = True
        return True

    def _read(
        self, request_id: int, body: dict[str, object], reading: _Reading, shaper: _ReasoningShaper,
        check: _PrefillCheck | None = None,
    ) -> Iterator[p.TokenText]:
        """One request's stream as text pieces, counted into ``reading``; stops at its limit or its cut."""
        asked = "logprobs" in body
        reading.requests += 1
        with self._watch() as watch:
            try:
                with self._post_chat(body) as response:
                    watch.progress()
                    lines: Iterable[bytes] = watch.bytes_of(response)
                    if response.headers.get("Content-Type", "").startswith("application/json"):
                        lines = _as_stream(_read_capped(lines))  # a server that did not stream
                    for data in iter_sse_data(lines, self.settings.max_event_bytes, watch.progress):
                        if data.strip() == "[DONE]":
                            break
                        chunk = parse_chunk(data)
                        reading.prompt_tokens = chunk.prompt_tokens or reading.prompt_tokens
                        reading.usage = chunk.usage or reading.usage
                        for choice in chunk.choices:
                            if check is not None:
                                check.see(choice)
                            text = shaper.feed(choice)
                            if text:
                                signals = _asked(choice, asked)
                                tokens = reading.add(text, signals)
                                yield p.TokenText(request_id, text, tokens, signals=signals)
                            if choice.finish_reason == "length":
                                reading.reason = "length"
                        if reading.counted >= reading.max_tokens:  # the server ignored max_tokens: stop here
                            reading.reason = "length"
                            break
                        if reading.at_budget():
                            reading.cut = True
                            break
                    else:
                        raise RemoteError("dropped", "the server closed the stream before it finished")
            except (httpx.HTTPError, EventTooLarge, RemoteError) as error:
                failure = watch.failure(error)
                if failure is not None and check is not None and failure.kind in _REFUSALS:
                    raise _PrefillRefused(failure.message) from error
                if failure is not None:
                    raise failure from error

    @contextlib.contextmanager
    def _post_chat(self, body: dict[str, object]) -> Iterator[httpx.Response]:
        """The streaming response; a server that refuses an optional extra (400/422: ``logprobs``,
        ``stream_options``) is asked again without it: the one its message names, else the next."""
        with self._http.stream("POST", "/chat/completions", json=body, headers=_STREAM_HEADERS) as response:
            if response.status_code < 300:
                yield response
                return
            detail = _read_capped(response)
            extras = [names for names in _OPTIONAL_EXTRAS if names[0] in body]
            if response.status_code not in (400, 422) or not extras:
                raise _http_error(response, detail)
        named = [names for names in extras if names[0].encode() in detail]
        dropped = (named or extras)[0]
        log.info("the server refused the request (%s): asking again without %s", detail[:200], dropped[0])
        for name in dropped:
            del body[name]
        with self._post_chat(body) as response:
            yield response

    def _begin(self) -> None:
        """A new request: an earlier cancel no longer applies."""
        with self._lock:
            self._cancelled = False
        self._cutter.resume()

    def _watch(self) -> _Watch:
        return _Watch(self.settings, self._cutter, lambda: self._cancelled)

    def _call(self, watch: _Watch, work: Callable[[], bytes]) -> bytes:
        """Run a plain request under ``watch``; a cancel here is a failure (there is no partial)."""
        try:
            return work()
        except (httpx.HTTPError, EventTooLarge, RemoteError) as error:
            raise (watch.failure(error) or RemoteError("cancelled", "cancelled")) from error

    def _read_body(self, method: str, path: str) -> bytes:
        with self._http.stream(method, path) as response:
            body = _read_capped(response)
            if response.status_code >= 300:
                raise _http_error(response, body)
            return body


def _as_stream(body: bytes) -> list[bytes]:
    """A whole (non-streamed) chat completion as the stream of one chunk it stands for.

    Some servers and proxies ignore ``stream: true`` and answer at once; the reply is
    all there, so it is read, not lost: each choice's ``message`` becomes a ``delta``.
    """
    try:
        reply = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise bad_response("a reply that is not JSON", body.decode("utf-8", "replace")) from error
    if not isinstance(reply, dict):
        raise bad_response("an unexpected reply", body.decode("utf-8", "replace"))
    if "error" in reply or not isinstance(reply.get("choices"), list):
        return [b"data: " + body.replace(b"\n", b" ").replace(b"\r", b" ") + b"\n\n"]  # parse_chunk says why
    choices = [{**c, "delta": c.get("message")} if isinstance(c, dict) else c for c in reply["choices"]]
    chunk = json.dumps({"choices": choices, "usage": reply.get("usage")}, ensure_ascii=False)
    return [f"data: {chunk}\n\ndata: [DONE]\n\n".encode()]


def _asked(choice: ChoiceDelta, asked: bool) -> tuple[TokenSignal, ...] | None:
    """The choice's signals when they were asked for; () says the server sent none."""
    return (choice.signals or ()) if asked else None


#: Request fields a server may not know, in the order they are given up when it refuses the request.
_OPTIONAL_EXTRAS = (("stream_options",), ("logprobs", "top_logprobs"))

#: The most model ids taken from a server's list (real servers list a few hundred at most).
MAX_LISTED_MODELS = 2_000

_STREAM_HEADERS = {"Accept": "text/event-stream", "Accept-Encoding": "identity"}


class _Watch:
    """One request's limits: the wall-clock deadline and the longest silence.

    A timer cuts the connection at the deadline, whatever httpx is waiting for;
    silence is measured between complete lines (keep-alive comments count), so a
    trickle of bytes that never completes a line does not count as life.
    :meth:`failure` turns whatever ended the request into the error the user sees
    (``None``: it was cancelled).
    """

    def __init__(self, settings: RemoteSettings, cutter: SocketCutter, cancelled: Callable[[], bool]) -> None:
        self._settings = settings
        self._cutter = cutter
        self._cancelled = cancelled
        self._expired = False
        self._last_progress = time.monotonic()
        self._timer = threading.Timer(settings.deadline, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        self._expired = True
        self._cutter.cut()

    def progress(self) -> None:
        self._last_progress = time.monotonic()

    def bytes_of(self, response: httpx.Response) -> Iterator[bytes]:
        """The response's bytes as they come, ended when the server has been silent too long."""
        for piece in response.iter_bytes():
            if time.monotonic() - self._last_progress > self._settings.timeout:
                raise RemoteError("timeout", self._silence_message())
            yield piece

    def failure(self, error: Exception) -> RemoteError | None:
        settings = self._settings
        if self._cancelled():
            return None
        if self._expired:
            return RemoteError("timeout", f"the reply did not finish within {settings.deadline:.0f} s "
                                          "(the deadline for one request)")
        if isinstance(error, RemoteError):
            return error
        if isinstance(error, EventTooLarge):
            return RemoteError("too-large", f"the server sent {error}; the reply was stopped")
        if isinstance(error, httpx.TimeoutException):
            return RemoteError("timeout", self._silence_message())
        if isinstance(error, httpx.ConnectError):
            return RemoteError("connect", f"cannot reach {settings.base_url}: {server_text(str(error), 300)}")
        return RemoteError("dropped", f"the connection broke mid-answer ({type(error).__name__})")

    def _silence_message(self) -> str:
        return f"the server sent nothing complete for {self._settings.timeout:.0f} s"


def _tokens_in(text: str) -> int:
    """Tokens a piece of text counts for ``max_tokens``: at least one per delta and per word,
    and one per :data:`CHARS_PER_TOKEN_CAP` characters, so a server that packs a whole book
    into one delta still meets the limit."""
    return max(1, estimate_tokens(text), len(text) // CHARS_PER_TOKEN_CAP)


def _read_capped(response: httpx.Response | Iterable[bytes], limit: int = MAX_BODY_BYTES) -> bytes:
    """A non-stream body, at most ``limit`` bytes (an endless body must not fill memory)."""
    body = bytearray()
    for piece in response.iter_bytes() if isinstance(response, httpx.Response) else response:
        body += piece
        if len(body) > limit:
            raise RemoteError("too-large", f"the server's reply is larger than {limit // 1024 // 1024} MB")
    return bytes(body)


#: Error kinds that, for a request with an assistant prefill, mean the server refused the prefill.
_REFUSALS = ("bad-request", "server", "not-found")
#: Characters of the trace's beginning that, written again at the start of a continuation, show
#: that the server began the reply anew instead of continuing it.
_REPEAT_PROBE = 24
#: ... when the trace has at least this many (a shorter one could be repeated by chance).
_REPEAT_MIN = 8


class _PrefillRefused(Exception):
    """The server did not continue the reply it was given."""


class _PrefillCheck:
    """Watches a continuation's first deltas: did the server continue the prefill?

    It did not when it rejects the request, opens a new think block (a reasoning
    field, or ``<think>`` in the text, where the thinking was closed), or starts by
    writing the given trace again. Decided once enough text has come.
    """

    def __init__(self, trace: str, *, closed: bool) -> None:
        self._head = trace.strip()[:_REPEAT_PROBE]
        self._closed = closed
        self._content = ""
        self.decided = False

    def see(self, delta: ChoiceDelta) -> None:
        if self.decided:
            return
        if delta.reasoning and self._closed:
            raise _PrefillRefused("it began a new thinking (a reasoning field)")
        self._content += delta.reasoning + delta.content
        if OPEN_TAG in self._content or (self._closed and CLOSE_TAG in self._content):
            raise _PrefillRefused("it began a new thinking (a <think> tag)")
        start = self._content.lstrip()
        head = self._head
        if len(head) >= _REPEAT_MIN and start[: len(head)] == head:
            raise _PrefillRefused("it wrote the given trace again")
        self.decided = len(start) >= max(len(head), _REPEAT_MIN)


class _Reading:
    """One reply's counts across its requests, and where the thinking budget cuts the stream."""

    def __init__(self, max_tokens: int, *, opens: bool, budget: int | None) -> None:
        self.max_tokens, self.budget = max_tokens, budget
        self.produced = self.counted = self.prompt_tokens = self.requests = 0
        self.reason = "stop"
        self.cut = False
        self.thinking = _Thinking(opens)
        self.usage: p.TokenUsage | None = None  # the server's own count (the last request's)
        self.exact = True  # every piece came with its tokens (log-probabilities)

    def add(self, text: str, signals: tuple[TokenSignal, ...] | None) -> int:
        """Count a piece of text; returns its tokens. An event is not a token: the tokens
        sent with it are counted (log-probabilities), else they are estimated from the text."""
        tokens = len(signals) if signals else _tokens_in(text)
        self.exact = self.exact and bool(signals)
        self.produced += tokens
        self.counted += _tokens_in(text)
        self.thinking.see(text)
        return tokens

    def at_budget(self) -> bool:
        """The trace has reached the budget and a sentence ends (or the grace is used up)."""
        thinking, budget = self.thinking, self.budget
        if budget is None or not thinking.inside or thinking.tokens < budget:
            return False
        return at_sentence_end(thinking.tail) or thinking.tokens >= budget + SENTENCE_GRACE


class _Thinking:
    """Follows the shaped stream: is it inside the think block, what has the trace said, in how many tokens.

    Only a trace known to be open counts (the template opened it, or a tag or a
    reasoning field did); a tentative one may turn out to be the answer.
    """

    def __init__(self, opens: bool) -> None:
        self._pieces: list[str] = []
        self._size = 0
        self._start: int | None = 0 if opens else None
        self._end: int | None = None
        self.tail = ""
        self.tokens = 0

    @property
    def inside(self) -> bool:
        return self._start is not None and self._end is None

    def see(self, text: str) -> None:
        window = self.tail + text
        base = self._size - len(self.tail)
        self._pieces.append(text)
        self._size += len(text)
        if self._start is None and (found := window.find(OPEN_TAG)) >= 0:
            self._start = base + found + len(OPEN_TAG)
        if self.inside:
            assert self._start is not None
            close = window.find(CLOSE_TAG, max(0, self._start - base))
            if close >= 0:
                self._end = base + close
            else:
                self.tokens += _tokens_in(text)
        self.tail = window[-32:]

    def trace(self) -> str:
        return "".join(self._pieces)[self._start:self._end]


class _ReasoningShaper:
    """Turns deltas of any reasoning shape into one stream with ``<think>`` tags.

    ``opened``: the stream continues a trace already open (a prefill), so a reasoning
    field is that trace's text, without a new opening tag.
    """

    def __init__(self, *, opened: bool = False) -> None:
        self._in_reasoning_field = False
        self._seen_content = False
        self._opened = opened

    def feed(self, delta: ChoiceDelta) -> str:
        reasoning, content = delta.reasoning, delta.content
        out = []
        if reasoning:
            if self._opened and not self._seen_content:
                self._in_reasoning_field = True
            elif not self._in_reasoning_field and not self._seen_content:
                # A separate reasoning field: open the trace explicitly (this also settles a
                # tentative trace; a template-opened one swallows the redundant tag).
                out.append(OPEN_TAG)
                self._in_reasoning_field = True
            out.append(reasoning.replace(CLOSE_TAG, "</ think>"))  # reasoning text cannot close it
        if content:
            if self._in_reasoning_field:
                out.append(CLOSE_TAG)
                self._in_reasoning_field = False
            self._seen_content = True
            out.append(content)
        return "".join(out)


def _http_error(response: httpx.Response, body: bytes) -> RemoteError:
    status = response.status_code
    try:
        error = json.loads(body).get("error", {})
        detail = server_text(error.get("message", error) if isinstance(error, dict) else error)
    except (ValueError, AttributeError, RecursionError):
        detail = server_text(body.decode("utf-8", errors="replace"))
    if status < 400:  # a redirect is not followed: the API key must not go to another address
        where = server_text(response.headers.get("Location", ""), 200)
        return RemoteError("not-found", f"the server sends this request elsewhere ({status}"
                                        f"{': ' + where if where else ''}); use that address instead")
    if status in (401, 403):
        return RemoteError("auth", f"the server refused the API key ({status}): {detail}")
    if status == 404:
        return RemoteError("not-found", f"not found on the server ({status}): {detail}")
    if status == 429:
        wait = response.headers.get("Retry-After")
        later = f"; try again in {server_text(wait, 20)} s" if wait else ""
        return RemoteError("rate-limit", f"the server is rate-limiting requests (429){later}")
    if status >= 500:
        return RemoteError("server", f"the server failed ({status}): {detail}")
    return RemoteError("bad-request", f"the server rejected the request ({status}): {detail}")
