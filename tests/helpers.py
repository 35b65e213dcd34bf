"""Small helpers shared by tests."""

from __future__ import annotations

import socket
from itertools import pairwise

from keyring.backend import KeyringBackend


def chunked(text: str, cuts: list[int]) -> list[str]:
    """Split ``text`` at the given cut points (taken modulo its length)."""
    points = sorted({cut % (len(text) + 1) for cut in cuts})
    return [text[a:b] for a, b in pairwise([0, *points, len(text)])]


def free_port() -> int:
    """A loopback TCP port nobody listens on (right now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in memory (the CI machine has no secret service)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)
