"""Applying the change feed (central-api.md §5): version rule, tombstones, atomic pages, full resyncs."""

from __future__ import annotations

import pytest

from tests.unit.storage.factories import delete, dossier, report, upsert
from triage_desktop.core.entities import ActionState
from triage_desktop.core.errors import ApiError
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store


def test_upsert_stores_the_whole_aggregate_with_unknown_fields(store: Store) -> None:
    data = report("r_1", 3, x_future={"nested": [1, "hai"]}, merged_into_id=None)
    data["citizen"]["x_channel_user"] = "zalo:123"
    changed = store.apply_page([upsert(data)], "c1")
    assert changed == {("report", "r_1")}
    assert store.aggregate_raw("report", "r_1") == data
    assert store.cursor() == "c1"


def test_a_report_and_a_dossier_may_share_an_id(store: Store) -> None:
    store.apply_page([upsert(report("x_1", 1)), upsert(dossier("x_1", 1))], "c1")
    assert store.aggregate_raw("report", "x_1")["kind"] == "report"
    assert store.aggregate_raw("dossier", "x_1")["kind"] == "dossier"


def test_lower_or_equal_versions_are_ignored(store: Store) -> None:
    store.apply_page([upsert(report("r_1", 5, title="five"))], "c1")
    changed = store.apply_page([upsert(report("r_1", 4, title="four")), upsert(report("r_1", 5, title="again"))],
                               "c2")
    assert changed == set()
    assert store.aggregate_raw("report", "r_1")["title"] == "five"
    assert store.cursor() == "c2"  # the page was still applied
    store.apply_page([upsert(report("r_1", 6, title="six"))], "c3")
    assert store.aggregate_raw("report", "r_1")["title"] == "six"


def test_the_same_item_twice_in_a_page_keeps_the_highest(store: Store) -> None:
    store.apply_page([upsert(report("r_1", 2, title="two")), upsert(report("r_1", 7, title="seven")),
                      upsert(report("r_1", 3, title="three"))], "c1")
    assert store.aggregate_raw("report", "r_1")["title"] == "seven"


def test_delete_drops_the_item_and_its_tombstone_blocks_late_upserts(store: Store) -> None:
    store.apply_page([upsert(report("r_1", 3))], "c1")
    assert store.apply_page([delete("report", "r_1", 4)], "c2") == {("report", "r_1")}
    assert store.aggregate_raw("report", "r_1") is None
    # A re-sent old page, and a replayed action answer, must not bring it back.
    assert store.apply_page([upsert(report("r_1", 3)), upsert(report("r_1", 4))], "c3") == set()
    assert not store.replace_aggregate("report", report("r_1", 4))
    assert store.aggregate_raw("report", "r_1") is None
    # Transferred back later: a newer version is welcome again.
    assert store.apply_page([upsert(report("r_1", 9))], "c4") == {("report", "r_1")}
    assert store.aggregate_raw("report", "r_1")["version"] == 9


def test_a_stale_delete_does_not_drop_a_newer_copy(store: Store) -> None:
    store.apply_page([upsert(report("r_1", 5))], "c1")
    assert store.apply_page([delete("report", "r_1", 4)], "c2") == set()
    assert store.aggregate_raw("report", "r_1") is not None


def test_a_delete_at_the_version_our_own_transfer_returned_still_drops_it(store: Store) -> None:
    """The transfer's answer (v5, now another unit's) is stored first; the feed's delete says the same v5
    left us. Found through the window: the transferred report stayed in the officer's list."""
    store.apply_page([upsert(report("r_1", 4))], "c1")
    assert store.replace_aggregate("report", report("r_1", 5, status="transferred", unit_id="w_0102"))
    assert store.apply_page([delete("report", "r_1", 5)], "c2") == {("report", "r_1")}
    assert store.aggregate_raw("report", "r_1") is None
    assert store.apply_page([delete("report", "r_1", 5)], "c3") == set()  # a repeat of the same delete


def test_delete_of_an_unknown_item_still_leaves_a_tombstone(store: Store) -> None:
    store.apply_page([delete("dossier", "d_9", 4)], "c1")
    store.apply_page([upsert(dossier("d_9", 4))], "c2")
    assert store.aggregate_raw("dossier", "d_9") is None


def test_delete_turns_unsent_actions_into_gone_conflicts(store: Store) -> None:
    store.apply_page([upsert(report("r_1", 3)), upsert(report("r_2", 1))], "c1")
    pending = store.enqueue("report", "r_1", "note", {"type": "note", "body": "a"}, 3)
    sending = store.enqueue("report", "r_1", "set_priority", {"type": "set_priority", "priority": "high"}, 3)
    store.mark_sending(sending.local_id)
    elsewhere = store.enqueue("report", "r_2", "note", {"type": "note", "body": "b"}, 1)
    store.apply_page([delete("report", "r_1", 4)], "c2")
    by_id = {a.local_id: a for a in store.outbox()}
    for local_id in (pending.local_id, sending.local_id):
        action = by_id[local_id]
        assert action.state is ActionState.CONFLICT
        assert action.error_status == 404
        assert ApiError(404, dict(action.problem or {})).problem_name == "gone"
        assert action.problem["title"] == "deleted"
    assert by_id[elsewhere.local_id].state is ActionState.PENDING
    assert store.outbox_summary() == (1, 2)


def test_a_bad_change_in_the_middle_stores_nothing_of_its_page(store: Store) -> None:
    store.apply_page([upsert(report("r_0", 1))], "c1")
    bad = upsert(report("r_bad", 1))
    bad["version"] = "7"
    page = [upsert(report("r_1", 1)), delete("report", "r_0", 2), bad, upsert(report("r_2", 1))]
    with pytest.raises(ValueError, match="version"):
        store.apply_page(page, "c2")
    assert store.cursor() == "c1"
    assert store.aggregate_raw("report", "r_1") is None
    assert store.aggregate_raw("report", "r_0") is not None


def test_a_failure_inside_the_transaction_rolls_the_whole_page_back(store: Store) -> None:
    store.apply_page([upsert(report("r_0", 1))], "c1")
    unserialisable = report("r_2", 1, x_blob=object())  # encoding it fails, after r_1 was written
    with pytest.raises(TypeError):
        store.apply_page([upsert(report("r_1", 1)), delete("report", "r_0", 2), upsert(unserialisable)], "c2")
    assert store.cursor() == "c1"
    assert store.aggregate_raw("report", "r_1") is None
    assert store.aggregate_raw("report", "r_0") is not None
    assert store.apply_page([upsert(report("r_0", 2))], "c3") == {("report", "r_0")}


@pytest.mark.parametrize("change", [
    {"kind": "report", "op": "upsert", "id": "r_1", "version": 1},  # no data
    {"kind": "report", "op": "patch", "id": "r_1", "version": 1},
    {"kind": "report", "op": "delete", "id": "", "version": 1},
    {"kind": "report", "op": "delete", "id": "r_1", "version": True},
    {"kind": "report", "op": "upsert", "id": "r_1", "version": 1, "data": report("r_2", 1)},
])
def test_malformed_changes_are_refused(store: Store, change: dict) -> None:
    with pytest.raises(ValueError):
        store.apply_page([change], "c1")
    assert store.cursor() is None


def test_a_kind_from_a_newer_server_is_skipped(store: Store) -> None:
    future = {"kind": "complaint", "op": "upsert", "id": "k_1", "version": 1, "data": {"id": "k_1"}}
    assert store.apply_page([future, upsert(report("r_1", 1))], "c1") == {("report", "r_1")}
    assert store.cursor() == "c1"


def test_full_resync_drops_what_the_snapshot_lacks_and_conflicts_its_actions(store: Store) -> None:
    store.apply_page([upsert(report("r_keep", 2)), upsert(report("r_gone", 2)), upsert(dossier("d_keep", 1))],
                     "c1")
    action = store.enqueue("report", "r_gone", "acknowledge", {"type": "acknowledge"}, 2)
    kept_action = store.enqueue("report", "r_keep", "acknowledge", {"type": "acknowledge"}, 2)
    store.begin_snapshot()
    assert store.in_snapshot()
    assert store.cursor() is None
    # The snapshot re-sends r_keep at the same version (not applied, but seen) and d_keep newer.
    store.apply_page([upsert(report("r_keep", 2))], "s1")
    store.apply_page([upsert(dossier("d_keep", 2))], "s2")
    assert store.finish_snapshot() == {("report", "r_gone")}
    assert not store.in_snapshot()
    assert store.cursor() == "s2"
    assert store.aggregate_raw("report", "r_gone") is None
    assert store.aggregate_raw("report", "r_keep") is not None
    assert store.aggregate_raw("dossier", "d_keep")["version"] == 2
    by_id = {a.local_id: a for a in store.outbox()}
    assert by_id[action.local_id].state is ActionState.CONFLICT
    assert by_id[action.local_id].error_status == 404
    assert by_id[kept_action.local_id].state is ActionState.PENDING
    # A replayed answer at the dropped version cannot resurrect it.
    assert not store.replace_aggregate("report", report("r_gone", 2))


def test_a_second_snapshot_starts_from_a_clean_seen_list(store: Store) -> None:
    store.begin_snapshot()
    store.apply_page([upsert(report("r_1", 1)), upsert(report("r_2", 1))], "s1")
    assert store.finish_snapshot() == set()
    store.begin_snapshot()
    store.apply_page([upsert(report("r_2", 1))], "s2")
    assert store.finish_snapshot() == {("report", "r_1")}


def test_pages_outside_a_snapshot_record_nothing(store: Store, db: Database) -> None:
    store.apply_page([upsert(report("r_1", 1))], "c1")
    with db.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM snapshot_seen").scalar() == 0


def test_search_index_follows_upserts_and_deletes(store: Store, db: Database) -> None:
    def hits(word: str) -> int:
        with db.read() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM item_search WHERE item_search MATCH ?",
                                        (word,)).scalar()

    store.apply_page([upsert(report("r_1", 1, title="Đèn đường hỏng"))], "c1")
    assert hits("den") == 1
    store.apply_page([upsert(report("r_1", 2, title="Rác thải ùn ứ"))], "c2")
    assert (hits("den"), hits("rac")) == (0, 1)
    store.apply_page([upsert(report("r_1", 3, title="Rác thải ùn ứ", status="acknowledged"))], "c3")
    assert hits("rac") == 1
    store.apply_page([delete("report", "r_1", 4)], "c4")
    assert hits("rac") == 0


def test_list_columns_are_normalised_to_utc(store: Store, db: Database) -> None:
    store.apply_page([upsert(report("r_1", 1, submitted_at="2026-03-02T08:15:30.123+07:00", due_at=None,
                                    updated_at="2026-03-02T01:20:00Z"))], "c1")
    with db.read() as conn:
        row = conn.exec_driver_sql("SELECT submitted_at, due_at, updated_at FROM aggregates").one()
    assert tuple(row) == ("2026-03-02T01:15:30Z", None, "2026-03-02T01:20:00Z")


def test_export_streams_every_aggregate(store: Store) -> None:
    reports = [upsert(report(f"r_{i}", 1)) for i in range(1203)]
    store.apply_page(reports + [upsert(dossier("d_1", 1))], "c1")
    exported = list(store.export_raw())
    assert len(exported) == 1204
    assert {d["id"] for d in store.export_raw("dossier")} == {"d_1"}
    assert len({d["id"] for d in store.export_raw("report")}) == 1203
