"""One request to a server: its deadline and silence limit, capped bodies, errors in the user's words.

Every limit is enforced here rather than trusted to the server: a timer cuts the
connection at the wall-clock deadline, bodies that are not a stream are read up to a
cap, and whatever ends a request becomes a typed :class:`RemoteError` whose message
shows the server's words only as capped plain text.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import httpx

from denkspur.engine.abortable import SocketCutter
from denkspur.engine.remote_chunks import RemoteError, bad_response, server_text
from denkspur.engine.sse import EventTooLarge

if TYPE_CHECKING:
    from denkspur.engine.remote import RemoteSettings

#: Bodies that are not a stream (model lists, error replies) are read up to this size.
MAX_BODY_BYTES = 4 * 1024 * 1024


class RequestWatch:
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

    def __enter__(self) -> RequestWatch:
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


def read_capped(response: httpx.Response | Iterable[bytes], limit: int = MAX_BODY_BYTES) -> bytes:
    """A non-stream body, at most ``limit`` bytes (an endless body must not fill memory)."""
    body = bytearray()
    for piece in response.iter_bytes() if isinstance(response, httpx.Response) else response:
        body += piece
        if len(body) > limit:
            raise RemoteError("too-large", f"the server's reply is larger than {limit // 1024 // 1024} MB")
    return bytes(body)


def as_stream(body: bytes) -> list[bytes]:
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


def http_error(response: httpx.Response, body: bytes) -> RemoteError:
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
