"""Leaving most secondary indexes of `aggregates` out while a snapshot fills an empty cache, then building them.

Seventeen indexes are kept per row; during an initial sync that upkeep is about a fifth of the time. Built once at
the end (CREATE INDEX sorts the finished table) it costs ~1.5 s per 100k rows instead. The indexes behind the
list as it first opens (every queue, newest first) stay, so the window keeps paging through an index while the
snapshot comes in; only other sort orders and filter-row filters read the (partial) table until it is done.
The counters (`list_counts` triggers) stay too: counts are right all along.

Crash-safe: the indexes are dropped in the transaction that sets the state key below, and `restore_step`
recreates whatever the schema has and the file lacks (IF NOT EXISTS), so it is idempotent. `Store` runs it at
open when the key is still there (the process died mid-snapshot), and `Store.finish_snapshot` at the end.
"""

from __future__ import annotations

from sqlalchemy import Connection, Index, select
from sqlalchemy.schema import CreateIndex, DropIndex

from triage_desktop.storage.schema import AGGREGATES, SYNC_STATE

DEFERRED = "indexes_deferred"  # sync_state key: present while the indexes below may be missing

# (kind, submitted_at): "all"; (kind, status, submitted_at): "new"; (kind, is_open, assignee_id, submitted_at):
# "mine" / "unassigned" — the default order of every queue (ItemQuery's defaults); (kind, clock, due_at): the
# deadline queues' badges, counted on it at every refresh; (kind, is_open, assignee_id, due_at): "Việc của tôi"
# by time left (issue 11).
_KEPT = {("kind", "submitted_at"), ("kind", "status", "submitted_at"),
         ("kind", "is_open", "assignee_id", "submitted_at"), ("kind", "clock", "due_at"),
         ("kind", "is_open", "assignee_id", "due_at")}


def _deferred_indexes() -> list[Index]:
    found = [ix for ix in AGGREGATES.indexes if tuple(c.name for c in ix.columns) not in _KEPT]
    return sorted(found, key=lambda ix: [c.name for c in ix.columns])  # a stable order for restore_step


def is_deferred(conn: Connection) -> bool:
    return conn.execute(select(SYNC_STATE.c.value).where(SYNC_STATE.c.key == DEFERRED)).scalar() is not None


def defer(conn: Connection) -> None:
    """Drop the deferrable indexes; call inside the transaction that starts a snapshot into an empty cache."""
    for index in _deferred_indexes():
        conn.execute(DropIndex(index, if_exists=True))
    conn.exec_driver_sql("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, '1')", (DEFERRED,))


def _existing(conn: Connection) -> set[str]:
    return set(conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'aggregates'").scalars())


def restore_step(conn: Connection) -> bool:
    """Build one missing index (one per transaction: other writers get the lock in between); True when done."""
    if not is_deferred(conn):
        return True
    existing = _existing(conn)
    for index in _deferred_indexes():
        if conn.dialect.identifier_preparer.format_index(index).strip('"') not in existing:
            conn.execute(CreateIndex(index, if_not_exists=True))
            return False
    conn.exec_driver_sql("DELETE FROM sync_state WHERE key = ?", (DEFERRED,))
    return True
