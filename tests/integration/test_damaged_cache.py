"""A cache damaged between two runs: the next start quarantines it, keeps the unsent actions with their keys,
resyncs everything, and the server applies each action exactly once — also one it had already applied
when its answer was lost."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cache_damage import damage_outside, write_garbage
from tests.support.keys import TEST_KEY
from triage_desktop.core.errors import LoginRequired, Offline
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import Database, open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.auth import AuthState
from triage_desktop.sync.engine import SyncEngine
from triage_desktop.sync.http import ApiClient

PASSWORD = "demo123"


class LoseOneAnswer:
    """Fault hook: the server applies the next action, then the line drops before the answer leaves."""

    def __init__(self) -> None:
        self.armed = True

    def on_request(self, handler: Any, request: Any) -> None:
        return None

    def on_response(self, handler: Any, request: Any, response: Any) -> None:
        if self.armed and request.path.endswith("/actions"):
            self.armed = False
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
        return None


class Client:
    """One officer's profile; `restart()` is the program starting again over the same folder and keyring."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.vault = CredentialStore.memory_only()
        self.http: list[ApiClient] = []
        self._open()

    def _open(self) -> None:
        self.db: Database = open_database(self.profile, key=TEST_KEY)
        self.store = Store(self.db)
        self.sync = SyncEngine(self.store, self._api_client, self.vault)

    def _api_client(self, url: str, auth: AuthState) -> ApiClient:
        self.http.append(ApiClient(url, auth))
        return self.http[-1]

    @property
    def workspace(self) -> LocalWorkspace:
        return LocalWorkspace(self.store)

    def stop(self) -> None:
        for client in self.http:  # keep-alive connections end with the program
            client.close()
        self.http.clear()
        self.db.dispose()

    def restart(self) -> None:
        self.stop()
        self._open()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=40, dossiers=10, seed=11) as srv:
        yield srv


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    officer = Client(tmp_path / "profile")
    yield officer
    officer.stop()


def _state(items: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(raw["kind"], raw["id"]): raw for raw in items}


def _bodies(server: SandboxServer) -> list[str]:
    return [e["body"] for raw in server.all_aggregates() for e in raw["events"] if e.get("body")]


def test_unsent_actions_survive_a_damaged_cache_and_are_applied_once(server: SandboxServer, client: Client) -> None:
    new = [server.add_report() for _ in range(6)]
    client.sync.login(server.url, "lanhdao", PASSWORD)
    assert client.sync.sync_once().in_step
    ws = client.workspace
    lost = ws.queue_action("report", new[0]["id"], "note", {"body": "ghi chú đã tới máy chủ"})
    queued = [lost]
    for i, item in enumerate(new[1:]):
        queued.append(ws.queue_action("report", item["id"], "note", {"body": f"ghi chú {i}"}))
        queued.append(ws.queue_action("report", item["id"], "set_status", {"status": "acknowledged"}))
        queued.append(ws.queue_action("report", item["id"], "set_priority", {"priority": "high"}))
    server._faults = LoseOneAnswer()  # the first action is applied, but its answer never arrives
    with pytest.raises(Offline):
        client.sync.sync_once()
    assert [e["key"] for e in server.ledger()] == [lost.idempotency_key]
    assert len(ws.outbox()) == len(queued)

    client.stop()
    damage_outside(client.db.path)
    client.restart()

    assert client.db.recovered_from is not None
    assert [a.idempotency_key for a in client.workspace.outbox()] == [a.idempotency_key for a in queued]
    recovery = client.db.recovery  # what the window and the CLI can tell the officer
    assert recovery is not None and recovery.kept == len(queued) and recovery.not_found == []
    assert recovery.recovered_ids == [a.local_id for a in queued] and recovery.outbox_intact
    report = client.sync.sync_once()  # the same login: the keyring's token still matches the salvaged state
    assert report.in_step and report.open_conflicts == 0
    keys = [e["key"] for e in server.ledger()]
    assert sorted(keys) == sorted(a.idempotency_key for a in queued)  # each once, the lost one included
    bodies = _bodies(server)
    assert bodies.count("ghi chú đã tới máy chủ") == 1
    assert all(bodies.count(f"ghi chú {i}") == 1 for i in range(5))
    assert all(server.aggregate("report", item["id"])["status"] == "acknowledged" for item in new[1:])
    assert _state(list(client.store.export_raw())) == _state(server.all_aggregates())


def test_a_garbage_cache_file_costs_a_login_and_a_resync(server: SandboxServer, client: Client) -> None:
    client.sync.login(server.url, "lanhdao", PASSWORD)
    assert client.sync.sync_once().in_step
    client.stop()
    write_garbage(client.db.path)
    client.restart()

    assert client.db.recovered_from is not None
    with pytest.raises(LoginRequired):  # nothing said which server or officer: ask, like a first start
        client.sync.sync_once()
    client.sync.login(server.url, "lanhdao", PASSWORD)
    assert client.sync.sync_once().in_step
    assert _state(list(client.store.export_raw())) == _state(server.all_aggregates())
