"""Small local OpenAI-compatible servers with scripted behaviour (loopback only).

Each serves ``/v1/models`` and a streaming ``/v1/chat/completions`` whose SSE body
is chosen per test: reasoning as ``reasoning_content`` deltas, a stream that
stops mid-way, garbage instead of JSON, HTTP errors, or a slow stream for cancel.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def chunk(delta: dict[str, object], finish: str | None = None) -> str:
    payload = {"id": "c1", "object": "chat.completion.chunk", "model": "test",
               "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(payload)}\n\n"


def reasoning_stream() -> Iterator[str]:
    yield chunk({"role": "assistant"})
    for piece in ("Two plus three. ", "Wait, check: ", "5 - 3 = 2."):
        yield chunk({"reasoning_content": piece, "content": None})
    for piece in ("It is ", "**5**."):
        yield chunk({"content": piece})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"


def usage_stream(details: bool = True) -> Iterator[str]:
    """The reasoning stream, then a last chunk with the server's exact ``usage`` (no choices),
    as OpenAI, vLLM and DeepSeek send it when asked with ``stream_options.include_usage``."""
    for event in reasoning_stream():
        if event.startswith("data: [DONE]"):
            usage: dict[str, object] = {"prompt_tokens": 17, "completion_tokens": 40, "total_tokens": 57}
            if details:
                usage["completion_tokens_details"] = {"reasoning_tokens": 31}
            yield f"data: {json.dumps({'id': 'c1', 'choices': [], 'usage': usage})}\n\n"
        yield event


def logprob_chunk(delta: dict[str, object], tokens: list[tuple[str, float, list[tuple[str, float]]]],
                  extra: tuple[object, ...] = ()) -> str:
    """A chunk with OpenAI-style ``logprobs.content``: (token, logprob, [(alternative, logprob)])."""
    content = [{"token": token, "logprob": logprob, "bytes": list(token.encode()),
                "top_logprobs": [{"token": alt, "logprob": lp} for alt, lp in alternatives]}
               for token, logprob, alternatives in tokens] + list(extra)
    payload = {"id": "c1", "object": "chat.completion.chunk", "model": "test",
               "choices": [{"index": 0, "delta": delta, "finish_reason": None,
                            "logprobs": {"content": content}}]}
    return f"data: {json.dumps(payload)}\n\n"


def logprobs_stream() -> Iterator[str]:
    """Reasoning and answer with log-probabilities, one chunk of two tokens, and one malformed entry."""
    yield chunk({"role": "assistant"})
    yield logprob_chunk({"reasoning_content": "Two plus"},
                        [("Two", -0.1, [("Two", -0.1), ("So", -2.5)]),
                         (" plus", -1.2, [(" and", -0.5), (" plus", -1.2), (" times", -3.0)])])
    yield logprob_chunk({"reasoning_content": " three."}, [(" three.", -0.01, [(" three.", -0.01)])])
    yield logprob_chunk({"content": "5"}, [("5", -0.02, [("5", -0.02), ("five", float("-inf"))])],
                        ({"token": 7}, "junk"))
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"


def thinking_field_stream() -> Iterator[str]:
    yield chunk({"thinking": "Hmm, 2 + 3."})
    yield chunk({"content": "5"})
    yield "data: [DONE]\n\n"


def dropping_stream() -> Iterator[str]:
    yield chunk({"reasoning_content": "Starting to think"})
    yield chunk({"content": "Partial ans"})
    # then the connection ends without [DONE]


def garbage_stream() -> Iterator[str]:
    yield chunk({"content": "Fine so far. "})
    yield "data: {this is not json\n\n"


def slow_stream() -> Iterator[str]:
    for index in range(200):
        yield chunk({"reasoning_content": f"step {index}. "})
        time.sleep(0.05)
    yield "data: [DONE]\n\n"


class OpenAIServer:
    def __init__(self, stream: Callable[[], Iterator[str]] = reasoning_stream, *, status: int = 200,
                 api_key: str | None = None, models: tuple[str, ...] = ("deepseek-reasoner",),
                 before_list: Callable[[], object] | None = None, refuse_logprobs: bool = False,
                 respond: Callable[[dict[str, object]], Iterator[str]] | None = None,
                 refuse_stream_options: bool = False, whole: dict[str, object] | None = None,
                 redirect: str | None = None) -> None:
        """``before_list`` runs before ``/v1/models`` answers (a test holds the answer back with it);
        ``refuse_logprobs``: a request with ``logprobs`` gets a 400, as from servers without them;
        ``respond``: the stream chosen from the request's body (instead of ``stream``);
        ``refuse_stream_options`` the same for ``stream_options`` (a strict, older server);
        ``whole``: this JSON reply instead of a stream (a server that ignores ``stream``);
        ``redirect``: every request gets a 307 to this address."""
        self.requests: list[dict[str, object]] = []
        self.headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                return

            def _auth_ok(self) -> bool:
                server.headers.append(dict(self.headers))
                if api_key and self.headers.get("Authorization") != f"Bearer {api_key}":
                    self._json(401, {"error": {"message": "invalid api key"}})
                    return False
                return True

            def _json(self, code: int, payload: object) -> None:
                body = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                if code == 429:
                    self.send_header("Retry-After", "7")
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if not self._auth_ok():
                    return
                if before_list is not None:
                    before_list()
                self._json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in models]})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                server.requests.append(json.loads(self.rfile.read(length) or b"{}"))
                if not self._auth_ok():
                    return
                if status != 200:
                    self._json(status, {"error": {"message": f"scripted {status}"}})
                    return
                if redirect is not None:
                    self.send_response(307)
                    self.send_header("Location", redirect)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if whole is not None:
                    self._json(200, whole)
                    return
                if refuse_logprobs and "logprobs" in server.requests[-1]:
                    self._json(400, {"error": {"message": "logprobs is not supported with this model"}})
                    return
                if refuse_stream_options and "stream_options" in server.requests[-1]:
                    self._json(422, {"detail": [{"loc": ["body", "stream_options"], "msg": "extra field"}]})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for event in (respond(server.requests[-1]) if respond else stream()):
                        self.wfile.write(event.encode())
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> OpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def trickle_stream(seconds: float = 30.0) -> Iterator[str]:
    """One good chunk, then a comment line one byte at a time: bytes flow, nothing is said."""
    yield chunk({"content": "Fine so far. "})
    yield ": "
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        yield "x"
        time.sleep(0.1)


def steady_stream(seconds: float = 30.0) -> Iterator[str]:
    """A word every 0.1 s for ``seconds``: alive, but slower than any deadline in the tests."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        yield chunk({"content": "word "})
        time.sleep(0.1)
    yield "data: [DONE]\n\n"


def endless_words(count: int = 5_000) -> Iterator[str]:
    """Far more words than asked for: a server that ignores ``max_tokens``."""
    for _ in range(count):
        yield chunk({"content": "word "})
    yield "data: [DONE]\n\n"


def huge_line_stream(megabytes: int = 64) -> Iterator[str]:
    """One SSE line of ``megabytes`` MB that never ends (sent 1 MB at a time)."""
    yield chunk({"content": "Fine so far. "})
    yield 'data: {"choices": [{"delta": {"content": "'
    piece = "x" * (1024 * 1024)
    for _ in range(megabytes):
        yield piece


class SilentServer:
    """Accepts connections, reads the request, and never answers (not even headers)."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self._connections.append(connection)

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._listener.close()
        for connection in self._connections:
            connection.close()


#: The trace :func:`prefilling_server_stream` thinks: ten short sentences as ``reasoning_content``.
LONG_THOUGHT = tuple(f"{' ' if index else ''}Thought number {index} is here." for index in range(10))


def prefilling_server_stream(body: dict[str, object]) -> Iterator[str]:
    """A server like llama-server: a final assistant message is continued as it stands (as content).

    Without one it thinks :data:`LONG_THOUGHT` and answers; with one that closed the
    thinking it answers; with one inside the thinking it finishes the thought, then answers.
    """
    messages = body.get("messages")
    last = messages[-1] if isinstance(messages, list) and messages else {}
    if isinstance(last, dict) and last.get("role") == "assistant":
        prefill = str(last.get("content", ""))
        if "</think>" not in prefill:
            pieces = [" and that settles it.", "</think>", "Five."]
        else:  # the answer, or the rest of one begun
            pieces = ["It is ", "**5**."] if prefill.endswith("\n\n") else [" is **5**."]
        for piece in pieces:
            yield chunk({"content": piece})
    else:
        for piece in LONG_THOUGHT:
            yield chunk({"reasoning_content": piece})
        yield chunk({"content": "The answer: 5."})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"
