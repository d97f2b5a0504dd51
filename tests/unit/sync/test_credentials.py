"""CredentialStore: allowlisted keyrings only, memory otherwise; sharding, timeouts, per-officer accounts."""

from __future__ import annotations

import logging

import keyring
import pytest
from keyring.backends import chainer, fail, null

from tests.support.memory_keyring import MemoryKeyring
from triage_desktop.security import credentials as cred
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.sync.auth import account_name

A = account_name("https://api.tayninh.example/triage/v1/", "canbo1")
B = account_name("https://api.tayninh.example/triage/v1", "canbo2")


def test_account_names_separate_servers_and_officers() -> None:
    assert A == "https://api.tayninh.example/triage/v1|canbo1"
    assert A != B != account_name("https://other.example/v1", "canbo2")


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), MemoryKeyring()])
def test_a_backend_off_the_allowlist_keeps_tokens_in_memory_only(backend: object) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    try:
        store = CredentialStore()
        assert not store.persistent
        store.set_refresh_token(A, "ref-A")
        assert store.get_refresh_token(A) == "ref-A"
        assert CredentialStore().get_refresh_token(A) is None  # a "restart" forgets it
        if isinstance(backend, MemoryKeyring):
            assert backend.entries == {}  # nothing written to the untrusted backend
    finally:
        keyring.set_keyring(previous)


def test_a_chainer_is_used_only_through_an_allowed_member() -> None:
    secure = type("Keyring", (MemoryKeyring,), {"__module__": "keyring.backends.SecretService",
                                                "__qualname__": "Keyring"})()
    plaintext = MemoryKeyring()

    class Chain:  # stands in for ChainerBackend, whose members come from the installed backends
        backends = (plaintext, secure)

    Chain.__module__, Chain.__qualname__ = "keyring.backends.chainer", "ChainerBackend"
    assert cred.secure_backend(Chain()) is secure
    Chain.backends = (plaintext,)
    assert cred.secure_backend(Chain()) is None
    chosen = cred.secure_backend(chainer.ChainerBackend())  # whatever this machine has installed
    assert chosen is None or cred.backend_name(chosen) in cred.ALLOWED_BACKENDS


def test_tokens_persist_per_account_in_a_trusted_backend(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory_keyring)
    assert store.persistent
    store.set_refresh_token(A, "ref-A")
    store.set_refresh_token(B, "ref-B")
    again = CredentialStore(backend=memory_keyring)
    assert again.get_refresh_token(A) == "ref-A" and again.get_refresh_token(B) == "ref-B"
    again.set_refresh_token(A, "ref-A2")  # rotation replaces at once
    assert CredentialStore(backend=memory_keyring).get_refresh_token(A) == "ref-A2"
    again.delete(A)
    assert CredentialStore(backend=memory_keyring).get_refresh_token(A) is None
    assert CredentialStore(backend=memory_keyring).get_refresh_token(B) == "ref-B"
    again.delete(A)  # deleting twice is fine


def test_big_secrets_are_sharded_below_the_limit(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory_keyring, max_secret_bytes=100)
    token = "eyJ" + "ạ" * 70 + "x" * 200  # multi-byte characters count in UTF-16 bytes
    store.set_refresh_token(A, token)
    assert all(len(v.encode("utf-16-le")) < 100 for v in memory_keyring.entries.values())
    assert len(memory_keyring.entries) > 3
    assert CredentialStore(backend=memory_keyring, max_secret_bytes=100).get_refresh_token(A) == token
    store.set_refresh_token(A, "short")  # old shards go away
    assert list(memory_keyring.entries.values()) == ["short"]
    assert CredentialStore(backend=memory_keyring).get_refresh_token(A) == "short"
    store.delete(A)
    assert memory_keyring.entries == {}


def test_a_hung_keyring_times_out_and_falls_back_to_memory(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory_keyring, timeout=0.2)
    assert store.persistent
    memory_keyring.hang = True
    assert store.get_refresh_token(A) is None  # returns instead of hanging
    assert not store.persistent
    store.set_refresh_token(A, "ref-A")
    assert store.get_refresh_token(A) == "ref-A"


def test_a_failing_keyring_write_falls_back_to_memory(memory_keyring: MemoryKeyring) -> None:
    def broken(*args: object) -> None:
        raise keyring.errors.KeyringError("locked")

    memory_keyring.set_password = broken  # type: ignore[method-assign]
    store = CredentialStore(backend=memory_keyring)
    store.set_refresh_token(A, "ref-A")
    assert not store.persistent and store.get_refresh_token(A) == "ref-A"


def test_windows_backend_persists_to_the_local_machine_and_caps_secrets() -> None:
    class WinVaultKeyring(MemoryKeyring):
        persist = None

    WinVaultKeyring.__module__, WinVaultKeyring.__qualname__ = "keyring.backends.Windows", "WinVaultKeyring"
    backend = WinVaultKeyring()
    store = CredentialStore(backend=backend)
    assert store.persistent and backend.persist == "local machine"
    store.set_refresh_token(A, "t" * 3000)
    assert all(len(v.encode("utf-16-le")) < 2500 for v in backend.entries.values())
    assert CredentialStore(backend=backend).get_refresh_token(A) == "t" * 3000


def test_tokens_never_reach_the_log(memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    memory_keyring.hang = True
    store = CredentialStore(backend=memory_keyring, timeout=0.1)
    store.set_refresh_token(A, "secret-refresh-token-1")
    store.get_refresh_token(A)
    assert caplog.records
    assert "secret-refresh-token-1" not in caplog.text
