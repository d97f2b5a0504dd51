"""The whole loop over real HTTP: sync, pull the cable, work offline, reconnect, everything sent once."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage_desktop.core.errors import Offline, ProfileInUse
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services, build_services

PASSWORD = "demo123"


@pytest.fixture
def server(tmp_path: Path):
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=200, dossiers=50, seed=7) as srv:
        yield srv


@pytest.fixture
def client(tmp_path: Path):
    services = build_services(tmp_path / "profile")
    yield services
    services.close()


def cache_state(services: Services) -> dict[tuple[str, str], dict]:
    return {(raw["kind"], raw["id"]): raw for raw in services.store.export_raw()}


def server_state(server: SandboxServer) -> dict[tuple[str, str], dict]:
    return {(raw["kind"], raw["id"]): raw for raw in server.all_aggregates()}


def test_actions_queued_offline_reach_the_server_exactly_once(server: SandboxServer, client: Services) -> None:
    client.sync.login(server.url, "lanhdao", PASSWORD)
    first = client.sync.sync_once()
    assert first.in_step
    cached = cache_state(client)
    assert sum(1 for kind, _ in cached if kind == "report") == 200
    assert sum(1 for kind, _ in cached if kind == "dossier") == 50
    assert cached == server_state(server)

    workspace = client.workspace
    reports = [raw for (kind, _), raw in sorted(cached.items()) if kind == "report" and raw["status"] == "new"]
    target, other = reports[0], reports[1]
    officer = next(m for m in workspace.members() if "officer" in m.roles)

    server.stop()  # pull the network cable
    with pytest.raises(Offline):
        client.sync.sync_once()
    queued = [
        workspace.queue_action("report", target["id"], "note", {"body": "Đã liên hệ Điện lực Tây Ninh"}),
        workspace.queue_action("report", target["id"], "reply", {"body": "Cảm ơn ông/bà đã phản ánh."}),
        workspace.queue_action("report", target["id"], "assign", {"assignee_id": officer.id}),
        workspace.queue_action("report", target["id"], "set_status", {"status": "acknowledged"}),
        workspace.queue_action("report", other["id"], "note", {"body": "Ghi chú khi mất mạng"}),
    ]
    assert [a.state for a in workspace.outbox()] == ["pending"] * 5
    item = workspace.item("report", target["id"])
    assert item is not None and len(item.pending) == 4
    assert item.effective_status == "acknowledged"
    with pytest.raises(Offline):
        client.sync.sync_once()  # still offline: nothing lost, nothing doubled
    assert len(workspace.outbox()) == 5

    server.start()  # the cable is back
    report = client.sync.sync_once()
    assert report.in_step and report.unsent == 0 and report.open_conflicts == 0
    assert workspace.outbox() == []

    keys = [entry["key"] for entry in server.ledger()]
    for action in queued:
        assert keys.count(action.idempotency_key) == 1, action.type
    on_server = server.aggregate("report", target["id"])
    assert on_server is not None
    assert on_server["assignee_id"] == officer.id and on_server["status"] == "acknowledged"
    bodies = [e.get("body") for e in on_server["events"]]
    assert "Đã liên hệ Điện lực Tây Ninh" in bodies and "Cảm ơn ông/bà đã phản ánh." in bodies
    visibility = {e.get("body"): e.get("visibility") for e in on_server["events"]}
    assert visibility["Đã liên hệ Điện lực Tây Ninh"] == "internal"
    assert visibility["Cảm ơn ông/bà đã phản ánh."] == "public"

    assert cache_state(client) == server_state(server)


def test_a_colleagues_change_arrives_and_a_stale_status_change_becomes_a_conflict(
        server: SandboxServer, client: Services) -> None:
    client.sync.login(server.url, "lanhdao", PASSWORD)
    client.sync.sync_once()
    target = next(raw for raw in server.all_aggregates("report") if raw["status"] == "new")
    action = client.workspace.queue_action("report", target["id"], "set_status", {"status": "acknowledged"})
    server.server_act("report", target["id"], "set_priority", priority="urgent")  # a colleague, meanwhile

    report = client.sync.sync_once()
    assert report.open_conflicts == 1
    [conflict] = client.workspace.outbox()
    assert conflict.local_id == action.local_id and conflict.state == "conflict" and conflict.error_status == 412
    cached = client.store.aggregate_raw("report", target["id"])
    assert cached is not None and cached["priority"] == "urgent"  # the server's current state is shown

    retried = client.workspace.retry_action(conflict.local_id)
    assert retried.idempotency_key != conflict.idempotency_key
    assert client.sync.sync_once().in_step
    assert server.aggregate("report", target["id"])["status"] == "acknowledged"
    assert client.workspace.outbox() == []


def test_another_officer_cannot_log_in_over_unsent_work(server: SandboxServer, client: Services) -> None:
    client.sync.login(server.url, "canbo1", PASSWORD)
    client.sync.sync_once()
    report = next(raw for raw in server.all_aggregates("report") if raw["status"] == "new")
    client.workspace.queue_action("report", report["id"], "note", {"body": "Ghi chú của cán bộ 1"})

    with pytest.raises(ProfileInUse):
        client.sync.login(server.url, "canbo2", PASSWORD)
    assert len(client.workspace.outbox()) == 1  # canbo1's note is still there, to go out under canbo1

    client.sync.sync_once()
    client.sync.login(server.url, "canbo2", PASSWORD)  # nothing unsent: the cache starts over for canbo2
    assert client.workspace.current_user().username == "canbo2"
    assert client.store.cursor() is None
    assert client.sync.sync_once().in_step
    assert [e["user_id"] for e in server.ledger()] == ["u_02"]
