"""Plain http:// is refused for any server but this computer, before a request carrying a password or a token
leaves: at login, and for every call of a profile that stored such an address in an earlier version."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.keys import TEST_KEY
from tests.unit.sync.loopback import Loopback, Reply
from tests.unit.sync.samples import login_answer, meta
from triage_desktop.core.errors import InsecureServer
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import open_database
from triage_desktop.storage.store import Store
from triage_desktop.sync.auth import account_name
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.sync.http import ApiClient, is_loopback, make_session
from triage_desktop.ui.messages import error_message

WARD_SERVER = "http://may-chu-phuong.example:8080/triage/v1"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    database = open_database(tmp_path / "profile", key=TEST_KEY)
    yield Store(database)
    database.dispose()


class RecordingSession(requests.Session):
    """A real session that notes every request before it goes (and then lets it fail: the host does not exist)."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str, bytes | None]] = []
        for prefix, adapter in make_session().adapters.items():
            self.mount(prefix, adapter)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        self.sent.append((str(method), str(url), kwargs.get("data")))
        return super().request(method, url, *args, **kwargs)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765/v1", "http://127.8.9.10/v1", "http://[::1]:8765/v1",
                                 "http://localhost:8765/v1", "http://LOCALHOST/v1", "https://api.example.vn/v1"])
def test_loopback_and_https_are_allowed(url: str) -> None:
    ApiClient(url).close()


@pytest.mark.parametrize("url", [WARD_SERVER, "http://10.0.0.5/v1", "http://192.168.1.20:8765/v1",
                                 "http://[fe80::1]/v1", "http://localhost.evil.example/v1", "http://127.0.0.1.nip.io/v1"])
def test_plain_http_to_another_computer_is_refused(url: str) -> None:
    with pytest.raises(InsecureServer):
        ApiClient(url)


def test_loopback_means_this_computer_only() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.1") and not is_loopback("")


def test_the_password_never_leaves_for_a_plain_http_server(store: Store) -> None:
    session = RecordingSession()
    sync = build_sync_service(store, CredentialStore.memory_only(), session=session)
    with pytest.raises(InsecureServer) as caught:
        sync.login(WARD_SERVER, "canbo1", "mật-khẩu-bí-mật")
    assert session.sent == []
    message = error_message(caught.value)
    assert "may-chu-phuong.example" in message and "https://" in message and "http://" in message


def test_an_old_profile_with_a_plain_http_server_sends_no_token(store: Store) -> None:
    """An earlier version let a profile log in over http:// to a remote server: its refresh token stays home."""
    vault = CredentialStore.memory_only()
    store.set_state("server_url", WARD_SERVER)
    store.set_state("user", json.dumps(login_answer()["user"]))
    vault.set_refresh_token(account_name(WARD_SERVER, "canbo1"), "ref-token-from-2025")
    session = RecordingSession()
    sync = build_sync_service(store, vault, session=session)
    assert sync.has_credentials()
    for call in (sync.sync_once, sync.push, lambda: sync.wait_for_changes(1), lambda: sync.attachment("a_1")):
        with pytest.raises(InsecureServer):
            call()
    assert session.sent == []


def test_the_sandbox_on_loopback_still_works(store: Store) -> None:
    with Loopback() as server:
        server.on("GET", "/meta", Reply(200, meta()))
        server.on("POST", "/auth/login", Reply(200, login_answer()))
        sync = build_sync_service(store, CredentialStore.memory_only())
        assert sync.login(server.url, "canbo1", "secret").username == "canbo1"
