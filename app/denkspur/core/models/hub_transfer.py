"""The one HTTP call a download makes for a file's bytes, bounded in every direction.

Why not ``huggingface_hub.file_download.http_get``: on an error status it reads
the whole response body into memory to build its message, and it writes
whatever the server streams, however much more than announced. A broken or
hostile endpoint could then exhaust memory or fill the disk. Here the request
goes through ``huggingface_hub``'s own HTTP session (its offline switch, proxy
and request ids) but the response is read under our limits: at most a few KB of
an error body, never more bytes than the Hub's metadata announced, a read
timeout, and a resume (Range request) after a dropped connection.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import BinaryIO

#: Bytes of an error response read for its message; the rest is never read.
ERROR_BODY_LIMIT = 16 * 1024
#: Attempts in a row that bring no new byte before a dropped connection is final.
RETRIES_WITHOUT_PROGRESS = 4

OFFLINE_HINT = "offline? check the connection"


class DownloadError(RuntimeError):
    """A download cannot go on; the message says why and what to do."""


class TooManyBytes(DownloadError):
    """The server sent more than the announced size: its bytes are not to be trusted."""


def network_failure(error: BaseException, what: str) -> DownloadError:
    """A clear message for a failure to reach or hear from the server while doing ``what``."""
    import httpx2

    if isinstance(error, httpx2.TimeoutException):
        cause = "the server did not answer in time"
    elif isinstance(error, httpx2.ConnectError):
        cause = "no connection to the server"
    elif isinstance(error, httpx2.TransportError | OSError):
        cause = "the connection failed"
    elif isinstance(error, httpx2.TooManyRedirects):
        return DownloadError(f"{what}: the server redirects in circles")
    else:
        cause = "the request failed"
    detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
    return DownloadError(f"{what}: {cause} ({detail}); {OFFLINE_HINT}")


def is_network_failure(error: BaseException) -> bool:
    import httpx2

    return isinstance(error, httpx2.HTTPError)


def _refusal(response: object, name: str) -> DownloadError:
    """The server's refusal, quoting at most a short, plain part of its body."""
    status = getattr(response, "status_code", 0)
    body = b""
    for chunk in response.iter_bytes(chunk_size=4096):  # type: ignore[attr-defined]
        body += chunk
        if len(body) >= ERROR_BODY_LIMIT:
            break
    headers = response.headers  # type: ignore[attr-defined]
    said = headers.get("X-Error-Message") or body[:ERROR_BODY_LIMIT].decode("utf-8", "replace")
    said = " ".join("".join(c if c.isprintable() else " " for c in said).split())[:200]
    hint = " (a Hugging Face token is needed: set HF_TOKEN)" if status in (401, 403) else ""
    return DownloadError(f"the server refused {name}: HTTP {status}{hint}" + (f": {said}" if said else ""))


def fetch_into(
    url: str,
    handle: BinaryIO,
    *,
    name: str,
    size: int,
    headers: dict[str, str],
    on_bytes: Callable[[int], None],
    chunk_size: int,
    timeout: float,
) -> None:
    """Append the rest of ``url``'s ``size`` bytes to ``handle`` (already holding a prefix).

    ``on_bytes(count)`` sees every written chunk (negative when a server ignored
    the Range request and the file starts over); it may raise to cancel.
    Raises :class:`TooManyBytes` as soon as the server sends more than ``size``
    in all, :class:`DownloadError` for refusals and lasting network failures.
    """
    import httpx2
    from huggingface_hub.utils import get_session

    client_timeout = httpx2.Timeout(timeout, connect=timeout)
    failures = 0
    while handle.tell() < size:
        start = handle.tell()
        on_bytes(0)  # a cancel is seen before every attempt, also between retries
        request_headers = {**headers, "Accept-Encoding": "identity"}
        if start:
            request_headers["Range"] = f"bytes={start}-"
        try:
            with get_session().stream("GET", url, headers=request_headers, timeout=client_timeout,
                                      follow_redirects=True) as response:
                if response.status_code >= 400:
                    raise _refusal(response, name)
                if start and response.status_code != 206:  # Range ignored: the body is the whole file
                    handle.seek(0)
                    handle.truncate()
                    on_bytes(-start)
                _check_announced(response.headers.get("Content-Length"), size - handle.tell(), name, size)
                for chunk in response.iter_bytes(chunk_size=chunk_size):
                    if handle.tell() + len(chunk) > size:
                        raise TooManyBytes(
                            f"the server sent more than the announced {size:,} bytes of {name}; "
                            "the download was stopped (a broken or wrong mirror?)"
                        )
                    handle.write(chunk)
                    on_bytes(len(chunk))
        except DownloadError:
            raise
        except (httpx2.TransportError, httpx2.TooManyRedirects, httpx2.StreamError) as error:
            failures = 0 if handle.tell() > start else failures + 1
            if failures >= RETRIES_WITHOUT_PROGRESS or isinstance(error, httpx2.TooManyRedirects):
                raise network_failure(error, f"downloading {name} failed") from error
            time.sleep(min(2.0, 0.25 * (failures + 1)))
            continue
        if handle.tell() < size:  # the server ended the body early without an error
            failures += 1
            if failures >= RETRIES_WITHOUT_PROGRESS:
                raise DownloadError(f"the server keeps ending {name} early at {handle.tell():,} of "
                                    f"{size:,} bytes; download again later to resume")


def _check_announced(value: str | None, remaining: int, name: str, size: int) -> None:
    """Refuse a response whose own Content-Length is more than what is still missing."""
    if value is None:
        return
    try:
        announced = int(value)
    except ValueError:
        return
    if announced > remaining:
        raise TooManyBytes(f"the server wants to send {announced:,} bytes of {name} but only "
                           f"{remaining:,} of {size:,} are missing; the download was stopped "
                           "(a broken or wrong mirror?)")
