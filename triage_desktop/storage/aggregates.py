"""Writing cached aggregates inside a caller's write transaction: the version rule, rows, search index.

SQLAlchemy Core with executemany on the hot path (a page of changes); never the ORM's merge/bulk.
The FTS rows are kept in step here through `search_index` (only rows whose folded text changed), not by
triggers: triggers would re-index rows whose searchable text did not change, which is most status updates,
and could not be deferred for a bulk build after an initial sync.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, TypeGuard

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from triage_desktop.core.entities import with_pending
from triage_desktop.storage import outbox as outbox_rows
from triage_desktop.storage import search_index, sort_names
from triage_desktop.storage.rows import PENDING_COLUMNS, aggregate_row, list_columns
from triage_desktop.storage.schema import AGGREGATES, TOMBSTONES

Key = tuple[str, str]  # (kind, id)
_CHUNK = 500  # stays far below SQLite's bound-variable limit
# Rows per executemany(): the sqlite3 module never lets another thread take the GIL inside one (it drops the GIL
# for each row, then takes it straight back), so 2,000 rows froze the window for ~100 ms during a sync.
GIL_SLICE = 100


class Known(NamedTuple):
    pk: int
    version: int


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _by_kind(keys: Iterable[Key]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for kind, item_id in keys:
        grouped.setdefault(kind, []).append(item_id)
    return grouped


def load(conn: Connection, keys: Iterable[Key]) -> tuple[dict[Key, Known], dict[Key, int]]:
    """The stored (pk, version) and the tombstone version of each key that has them."""
    known: dict[Key, Known] = {}
    tombs: dict[Key, int] = {}
    a, t = AGGREGATES.c, TOMBSTONES.c
    for kind, ids in _by_kind(set(keys)).items():
        for chunk in _chunks(ids):
            for pk, item_id, version in conn.execute(
                    select(a.pk, a.id, a.version).where(a.kind == kind, a.id.in_(chunk))):
                known[(kind, item_id)] = Known(pk, version)
            for item_id, version in conn.execute(
                    select(t.id, t.version).where(t.kind == kind, t.id.in_(chunk))):
                tombs[(kind, item_id)] = version
    return known, tombs


def is_newer(version: int, known: Known | None, tomb: int | None) -> bool:
    """The contract's rule: apply only when higher than the stored copy and than any delete we saw."""
    return (known is None or version > known.version) and (tomb is None or version > tomb)


def write(conn: Connection, items: Mapping[Key, tuple[int, Mapping[str, Any]]],
          known: Mapping[Key, Known]) -> None:
    """Store each key's (version, data) as its cached copy; the caller applied the version rule already."""
    updates: list[dict[str, Any]] = []
    inserts: list[dict[str, Any]] = []
    texts: dict[int, str] = {}
    next_pk: int | None = None
    names = sort_names.load(conn)
    unsent = outbox_rows.unsent_effects(conn, items.keys())
    for key, (version, data) in items.items():
        kind, item_id = key
        columns, text = aggregate_row(kind, item_id, version, data, names, unsent.get(key, ()))
        columns["search_text"] = text
        old = known.get((kind, item_id))
        if old is not None:
            columns["b_pk"] = old.pk
            updates.append(columns)
            texts[old.pk] = text
        else:
            if next_pk is None:  # we hold the write lock, so max+1 is ours
                next_pk = (conn.execute(select(func.max(AGGREGATES.c.pk))).scalar() or 0) + 1
            columns["pk"] = next_pk
            inserts.append(columns)
            texts[next_pk] = text
            next_pk += 1
    # What the index holds for the updated rows, read before the rows change (external content).
    previous = search_index.old_texts(conn, [u["b_pk"] for u in updates]) if updates else {}
    statement = update(AGGREGATES).where(AGGREGATES.c.pk == bindparam("b_pk"))
    for start in range(0, len(updates), GIL_SLICE):
        conn.execute(statement, updates[start:start + GIL_SLICE])
    for start in range(0, len(inserts), GIL_SLICE):
        conn.execute(insert(AGGREGATES), inserts[start:start + GIL_SLICE])
    search_index.update(conn, previous, texts)


def show_pending(conn: Connection, keys: Iterable[Key], columns_of: Iterable[str] = PENDING_COLUMNS) -> None:
    """Recompute the list columns an unsent action changes, after the outbox of these items changed (an action
    queued, accepted, refused, retried or discarded): queues and badges follow, `raw` stays the server's.
    `columns_of`: a migration names the columns its revision has (a later one may add to PENDING_COLUMNS)."""
    wanted_columns = tuple(columns_of)
    wanted = set(keys)
    unsent = outbox_rows.unsent_effects(conn, wanted)
    names = sort_names.load(conn)
    for kind, item_id in wanted:
        data = raw(conn, kind, item_id)
        if data is None:
            continue
        columns = list_columns(kind, with_pending(kind, data, unsent.get((kind, item_id), ())), names)
        conn.execute(update(AGGREGATES).where(AGGREGATES.c.kind == kind, AGGREGATES.c.id == item_id)
                     .values({name: columns[name] for name in wanted_columns}))


def drop(conn: Connection, pks: Iterable[int]) -> None:
    """Remove cached rows and their search text."""
    ids = list(pks)
    search_index.remove(conn, search_index.old_texts(conn, ids))
    for start in range(0, len(ids), _CHUNK):
        conn.execute(delete(AGGREGATES).where(AGGREGATES.c.pk.in_(ids[start:start + _CHUNK])))


def raise_tombstones(conn: Connection, versions: Mapping[Key, int]) -> None:
    """Write tombstones, never lowering one that is already higher."""
    if not versions:
        return
    statement = sqlite_insert(TOMBSTONES)
    statement = statement.on_conflict_do_update(
        index_elements=[TOMBSTONES.c.kind, TOMBSTONES.c.id],
        set_={"version": func.max(TOMBSTONES.c.version, statement.excluded.version)})
    conn.execute(statement, [{"kind": k, "id": i, "version": v} for (k, i), v in versions.items()])


def replace(conn: Connection, kind: str, data: Mapping[str, Any]) -> bool:
    """Store one aggregate the server just sent (action answer, conflict's `current`) by the version rule."""
    item_id, version = data.get("id"), data.get("version")
    if not isinstance(item_id, str) or not item_id or not _is_version(version):
        raise ValueError("aggregate without id or version")
    key = (kind, item_id)
    known, tombs = load(conn, [key])
    if not is_newer(version, known.get(key), tombs.get(key)):
        return False
    write(conn, {key: (version, data)}, known)
    return True


def raw(conn: Connection, kind: str, item_id: str) -> dict[str, Any] | None:
    text = conn.execute(select(AGGREGATES.c.raw).where(AGGREGATES.c.kind == kind, AGGREGATES.c.id == item_id)
                        ).scalar()
    return json.loads(text) if text is not None else None


def version_of(conn: Connection, kind: str, item_id: str) -> int | None:
    return conn.execute(select(AGGREGATES.c.version)
                        .where(AGGREGATES.c.kind == kind, AGGREGATES.c.id == item_id)).scalar()


def _is_version(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
