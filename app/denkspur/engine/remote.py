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
start the content *inside* the trace without an opening tag; for R1-family model
names that is assumed (``assume_open``), and a redundant ``<think>`` is harmless.

SSE is parsed by ``httpx-sse``; HTTP by ``httpx``. Cancel closes the stream at once.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import httpx
from httpx_sse import SSEError, connect_sse

from denkspur.core.trace.splitter import CLOSE_TAG, OPEN_TAG
from denkspur.engine import protocol as p
from denkspur.engine.remote_chunks import ChoiceDelta, RemoteError, bad_response, parse_chunk, server_text

__all__ = ["RemoteClient", "RemoteError", "RemoteSettings", "load_api_key", "store_api_key"]

log = logging.getLogger("denkspur.engine")
_R1_NAMES = re.compile(r"r1|reason|think|qwq|distill", re.IGNORECASE)
KEYRING_SERVICE = "denkspur-remote"


@dataclass(frozen=True)
class RemoteSettings:
    base_url: str  # e.g. http://127.0.0.1:8080/v1 or https://api.deepseek.com
    model: str = ""  # empty: the first model the server lists
    api_key: str | None = None
    timeout: float = 60.0
    verify_tls: bool = True
    #: The server's chat template ends the prompt with <think> (None: guess from the model name).
    assume_open: bool | None = None


def api_root(base_url: str) -> str:
    """``…/v1`` for a server address given with or without it."""
    root = base_url.rstrip("/")
    return root if root.endswith("/v1") else root + "/v1"


def store_api_key(base_url: str, key: str) -> None:
    """Keep the API key in the OS keyring (never in config files or logs)."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, api_root(base_url), key)


def load_api_key(base_url: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, api_root(base_url))
    except KeyringError as error:
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
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._response: httpx.Response | None = None
        self._cancelled = False
        self.model_id = settings.model
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
        response = self._request("GET", "/models")
        try:
            return [server_text(m["id"], 200) for m in response.json().get("data", [])]
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            raise bad_response("a model list that is not valid", response.text) from error

    def cancel(self) -> None:
        """Close the running stream now (thread-safe)."""
        with self._lock:
            self._cancelled = True
            response = self._response
        if response is not None:
            response.close()

    def end_thinking(self) -> None:
        """Not available remotely: the server decides when the model stops thinking."""
        return None

    def generate(
        self, messages: Iterable[p.ChatMessage], params: p.SamplingParams | None = None
    ) -> Iterator[p.GenerationStarted | p.TokenText | p.GenerationDone]:
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
        }
        if params.seed is not None:
            body["seed"] = params.seed
        with self._lock:
            self._cancelled = False
        return self._stream(next(self._ids), body)

    # -- internals -----------------------------------------------------------------------------
    def _assume_open(self) -> bool:
        if self.settings.assume_open is not None:
            return self.settings.assume_open
        return bool(_R1_NAMES.search(self.model_id))

    def _stream(
        self, request_id: int, body: dict[str, object]
    ) -> Iterator[p.GenerationStarted | p.TokenText | p.GenerationDone]:
        started = time.perf_counter()
        opens = self._assume_open()
        yield p.GenerationStarted(request_id, 0, opens, 0, int(body["max_tokens"]))  # type: ignore[call-overload]
        shaper = _ReasoningShaper(opens)
        produced, reason, prompt_tokens = 0, "stop", 0
        try:
            with connect_sse(self._http, "POST", "/chat/completions", json=body) as source:
                response = source.response
                with self._lock:
                    self._response = response
                    cancelled = self._cancelled
                if cancelled:
                    response.close()
                if response.status_code >= 400:
                    response.read()
                    raise _http_error(response)
                for sse in source.iter_sse():
                    if sse.data.strip() == "[DONE]":
                        break
                    chunk = parse_chunk(sse.data)
                    prompt_tokens = chunk.prompt_tokens or prompt_tokens
                    for choice in chunk.choices:
                        text = shaper.feed(choice)
                        if text:
                            produced += 1
                            yield p.TokenText(request_id, text)
                        if choice.finish_reason == "length":
                            reason = "length"
                else:
                    if not self._cancelled:
                        raise RemoteError("dropped", "the server closed the stream before it finished")
        except (httpx.ReadError, httpx.RemoteProtocolError, httpx.StreamClosed, SSEError) as error:
            if not self._cancelled:
                broke = f"the connection broke mid-answer ({type(error).__name__})"
                raise RemoteError("dropped", broke) from error
        except httpx.TimeoutException as error:
            raise self._timeout() from error
        except httpx.ConnectError as error:
            raise RemoteError("connect", f"cannot reach {self.settings.base_url}: {error}") from error
        finally:
            with self._lock:
                self._response = None
        if self._cancelled:
            reason = "cancelled"
        seconds = time.perf_counter() - started
        yield p.GenerationDone(request_id, reason, prompt_tokens, produced, seconds)  # type: ignore[arg-type]

    def _timeout(self) -> RemoteError:
        return RemoteError("timeout", f"the server did not answer within {self.settings.timeout:.0f} s")

    def _request(self, method: str, path: str) -> httpx.Response:
        try:
            response = self._http.request(method, path)
        except httpx.TimeoutException as error:
            raise self._timeout() from error
        except httpx.HTTPError as error:
            raise RemoteError("connect", f"cannot reach {self.settings.base_url}: {error}") from error
        if response.status_code >= 400:
            raise _http_error(response)
        return response


class _ReasoningShaper:
    """Turns deltas of any reasoning shape into one stream with ``<think>`` tags."""

    def __init__(self, opened_by_template: bool) -> None:
        self._in_reasoning_field = False
        self._opened_by_template = opened_by_template
        self._seen_content = False

    def feed(self, delta: ChoiceDelta) -> str:
        reasoning, content = delta.reasoning, delta.content
        out = []
        if reasoning:
            if not self._in_reasoning_field and not self._seen_content:
                # A separate reasoning field: open the trace ourselves (if the template did not).
                out.append("" if self._opened_by_template else OPEN_TAG)
                self._in_reasoning_field = True
            out.append(reasoning.replace(CLOSE_TAG, "</ think>"))  # reasoning text cannot close it
        if content:
            if self._in_reasoning_field:
                out.append(CLOSE_TAG)
                self._in_reasoning_field = False
            self._seen_content = True
            out.append(content)
        return "".join(out)


def _http_error(response: httpx.Response) -> RemoteError:
    status = response.status_code
    try:
        error = response.json().get("error", {})
        detail = server_text(error.get("message", error) if isinstance(error, dict) else error)
    except (ValueError, AttributeError, RecursionError):
        detail = server_text(response.text)
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
