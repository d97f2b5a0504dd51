"""Every row of a list query, in the list's order, in short batches (issue 13's export of 10^5 items).

A page read with OFFSET walks the index up to the page (storage.listing): paging through a whole list that
way costs the square of its length. Here each batch starts right after the last row of the one before, on
the sort column and the pk (a keyset), so every batch costs what the first one does, and no row is read twice
or skipped when a sync changes other rows meanwhile. SQLite orders NULL below every value: the rows whose sort
column is NULL (no deadline, nobody assigned) come last in a descending list and first in an ascending one,
so they are read as a segment of their own, ordered by pk. Each batch is its own short read transaction: the
writer (sync, the officer's actions) never waits for an export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Connection, and_, or_, select

from triage_desktop.core import fields
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.errors import Cancelled
from triage_desktop.core.list_table import ListedItem
from triage_desktop.core.ports import CancelToken
from triage_desktop.storage import listing
from triage_desktop.storage.database import Database
from triage_desktop.storage.schema import AGGREGATES

_decode = msgspec.json.Decoder().decode  # ~3× json.loads on the item's whole JSON, read only for three fields
BATCH = 1000  # rows per read: ~10 ms, so a cancel is felt at once and the writer never waits long
a = AGGREGATES.c
_COLUMNS = (a.pk, a.kind, a.id, a.code, a.title, a.status, a.priority, a.category, a.assignee_id, a.channel,
            a.unit_id, a.submitted_at, a.due_at, a.raw)


def listed_items(db: Database, query: ItemQuery, cancel: CancelToken | None = None,
           progress: Callable[[int, int], None] | None = None, batch: int | None = None) -> Iterator[ListedItem]:
    """The rows of `query` as the list orders them. `progress(done, total)` after each batch (`total` counted
    at the start); Cancelled between batches once `cancel` is set. `batch`: rows per read (BATCH)."""
    batch = batch or BATCH
    with db.read() as conn:
        total = listing.count(conn, query)
        where = listing.conditions(conn, query)  # a search's matches are found once, not per batch
    column = listing.SORT_COLUMNS[query.sort_key]
    segments = [column.is_not(None), column.is_(None)]
    done = 0
    if progress is not None:
        progress(done, total)
    for segment in segments if query.descending else segments[::-1]:
        last: tuple[Any, int] | None = None
        while True:
            if cancel is not None and cancel.cancelled:
                raise Cancelled("export")
            with db.read() as conn:
                rows = _batch(conn, query, [*where, segment], column, last, batch)
            for row in rows:
                yield _item(row)
            done += len(rows)
            if progress is not None:
                progress(done, total)
            if len(rows) < batch:
                break
            last = (rows[-1].sort_value, rows[-1].pk)


def _batch(conn: Connection, query: ItemQuery, where: list[ColumnElement[bool]], column: Any,
           last: tuple[Any, int] | None, limit: int) -> list[Any]:
    descending = query.descending
    if last is not None:
        where = [*where, *_after(column, *last, descending)]
    order = (column.desc(), a.pk.desc()) if descending else (column.asc(), a.pk.asc())
    statement = select(*_COLUMNS, column.label("sort_value")).where(*where).order_by(*order).limit(limit)
    return list(conn.execute(statement).all())


def _after(column: Any, value: Any, pk: int, descending: bool) -> list[ColumnElement[bool]]:
    """Rows after (value, pk) in the segment's order. The plain range on the column comes first, so SQLite
    walks the sort index from there rather than testing the OR on every row before it."""
    if value is None:  # the NULL segment: pk alone
        return [a.pk < pk if descending else a.pk > pk]
    if descending:
        return [column <= value, or_(column < value, and_(column == value, a.pk < pk))]
    return [column >= value, or_(column > value, and_(column == value, a.pk > pk))]


def _item(row: Any) -> ListedItem:
    kind = row.kind
    try:
        data = _decode(row.raw)
    except msgspec.DecodeError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    return ListedItem(
        kind=kind, id=row.id, code=row.code or "", title=row.title or "", status=row.status or "",
        priority=row.priority or "", category=row.category or "", assignee_id=row.assignee_id, channel=row.channel,
        person=fields.person_name(kind, data), phone=fields.phone(kind, data), address=fields.address(kind, data),
        unit_id=row.unit_id, submitted_at=_moment(row.submitted_at), due_at=_moment(row.due_at))


def _moment(text: str | None) -> datetime | None:
    """The cache's UTC "YYYY-MM-DDTHH:MM:SSZ" (storage.rows.utc_iso) as an aware datetime."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
