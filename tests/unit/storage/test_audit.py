"""The audit trail (issue 10): every change of an action leaves its entry in the same transaction, the trail
cannot be edited through our code, and `verify` finds an entry edited, removed from the middle or cut off the end
by anyone who went around it. Real cache files; tampering through a raw SQLCipher connection with the key, as an intruder holding it would."""

from __future__ import annotations

import json
import threading
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from tests.support.cache_damage import damage_outside
from tests.support.keys import TEST_KEY, keyed
from tests.unit.storage.factories import delete, event, report, upsert
from triage_desktop.core.entities import ActionState
from triage_desktop.core.errors import InvalidAction
from triage_desktop.storage import audit
from triage_desktop.storage.database import Database
from triage_desktop.storage.schema import AUDIT_LOG
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

PHONE = "0905 123 456"
NOTE_BODY = f"Đã gọi bà Tâm số {PHONE}, hẹn 9 giờ sáng mai"


def _cache(store: Store) -> Path:
    return Path(store.db.path)


def tamper(path: Path, *statements: str) -> None:
    """What someone with the file (and without our code) does: drop the guards, then change rows."""
    with closing(keyed(path, isolation_level=None)) as conn:
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        for statement in statements:
            conn.execute(statement)


@pytest.fixture
def cached(store: Store) -> Store:
    store.apply_page([upsert(report(f"r_{i}", 5, status="in_progress")) for i in range(4)], "c1")
    return store


def _trail(store: Store) -> list[tuple[str, str, str | None, dict[str, object]]]:
    return [(e.action, e.actor, e.item_id, e.details) for e in store.audit_entries()]


def test_every_change_of_an_action_leaves_its_entry(cached: Store, workspace: LocalWorkspace) -> None:
    store = cached
    sent = workspace.queue_action("report", "r_0", "note", {"body": NOTE_BODY})
    later = store.enqueue("report", "r_0", "set_priority", {"priority": "high"}, 5)
    conflicted = workspace.queue_action("report", "r_1", "set_priority", {"priority": "urgent"})
    failed = store.enqueue("report", "r_2", "set_priority", {"priority": "low"}, 5)
    gone = store.enqueue("report", "r_3", "set_priority", {"priority": "low"}, 5)

    store.mark_sending(sent.local_id)
    answer = report("r_0", 6, status="in_progress", events=[*report("r_0")["events"], event("e_2", body=NOTE_BODY)])
    store.complete_action(sent.local_id, answer, answer["events"][-1])  # later's If-Match moves 5 → 6
    store.conflict_action(conflicted.local_id, 412, {"type": "version-conflict"}, None)
    store.fail_action(failed.local_id, 422, {"type": "invalid"})
    store.apply_page([delete("report", "r_3", 9)], "c2")
    again = workspace.retry_action(conflicted.local_id)
    workspace.discard_action(failed.local_id)

    assert _trail(store) == [
        ("queued", "tam.le", "r_0", {"type": "note", "local_id": sent.local_id, "version": 5}),
        ("queued", "tam.le", "r_0", {"type": "set_priority", "local_id": later.local_id, "version": 5}),
        ("queued", "tam.le", "r_1", {"type": "set_priority", "local_id": conflicted.local_id, "version": 5}),
        ("queued", "tam.le", "r_2", {"type": "set_priority", "local_id": failed.local_id, "version": 5}),
        ("queued", "tam.le", "r_3", {"type": "set_priority", "local_id": gone.local_id, "version": 5}),
        ("sent", "tam.le", "r_0", {"type": "note", "local_id": sent.local_id, "version": 6}),
        ("reapplied", "tam.le", "r_0", {"type": "set_priority", "local_id": later.local_id, "how": "rebase",
                                        "version": 6}),
        ("conflicted", "tam.le", "r_1", {"type": "set_priority", "local_id": conflicted.local_id, "status": 412}),
        ("failed", "tam.le", "r_2", {"type": "set_priority", "local_id": failed.local_id, "status": 422}),
        ("conflicted", "tam.le", "r_3", {"type": "set_priority", "local_id": gone.local_id, "status": 404,
                                         "reason": "gone"}),
        ("reapplied", "tam.le", "r_1", {"type": "set_priority", "local_id": again.local_id, "how": "retry",
                                        "replaces": conflicted.local_id, "version": 5, "author": "tam.le"}),
        ("discarded", "tam.le", "r_2", {"type": "set_priority", "local_id": failed.local_id, "state": "failed",
                                        "author": "tam.le"}),
    ]
    entries = store.audit_entries()
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert all(e.kind == "report" and e.at.endswith("Z") for e in entries)
    assert store.verify_audit() == []


def test_the_author_is_named_whoever_is_logged_in_now(cached: Store) -> None:
    """A colleague's held action conflicts under her name; a discard is done by whoever pressed it."""
    store = cached
    store.put_reference("members", None, [{"id": "u_01", "username": "lanhdao"}, {"id": "u_17", "username": "tam.le"}])
    store.set_state("user", json.dumps({"id": "u_01", "username": "lanhdao"}))
    hers = store.enqueue("report", "r_0", "set_priority", {"priority": "high"}, 5)
    store.set_state("user", json.dumps({"id": "u_17", "username": "tam.le"}))
    store.apply_page([delete("report", "r_0", 9)], "c2")
    store.discard_action(hers.local_id)
    store.set_state("user", None)
    store.record("lock")
    assert [(e.action, e.actor, e.details.get("author")) for e in store.audit_entries()] == [
        ("queued", "lanhdao", None), ("conflicted", "lanhdao", None), ("discarded", "tam.le", "lanhdao"),
        ("lock", "", None)]


def test_an_action_and_its_entry_commit_together(cached: Store, workspace: LocalWorkspace) -> None:
    with closing(keyed(_cache(cached), isolation_level=None)) as conn:
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'full'); END")
    with pytest.raises(IntegrityError):
        workspace.queue_action("report", "r_0", "note", {"body": "x"})
    assert cached.outbox() == []  # no action without its entry
    assert workspace.item("report", "r_0").pending == ()  # type: ignore[union-attr]


def test_a_refused_change_leaves_no_entry(cached: Store) -> None:
    action = cached.enqueue("report", "r_0", "set_priority", {"priority": "high"}, 5)
    cached.mark_sending(action.local_id)
    with pytest.raises(InvalidAction):
        cached.discard_action(action.local_id)  # on the wire: cannot be taken back
    assert [e.action for e in cached.audit_entries()] == ["queued"]
    assert cached.outbox()[0].state is ActionState.SENDING


def test_no_code_path_can_edit_or_delete_an_entry(cached: Store, workspace: LocalWorkspace) -> None:
    workspace.record("revealed", "report", "r_0", {"field": "phone"})
    with pytest.raises(IntegrityError, match="append-only"), cached.db.write() as conn:
        conn.execute(AUDIT_LOG.update().values(actor="someone.else"))
    with pytest.raises(IntegrityError, match="append-only"), cached.db.write() as conn:
        conn.execute(AUDIT_LOG.delete())
    [entry] = cached.audit_entries()
    assert (entry.actor, entry.action, entry.details) == ("tam.le", "revealed", {"field": "phone"})


def _three_entries(workspace: LocalWorkspace) -> None:
    workspace.record("login")
    workspace.record("revealed", "report", "r_0", {"field": "phone"})
    workspace.record("exported", None, None, {"format": "csv", "count": 4})


def test_an_empty_trail_and_a_whole_one_verify(cached: Store, workspace: LocalWorkspace) -> None:
    assert cached.verify_audit() == []
    _three_entries(workspace)
    assert cached.verify_audit() == []


def test_an_edited_entry_is_found_by_its_seq(cached: Store, workspace: LocalWorkspace) -> None:
    _three_entries(workspace)
    tamper(_cache(cached), "UPDATE audit_log SET actor = 'someone.else' WHERE seq = 2")
    assert cached.verify_audit() == [audit.Finding(2, audit.EDITED)]


def test_an_edited_entry_with_a_recomputed_hash_breaks_the_next_link(cached: Store, workspace: LocalWorkspace) -> None:
    _three_entries(workspace)
    e = cached.audit_entries()[1]
    forged = audit.entry_hash(e.seq, e.at, "someone.else", e.action, e.kind, e.item_id, e.detail, e.prev_hash)
    tamper(_cache(cached), f"UPDATE audit_log SET actor = 'someone.else', hash = '{forged}' WHERE seq = 2")
    assert cached.verify_audit() == [audit.Finding(3, audit.LINK)]


def test_a_removed_middle_entry_is_found(cached: Store, workspace: LocalWorkspace) -> None:
    _three_entries(workspace)
    tamper(_cache(cached), "DELETE FROM audit_log WHERE seq = 2")
    assert cached.verify_audit() == [audit.Finding(3, audit.REMOVED, 2, 2)]
    workspace.record("logout")  # the trail goes on; the hole stays visible
    assert cached.verify_audit() == [audit.Finding(3, audit.REMOVED, 2, 2)]


def test_a_removed_first_entry_is_found(cached: Store, workspace: LocalWorkspace) -> None:
    _three_entries(workspace)
    tamper(_cache(cached), "DELETE FROM audit_log WHERE seq = 1")
    assert cached.verify_audit() == [audit.Finding(2, audit.REMOVED, 1, 1)]


def test_removed_last_entries_are_found_even_after_new_ones(cached: Store, workspace: LocalWorkspace) -> None:
    _three_entries(workspace)
    tamper(_cache(cached), "DELETE FROM audit_log WHERE seq >= 2")
    assert cached.verify_audit() == [audit.Finding(3, audit.REMOVED_LAST, 2, 3)]
    workspace.record("logout")  # seq 4, chained to seq 1: seqs are never given twice
    assert [e.seq for e in cached.audit_entries()] == [1, 4]
    assert cached.verify_audit() == [audit.Finding(4, audit.REMOVED, 2, 3)]


def test_the_whole_trail_emptied_is_found(cached: Store, workspace: LocalWorkspace) -> None:
    _three_entries(workspace)
    tamper(_cache(cached), "DELETE FROM audit_log")
    assert cached.verify_audit() == [audit.Finding(3, audit.REMOVED_LAST, 1, 3)]


@pytest.mark.parametrize("detail", [
    {"phone": PHONE}, {"phone": "0905123456"}, {"cccd": "072190001234"}, {"body": NOTE_BODY},
    {"text": "Lê Đình Tâm, 12 Đường 30/4, Phường 1, hẹn gặp tại trụ sở"}, {"nested": {"phone": PHONE}},
    {"Bad Key": "x"},
])
def test_a_detail_that_could_hold_citizen_data_is_refused(workspace: LocalWorkspace,
                                                          detail: dict[str, object]) -> None:
    with pytest.raises(ValueError) as raised:
        workspace.record("revealed", "report", "r_0", detail)
    assert PHONE not in str(raised.value) and "072190001234" not in str(raised.value)


def test_the_trail_never_holds_note_text_or_a_phone_number(cached: Store, workspace: LocalWorkspace) -> None:
    cached.apply_page([upsert(report("r_9", 5, citizen={"name": "Lê Đình Tâm", "phone": PHONE}))], "c2")
    action = workspace.queue_action("report", "r_9", "note", {"body": NOTE_BODY})
    cached.conflict_action(action.local_id, 409, {"type": "x", "detail": NOTE_BODY}, None)
    workspace.retry_action(action.local_id)
    workspace.record("revealed", "report", "r_9", {"field": "phone"})
    with closing(keyed(_cache(cached))) as conn:
        rows = conn.execute("SELECT * FROM audit_log").fetchall()
    text = json.dumps(rows, ensure_ascii=False)
    assert len(rows) == 4
    for secret in (PHONE, PHONE.replace(" ", ""), "Đã gọi", "Lê Đình Tâm"):
        assert secret not in text


def test_a_recovered_cache_starts_a_new_trail_that_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    store = Store(Database(path, key=TEST_KEY))
    store.set_state("user", json.dumps({"id": "u_17", "username": "tam.le"}))
    store.set_state("server_url", "https://api.example-province.vn/triage/v1")
    store.apply_page([upsert(report(f"r_{i}", 5, description="Cây đổ " * 40)) for i in range(60)], "c1")
    store.enqueue("report", "r_1", "note", {"body": "x"}, 5)
    store.db.dispose()
    damage_outside(path)
    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from is not None
        after = Store(db)
        assert [(e.seq, e.actor, e.action, e.details) for e in after.audit_entries()] == [
            (1, "tam.le", "recovered", {"kept": 1})]
        assert after.verify_audit() == []
    finally:
        db.dispose()


def test_two_writers_on_one_file_keep_one_whole_chain(tmp_path: Path) -> None:
    """The window and a CLI command append at the same time (two engines, as two processes would)."""
    path = tmp_path / "cache.sqlite3"
    first, second = Database(path, key=TEST_KEY), Database(path, key=TEST_KEY)
    try:
        stores = [Store(first), Store(second)]

        def write(store: Store) -> None:
            for _ in range(40):
                store.record("revealed", "report", "r_0", {"field": "phone"})

        threads = [threading.Thread(target=write, args=(store,)) for store in stores]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [e.seq for e in stores[0].audit_entries()] == list(range(1, 81))
        assert stores[1].verify_audit() == []
    finally:
        second.dispose()
        first.dispose()


def test_the_printed_trail_carries_no_terminal_escape_codes() -> None:
    from triage_desktop.cli import _audit_line

    entry = audit.Entry(1, "2026-12-04T03:05:00.000Z", "tam\x1b[2J\u202eexe.le", "login", None, None,
                        '{"via":"x\\u001b[31m"}', audit.GENESIS, "0" * 64)
    line = _audit_line(entry)
    assert "\x1b" not in line and "\u202e" not in line
    assert line.split("\t")[1:3] == ["tamexe.le", "login"]
