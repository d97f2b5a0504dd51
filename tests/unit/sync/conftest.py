"""Fixtures for the sync tests: a scripted loopback server, an ApiClient on it (the keyring is tests/unit's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.memory_keyring import MemoryKeyring
from tests.unit.sync.loopback import Loopback
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.sync.auth import AuthState
from triage_desktop.sync.http import ApiClient

ACCOUNT = "http://server|canbo1"


@pytest.fixture
def loop() -> Iterator[Loopback]:
    with Loopback() as server:
        yield server


@pytest.fixture
def vault(memory_keyring: MemoryKeyring) -> CredentialStore:
    return CredentialStore(backend=memory_keyring)


@pytest.fixture
def auth(vault: CredentialStore) -> AuthState:
    vault.set_refresh_token(ACCOUNT, "ref-0")
    return AuthState(vault, ACCOUNT)


@pytest.fixture
def client(loop: Loopback, auth: AuthState) -> Iterator[ApiClient]:
    api = ApiClient(loop.url, auth, read_timeout=2.0)
    yield api
    api.close()
