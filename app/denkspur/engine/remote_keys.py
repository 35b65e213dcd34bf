"""API keys of servers, kept in the OS keyring (never in config files or logs), per server address."""

from __future__ import annotations

import logging

from denkspur.engine.remote_chunks import RemoteError, server_text

log = logging.getLogger("denkspur.engine")
KEYRING_SERVICE = "denkspur-remote"


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
