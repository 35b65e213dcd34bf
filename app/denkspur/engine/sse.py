"""Server-sent events read incrementally, with a cap on the size of one event.

A general SSE parser keeps appending to a line until the newline comes; a
server that sends one endless line takes all memory (1 GB of line cost 8.6 GB
through httpx-sse). This reader keeps at most ``max_bytes`` of an unfinished
line or event and fails with :class:`EventTooLarge` beyond that. Only ``data``
fields matter for chat completions; comments and other fields are skipped.
Lines end in LF, CRLF or a lone CR, as the SSE standard allows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

_LINE_END = re.compile(rb"[\r\n]")


class EventTooLarge(Exception):
    """One line or event of the stream is longer than the cap."""


def iter_sse_data(
    chunks: Iterable[bytes], max_bytes: int, on_line: Callable[[], None] = lambda: None
) -> Iterator[str]:
    """The ``data`` of each event in ``chunks`` (raw bytes as they arrive), decoded as UTF-8.

    ``on_line`` is called for every complete line, comments (keep-alives) included:
    a sign of life that a trickle of bytes without a newline never gives.
    """
    data: list[bytes] = []
    data_size = 0
    for line in _lines(chunks, max_bytes):
        on_line()
        if not line:  # a blank line ends the event
            if data:
                yield b"\n".join(data).decode("utf-8", errors="replace")
            data, data_size = [], 0
            continue
        field, _, value = line.partition(b":")
        if field == b"data":
            value = value.removeprefix(b" ")
            data_size += len(value) + 1
            if data_size > max_bytes:
                raise EventTooLarge(f"an event longer than {max_bytes} bytes")
            data.append(value)


def _lines(chunks: Iterable[bytes], max_bytes: int) -> Iterator[bytes]:
    """Complete lines (without their end); at most ``max_bytes`` of an unfinished one is kept."""
    buffer = bytearray()
    scanned = 0  # bytes of the buffer known to hold no line end
    for piece in chunks:
        buffer += piece
        while True:
            found = _LINE_END.search(buffer, scanned)
            end = found.start() if found else -1
            if end < 0 or (buffer[end] == 0x0D and end + 1 == len(buffer)):  # a CR may be half a CRLF
                scanned = len(buffer) if end < 0 else end
                if len(buffer) > max_bytes:
                    raise EventTooLarge(f"a line longer than {max_bytes} bytes")
                break
            line = bytes(buffer[:end])
            del buffer[: end + (2 if buffer[end : end + 2] == b"\r\n" else 1)]
            scanned = 0
            yield line
    if buffer.endswith(b"\r"):  # the stream ended on a lone CR: it ended a line
        yield bytes(buffer[:-1])
