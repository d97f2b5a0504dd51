"""SyncEngine against scripted loopback answers and a real SQLite store: the cases a sandbox cannot stage."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from tests.support.keys import TEST_KEY
from tests.unit.sync import samples
from tests.unit.sync.loopback import Loopback, Reply, Seen, hang_up
from triage_desktop.core.actions import build_payload
from triage_desktop.core.entities import ActionState, OutboxAction, SyncProgress
from triage_desktop.core.errors import (
    BadServerResponse,
    Cancelled,
    ClientTooOld,
    LoginRequired,
    Offline,
    ServerBusy,
)
from triage_desktop.core.ports import CancelToken
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import open_database
from triage_desktop.storage.store import Store
from triage_desktop.sync.auth import AuthState, account_name
from triage_desktop.sync.engine import MAX_EMPTY_PAGES, SyncEngine, older_than
from triage_desktop.sync.http import ApiClient

PROBLEM = "application/problem+json"


def problem(name: str, status: int, **extra: object) -> Reply:
    body = {"type": f"https://triage.example/problems/{name}", "title": name, "status": status, **extra}
    return Reply(status, body, content_type=PROBLEM)


def serve_basics(loop: Loopback, min_version: str = "0.1.0") -> None:
    loop.on("GET", "/meta", Reply(200, samples.meta(min_version)))
    loop.on("POST", "/auth/login", Reply(200, samples.login_answer("acc-1", "ref-1")))
    loop.on("POST", "/auth/refresh", Reply(200, samples.login_answer("acc-2", "ref-2")))
    loop.on("POST", "/auth/logout", Reply(204))
    loop.on("GET", "/me", Reply(200, samples.user(), headers={"ETag": '"me1"'}))
    loop.on("GET", "/members", Reply(200, [samples.user()], headers={"ETag": '"m1"'}))
    loop.on("GET", "/units", Reply(200, [{"id": "w_0101", "name": "Phường 1", "parent_id": "p_72",
                                          "kind": "ward"}], headers={"ETag": '"u1"'}))
    loop.on("GET", "/categories", Reply(200, [{"code": "CAY_XANH", "name": "Cây xanh", "sla_working_days": 3,
                                               "active": True}]))
    loop.on("GET", "/procedures", Reply(200, []))
    loop.on("GET", "/templates", Reply(200, []))
    loop.on("GET", "/calendar", problem("not-found", 404))
    loop.on("GET", "/changes", Reply(200, samples.page(next_cursor="c-end")))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    database = open_database(tmp_path / "profile", key=TEST_KEY)
    yield Store(database)
    database.dispose()


@pytest.fixture
def watched(loop: Loopback, store: Store) -> Loopback:
    """Fails the test if any request arrives while the engine holds a write transaction."""
    original = loop._next

    def checked(method: str, path: str, seen: Seen) -> Reply:
        assert not store.db._write_lock.locked(), f"{method} {path} sent inside a write transaction"
        return original(method, path, seen)

    loop._next = checked  # type: ignore[method-assign]
    serve_basics(loop)
    return loop


@pytest.fixture
def engine(watched: Loopback, store: Store, vault: CredentialStore) -> SyncEngine:
    def factory(url: str, auth: AuthState) -> ApiClient:
        return ApiClient(url, auth, read_timeout=2.0)

    sync = SyncEngine(store, factory, vault)
    sync.login(watched.url, "canbo1", "demo123")
    watched.seen.clear()
    return sync


def queue(store: Store, kind: str, item_id: str, action_type: str, base_version: int | None = 3,
          **fields: Any) -> OutboxAction:
    payload = build_payload(None, kind, action_type, fields)
    return store.enqueue(kind, item_id, action_type, payload, base_version)


def cache(store: Store, *items: dict[str, Any]) -> None:
    """Items as an earlier sync left them: in the cache, with a cursor, so the next pull is incremental."""
    store.apply_page([samples.upsert(item) for item in items], "c0")


def states(store: Store) -> dict[int, tuple[str, int | None]]:
    return {a.local_id: (str(a.state), a.error_status) for a in store.outbox()}


def test_version_ordering_follows_pep_440() -> None:
    assert not older_than("1.2.0", "1.2") and older_than("1.2", "1.10") and older_than("1.10", "2.0.0rc1")
    assert older_than("1.0rc1", "1.0")  # a release candidate comes before its release
    assert not older_than("1.0", "1.0rc1")


@pytest.mark.parametrize("garbled", ["9" * 4300, "", "mới nhất", "1..2"])
def test_a_minimum_that_is_no_version_is_a_bad_answer(garbled: str) -> None:
    with pytest.raises(BadServerResponse):
        older_than("1.0.0", garbled)


def test_login_keeps_server_user_token_device_and_reference_data(
        watched: Loopback, store: Store, vault: CredentialStore) -> None:
    sync = SyncEngine(store, lambda url, auth: ApiClient(url, auth), vault)
    assert not sync.has_credentials()
    user = sync.login(watched.url + "/", "canbo1", "demo123")
    assert user.username == "canbo1"
    assert store.get_state("server_url") == watched.url
    assert json.loads(store.get_state("user") or "")["full_name"] == "Trần Văn Bình"
    assert vault.get_refresh_token(account_name(watched.url, "canbo1")) == "ref-1"
    assert sync.has_credentials()
    members = store.reference("members")
    assert members is not None and members[0] == '"m1"' and members[1][0]["id"] == "u_17"
    device = watched.requests_to("/auth/login")[0].json["device"]
    assert device["id"] == store.get_state("device_id") and device["app_version"] == "0.1.0"
    sync.login(watched.url, "canbo1", "demo123")
    assert watched.requests_to("/auth/login")[1].json["device"]["id"] == device["id"]  # made once
    assert watched.requests_to("/members")[1].headers["If-None-Match"] == '"m1"'


def test_a_client_too_old_sends_and_pulls_nothing(watched: Loopback, engine: SyncEngine, store: Store) -> None:
    cache(store, samples.report())
    action = queue(store, "report", "r_1", "acknowledge")
    watched.on("GET", "/meta", Reply(200, samples.meta("9.0.0")))
    with pytest.raises(ClientTooOld):
        engine.sync_once()
    with pytest.raises(ClientTooOld):
        engine.wait_for_changes(5)
    assert {s.path for s in watched.seen} == {"/v1/meta"}
    [kept] = store.outbox()
    assert kept.state == ActionState.PENDING and kept.attempts == 0 and kept.local_id == action.local_id


def test_first_sync_is_a_paged_snapshot_that_drops_what_it_did_not_contain(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    assert store.replace_aggregate("report", samples.report("r_old", 1))  # no cursor: a snapshot comes
    watched.on("GET", "/changes",
               Reply(200, samples.page(samples.upsert(samples.report("r_1")), next_cursor="c+1", more=True)),
               Reply(200, samples.page(next_cursor="c/2", more=True)),  # an empty page that says "more"
               Reply(200, samples.page(samples.upsert(samples.dossier("d_1")), next_cursor="c=3")))
    seen: list[SyncProgress] = []
    report = engine.sync_once(progress=seen.append)
    assert report.pulled == 2 and report.in_step
    assert {("report", "r_1"), ("dossier", "d_1"), ("report", "r_old")} <= report.changed
    assert store.aggregate_raw("report", "r_old") is None
    assert store.cursor() == "c=3" and not store.in_snapshot()
    assert [s.param("since") for s in watched.requests_to("/changes")] == [None, "c+1", "c/2"]
    assert [p.phase for p in seen] == ["meta", "pull", "pull", "pull"]
    assert store.get_state("last_sync_at", ).endswith("Z")  # type: ignore[union-attr]


def test_an_expired_cursor_restarts_with_a_snapshot(watched: Loopback, engine: SyncEngine, store: Store) -> None:
    store.apply_page([samples.upsert(samples.report("r_1")), samples.upsert(samples.report("r_2"))], "old")
    action = queue(store, "report", "r_2", "acknowledge")
    watched.on("GET", "/changes", problem("cursor-expired", 410),
               Reply(200, samples.page(samples.upsert(samples.report("r_1", 4)), next_cursor="fresh")))
    report = engine.sync_once()
    assert [s.param("since") for s in watched.requests_to("/changes")] == ["old", None]
    assert store.aggregate_raw("report", "r_1")["version"] == 4  # type: ignore[index]
    assert store.aggregate_raw("report", "r_2") is None
    assert states(store) == {action.local_id: ("conflict", 404)}  # kept, shown to the officer
    assert report.open_conflicts == 1 and report.in_step and store.cursor() == "fresh"


def test_a_server_expiring_every_cursor_is_a_bad_server_not_an_endless_loop(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    store.apply_page([samples.upsert(samples.report("r_1"))], "old")

    def expire_every_cursor(seen: Seen) -> Reply:
        if seen.param("since") is None:
            return Reply(200, samples.page(samples.upsert(samples.report("r_1", 5)), next_cursor="n", more=True))
        return problem("cursor-expired", 410)

    watched.on("GET", "/changes", expire_every_cursor)
    with pytest.raises(BadServerResponse):
        engine.sync_once()
    assert len(watched.requests_to("/changes")) < 10
    assert store.aggregate_raw("report", "r_1") is not None  # nothing dropped on the way


def test_a_delete_drops_the_item_and_its_unsent_work_becomes_a_conflict(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    store.apply_page([samples.upsert(samples.report("r_1"))], "c1")
    action = queue(store, "report", "r_1", "note", None, body="ghi chú")
    watched.on("GET", "/changes", Reply(200, samples.page(samples.delete("report", "r_1", 9), next_cursor="c2")))
    report = engine.sync_once()
    assert store.aggregate_raw("report", "r_1") is None and ("report", "r_1") in report.changed
    assert states(store) == {action.local_id: ("conflict", 404)}
    assert not watched.requests_to("/reports/r_1/actions")


def test_cancel_stops_between_pages(watched: Loopback, engine: SyncEngine, store: Store) -> None:
    watched.on("GET", "/changes", Reply(200, samples.page(samples.upsert(samples.report()), next_cursor="p1",
                                                          more=True)))
    cancel = CancelToken()

    def progress(step: SyncProgress) -> None:
        if step.phase == "pull":
            cancel.cancel()

    with pytest.raises(Cancelled):
        engine.sync_once(progress, cancel)
    assert len(watched.requests_to("/changes")) == 1
    assert store.cursor() == "p1" and store.in_snapshot()  # resumes from here next time


def test_push_turns_each_final_answer_into_its_outbox_state(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    ids = ["r_ok", "r_stale", "r_move", "r_gone", "r_role", "r_bad"]
    cache(store, *(samples.report(i) for i in ids))
    actions = {i: queue(store, "report", i, "acknowledge") for i in ids}
    watched.on("POST", "/reports/r_ok/actions",
               Reply(200, {"aggregate": samples.report("r_ok", 4, status="acknowledged"), "event": samples.event()}))
    watched.on("POST", "/reports/r_stale/actions",
               problem("version-conflict", 412, current=samples.report("r_stale", 8, priority="urgent")))
    watched.on("POST", "/reports/r_move/actions", problem("invalid-transition", 409))
    watched.on("POST", "/reports/r_gone/actions", problem("not-found", 404))
    watched.on("POST", "/reports/r_role/actions", problem("forbidden", 403))
    watched.on("POST", "/reports/r_bad/actions", problem("validation", 422, errors=[{"field": "x", "message": "y"}]))
    report = engine.sync_once()
    assert (report.pushed, report.conflicts, report.failed) == (1, 4, 1)
    assert states(store) == {
        actions["r_stale"].local_id: ("conflict", 412), actions["r_move"].local_id: ("conflict", 409),
        actions["r_gone"].local_id: ("conflict", 404), actions["r_role"].local_id: ("conflict", 403),
        actions["r_bad"].local_id: ("failed", 422),
    }
    assert store.aggregate_raw("report", "r_ok")["status"] == "acknowledged"  # type: ignore[index]
    assert store.aggregate_raw("report", "r_stale")["priority"] == "urgent"  # type: ignore[index]
    assert report.in_step and report.open_conflicts == 5 and report.unsent == 0
    for seen in watched.seen:
        if seen.path.endswith("/actions"):
            assert seen.headers["If-Match"] == '"3"'


def test_a_dropped_answer_is_retried_with_the_same_key(watched: Loopback, engine: SyncEngine, store: Store) -> None:
    cache(store, samples.report("r_1"), samples.report("r_2"))
    first = queue(store, "report", "r_1", "acknowledge")
    queue(store, "report", "r_2", "acknowledge")
    ok = Reply(200, {"aggregate": samples.report("r_1", 4, status="acknowledged"), "event": samples.event()})
    watched.on("POST", "/reports/r_1/actions", hang_up(), ok)
    watched.on("POST", "/reports/r_2/actions",
               Reply(200, {"aggregate": samples.report("r_2", 4), "event": samples.event()}))
    with pytest.raises(Offline):
        engine.sync_once()
    assert not watched.requests_to("/reports/r_2/actions")  # pushing stopped for this round
    [kept, _] = store.outbox()
    assert kept.state == ActionState.PENDING and kept.attempts == 1 and kept.last_error
    assert engine.sync_once().in_step
    keys = [s.headers["Idempotency-Key"] for s in watched.requests_to("/reports/r_1/actions")]
    assert keys == [first.idempotency_key] * 2
    assert store.outbox() == []


def test_a_busy_server_stops_the_push_and_says_when_to_come_back(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    cache(store, samples.report("r_1"))
    queue(store, "report", "r_1", "acknowledge")
    watched.on("POST", "/reports/r_1/actions", Reply(503, b"", headers={"Retry-After": "30"}, content_type=None))
    with pytest.raises(ServerBusy) as caught:
        engine.push()
    assert caught.value.retry_after == 30
    assert store.outbox()[0].state == ActionState.PENDING


def test_an_unsent_action_blocks_later_ones_on_its_item_only(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    cache(store, samples.report("r_1"), samples.report("r_2"))
    queue(store, "report", "r_1", "acknowledge")
    queue(store, "report", "r_1", "set_priority", priority="high")
    queue(store, "report", "r_2", "acknowledge")
    watched.on("POST", "/reports/r_1/actions", Reply(200, b"<html>oops</html>", content_type="text/html"))
    watched.on("POST", "/reports/r_2/actions",
               Reply(200, {"aggregate": samples.report("r_2", 4), "event": samples.event()}))
    with pytest.raises(BadServerResponse):
        engine.push()
    assert len(watched.requests_to("/reports/r_1/actions")) == 1
    assert len(watched.requests_to("/reports/r_2/actions")) == 1
    assert [a.aggregate_id for a in store.outbox()] == ["r_1", "r_1"]


def test_if_match_follows_our_own_note_but_notes_never_carry_one(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    before = samples.report("r_1", 3)
    cache(store, before)
    queue(store, "report", "r_1", "note", 3, body="Đã liên hệ")
    queue(store, "report", "r_1", "acknowledge", 3)
    note_event = samples.event("e_2")
    after_note = samples.report("r_1", 4, events=[*before["events"], note_event],
                                updated_at="2026-03-03T10:00:00Z")
    after_ack = samples.report("r_1", 5, status="acknowledged",
                               events=[*before["events"], note_event, samples.event("e_3", "acknowledged")])
    watched.on("POST", "/reports/r_1/actions", Reply(200, {"aggregate": after_note, "event": note_event}),
               Reply(200, {"aggregate": after_ack, "event": samples.event("e_3", "acknowledged")}))
    report = engine.push()
    note, ack = watched.requests_to("/reports/r_1/actions")
    assert "If-Match" not in note.headers and note.json["type"] == "note"
    assert ack.headers["If-Match"] == '"4"'
    assert report.pushed == 2 and store.outbox() == []


def test_a_refused_refresh_means_login_required_and_keeps_the_outbox(
        watched: Loopback, store: Store, vault: CredentialStore) -> None:
    sync = SyncEngine(store, lambda url, auth: ApiClient(url, auth), vault)
    sync.login(watched.url, "canbo1", "demo123")
    cache(store, samples.report("r_1"))
    queue(store, "report", "r_1", "acknowledge")
    restarted = SyncEngine(store, lambda url, auth: ApiClient(url, auth), vault)  # no access token in memory
    watched.on("POST", "/auth/refresh", problem("unauthorized", 401))
    with pytest.raises(LoginRequired):
        restarted.sync_once()
    assert not restarted.has_credentials()
    assert [a.state for a in store.outbox()] == [ActionState.PENDING]


def test_logout_revokes_forgets_the_token_and_keeps_cache_and_outbox(
        watched: Loopback, engine: SyncEngine, store: Store, vault: CredentialStore) -> None:
    cache(store, samples.report("r_1"))
    queue(store, "report", "r_1", "acknowledge")
    engine.logout()
    [seen] = watched.requests_to("/auth/logout")
    assert seen.headers["Authorization"] == "Bearer acc-1"
    assert not engine.has_credentials()
    assert vault.get_refresh_token(account_name(watched.url, "canbo1")) is None
    assert len(store.outbox()) == 1 and store.aggregate_raw("report", "r_1") is not None
    with pytest.raises(LoginRequired):
        engine.sync_once()


def test_logout_while_offline_still_forgets_locally(
        watched: Loopback, engine: SyncEngine, vault: CredentialStore) -> None:
    watched.on("POST", "/auth/logout", hang_up())
    engine.logout()
    assert not engine.has_credentials()


def test_wait_for_changes_long_polls_an_incremental_feed(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    store.apply_page([samples.upsert(samples.report("r_1"))], "c1")
    queue(store, "report", "r_1", "acknowledge")  # waits for the next sync_once; a long poll only pulls
    watched.on("GET", "/changes",
               Reply(200, samples.page(samples.upsert(samples.report("r_9")), next_cursor="c2", more=True)),
               Reply(200, samples.page(next_cursor="c3")))
    report = engine.wait_for_changes(25)
    first, second = watched.requests_to("/changes")
    assert first.param("wait") == "25" and second.param("wait") is None
    assert report.changed == {("report", "r_9")} and store.cursor() == "c3"
    assert report.unsent == 1 and not report.in_step
    assert not watched.requests_to("/reports/r_1/actions")


def test_reference_data_is_refreshed_with_etags_and_user_kept(
        watched: Loopback, store: Store, vault: CredentialStore) -> None:
    sync = SyncEngine(store, lambda url, auth: ApiClient(url, auth), vault)
    watched.on("GET", "/me", Reply(200, {**samples.user(), "full_name": "Trần Văn Bình (Tổ 2)", "x_new": 1},
                                   headers={"ETag": '"me2"'}))
    sync.login(watched.url, "canbo1", "demo123")
    assert sync.current_user() is not None and sync.current_user().full_name == "Trần Văn Bình (Tổ 2)"
    me = store.reference("me")
    assert me is not None and me[1]["x_new"] == 1


# --- issue 7: hostile and flaky servers ---------------------------------------------------------------------


def test_pages_fetched_before_a_failure_are_kept_with_their_cursor(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    """A snapshot's pages are stored a batch at a time; a failure must not throw away the batch in hand."""
    watched.on("GET", "/changes",
               Reply(200, samples.page(samples.upsert(samples.report("r_1")), next_cursor="c1", more=True)),
               Reply(200, samples.page(samples.upsert(samples.report("r_2")), next_cursor="c2", more=True)),
               hang_up())
    with pytest.raises(Offline):
        engine.sync_once()
    assert store.aggregate_raw("report", "r_1") is not None and store.aggregate_raw("report", "r_2") is not None
    assert store.cursor() == "c2" and store.in_snapshot()  # the next sync resumes after r_2


def test_a_feed_that_says_more_for_ever_with_empty_pages_ends_in_a_bad_answer(
        watched: Loopback, engine: SyncEngine) -> None:
    watched.on("GET", "/changes", Reply(200, samples.page(next_cursor="c-same", more=True)))
    with pytest.raises(BadServerResponse):
        engine.sync_once()
    assert len(watched.requests_to("/changes")) == MAX_EMPTY_PAGES + 1


def test_a_feed_that_goes_round_in_circles_ends_in_a_bad_answer(
        watched: Loopback, engine: SyncEngine, store: Store) -> None:
    pages = [Reply(200, samples.page(samples.upsert(samples.report(f"r_{n % 3}")), next_cursor=f"c{n % 3}",
                                     more=True)) for n in range(10)]
    watched.on("GET", "/changes", *pages)
    with pytest.raises(BadServerResponse):
        engine.sync_once()
    assert len(watched.requests_to("/changes")) == 4  # c0, c1, c2, then c0 again


def test_a_failed_pull_does_not_hold_back_the_outbox(watched: Loopback, engine: SyncEngine, store: Store) -> None:
    cache(store, samples.report("r_1"))
    note = queue(store, "report", "r_1", "note", body="Đã liên hệ điện lực")
    watched.on("GET", "/changes", Reply(200, b'{"changes": [{"kind": "report", "op": ]}'))  # garbled, every time
    watched.on("POST", "/reports/r_1/actions",
               Reply(200, {"aggregate": samples.report("r_1", 4), "event": samples.event()}))
    with pytest.raises(BadServerResponse):
        engine.sync_once()
    assert [seen.json["body"] for seen in watched.requests_to("/reports/r_1/actions")] == ["Đã liên hệ điện lực"]
    assert note.local_id not in states(store)  # answered, so no longer in the outbox


def drip(sent: list[int], done: threading.Event, every: float = 0.2, size: int = 200) -> Reply:
    """Headers at once, then one byte of the body every `every` seconds; counts the bytes that got out."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(size))
            handler.end_headers()
            handler.wfile.flush()
            for _ in range(size):
                handler.wfile.write(b" ")
                handler.wfile.flush()
                sent[0] += 1
                time.sleep(every)
        except OSError:
            pass  # the client hung up
        finally:
            done.set()

    return Reply(raw=write)


def test_a_server_that_drips_its_answer_is_cut_off_by_the_total_deadline(loop: Loopback, auth: AuthState) -> None:
    sent, done = [0], threading.Event()
    loop.on("GET", "/meta", drip(sent, done))
    client = ApiClient(loop.url, auth, connect_timeout=0.5, read_timeout=0.5)  # each byte comes well within 0.5 s
    try:
        with pytest.raises(Offline, match="no whole answer"):
            client.meta()
    finally:
        client.close()
    assert done.wait(10)
    assert sent[0] < 200  # given up long before the last byte (the drip would take 40 s)
