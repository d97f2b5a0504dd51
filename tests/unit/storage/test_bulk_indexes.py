"""List indexes left out while a snapshot fills an empty cache: back at its end, or at the next open after a crash."""

from __future__ import annotations

from pathlib import Path

from tests.support.keys import TEST_KEY
from tests.unit.storage.factories import report, upsert
from triage_desktop.core.entities import ItemQuery
from triage_desktop.storage import bulk_indexes
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

DEFAULT_ORDER = {"ix_aggregates_kind_submitted_at", "ix_aggregates_kind_status_submitted_at",
                 "ix_aggregates_kind_is_open_assignee_id_submitted_at",
                 # the deadline badges and "Việc của tôi" by time left (issue 11) read these at every refresh
                 "ix_aggregates_kind_clock_due_at", "ix_aggregates_kind_is_open_assignee_id_due_at"}


def _indexes(db: Database) -> set[str]:
    with db.read() as conn:
        return set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index' "
                                        "AND tbl_name = 'aggregates' AND sql IS NOT NULL").scalars())


def _page(n: int) -> list[dict]:
    return [upsert(report(f"r_{i:03d}", 1, status="new" if i % 2 else "in_progress", assignee_id=f"u_{i % 3}"))
            for i in range(n)]


def test_an_initial_snapshot_builds_most_list_indexes_at_its_end(store: Store, db: Database) -> None:
    complete = _indexes(db)
    assert complete > DEFAULT_ORDER
    store.begin_snapshot()
    assert _indexes(db) == DEFAULT_ORDER  # every queue's first page still reads through an index
    store.apply_page(_page(40), "s1")
    workspace = LocalWorkspace(store)
    assert workspace.count(ItemQuery(kind="report", status="new")) == 20  # the counters stay current
    store.finish_snapshot()
    assert _indexes(db) == complete
    assert store.get_state(bulk_indexes.DEFERRED) is None
    assert [r.id for r in workspace.page(ItemQuery(kind="report", sort_key="due_at"), 0, 100)] != []
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_resync_of_a_filled_cache_keeps_every_index(store: Store, db: Database) -> None:
    store.apply_page(_page(3), "c1")
    complete = _indexes(db)
    store.begin_snapshot()
    assert _indexes(db) == complete
    assert store.get_state(bulk_indexes.DEFERRED) is None


def test_the_next_open_after_a_crash_mid_snapshot_builds_them(tmp_path: Path) -> None:
    db = Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
    complete = _indexes(db)
    store = Store(db)
    store.begin_snapshot()
    store.apply_page(_page(30), "s1")
    db.dispose()  # the process dies here: the snapshot stays open

    db = Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
    try:
        store = Store(db)
        assert _indexes(db) == complete
        assert store.get_state(bulk_indexes.DEFERRED) is None
        assert store.in_snapshot()  # the next sync resumes it, with every index kept per row
        store.apply_page(_page(35)[30:], "s2")
        store.finish_snapshot()
        assert _indexes(db) == complete
        assert LocalWorkspace(store).count(ItemQuery(kind="report")) == 35
    finally:
        db.dispose()


def test_restoring_is_idempotent_and_resumes_after_each_index(store: Store, db: Database) -> None:
    complete = _indexes(db)
    store.begin_snapshot()
    with db.write() as conn:  # one index built, then the process died
        assert not bulk_indexes.restore_step(conn)
    Store(db)
    assert _indexes(db) == complete
    with db.write() as conn:
        assert bulk_indexes.restore_step(conn)
