"""Issue 12, item 18 (API key): a key the keyring refuses is reported, not silently dropped."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordSetError

from denkspur.engine.remote import KeyNotStored, RemoteError, RemoteSettings, load_api_key, store_api_key


class RefusingKeyring(KeyringBackend):
    """A real keyring backend that refuses to store anything (a locked or absent secret service)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("the secret service is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("the <b>secret service</b> is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordSetError("locked")


@pytest.fixture
def refusing_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(RefusingKeyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def test_a_refused_key_raises_a_typed_error(refusing_keyring: None) -> None:
    with pytest.raises(KeyNotStored) as info:
        store_api_key("http://127.0.0.1:8080", "sk-secret")
    assert isinstance(info.value, RemoteError) and info.value.kind == "keyring"
    assert "this session only" in info.value.message and "sk-secret" not in info.value.message
    assert "secret service</b> is locked" in info.value.reason  # the keyring's words, as plain data


def test_a_keyring_that_fails_to_read_is_no_key(refusing_keyring: None) -> None:
    assert load_api_key("http://127.0.0.1:8080") is None  # RuntimeError is not a KeyringError


def test_the_connect_flow_says_why_the_key_was_not_kept(refusing_keyring: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    from denkspur.gui.remote_dialog import keep_key

    settings, note = keep_key(RemoteSettings("http://127.0.0.1:9", api_key="sk-secret"))
    assert settings.api_key == "sk-secret"  # still used for this session
    assert "could not be stored" in note and "PasswordSetError" in note and "locked" in note
