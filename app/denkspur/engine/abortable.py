"""HTTP connections that another thread can cut at once: cancel and deadlines.

httpx blocks the calling thread in ``recv`` while it waits for response headers
or the next bytes, and its timeouts are per read: a server that never answers
holds a request until the read timeout, and one that trickles a byte a second
holds it forever. Closing an httpx response from another thread only works
once headers have arrived. What does wake a blocked ``recv`` at any stage is
``shutdown()`` on its socket, so the connections are opened through a network
backend that records their sockets, and :meth:`SocketCutter.cut` shuts them all.

The backend is installed into httpx's connection pools (``_pool._network_backend``,
not public API); :func:`install` says whether it could be, and the tests of the
remote client fail if a future httpx moves it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import typing
import weakref

import httpcore
import httpx

log = logging.getLogger("denkspur.engine")


class SocketCutter:
    """The sockets of one HTTP client; :meth:`cut` ends everything they are doing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._cutting = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)
            cutting = self._cutting
        if cutting:  # connected while a cut was in force (the cut came during connect)
            _shutdown(sock)

    def cut(self) -> None:
        """Shut every socket now (thread-safe); new ones are shut as they connect until :meth:`resume`."""
        with self._lock:
            self._cutting = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)

    def resume(self) -> None:
        """Let new connections live again (at the start of the next request)."""
        with self._lock:
            self._cutting = False


def _shutdown(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for TLS sockets: wakes a blocked recv in any thread.
    with contextlib.suppress(OSError):  # already closed or never connected
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _CuttableStream(httpcore.NetworkStream):
    """A network stream whose socket (also after the TLS upgrade) is known to the cutter."""

    def __init__(self, stream: httpcore.NetworkStream, cutter: SocketCutter) -> None:
        self._stream = stream
        self._cutter = cutter
        sock = stream.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            cutter.add(sock)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, timeout)

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: typing.Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _CuttableStream(self._stream.start_tls(ssl_context, server_hostname, timeout), self._cutter)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class _CuttableBackend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend, cutter: SocketCutter) -> None:
        self._backend = backend
        self._cutter = cutter

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return _CuttableStream(stream, self._cutter)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: typing.Iterable[typing.Any] | None = None,
                            ) -> httpcore.NetworkStream:
        stream = self._backend.connect_unix_socket(path, timeout, socket_options)
        return _CuttableStream(stream, self._cutter)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def install(client: httpx.Client, cutter: SocketCutter) -> bool:
    """Route all of ``client``'s connections (direct and through proxies) via ``cutter``."""
    transports = [getattr(client, "_transport", None), *getattr(client, "_mounts", {}).values()]
    installed = False
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, httpcore.NetworkBackend):
            pool._network_backend = _CuttableBackend(backend, cutter)  # type: ignore[union-attr]
            installed = True
    if not installed:
        log.warning("this httpx cannot be cut from another thread: cancel waits for the server")
    return installed
