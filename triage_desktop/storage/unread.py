"""Which items each officer has not opened since they arrived from the feed, inside a caller's transaction."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import Connection, delete, func, select, tuple_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from triage_desktop.storage.outbox import current_author
from triage_desktop.storage.schema import UNREAD

Key = tuple[str, str]  # (kind, id)
_CHUNK = 300  # pairs per IN (two bound variables each)
u = UNREAD.c


def mark_arrivals(conn: Connection, keys: Collection[Key]) -> None:
    """New for the officer logged in now (nobody logged in: nobody to tell)."""
    user_id = current_author(conn).user_id
    if user_id and keys:
        conn.execute(sqlite_insert(UNREAD).on_conflict_do_nothing(),
                     [{"user_id": user_id, "kind": kind, "id": item_id} for kind, item_id in keys])


def forget(conn: Connection, keys: Iterable[Key]) -> None:
    """Items that left the cache are nobody's news any more."""
    pairs = list(keys)
    for start in range(0, len(pairs), _CHUNK):
        conn.execute(delete(UNREAD).where(tuple_(u.kind, u.id).in_(pairs[start:start + _CHUNK])))


def mark_read(conn: Connection, user_id: str, kind: str, item_id: str) -> bool:
    """The officer opened it; True when it was new to her."""
    return bool(conn.execute(delete(UNREAD).where(u.user_id == user_id, u.kind == kind, u.id == item_id)).rowcount)


def of(conn: Connection, user_id: str | None, kind: str, ids: Collection[str]) -> set[str]:
    """Which of these ids (a page of the list) the officer has not opened."""
    if not user_id or not ids:
        return set()
    return set(conn.execute(select(u.id).where(u.user_id == user_id, u.kind == kind, u.id.in_(list(ids))))
               .scalars())


def counts(conn: Connection, user_id: str | None) -> dict[str, int]:
    """{kind: how many items the officer has not opened}."""
    if not user_id:
        return {}
    return dict(conn.execute(select(u.kind, func.count()).where(u.user_id == user_id).group_by(u.kind)).all())
