"""ProfileSession, the gate before any citizen data: real sandbox over loopback, real encrypted cache files.

Two PCs are played: one with a secure keyring (the in-memory stand-in for Windows Credential Manager, which
cannot run here) and one without (tokens in memory only, the password unwraps the cache key).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.keys import CHEAP_KDF
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.errors import CacheLocked, FirstSignInOnline, Offline, WrongPassword
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.security.cache_key import KEY_FILE_NAME
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.session import ProfileSession
from triage_desktop.settings import Deployment
from triage_desktop.storage.database import CACHE_FILE_NAME

USER, PASSWORD = "lanhdao", "demo123"
HOUR = 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=6, dossiers=3, seed=3) as srv:
        yield srv


@pytest.fixture
def clock() -> Clock:
    return Clock()


def session_on(profile: Path, credentials: CredentialStore, clock: Clock, **deployment: Any) -> ProfileSession:
    """The program starting on this PC: same folder and keyring, nothing in memory."""
    return ProfileSession(profile, Deployment(**deployment), credentials, cost=CHEAP_KDF, clock=clock)


def signed_in_once(profile: Path, credentials: CredentialStore, clock: Clock, url: str) -> None:
    """The official signed in on this PC before (online), and the program was closed."""
    first = session_on(profile, credentials, clock)
    first.sign_in(url, USER, PASSWORD)
    first.close()


def no_keyring() -> CredentialStore:
    return CredentialStore.memory_only()


def test_without_a_keyring_the_password_opens_the_cache_and_nothing_opens_without_it(
        tmp_path: Path, server: SandboxServer, clock: Clock) -> None:
    profile = tmp_path / "profile"
    first = session_on(profile, no_keyring(), clock)
    opened = first.sign_in(server.url, USER, PASSWORD)
    assert opened.user.username == USER and opened.encrypted
    opened.sync.sync_once()
    first.close()

    again = session_on(profile, no_keyring(), clock)
    assert again.resume() is None  # no keyring: the password is the only way in
    with pytest.raises(CacheLocked):
        again.open_for_command(None)
    with pytest.raises(WrongPassword):
        again.open_for_command("not-the-password")
    services = again.open_for_command(PASSWORD)
    assert services.workspace.count(ItemQuery(kind="report")) == 6
    again.close()
    assert (profile / KEY_FILE_NAME).stat().st_mode & 0o077 == 0


def test_offline_the_wrapped_key_and_the_verifier_check_the_password(
        tmp_path: Path, server: SandboxServer, clock: Clock) -> None:
    profile = tmp_path / "profile"
    url = server.url
    signed_in_once(profile, no_keyring(), clock, url)
    server.stop()  # the line is down from here on

    offline = session_on(profile, no_keyring(), clock)
    with pytest.raises(WrongPassword):
        offline.sign_in(url, USER, "guess")
    opened = offline.sign_in(url, USER, PASSWORD)
    assert opened.user.username == USER
    with pytest.raises(WrongPassword):
        offline.unlock("guess")
    offline.unlock(PASSWORD)
    offline.close()


def test_a_first_sign_in_needs_the_server(tmp_path: Path, clock: Clock) -> None:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=1, dossiers=1, seed=3) as srv:
        url = srv.url
    session = session_on(tmp_path / "profile", no_keyring(), clock)
    with pytest.raises(Offline):
        session.sign_in(url, USER, PASSWORD)
    # The attempt left no locked cache behind whose key nobody kept.
    assert not (tmp_path / "profile" / CACHE_FILE_NAME).exists()


def test_with_a_keyring_a_start_resumes_until_the_password_is_too_old(
        tmp_path: Path, server: SandboxServer, clock: Clock, memory_keyring: Any) -> None:
    profile = tmp_path / "profile"
    signed_in_once(profile, CredentialStore(backend=memory_keyring), clock, server.url)

    clock.now += 11 * HOUR
    later = session_on(profile, CredentialStore(backend=memory_keyring), clock)
    resumed = later.resume()
    assert resumed is not None and resumed.user.username == USER
    later.close()

    clock.now += 2 * HOUR  # 13 hours after the password was typed
    next_day = session_on(profile, CredentialStore(backend=memory_keyring), clock)
    assert next_day.resume() is None
    next_day.sign_in(server.url, USER, PASSWORD)  # typing it again starts the 12 hours again
    next_day.close()
    clock.now += HOUR
    fresh = session_on(profile, CredentialStore(backend=memory_keyring), clock)
    assert fresh.resume() is not None
    fresh.close()


def test_sign_out_deletes_the_token_and_the_key_from_the_keyring_and_may_wipe(
        tmp_path: Path, server: SandboxServer, clock: Clock, memory_keyring: Any) -> None:
    profile = tmp_path / "profile"
    session = session_on(profile, CredentialStore(backend=memory_keyring), clock)
    session.sign_in(server.url, USER, PASSWORD).sync.sync_once()
    assert memory_keyring.entries
    session.sign_out(wipe=False)
    assert memory_keyring.entries == {}
    assert session_on(profile, CredentialStore(backend=memory_keyring), clock).resume() is None
    # The cache stays, and the password still opens it.
    kept = session_on(profile, CredentialStore(backend=memory_keyring), clock)
    assert kept.open_for_command(PASSWORD) is not None
    assert kept.signed_in_user() is None  # signed out: `act` refuses
    kept.sign_in(server.url, USER, PASSWORD)
    kept.sign_out(wipe=True)
    assert not [p for p in profile.iterdir() if p.name.startswith(CACHE_FILE_NAME) or p.name == KEY_FILE_NAME]


def test_a_logout_made_offline_is_revoked_at_the_next_online_sign_in(
        tmp_path: Path, server: SandboxServer, clock: Clock, memory_keyring: Any) -> None:
    profile = tmp_path / "profile"
    session = session_on(profile, CredentialStore(backend=memory_keyring), clock)
    session.sign_in(server.url, USER, PASSWORD)
    stolen = next(v for (_, k), v in memory_keyring.entries.items() if k.endswith("|" + USER))
    server.stop()
    session.sign_out(wipe=False)  # the server is down: the revocation waits in the keyring
    assert any(k.startswith("revoke|") for _, k in memory_keyring.entries)

    server.start()
    session = session_on(profile, CredentialStore(backend=memory_keyring), clock)
    session.sign_in(server.url, USER, PASSWORD)
    assert not any(k.startswith("revoke") for _, k in memory_keyring.entries)
    refused = requests.post(server.url + "/auth/refresh", json={"refresh_token": stolen}, timeout=10)
    assert refused.status_code == 401  # the token someone could have copied before the logout is dead
    session.close()


def test_another_official_offline_needs_the_server_first(
        tmp_path: Path, server: SandboxServer, clock: Clock, memory_keyring: Any) -> None:
    profile = tmp_path / "profile"
    signed_in_once(profile, CredentialStore(backend=memory_keyring), clock, server.url)
    server.stop()
    colleague = session_on(profile, CredentialStore(backend=memory_keyring), clock)
    with pytest.raises(FirstSignInOnline):  # no verifier of hers on this PC: any password would do otherwise
        colleague.sign_in(server.url, "canbo1", "demo123")
    assert colleague.services is None


def test_without_a_keyring_another_officials_password_cannot_open_the_cache(
        tmp_path: Path, server: SandboxServer, clock: Clock) -> None:
    profile = tmp_path / "profile"
    signed_in_once(profile, no_keyring(), clock, server.url)
    colleague = session_on(profile, no_keyring(), clock)
    with pytest.raises(CacheLocked):  # her own password (the sandbox gives everyone demo123: one she might have)
        colleague.sign_in(server.url, "canbo1", "her-own-password")
    assert colleague.services is None


def test_with_a_keyring_offline_the_verifier_still_checks_the_password(
        tmp_path: Path, server: SandboxServer, clock: Clock, memory_keyring: Any) -> None:
    profile = tmp_path / "profile"
    signed_in_once(profile, CredentialStore(backend=memory_keyring), clock, server.url)
    server.stop()
    offline = session_on(profile, CredentialStore(backend=memory_keyring), clock)
    with pytest.raises(WrongPassword):  # the keyring opens the file; the password must still be hers
        offline.sign_in(server.url, USER, "guess")
    assert offline.services is None
    assert offline.sign_in(server.url, USER, PASSWORD).user.username == USER
    offline.close()
