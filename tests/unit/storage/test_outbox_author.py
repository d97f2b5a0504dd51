"""Every outbox row records the officer who made it, and is only ever sent under that officer's login
(issue 7: after a damaged login record, three notes of one official went out under another's name)."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.cache_damage import damage_outside
from tests.support.keys import TEST_KEY, downgrade, keyed
from tests.unit.storage.factories import report, upsert
from triage_desktop.core.entities import ActionState, User
from triage_desktop.core.errors import LoginRequired, NotFound
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

SERVER = "https://api.example-province.vn/triage/v1"
LEADER = User(id="u_01", username="lanhdao", full_name="Nguyễn Thị Hồng", unit_id="w_0101", roles=("leader",))
OFFICER = User(id="u_02", username="canbo1", full_name="Trần Văn Bình", unit_id="w_0101", roles=("officer",))
NOTE = {"type": "note", "body": "Đã liên hệ điện lực"}


def log_in(store: Store, user: User | None, server: str | None = SERVER) -> None:
    store.set_state("user", json.dumps(user.to_json()) if user else None)
    store.set_state("server_url", server)


@pytest.fixture
def cached(store: Store) -> Store:
    store.apply_page([upsert(report(f"r_{i}", 5, status="in_progress")) for i in range(3)], "c1")
    return store


def test_an_action_is_stamped_with_its_author_and_sent_only_under_that_login(cached: Store) -> None:
    store = cached
    log_in(store, LEADER)
    leaders = [store.enqueue("report", f"r_{i}", "note", NOTE, 5) for i in range(3)]
    assert {(a.author_id, a.author_server) for a in leaders} == {("u_01", SERVER)}
    assert leaders[0].to_json()["author_id"] == "u_01" and leaders[0].to_json()["author_server"] == SERVER

    log_in(store, OFFICER)  # the login record now names someone else
    mine = store.enqueue("report", "r_0", "note", NOTE, 5)
    assert store.sendable() == [mine]
    assert store.held_actions() == leaders
    assert store.outbox_summary() == (4, 0)  # held actions are unsent: a sync is not in step while they wait
    for action in leaders:  # even asked directly, another's action is never put on the wire
        with pytest.raises(NotFound):
            store.mark_sending(action.local_id)
    assert {a.state for a in store.outbox()} == {ActionState.PENDING}

    log_in(store, LEADER, SERVER + "-other")  # same user id on another server is another login
    assert store.sendable() == [] and len(store.held_actions()) == 4
    log_in(store, LEADER)
    assert store.sendable() == leaders and store.held_actions() == [mine]


def test_without_a_login_nothing_is_sendable(cached: Store) -> None:
    store = cached
    log_in(store, None, None)
    orphan = store.enqueue("report", "r_0", "note", NOTE, 5)  # nobody logged in: no author
    assert (orphan.author_id, orphan.author_server) == (None, None)
    assert store.sendable() == [] and store.held_actions() == [orphan]
    log_in(store, OFFICER)
    assert store.sendable() == [] and store.held_actions() == [orphan]  # never adopted by whoever logs in
    store.set_state("user", "{garbled")  # a damaged login record is no login
    assert store.sendable() == []


def test_a_re_applied_conflict_keeps_its_author(cached: Store) -> None:
    store = cached
    log_in(store, LEADER)
    action = store.enqueue("report", "r_1", "set_status", {"status": "resolved"}, 4)
    store.conflict_action(action.local_id, 412, {"type": "https://triage.example/problems/version-conflict"}, None)
    log_in(store, OFFICER)
    again = store.retry_action(action.local_id)
    assert (again.author_id, again.author_server) == ("u_01", SERVER)
    assert store.sendable() == []


def test_queue_action_refuses_without_a_login(cached: Store) -> None:
    log_in(cached, None, None)
    workspace = LocalWorkspace(cached)
    with pytest.raises(LoginRequired):
        workspace.queue_action("report", "r_0", "note", {"body": "x"})
    cached.set_state("user", json.dumps(OFFICER.to_json()))  # a user but no server: still no login to send under
    with pytest.raises(LoginRequired):
        workspace.queue_action("report", "r_0", "note", {"body": "x"})
    cached.set_state("server_url", SERVER)
    action = workspace.queue_action("report", "r_0", "note", {"body": "x"})
    assert (action.author_id, action.author_server) == ("u_02", SERVER)
    assert cached.outbox() == [action]


def _cache_at_0002(path: Path) -> None:
    Database(path, key=TEST_KEY).dispose()
    downgrade(path, "0002")


@pytest.mark.parametrize(("user", "server", "expected"), [
    ('{"id": "u_01", "username": "lanhdao"}', SERVER, ("u_01", SERVER)),
    ('{"id": 7}', SERVER, ("7", SERVER)),
    (None, SERVER, (None, None)),
    ('{"id": "u_01"', SERVER, (None, None)),  # garbled: never stamped with a guess
    ('{"id": "u_01"}', None, (None, None)),
])
def test_the_upgrade_stamps_existing_rows_with_the_stored_login(tmp_path: Path, user: str | None, server: str | None,
                                                                expected: tuple[str | None, str | None]) -> None:
    path = tmp_path / "cache.sqlite3"
    _cache_at_0002(path)
    with closing(keyed(path, isolation_level=None)) as conn:
        for key, value in (("user", user), ("server_url", server)):
            if value is not None:
                conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?)", (key, value))
        conn.execute("INSERT INTO outbox (kind, aggregate_id, type, payload, idempotency_key, state, created_at, "
                     "attempts) VALUES ('report', 'r_1', 'note', '{\"type\":\"note\",\"body\":\"x\"}', "
                     "'2f1c6a56-0f5b-4a4e-9d43-7c0f3b4e8a11', 'pending', '2026-03-02T01:00:00Z', 0)")
    db = Database(path, key=TEST_KEY)
    try:
        [action] = Store(db).outbox()
    finally:
        db.dispose()
    assert (action.author_id, action.author_server) == expected


def test_salvage_keeps_each_actions_author(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    store = Store(Database(path, key=TEST_KEY))
    store.apply_page([upsert(report(f"r_{i}", 5, description="Cây đổ " * 40)) for i in range(60)], "c1")
    log_in(store, LEADER)
    leaders = [store.enqueue("report", "r_1", "note", NOTE, 5) for _ in range(2)]
    log_in(store, OFFICER)
    officers = [store.enqueue("report", "r_2", "note", NOTE, 5)]
    store.db.dispose()
    damage_outside(path)
    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from is not None
        after = Store(db)
        assert [(a.idempotency_key, a.author_id) for a in after.outbox()] == [
            (a.idempotency_key, a.author_id) for a in leaders + officers]
        assert after.sendable() == after.outbox()[2:]
    finally:
        db.dispose()
