"""The big list in SQL: queue and filter conditions, search, sort order, and "where is this row".

Nothing here loads all rows: count and page run through the (kind, column) indexes, and a row's position
is counted from its sort value rather than found by scanning pages.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, case, false, func, or_, select, text, true

from triage_desktop.core import vocabulary as v
from triage_desktop.core.entities import ItemQuery, ItemRow
from triage_desktop.storage.outbox import OPEN_PROBLEMS, UNSENT
from triage_desktop.storage.schema import AGGREGATES, ITEM_SEARCH, OUTBOX
from triage_desktop.storage.search import match_query

a = AGGREGATES.c
SORT_COLUMNS = {
    "code": a.code, "title": a.title_key, "status": a.status_rank, "priority": a.priority_rank,
    "category": a.category, "assignee_id": a.assignee_id, "submitted_at": a.submitted_at,
    "due_at": a.due_at, "updated_at": a.updated_at,
}
_ROW_COLUMNS = (a.pk, a.kind, a.id, a.code, a.title, a.status, a.priority, a.category, a.assignee_id,
                a.submitted_at, a.due_at, a.updated_at)


def queue_condition(kind: str, queue: str, user_id: str | None) -> ColumnElement[bool]:
    if queue == "mine":
        if not user_id:
            return false()
        return and_(a.is_open == 1, a.assignee_id == user_id)
    if queue == "unassigned":
        return and_(a.is_open == 1, a.assignee_id.is_(None))
    if queue == "new":
        return a.status.in_(v.NEW_STATUSES.get(kind, ()))
    if queue == "all":
        return true()
    raise ValueError(f"queue {queue!r}")


def conditions(query: ItemQuery) -> list[ColumnElement[bool]]:
    where = [a.kind == query.kind, queue_condition(query.kind, query.queue, query.user_id)]
    if query.status is not None:
        where.append(a.status == query.status)
    if query.category is not None:
        where.append(a.category == query.category)
    if query.assignee_id is not None:
        where.append(a.assignee_id == query.assignee_id)
    expression = match_query(query.text) if query.text else None
    if expression is not None:
        # FTS5 answers the rowids once; the list's own order applies (no bm25 ranking over big sets).
        matches = select(ITEM_SEARCH.c.rowid).where(text("item_search MATCH :fts").bindparams(fts=expression))
        where.append(a.pk.in_(matches))
    return where


def _sort(query: ItemQuery) -> Any:
    if query.sort_key not in SORT_COLUMNS:
        raise ValueError(f"sort key {query.sort_key!r}")
    return SORT_COLUMNS[query.sort_key]


def ordered(query: ItemQuery) -> Select[Any]:
    """Rows of the query in display order; pk breaks ties so OFFSET pages never overlap or skip."""
    column = _sort(query)
    order = (column.desc(), a.pk.desc()) if query.descending else (column.asc(), a.pk.asc())
    return select(*_ROW_COLUMNS).where(*conditions(query)).order_by(*order)


def count(conn: Connection, query: ItemQuery) -> int:
    return conn.execute(select(func.count()).select_from(AGGREGATES).where(*conditions(query))).scalar_one()


def page(conn: Connection, query: ItemQuery, offset: int, limit: int) -> list[ItemRow]:
    rows = conn.execute(ordered(query).offset(max(offset, 0)).limit(max(limit, 0))).all()
    counts = _outbox_counts(conn, query.kind, [row.id for row in rows])
    return [
        ItemRow(kind=row.kind, id=row.id, code=row.code, title=row.title, status=row.status,
                priority=row.priority, category=row.category or "", assignee_id=row.assignee_id,
                submitted_at=row.submitted_at or "", due_at=row.due_at, updated_at=row.updated_at or "",
                unsent=counts.get(row.id, (0, 0))[0], conflicts=counts.get(row.id, (0, 0))[1])
        for row in rows
    ]


def _outbox_counts(conn: Connection, kind: str, ids: list[str]) -> dict[str, tuple[int, int]]:
    if not ids:
        return {}
    o = OUTBOX.c
    rows = conn.execute(
        select(o.aggregate_id, func.sum(case((o.state.in_(UNSENT), 1), else_=0)),
               func.sum(case((o.state.in_(OPEN_PROBLEMS), 1), else_=0)))
        .where(o.kind == kind, o.aggregate_id.in_(ids)).group_by(o.aggregate_id))
    return {item_id: (int(unsent or 0), int(problems or 0)) for item_id, unsent, problems in rows}


def position(conn: Connection, query: ItemQuery, item_id: str) -> int | None:
    """The row's index in `ordered(query)`, or None when the query does not show it."""
    column = _sort(query)
    target = conn.execute(select(column, a.pk).where(*conditions(query), a.id == item_id)).first()
    if target is None:
        return None
    value, pk = target
    # SQLite orders NULL below every value: first when ascending, last when descending.
    if query.descending:
        before = (or_(column.is_not(None), a.pk > pk) if value is None
                  else or_(column > value, and_(column == value, a.pk > pk)))
    else:
        before = (and_(column.is_(None), a.pk < pk) if value is None
                  else or_(column.is_(None), column < value, and_(column == value, a.pk < pk)))
    counted = select(func.count()).select_from(AGGREGATES).where(*conditions(query), before)
    return conn.execute(counted).scalar_one()


def queue_counts(conn: Connection, user_id: str | None) -> dict[tuple[str, str], int]:
    counts = {}
    for kind in v.KINDS:
        for queue in ("mine", "unassigned", "new", "all"):
            counts[(kind, queue)] = conn.execute(
                select(func.count()).select_from(AGGREGATES)
                .where(a.kind == kind, queue_condition(kind, queue, user_id))).scalar_one()
    return counts
