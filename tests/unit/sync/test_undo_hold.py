"""The undo window on the wire (issue 12): the engine never sends an action before its `not_before`, holds the
later actions on the same item behind it (order), and lets every other item's actions go; against the real
sandbox over loopback with a real encrypted cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from tests.support.keys import TEST_KEY
from triage_desktop.core.actions import build_payload
from triage_desktop.core.entities import OutboxAction
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import open_database
from triage_desktop.storage.schema import OUTBOX
from triage_desktop.storage.store import Store
from triage_desktop.sync.engine import SyncEngine, build_sync_service

sandbox_server = pytest.importorskip("triage_desktop.sandbox.server")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    with sandbox_server.SandboxServer(db=tmp_path / "server.sqlite3", reports=4, dossiers=2, seed=7) as srv:
        yield srv


@pytest.fixture
def cache(tmp_path: Path, memory_keyring: Any) -> Iterator[tuple[Store, SyncEngine]]:
    database = open_database(tmp_path / "profile", key=TEST_KEY)
    store = Store(database)
    yield store, build_sync_service(store, CredentialStore(backend=memory_keyring))
    database.dispose()


def queue(store: Store, item_id: str, action_type: str, hold: float = 0, **fields: Any) -> OutboxAction:
    raw = store.aggregate_raw("report", item_id)
    assert raw is not None
    payload = build_payload(None, "report", action_type, fields, raw.get("status"))
    return store.enqueue("report", item_id, action_type, payload, raw["version"], hold_seconds=hold)


def applied(server: Any, item_id: str) -> list[str]:
    return [entry["type"] for entry in server.ledger() if entry["aggregate_id"] == item_id]


def test_a_held_reply_waits_with_its_item_and_others_go(server: Any, cache: tuple[Store, SyncEngine]) -> None:
    store, sync = cache
    held_item, other_item = server.add_report()["id"], server.add_report()["id"]
    sync.login(server.url, "lanhdao", "demo123")
    assert sync.sync_once().in_step
    reply = queue(store, held_item, "reply", hold=600, body="Cảm ơn ông/bà, tổ công tác đã đến.", attachment_ids=[])
    note = queue(store, held_item, "note", body="Đã gọi Điện lực")  # written after the reply, not held itself
    other = queue(store, other_item, "note", body="Việc khác")

    report = sync.sync_once()
    assert applied(server, held_item) == []  # neither the reply nor the note that came after it
    assert applied(server, other_item) == ["note"]  # another item does not wait
    assert report.unsent == 2 and not report.in_step
    assert {a.local_id for a in store.outbox()} == {reply.local_id, note.local_id}
    assert other.local_id not in {a.local_id for a in store.outbox()}

    with store.db.write() as conn:  # the window has passed
        conn.execute(update(OUTBOX).where(OUTBOX.c.local_id == reply.local_id)
                     .values(not_before="2020-01-01T00:00:00.000Z"))
    assert sync.sync_once().in_step
    assert applied(server, held_item) == ["reply", "note"]  # in the order the officer made them
    assert store.outbox() == []
