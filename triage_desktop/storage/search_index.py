"""Keeping the FTS5 index `item_search` in step with `aggregates.search_text`, per page or in bulk.

The index has external content (r0002): its rows are `aggregates.search_text`, and removing a row from it
needs the exact text that was indexed. Incremental sync keeps it current per page (only rows whose text
changed). An initial sync into an empty cache defers it instead: pages store only `search_text`, and
`build_step` indexes the rows afterwards in pk order, a chunk per transaction, so the writer yields between
chunks and a crash resumes where it stopped. While deferred, `built_to` (state key below) says which rows
are indexed already: those still get per-row upkeep, the others wait for their chunk.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, select

from triage_desktop.storage.schema import AGGREGATES, SYNC_STATE

BUILT_TO = "search_built_to"  # present while the index is being built in bulk: rows with pk <= it are indexed
BUILD_CHUNK = 20_000  # rows per transaction: ~0.5–1 s of indexing, so other writers wait at most that long
_SQL_CHUNK = 500
_GIL_SLICE = 100

_DELETE = "INSERT INTO item_search (item_search, rowid, search_text) VALUES ('delete', ?, ?)"
_INSERT = "INSERT INTO item_search (rowid, search_text) VALUES (?, ?)"


def built_to(conn: Connection) -> int | None:
    """None when the index is complete; else the highest pk it already covers."""
    value = conn.execute(select(SYNC_STATE.c.value).where(SYNC_STATE.c.key == BUILT_TO)).scalar()
    return int(value) if value is not None else None


def defer(conn: Connection) -> None:
    """Stop per-row upkeep for rows not yet in the cache; call only when the index is empty (empty cache)."""
    conn.exec_driver_sql("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
                         (BUILT_TO, str(_max_pk(conn))))


def _max_pk(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT coalesce(max(pk), 0) FROM aggregates").scalar_one())


def build_step(conn: Connection, chunk: int = BUILD_CHUNK) -> bool:
    """Index the next `chunk` rows of a deferred build; True when the index is complete."""
    done = built_to(conn)
    if done is None:
        return True
    upper = done + chunk
    conn.exec_driver_sql("INSERT INTO item_search (rowid, search_text) "
                         "SELECT pk, search_text FROM aggregates WHERE pk > ? AND pk <= ?", (done, upper))
    if upper >= _max_pk(conn):
        conn.exec_driver_sql("DELETE FROM sync_state WHERE key = ?", (BUILT_TO,))
        return True
    conn.exec_driver_sql("UPDATE sync_state SET value = ? WHERE key = ?", (str(upper), BUILT_TO))
    return False


def old_texts(conn: Connection, pks: list[int]) -> dict[int, str]:
    """The stored search text of these rows (what the index holds for them), read before they change."""
    found: dict[int, str] = {}
    for start in range(0, len(pks), _SQL_CHUNK):
        chunk = pks[start:start + _SQL_CHUNK]
        found.update(conn.execute(select(AGGREGATES.c.pk, AGGREGATES.c.search_text)
                                  .where(AGGREGATES.c.pk.in_(chunk))).all())
    return found


def update(conn: Connection, old: Mapping[int, str], new: Mapping[int, str]) -> None:
    """Bring the index from `old` (rows that had text indexed) to `new` texts; unchanged rows are skipped."""
    limit = built_to(conn)
    if limit is not None:  # a deferred build indexes the rows above `limit` later, from their final text
        old = {pk: text for pk, text in old.items() if pk <= limit}
        new = {pk: text for pk, text in new.items() if pk <= limit}
    stale = [(pk, text) for pk, text in old.items() if new.get(pk) != text]
    fresh = [(pk, text) for pk, text in new.items() if old.get(pk) != text]
    for start in range(0, len(stale), _GIL_SLICE):  # see aggregates.GIL_SLICE
        conn.exec_driver_sql(_DELETE, stale[start:start + _GIL_SLICE])
    for start in range(0, len(fresh), _GIL_SLICE):
        conn.exec_driver_sql(_INSERT, fresh[start:start + _GIL_SLICE])


def remove(conn: Connection, old: Mapping[int, str]) -> None:
    update(conn, old, {})


def clear(conn: Connection) -> None:
    """Empty the index (the aggregates are being emptied too)."""
    conn.exec_driver_sql("INSERT INTO item_search (item_search) VALUES ('delete-all')")
    conn.exec_driver_sql("DELETE FROM sync_state WHERE key = ?", (BUILT_TO,))
