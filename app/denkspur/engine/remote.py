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
from denkspur.engine import protocol as p
from denkspur.engine.abortable import SocketCutter, install
from denkspur.engine.remote_chunks import ChoiceDelta, RemoteError, bad_response, parse_chunk, server_text
from denkspur.engine.remote_http import MAX_BODY_BYTES, RequestWatch, as_stream, http_error, read_capped
from denkspur.engine.remote_keys import KEYRING_SERVICE, KeyNotStored, api_root, load_api_key, store_api_key
from denkspur.engine.remote_reading import (
    CHARS_PER_TOKEN_CAP,
    PrefillCheck,
    PrefillRefused,
    Reading,
    ReasoningShaper,
    tokens_in,
)
from denkspur.engine.sse import EventTooLarge, iter_sse_data
from denkspur.engine.thinking import BRIDGE, continued_reply

# Keys, request limits and stream reading live in remote_keys, remote_http and remote_reading;
# the names callers know stay importable from here.
__all__ = [
    "CHARS_PER_TOKEN_CAP", "KEYRING_SERVICE", "MAX_BODY_BYTES", "MAX_LISTED_MODELS", "REASONING_MODES",
    "KeyNotStored", "RemoteClient", "RemoteError", "RemoteSettings",
    "api_root", "load_api_key", "store_api_key",
]

log = logging.getLogger("denkspur.engine")
_R1_NAMES = re.compile(r"r1|reason|think|qwq|distill", re.IGNORECASE)
#: "detect": from the stream (see the module text); "template": the server's chat template
#: opens the trace, the content is trace until ``</think>``; "none": the content is the answer
#: (a separate reasoning field or a ``<think>`` the model writes still shows as trace).
REASONING_MODES = ("detect", "template", "none")


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
        reading = Reading(params.max_tokens, opens=opens, budget=budget)
        yield from self._read(request_id, body, reading, ReasoningShaper())
        notice = ""
        if reading.cut:  # the budget: the thinking ends here, and the server is asked for the answer
            reading.budget = None  # once
            trace = reading.thinking.trace().lstrip()
            prefill = continued_reply(trace) + BRIDGE + "\n\n"
            bridge = p.TokenText(request_id, BRIDGE, tokens=tokens_in(BRIDGE), origin="budget")
            answered = yield from self._prefilled(request_id, body, prefill, reading,
                                                  PrefillCheck(trace, closed=True), lead=bridge)
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
        reading = Reading(params.max_tokens, opens=answer is None, budget=None)
        check = PrefillCheck(trace, closed=answer is not None)
        shaper = ReasoningShaper(opened=answer is None)
        prefill = continued_reply(trace, answer)
        continued = yield from self._prefilled(request_id, body, prefill, reading, check, shaper=shaper)
        if not continued:
            raise RemoteError("no-prefill", "This server cannot continue a reply from where it stopped: it "
                                            "does not accept the start of the reply (an assistant prefill; "
                                            "llama-server does). Regenerate the reply instead.")
        yield self._done(request_id, reading, started, "")

    def _done(self, request_id: int, reading: Reading, started: float, notice: str) -> p.GenerationDone:
        reason = "cancelled" if self._cancelled else reading.reason
        # The server's usage counts a reply read in one request; one cut at the budget and
        # continued from a prefill has no usage for its first part: the estimate stands.
        usage = reading.usage if reading.requests == 1 and not reading.cut else None
        return p.GenerationDone(request_id, reason, reading.prompt_tokens,  # type: ignore[arg-type]
                                usage.completion_tokens if usage else reading.produced,
                                time.perf_counter() - started, notice=notice,
                                token_counts="exact" if reading.exact else "estimated", usage=usage)

    def _prefilled(
        self, request_id: int, body: dict[str, object], prefill: str, reading: Reading, check: PrefillCheck,
        *, lead: p.TokenText | None = None, shaper: ReasoningShaper | None = None,
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
            for piece in self._read(request_id, asked, reading, shaper or ReasoningShaper(), check):
                if held is None:
                    yield piece
                    continue
                held.append(piece)
                if check.decided:
                    yield from held
                    held = None
        except PrefillRefused as refused:
            log.info("the server did not continue the reply it was given: %s", refused)
            self.prefill = False
            return False
        if held:  # a short continuation: the stream ended before the check was sure, and it passed
            yield from held
        self.prefill = True
        return True

    def _read(
        self, request_id: int, body: dict[str, object], reading: Reading, shaper: ReasoningShaper,
        check: PrefillCheck | None = None,
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
                        lines = as_stream(read_capped(lines))  # a server that did not stream
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
                    raise PrefillRefused(failure.message) from error
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
            detail = read_capped(response)
            extras = [names for names in _OPTIONAL_EXTRAS if names[0] in body]
            if response.status_code not in (400, 422) or not extras:
                raise http_error(response, detail)
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

    def _watch(self) -> RequestWatch:
        return RequestWatch(self.settings, self._cutter, lambda: self._cancelled)

    def _call(self, watch: RequestWatch, work: Callable[[], bytes]) -> bytes:
        """Run a plain request under ``watch``; a cancel here is a failure (there is no partial)."""
        try:
            return work()
        except (httpx.HTTPError, EventTooLarge, RemoteError) as error:
            raise (watch.failure(error) or RemoteError("cancelled", "cancelled")) from error

    def _read_body(self, method: str, path: str) -> bytes:
        with self._http.stream(method, path) as response:
            body = read_capped(response)
            if response.status_code >= 300:
                raise http_error(response, body)
            return body


def _asked(choice: ChoiceDelta, asked: bool) -> tuple[TokenSignal, ...] | None:
    """The choice's signals when they were asked for; () says the server sent none."""
    return (choice.signals or ()) if asked else None


#: Error kinds that, for a request with an assistant prefill, mean the server refused the prefill.
_REFUSALS = ("bad-request", "server", "not-found")
#: Request fields a server may not know, in the order they are given up when it refuses the request.
_OPTIONAL_EXTRAS = (("stream_options",), ("logprobs", "top_logprobs"))

#: The most model ids taken from a server's list (real servers list a few hundred at most).
MAX_LISTED_MODELS = 2_000

_STREAM_HEADERS = {"Accept": "text/event-stream", "Accept-Encoding": "identity"}


