"""SyncEngine against the real sandbox server over loopback HTTP, with a real SQLite cache."""

from __future__ import annotations

import functools
import hashlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.keys import TEST_KEY
from triage_desktop.core.actions import build_payload
from triage_desktop.core.entities import ActionState, OutboxAction
from triage_desktop.core.errors import ClientTooOld, LoginRequired, Offline
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import open_database
from triage_desktop.storage.store import Store
from triage_desktop.sync.engine import SyncEngine, build_sync_service

sandbox_server = pytest.importorskip("triage_desktop.sandbox.server")
SandboxServer = sandbox_server.SandboxServer
PASSWORD = "demo123"


@dataclass
class Client:
    store: Store
    sync: SyncEngine
    vault: CredentialStore

    def restart(self) -> SyncEngine:
        """The program starts again: same cache and keyring, nothing in memory."""
        self.sync = build_sync_service(self.store, self.vault)
        return self.sync


class DropAnswer:
    """Fault hook: the server applies the request, then the line drops before the answer leaves."""

    def __init__(self, path_suffix: str, times: int = 1) -> None:
        self.path_suffix, self.times = path_suffix, times

    def on_request(self, handler: Any, request: Any) -> None:
        return None

    def on_response(self, handler: Any, request: Any, response: Any) -> None:
        if self.times and request.path.endswith(self.path_suffix):
            self.times -= 1
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
        return None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=12, dossiers=6, seed=5) as srv:
        yield srv


@contextmanager
def sandbox_client(tmp_path: Path, keyring: Any) -> Iterator[Client]:
    """The sync stack of one profile (an encrypted cache, a keyring in memory), closed at the end."""
    database = open_database(tmp_path / "profile", key=TEST_KEY)
    store = Store(database)
    vault = CredentialStore(backend=keyring)
    try:
        yield Client(store, build_sync_service(store, vault), vault)
    finally:
        database.dispose()


@pytest.fixture
def client(tmp_path: Path, memory_keyring: Any) -> Iterator[Client]:
    with sandbox_client(tmp_path, memory_keyring) as opened:
        yield opened


def by_key(items: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(raw["kind"], raw["id"]): raw for raw in items}


def cache_of(client: Client) -> dict[tuple[str, str], dict[str, Any]]:
    return by_key(list(client.store.export_raw()))


def queue(client: Client, kind: str, item_id: str, action_type: str, **fields: Any) -> OutboxAction:
    raw = client.store.aggregate_raw(kind, item_id)
    assert raw is not None
    payload = build_payload(None, kind, action_type, fields, raw.get("status"))
    return client.store.enqueue(kind, item_id, action_type, payload, raw["version"])


def fresh(server: Any, count: int) -> list[dict[str, Any]]:
    """New citizen reports (status "new"), so tests do not depend on the seed's mix of statuses."""
    return [server.add_report() for _ in range(count)]


def signed_in(server: Any, client: Client, username: str = "lanhdao") -> Client:
    client.sync.login(server.url, username, PASSWORD)
    assert client.sync.sync_once().in_step
    return client


def test_login_and_first_sync_mirror_the_server(server: Any, client: Client) -> None:
    user = client.sync.login(server.url, "lanhdao", PASSWORD)
    assert user.is_leader and client.sync.has_credentials()
    for name in ("members", "units", "categories", "procedures", "templates", "meta"):
        assert client.store.reference(name) is not None, name
    report = client.sync.sync_once()
    assert report.in_step and report.pulled >= 18
    assert cache_of(client) == by_key(server.all_aggregates())
    assert client.store.get_state("last_sync_at")


def test_each_outbox_state_gets_its_answer(server: Any, client: Client) -> None:
    new = fresh(server, 3)
    signed_in(server, client)
    done = queue(client, "report", new[0]["id"], "acknowledge")
    note = queue(client, "report", new[0]["id"], "note", body="Đã liên hệ Điện lực")
    # left "sending" by a crash: the request may or may not have reached the server; send it again
    cut_off = queue(client, "report", new[1]["id"], "set_priority", priority="urgent")
    client.store.mark_sending(cut_off.local_id)
    stale = queue(client, "report", new[2]["id"], "acknowledge")
    server.server_act("report", new[2]["id"], "set_priority", priority="high")  # a colleague, meanwhile
    # closing a new report is not a move the contract allows
    moved = client.store.enqueue("report", new[1]["id"], "set_status", {"type": "set_status", "status": "closed"},
                                 new[1]["version"])
    invalid = client.store.enqueue("report", new[1]["id"], "note", {"type": "note", "body": ""}, None)

    report = client.restart().sync_once()
    outbox = {a.local_id: a for a in client.store.outbox()}
    assert done.local_id not in outbox and note.local_id not in outbox and cut_off.local_id not in outbox
    assert outbox[stale.local_id].state == ActionState.CONFLICT and outbox[stale.local_id].error_status == 412
    assert outbox[moved.local_id].state == ActionState.CONFLICT and outbox[moved.local_id].error_status == 409
    assert outbox[invalid.local_id].state == ActionState.FAILED and outbox[invalid.local_id].error_status == 422
    assert (report.pushed, report.conflicts, report.failed) == (3, 2, 1)
    assert report.in_step and report.open_conflicts == 3
    on_server = server.aggregate("report", new[0]["id"])
    assert on_server["status"] == "acknowledged"
    assert "Đã liên hệ Điện lực" in [e.get("body") for e in on_server["events"]]
    assert server.aggregate("report", new[1]["id"])["priority"] == "urgent"
    assert cache_of(client) == by_key(server.all_aggregates())


def test_a_clerk_is_refused_an_assignment_as_a_conflict(server: Any, client: Client) -> None:
    [target] = fresh(server, 1)
    signed_in(server, client, "motcua")
    action = queue(client, "report", target["id"], "assign", assignee_id="u_02")
    client.sync.sync_once()
    [kept] = client.store.outbox()
    assert kept.local_id == action.local_id and kept.state == ActionState.CONFLICT and kept.error_status == 403


def test_a_stale_action_conflicts_shows_the_server_state_and_can_be_reapplied(server: Any, client: Client) -> None:
    [target] = fresh(server, 1)
    signed_in(server, client)
    action = queue(client, "report", target["id"], "set_priority", priority="urgent")
    server.server_act("report", target["id"], "assign", assignee_id="u_03")  # a colleague, meanwhile
    report = client.sync.push()
    assert report.conflicts == 1
    [conflict] = client.store.outbox()
    assert conflict.error_status == 412 and conflict.problem and "current" in conflict.problem
    assert client.store.aggregate_raw("report", target["id"])["assignee_id"] == "u_03"  # type: ignore[index]
    retried = client.store.retry_action(action.local_id)
    assert client.sync.sync_once().in_step and client.store.outbox() == []
    assert server.aggregate("report", target["id"])["priority"] == "urgent"
    assert [e["key"] for e in server.ledger()] == [retried.idempotency_key]


def test_a_dropped_answer_is_sent_again_with_the_same_key_and_applied_once(server: Any, client: Client) -> None:
    [target] = fresh(server, 1)
    signed_in(server, client)
    action = queue(client, "report", target["id"], "note", body="Ghi chú khi mạng chập chờn")
    server._faults = DropAnswer("/actions")
    with pytest.raises(Offline):
        client.sync.sync_once()
    [kept] = client.store.outbox()
    assert kept.state == ActionState.PENDING and kept.attempts == 1
    assert [e["key"] for e in server.ledger()] == [action.idempotency_key]  # applied, answer lost
    report = client.sync.sync_once()
    assert report.in_step and client.store.outbox() == []
    assert [e["key"] for e in server.ledger()] == [action.idempotency_key]  # replayed, not applied again
    bodies = [e.get("body") for e in server.aggregate("report", target["id"])["events"]]
    assert bodies.count("Ghi chú khi mạng chập chờn") == 1
    assert cache_of(client) == by_key(server.all_aggregates())


def test_an_expired_cursor_resyncs_from_a_snapshot(server: Any, client: Client) -> None:
    [leaving] = fresh(server, 1)
    signed_in(server, client)
    server.expire_cursors()
    server.server_act("report", leaving["id"], "transfer", unit_id="w_0103", reason_text="Không thuộc thẩm quyền")
    arrived = server.add_report()
    report = client.sync.sync_once()
    assert report.in_step
    cached = cache_of(client)
    assert ("report", leaving["id"]) not in cached and ("report", arrived["id"]) in cached
    assert cached == by_key(server.all_aggregates())


def test_a_delete_in_the_feed_drops_the_item_and_conflicts_its_unsent_work(server: Any, client: Client) -> None:
    [leaving] = fresh(server, 1)
    signed_in(server, client)
    action = queue(client, "report", leaving["id"], "note", body="Sẽ xử lý")
    server.server_act("report", leaving["id"], "transfer", unit_id="w_0103", reason_text="Chuyển phường bạn")
    report = client.sync.wait_for_changes(5)
    assert ("report", leaving["id"]) in report.changed
    assert client.store.aggregate_raw("report", leaving["id"]) is None
    [kept] = client.store.outbox()
    assert kept.local_id == action.local_id and kept.state == ActionState.CONFLICT


def test_a_revoked_refresh_token_asks_for_the_password_and_keeps_the_outbox(server: Any, client: Client) -> None:
    [target] = fresh(server, 1)
    signed_in(server, client)
    action = queue(client, "report", target["id"], "acknowledge")
    server.revoke_refresh_tokens()
    sync = client.restart()
    assert sync.has_credentials()
    with pytest.raises(LoginRequired):
        sync.sync_once()
    assert not sync.has_credentials()
    assert [a.local_id for a in client.store.outbox()] == [action.local_id]
    sync.login(server.url, "lanhdao", PASSWORD)
    assert sync.sync_once().in_step and client.store.outbox() == []


def test_refresh_rotation_survives_a_restart(server: Any, client: Client) -> None:
    signed_in(server, client)
    for _ in range(2):  # each start refreshes (no access token in memory) and must keep the rotated token
        assert client.restart().sync_once().in_step


def test_a_client_older_than_the_server_wants_does_nothing(server: Any, client: Client) -> None:
    [target] = fresh(server, 1)
    signed_in(server, client)
    queue(client, "report", target["id"], "acknowledge")
    server.min_client_version = "99.0.0"
    with pytest.raises(ClientTooOld):
        client.sync.sync_once()
    assert server.ledger() == [] and client.store.outbox()[0].attempts == 0


def test_attachments_download_and_verify(server: Any, client: Client) -> None:
    signed_in(server, client)
    item = next(raw for raw in server.all_aggregates("report") if raw["attachments"])
    meta = item["attachments"][0]
    data = client.sync.attachment(meta["id"], meta["sha256"])
    assert hashlib.sha256(data).hexdigest() == meta["sha256"] and len(data) == meta["size"]


def test_logout_revokes_on_the_server_and_keeps_local_work(server: Any, client: Client) -> None:
    [target] = fresh(server, 1)
    signed_in(server, client)
    queue(client, "report", target["id"], "acknowledge")
    client.sync.logout()
    assert not client.sync.has_credentials()
    assert len(client.store.outbox()) == 1 and cache_of(client)
    with pytest.raises(LoginRequired):
        client.restart().sync_once()


def _at_once(*calls: Any) -> list[BaseException]:
    """Run the calls on threads released together; return what they raised."""
    start, errors = threading.Barrier(len(calls)), []

    def run(call: Any) -> None:
        start.wait()
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - collected for the caller's assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_a_long_poll_and_a_push_refreshing_at_once_keep_the_login(server: Any, client: Client) -> None:
    """The window long-polls the feed on one thread while an action is pushed on another. When the access
    token must be refreshed, both threads need it at once; rotation must not log the officer out."""
    signed_in(server, client)
    report = fresh(server, 1)[0]
    client.sync.sync_once()
    for round_ in range(5):
        queue(client, "report", report["id"], "note", body=f"Ghi chú {round_}")
        engine = client.restart()  # no access token in memory: both calls below must refresh
        assert _at_once(functools.partial(engine.wait_for_changes, 0), engine.push) == []
    assert client.sync.sync_once().in_step
    assert len([e for e in server.ledger() if e["aggregate_id"] == report["id"]]) == 5
