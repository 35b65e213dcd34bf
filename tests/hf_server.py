"""A local server that speaks enough of the Hugging Face Hub API for ``huggingface_hub``.

``HEAD/GET /{repo}/resolve/{revision}/{path}`` answer like the Hub for an LFS
file: a redirect to a CDN address with ``X-Repo-Commit``, ``X-Linked-Etag``
(the sha256) and ``X-Linked-Size``; ``GET /lfs/{key}`` serves the bytes with
Range support. Per file it can lie about the checksum or size, or drop the
connection after some bytes once, send more bytes than announced, or answer the
file's GET with a long error body, to test what the app does then. Loopback only.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@dataclass
class Served:
    data: bytes
    sha256: str = ""
    size: int | None = None  # what the metadata claims (default: the real size)
    drop_after: int | None = None  # close the connection after this many bytes, once
    ranges: list[int] = field(default_factory=list)  # resume offsets requested
    overflow: int = 0  # send this many junk bytes after the file (no Content-Length), then close
    error_body: int = 0  # answer the file's GET with HTTP 500 and a body this long
    sent: int = 0  # body bytes the last GET managed to send
    sending_done: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.sha256 = self.sha256 or hashlib.sha256(self.data).hexdigest()


class HubServer:
    def __init__(self) -> None:
        self.files: dict[tuple[str, str], Served] = {}
        self.requests: list[str] = []
        self.authorizations: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                return

            def do_HEAD(self) -> None:
                server.route(self, head=True)

            def do_GET(self) -> None:
                server.route(self, head=False)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{port}"
        self.cdn_url = f"http://localhost:{port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> HubServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def add(self, repo: str, path: str, served: Served) -> Served:
        self.files[(repo, path)] = served
        return served

    def route(self, handler: BaseHTTPRequestHandler, *, head: bool) -> None:
        path = unquote(handler.path.split("?")[0])
        self.requests.append(f"{handler.command} {path} {handler.headers.get('Range', '')}")
        self.authorizations.append(handler.headers.get("Authorization", ""))
        if path.startswith("/lfs/"):
            self._serve_bytes(handler, path[len("/lfs/"):], head=head)
            return
        if "/resolve/" in path:
            repo, _, rest = path.lstrip("/").partition("/resolve/")
            _revision, _, name = rest.partition("/")
            served = self.files.get((repo, name))
            if served is not None:
                key = f"{repo}/{name}".replace("/", "~")
                handler.send_response(302)
                # Another host name for the "CDN", as on the real Hub: huggingface_hub
                # follows redirects on its own host and reads the metadata headers here.
                handler.send_header("Location", f"{self.cdn_url}/lfs/{key}")
                handler.send_header("X-Repo-Commit", COMMIT)
                handler.send_header("X-Linked-Etag", f'"{served.sha256}"')
                handler.send_header("X-Linked-Size", str(served.size or len(served.data)))
                handler.send_header("ETag", f'"{served.sha256}"')
                handler.send_header("Content-Length", "0")
                handler.end_headers()
                return
        handler.send_response(404)
        handler.send_header("X-Error-Code", "EntryNotFound")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def _serve_bytes(self, handler: BaseHTTPRequestHandler, key: str, *, head: bool) -> None:
        repo_path = key.replace("~", "/")
        served = next((s for (r, n), s in self.files.items() if f"{r}/{n}" == repo_path), None)
        if served is None:
            handler.send_response(404)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if served.error_body and not head:
            self._send_error_body(handler, served)
            return
        start = 0
        ranged = handler.headers.get("Range", "")
        if ranged.startswith("bytes="):
            start = int(ranged[len("bytes="):].split("-")[0] or 0)
            served.ranges.append(start)
        body = served.data[start:]
        handler.send_response(206 if start else 200)
        if start:
            handler.send_header("Content-Range", f"bytes {start}-{len(served.data) - 1}/{len(served.data)}")
        if served.overflow:
            handler.send_header("Connection", "close")  # the body ends when the connection does
        else:
            handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Accept-Ranges", "bytes")
        handler.end_headers()
        if head:
            return
        if served.overflow:
            handler.close_connection = True
            self._send(handler, served, body + bytes(served.overflow))
            return
        if served.drop_after is not None and start < served.drop_after:
            handler.wfile.write(body[: served.drop_after - start])
            handler.wfile.flush()
            served.drop_after = None
            handler.close_connection = True
            handler.connection.shutdown(2)  # the connection drops mid-file
            return
        handler.wfile.write(body)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, served: Served, body: bytes) -> None:
        """Write ``body`` in pieces, counting what got out before the client hung up."""
        served.sent = 0
        served.sending_done.clear()
        try:
            for offset in range(0, len(body), 64 * 1024):
                handler.wfile.write(body[offset : offset + 64 * 1024])
                served.sent += min(64 * 1024, len(body) - offset)
        except OSError:  # the client stopped reading: what a bounded client does
            handler.close_connection = True
        finally:
            served.sending_done.set()

    def _send_error_body(self, handler: BaseHTTPRequestHandler, served: Served) -> None:
        handler.send_response(500)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", str(served.error_body))
        handler.end_headers()
        self._send(handler, served, b"x" * served.error_body)
