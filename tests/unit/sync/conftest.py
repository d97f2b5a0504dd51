"""Fixtures for the sync tests: a scripted loopback server, an in-memory keyring, an ApiClient on both."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.unit.sync.loopback import Loopback
from tests.unit.sync.memory_keyring import MemoryKeyring
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.sync.auth import AuthState
from triage_desktop.sync.http import ApiClient

ACCOUNT = "http://server|canbo1"


@pytest.fixture
def loop() -> Iterator[Loopback]:
    with Loopback() as server:
        yield server


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Registered with keyring.set_keyring for the test, the previous backend restored afterwards."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    backend.block.set()
    keyring.set_keyring(previous)


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
