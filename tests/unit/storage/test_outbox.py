"""The outbox (central-api.md §6, §7): keys made once, retries, conflicts, and the §7 If-Match rebase."""

from __future__ import annotations

import uuid

import pytest

from tests.support.keys import TEST_KEY
from tests.unit.storage.conftest import SERVER_URL, USER_JSON
from tests.unit.storage.factories import event, report, upsert
from triage_desktop.core.entities import ActionState
from triage_desktop.core.errors import InvalidAction, NotFound
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store

NOTE = {"type": "note", "body": "Đã liên hệ điện lực"}
RESOLVE = {"type": "set_status", "status": "resolved"}


@pytest.fixture
def cached(store: Store) -> dict:
    data = report("r_1", 5, status="in_progress")
    store.apply_page([upsert(data)], "c1")
    return data


def _after_note(before: dict, note_id: str = "e_note", **changes: object) -> dict:
    return {**before, "version": before["version"] + 1, "updated_at": "2026-03-02T10:00:00+07:00",
            "events": [*before["events"], event(note_id, body="Đã liên hệ điện lực")], **changes}


def test_enqueue_makes_a_pending_action_with_a_fresh_key(store: Store, cached: dict) -> None:
    first = store.enqueue("report", "r_1", "note", NOTE, 5)
    second = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    assert first.state is ActionState.PENDING
    assert uuid.UUID(first.idempotency_key).version == 4
    assert first.idempotency_key != second.idempotency_key
    assert second.local_id > first.local_id
    assert first.payload == NOTE and first.base_version == 5 and first.attempts == 0
    assert first.created_at.endswith("Z")
    assert store.sendable() == [first, second]


def test_payload_type_is_filled_in_and_must_agree(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "note", {"body": "x"}, 5)
    assert action.payload == {"type": "note", "body": "x"}
    with pytest.raises(ValueError):
        store.enqueue("report", "r_1", "note", {"type": "reply", "body": "x"}, 5)


def test_local_ids_are_never_reused(store: Store, cached: dict) -> None:
    first = store.enqueue("report", "r_1", "note", NOTE, 5)
    store.discard_action(first.local_id)
    assert store.enqueue("report", "r_1", "note", NOTE, 5).local_id > first.local_id


def test_transport_errors_keep_the_same_key(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "note", NOTE, 5)
    store.mark_sending(action.local_id)
    assert store.sendable()[0].state is ActionState.SENDING
    store.note_attempt_error(action.local_id, "timed out " + "x" * 2000)
    store.mark_sending(action.local_id)
    store.note_attempt_error(action.local_id, "connection reset")
    [again] = store.sendable()
    assert again.state is ActionState.PENDING
    assert again.idempotency_key == action.idempotency_key
    assert again.attempts == 2
    assert again.last_error == "connection reset"


def test_sending_survives_a_restart_and_is_sent_again(tmp_path) -> None:
    db = Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
    store = Store(db)
    store.apply_page([upsert(report("r_1", 1))], "c1")
    store.set_state("user", USER_JSON)
    store.set_state("server_url", SERVER_URL)
    action = store.enqueue("report", "r_1", "note", NOTE, 1)
    store.mark_sending(action.local_id)
    db.dispose()
    db = Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
    try:
        [again] = Store(db).sendable()
        assert again.idempotency_key == action.idempotency_key
        assert again.state is ActionState.SENDING
    finally:
        db.dispose()


def test_mark_sending_refuses_an_action_no_longer_unsent(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "note", NOTE, 5)
    store.discard_action(action.local_id)
    with pytest.raises(NotFound):
        store.mark_sending(action.local_id)


def test_complete_replaces_the_aggregate_and_retires_the_row(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "note", NOTE, 5)
    after = _after_note(cached)
    assert store.complete_action(action.local_id, after, after["events"][-1]) == {("report", "r_1")}
    assert store.aggregate_raw("report", "r_1") == after
    assert store.outbox() == []
    assert store.outbox_summary() == (0, 0)


def test_a_replayed_old_answer_does_not_move_the_cache_back(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "note", NOTE, 5)
    store.apply_page([upsert(report("r_1", 9, status="resolved"))], "c2")
    old = _after_note(cached)
    assert store.complete_action(action.local_id, old, old["events"][-1]) == set()
    assert store.aggregate_raw("report", "r_1")["version"] == 9
    assert store.outbox() == []


def test_own_note_moves_later_if_match_along(store: Store, cached: dict) -> None:
    note = store.enqueue("report", "r_1", "note", NOTE, 5)
    resolve = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    older_view = store.enqueue("report", "r_1", "set_priority", {"type": "set_priority", "priority": "high"}, 4)
    other_item = store.enqueue("report", "r_2", "set_status", RESOLVE, 5)
    after = _after_note(cached)
    store.complete_action(note.local_id, after, after["events"][-1])
    by_id = {a.local_id: a for a in store.outbox()}
    assert by_id[resolve.local_id].base_version == 6
    assert by_id[resolve.local_id].idempotency_key == resolve.idempotency_key
    assert by_id[older_view.local_id].base_version == 4  # the officer saw an older state: 412 stands
    assert by_id[other_item.local_id].base_version == 5


def test_someone_elses_change_keeps_the_seen_version(store: Store, cached: dict) -> None:
    note = store.enqueue("report", "r_1", "note", NOTE, 5)
    resolve = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    after = _after_note(cached, assignee_id="u_99")  # someone assigned it meanwhile
    store.complete_action(note.local_id, after, after["events"][-1])
    [left] = store.outbox()
    assert left.local_id == resolve.local_id
    assert left.base_version == 5


def test_no_rebase_when_the_cache_moved_on_before_our_note_went_out(store: Store, cached: dict) -> None:
    note = store.enqueue("report", "r_1", "note", NOTE, 5)
    resolve = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    pulled = {**cached, "version": 6, "priority": "urgent",
              "events": [*cached["events"], event("e_other", "priority_changed")]}
    store.apply_page([upsert(pulled)], "c2")
    after = _after_note(pulled)
    store.complete_action(note.local_id, after, after["events"][-1])
    assert store.outbox()[0].local_id == resolve.local_id
    assert store.outbox()[0].base_version == 5


def test_own_note_still_rebases_when_the_feed_brought_it_before_the_answer(store: Store, cached: dict) -> None:
    # The note's answer was lost; the next run pulls the note's effect first, then gets the replayed answer.
    note = store.enqueue("report", "r_1", "note", NOTE, 5)
    resolve = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    after = _after_note(cached, version=12)
    store.apply_page([upsert(after)], "c2")
    store.complete_action(note.local_id, after, after["events"][-1])
    [left] = store.outbox()
    assert (left.local_id, left.base_version) == (resolve.local_id, 12)
    assert store.get_state("fed_effect|report|r_1") is None


def test_a_fed_look_alike_of_our_note_is_not_taken_for_it(store: Store, cached: dict) -> None:
    # Someone else's note arrives through the feed while ours is unsent: our answer names another event.
    note = store.enqueue("report", "r_1", "note", NOTE, 5)
    resolve = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    theirs = _after_note(cached, note_id="e_theirs")
    store.apply_page([upsert(theirs)], "c2")
    ours = _after_note(theirs, note_id="e_ours")
    store.complete_action(note.local_id, ours, ours["events"][-1])
    [left] = store.outbox()
    assert (left.local_id, left.base_version) == (resolve.local_id, 5)  # the 412 must stand


def test_conflict_keeps_the_action_and_caches_the_current_state(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    current = report("r_1", 8, status="transferred")
    problem = {"type": "https://triage.example/problems/version-conflict", "title": "stale", "status": 412,
               "current": current}
    store.mark_sending(action.local_id)
    store.conflict_action(action.local_id, 412, problem, current)
    [conflict] = store.outbox()
    assert conflict.state is ActionState.CONFLICT
    assert conflict.error_status == 412
    assert conflict.problem["title"] == "stale"
    assert store.sendable() == []
    assert store.aggregate_raw("report", "r_1")["version"] == 8
    assert store.outbox_summary() == (0, 1)


def test_conflict_with_an_older_current_does_not_move_the_cache_back(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    store.conflict_action(action.local_id, 409, {"title": "invalid"}, report("r_1", 3))
    assert store.aggregate_raw("report", "r_1")["version"] == 5


def test_retry_requeues_on_the_current_version_with_a_new_key(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    store.conflict_action(action.local_id, 412, {"title": "stale"}, report("r_1", 7, status="in_progress"))
    retried = store.retry_action(action.local_id)
    assert retried.state is ActionState.PENDING
    assert retried.idempotency_key != action.idempotency_key
    assert retried.payload == action.payload
    assert retried.base_version == 7
    assert retried.local_id > action.local_id
    assert store.outbox() == [retried]


def test_retry_of_a_failed_action_and_refusals(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "note", NOTE, 5)
    with pytest.raises(InvalidAction):
        store.retry_action(action.local_id)  # still pending: nothing to retry
    store.fail_action(action.local_id, 422, {"title": "bad", "errors": [{"field": "body", "message": "x"}]})
    assert store.outbox()[0].state is ActionState.FAILED
    assert store.outbox_summary() == (0, 1)
    assert store.retry_action(action.local_id).base_version == 5
    with pytest.raises(NotFound):
        store.retry_action(action.local_id)


def test_retry_of_an_action_on_a_vanished_item_is_refused(store: Store, cached: dict) -> None:
    action = store.enqueue("report", "r_1", "note", NOTE, 5)
    store.apply_page([{"kind": "report", "op": "delete", "id": "r_1", "version": 6}], "c2")
    with pytest.raises(NotFound):
        store.retry_action(action.local_id)
    store.discard_action(action.local_id)
    assert store.outbox() == []


def test_discard(store: Store, cached: dict) -> None:
    pending = store.enqueue("report", "r_1", "note", NOTE, 5)
    conflict = store.enqueue("report", "r_1", "set_status", RESOLVE, 5)
    sending = store.enqueue("report", "r_1", "note", NOTE, 5)
    store.conflict_action(conflict.local_id, 409, {"title": "invalid"}, None)
    store.mark_sending(sending.local_id)
    store.discard_action(pending.local_id)
    store.discard_action(conflict.local_id)
    with pytest.raises(InvalidAction):
        store.discard_action(sending.local_id)  # already on the wire
    with pytest.raises(NotFound):
        store.discard_action(pending.local_id)
    assert [a.local_id for a in store.outbox()] == [sending.local_id]


def test_unknown_local_ids(store: Store) -> None:
    for call in (lambda: store.complete_action(99, report("r_1", 1), None),
                 lambda: store.conflict_action(99, 412, {}, None),
                 lambda: store.fail_action(99, 422, {})):
        with pytest.raises(NotFound):
            call()


def test_state_and_reference(store: Store) -> None:
    store.set_state("device_id", "d-1")
    store.set_state("device_id", "d-2")
    assert store.get_state("device_id") == "d-2"
    store.set_state("device_id", None)
    assert store.get_state("device_id") is None
    assert store.reference("members") is None
    store.put_reference("members", '"v1"', [{"id": "u_1", "full_name": "Trần Văn Bình"}])
    store.put_reference("members", '"v2"', [{"id": "u_2"}])
    assert store.reference("members") == ('"v2"', [{"id": "u_2"}])
