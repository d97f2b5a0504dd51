"""The big list in SQL: queue and filter conditions, search, sort order, and "where is this row".

Nothing here loads all rows. Counts without search text come from the `list_counts` counters (a few hundred
rows, whatever the cache size), except where they cannot know the answer: the deadline queues and filters (the
item's due moment against the query's DeadlineBounds, on the (kind, clock, due_at) index) and the channel
filter (its index); pages run through the (kind, column) indexes, and a page in the second half of
the list is read from the other end (reversed order), so jumping to the end costs what the start does. A
search keeps SEARCH_LIMIT matches, ranked: whole-word matches before prefix-only ones, newest first within
each (FTS5 walks its rowids from the top and stops there), and shows them in the list's own order: counting
or bm25-ranking 10^5–10^6 matches per keystroke would cost 0.05–1 s.
A row's position is counted from its sort value rather than found by scanning pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Select, and_, case, false, func, or_, select, text

from triage_desktop.core import queues
from triage_desktop.core import vocabulary as v
from triage_desktop.core.deadlines import DEADLINE_FILTERS, DeadlineBounds
from triage_desktop.core.entities import ItemQuery, ItemRow
from triage_desktop.core.views import UNASSIGNED
from triage_desktop.core.vocabulary import SEARCH_LIMIT
from triage_desktop.storage import record_query, unread
from triage_desktop.storage.outbox import OPEN_PROBLEMS, UNSENT
from triage_desktop.storage.schema import AGGREGATES, ITEM_SEARCH, LIST_COUNTS, OUTBOX
from triage_desktop.storage.search import match_cascade

REVERSE_FROM = 20_000  # offsets beyond this may be read from the list's end instead
POSITION_CAP = 4096  # first count cap of position(); it grows 8× a round
a = AGGREGATES.c
lc = LIST_COUNTS.c
SORT_COLUMNS = {
    "code": a.code, "title": a.title_key, "status": a.status_rank, "priority": a.priority_rank,
    "category": a.category_key, "assignee_id": a.assignee_key, "submitted_at": a.submitted_at,
    "due_at": a.due_at, "updated_at": a.updated_at,
}
_ROW_COLUMNS = (a.pk, a.kind, a.id, a.code, a.title, a.status, a.priority, a.category, a.assignee_id,
                a.submitted_at, a.due_at, a.updated_at)


class _QueueColumns(NamedTuple):
    """Where a table keeps the fields a queue rule tests (core.queues), so one rule makes both SQL forms."""

    status: Any
    category: Any
    assignee_id: Any
    open: Callable[[str], ColumnElement[bool]]  # kind → "work is left to do"
    nobody: ColumnElement[bool]  # no assignee
    clock: Callable[[str, str], ColumnElement[bool]]  # (kind, clock) → core.vocabulary.deadline_clock is it


def _clock_of_status(kind: str, clock: str) -> ColumnElement[bool]:
    """deadline_clock(kind, status) == clock, on the counters' status (they have no clock column)."""
    if clock == "paused":
        return lc.status.in_(v.CLOCK_PAUSED.get(kind, ()))
    if clock == "stopped":
        return lc.status.in_(v.CLOCK_STOPPED.get(kind, ()))
    return lc.status.not_in((*v.CLOCK_PAUSED.get(kind, ()), *v.CLOCK_STOPPED.get(kind, ())))


# The list reads the stored `is_open` and `clock` (core.queues.is_open and core.vocabulary.deadline_clock of
# the status, in their indexes); the counters have only the status, and '' for no assignee (schema.ListCount).
_ON_AGGREGATES = _QueueColumns(a.status, a.category, a.assignee_id, lambda kind: a.is_open == 1,
                               a.assignee_id.is_(None), lambda kind, clock: a.clock == clock)
_ON_COUNTS = _QueueColumns(lc.status, lc.category, lc.assignee_id,
                           lambda kind: lc.status.not_in(queues.final_statuses(kind)), lc.assignee_id == "",
                           _clock_of_status)


def _bounds(query: ItemQuery) -> DeadlineBounds:
    if query.bounds is None:
        raise ValueError(f"deadline queue or filter without bounds: {query.queue!r}, {query.deadline!r}")
    return query.bounds


def _deadline(columns: _QueueColumns, query: ItemQuery, state: str) -> list[ColumnElement[bool]]:
    """Items in deadline `state` (core.deadlines.state_of) at the query's bounds; only the clock's own part
    for "paused", which the counters can answer too (bounds are still required: ItemQuery's rule)."""
    if state not in DEADLINE_FILTERS:
        raise ValueError(f"deadline state {state!r}")
    bounds = _bounds(query)
    if state == "paused":
        return [columns.clock(query.kind, "paused")]
    due: ColumnElement[Any] = a.due_at
    running = columns.clock(query.kind, "running")
    if query.status is not None:
        # A status (with a category or an assignee) narrows far more than a due range: `|| ''` keeps SQLite on the
        # status indexes (the filter row's, in display order) rather than walking every late item's row.
        due, running = due.concat(""), a.clock.concat("") == "running"
    elif query.assignee_id is not None or queues.rule(query.queue).assignee != "anyone":
        # A running clock is open work: saying so lets an assignee's list read the (kind, is_open, assignee_id,
        # due_at) index for the due_at range instead of every late item's row (without an assignee, the
        # (kind, clock, due_at) index alone covers the range and its count).
        running = and_(columns.open(query.kind), running)
    if state == "overdue":
        return [running, due < bounds.now]
    if state == "due_soon":
        return [running, due >= bounds.now, due < bounds.soon_until]
    return [running, due >= bounds.soon_until]


def _queue_where(columns: _QueueColumns, query: ItemQuery) -> list[ColumnElement[bool]]:
    """The rule of the query's queue (core.queues.QUEUE_RULES) on these columns."""
    kind, user_id = query.kind, query.user_id
    rule = queues.rule(query.queue)
    where: list[ColumnElement[bool]] = []
    if rule.kinds is not None and kind not in rule.kinds:
        return [false()]
    if rule.deadline:
        where += _deadline(columns, query, rule.deadline)  # a running clock: open work already
    elif rule.open_only:
        where.append(columns.open(kind))
    if rule.paused_only:
        where.append(columns.clock(kind, "paused"))
    if rule.new_only:
        where.append(columns.status.in_(queues.new_statuses(kind)))
    if rule.assignee == "me":
        where.append(columns.assignee_id == user_id if user_id else false())
    elif rule.assignee == "nobody":
        where.append(columns.nobody)
    return where


def _where(columns: _QueueColumns, query: ItemQuery) -> list[ColumnElement[bool]]:
    """The query's queue and filter row on these columns; the kind is the caller's."""
    where = _queue_where(columns, query)
    if query.status is not None:
        where.append(columns.status == query.status)
    if query.category is not None:
        where.append(columns.category == query.category)
    if query.assignee_id == UNASSIGNED:  # the filter row's "Chưa phân công"
        where.append(columns.nobody)
    elif query.assignee_id is not None:
        where.append(columns.assignee_id == query.assignee_id)
    if query.deadline is not None:
        where += _deadline(columns, query, query.deadline)
    return where


def _on_counters(query: ItemQuery) -> bool:
    """Whether the counters can count the query: they know status, category and assignee, not the channel,
    the due moment or the clock's state against it."""
    return (query.channel is None and query.deadline in (None, "paused") and query.record is None
            and not queues.rule(query.queue).deadline)


def _filters(query: ItemQuery) -> list[ColumnElement[bool]]:
    if query.record is not None:
        return _record_filters(query)
    where = [a.kind == query.kind, *_where(_ON_AGGREGATES, query)]
    if query.channel is not None:
        where.append(a.channel == query.channel)
    return where


def _record_filters(query: ItemQuery) -> list[ColumnElement[bool]]:
    """A number of the ward's record (issue 13): the very ids it counted (storage.record_query), as the set of
    their rows' pks, so that walking a sort index tests membership on the index alone (an `id` test would read
    every walked row: 10 s for the last page of 36k late reports among 10^6; this way ≈ 1 s, a few hundred
    items ≈ 0.1 s)."""
    assert query.record is not None
    if query.record.kind != query.kind:
        return [false()]
    counted = select(a.pk).where(a.kind == query.kind, a.id.in_(record_query.matching_ids(query.record)))
    where = [a.kind == query.kind, a.pk.in_(counted), *_where(_ON_AGGREGATES, query)]
    if query.channel is not None:
        where.append(a.channel == query.channel)
    return where


def conditions(conn: Connection, query: ItemQuery) -> list[ColumnElement[bool]]:
    where = _filters(query)
    found = search_pks(conn, query)
    return where if found is None else [a.pk.in_(found)] if found else [false()]


def search_pks(conn: Connection, query: ItemQuery) -> list[int] | None:
    """The pks a search keeps (see the module docstring); None when the query has no search text."""
    expressions = match_cascade(query.text) if query.text else []
    if not expressions:
        return None
    s = ITEM_SEARCH.c
    found: dict[int, None] = {}  # insertion-ordered set: the cascade's ranking
    for expression in expressions:
        # FTS5 drives: its rowids newest first, each joined to its row for the filters, stopping at the limit.
        matches = (select(s.rowid).select_from(ITEM_SEARCH.join(AGGREGATES, a.pk == s.rowid))
                   .where(text("item_search MATCH :fts").bindparams(fts=expression), *_filters(query))
                   .order_by(s.rowid.desc()).limit(SEARCH_LIMIT))
        found.update((pk, None) for pk in conn.execute(matches).scalars())
        if len(found) >= SEARCH_LIMIT:
            break
    return list(found)[:SEARCH_LIMIT]


def _sort(query: ItemQuery) -> Any:
    if query.sort_key not in SORT_COLUMNS:
        raise ValueError(f"sort key {query.sort_key!r}")
    return SORT_COLUMNS[query.sort_key]


def ordered(query: ItemQuery, where: list[ColumnElement[bool]], reverse: bool = False) -> Select[Any]:
    """Rows of the query in display order (or its exact reverse); pk breaks ties, so pages never overlap."""
    column = _sort(query)
    descending = query.descending != reverse
    order = (column.desc(), a.pk.desc()) if descending else (column.asc(), a.pk.asc())
    return select(*_ROW_COLUMNS).where(*where).order_by(*order)


def count(conn: Connection, query: ItemQuery) -> int:
    found = search_pks(conn, query)
    return _counted(conn, query) if found is None else len(found)


def _counted(conn: Connection, query: ItemQuery) -> int:
    """count() without search text, from the counters (the list's own conditions, on their columns) when they
    can answer it, else on the list's indexes (a deadline range, a channel)."""
    if not _on_counters(query):
        return int(conn.execute(select(func.count()).select_from(AGGREGATES).where(*_filters(query))).scalar_one())
    where = [lc.kind == query.kind, *_where(_ON_COUNTS, query)]
    return int(conn.execute(select(func.coalesce(func.sum(lc.n), 0)).where(*where)).scalar_one())


def page(conn: Connection, query: ItemQuery, offset: int, limit: int) -> list[ItemRow]:
    offset, limit = max(offset, 0), max(limit, 0)
    where = conditions(conn, query)
    statement = ordered(query, where).offset(offset).limit(limit)
    if offset > REVERSE_FROM:
        total = count(conn, query)
        if offset > total // 2:  # nearer the end: walk the index from there (OFFSET costs its length)
            first = max(total - offset - limit, 0)
            statement = ordered(query, where, reverse=True).offset(first).limit(min(limit, total - offset))
            rows = conn.execute(statement).all()[::-1] if offset < total else []
            return _items(conn, query, rows)
    return _items(conn, query, conn.execute(statement).all())


def _items(conn: Connection, query: ItemQuery, rows: Sequence[Any]) -> list[ItemRow]:
    ids = [row.id for row in rows]
    counts = _outbox_counts(conn, query.kind, ids)
    new = unread.of(conn, query.user_id, query.kind, ids)
    return [
        ItemRow(kind=row.kind, id=row.id, code=row.code, title=row.title, status=row.status,
                priority=row.priority, category=row.category or "", assignee_id=row.assignee_id,
                submitted_at=row.submitted_at or "", due_at=row.due_at, updated_at=row.updated_at or "",
                unsent=counts.get(row.id, (0, 0))[0], conflicts=counts.get(row.id, (0, 0))[1],
                unread=row.id in new)
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
    """The row's index in `ordered(query)`, or None when the query does not show it.

    Counting the rows before it walks an index range as long as that count (≈70 ms for 10^6): so count from
    both ends with a growing cap and stop at the first side that ends under it. The cost follows the row's
    distance to the nearer end of the list, which is short where the officer usually is.
    """
    column = _sort(query)
    where = conditions(conn, query)
    target = conn.execute(select(column, a.pk).where(*where, a.id == item_id)).first()
    if target is None:
        return None
    value, pk = target
    cap = POSITION_CAP
    while True:
        before = _capped_count(conn, where, _precedes(column, value, pk, query.descending), cap)
        if before < cap:
            return before
        after = _capped_count(conn, where, _precedes(column, value, pk, not query.descending), cap)
        if after < cap:
            return count(conn, query) - 1 - after
        cap *= 8


def _precedes(column: Any, value: Any, pk: int, descending: bool) -> ColumnElement[bool]:
    """Rows shown before (value, pk) in this order. SQLite orders NULL below every value."""
    if descending:
        if value is None:
            return or_(column.is_not(None), a.pk > pk)
        return or_(column > value, and_(column == value, a.pk > pk))
    if value is None:
        return and_(column.is_(None), a.pk < pk)
    return or_(column.is_(None), column < value, and_(column == value, a.pk < pk))


def _capped_count(conn: Connection, where: list[ColumnElement[bool]], condition: ColumnElement[bool],
                  cap: int) -> int:
    rows = select(a.pk).where(*where, condition).limit(cap).subquery()
    return conn.execute(select(func.count()).select_from(rows)).scalar_one()


def queue_counts(conn: Connection, user_id: str | None,
                 bounds: DeadlineBounds | None = None) -> dict[tuple[str, str], int]:
    """Every queue's badge: the clock-free ones from the counters (one read of a few hundred rows, whatever the
    cache size), the deadline ones (core.queues.CLOCK_QUEUES) as a range of the (kind, clock, due_at) index at
    `bounds` (0 without bounds). A queue a kind does not have (core.queues.queues_of) counts 0."""
    counts: dict[tuple[str, str], int] = {(kind, queue): 0 for kind in v.KINDS for queue in queues.QUEUES}
    grouped = select(lc.kind, lc.status, lc.assignee_id, func.sum(lc.n)).group_by(lc.kind, lc.status, lc.assignee_id)
    for kind, status, assignee, n in conn.execute(grouped):
        if kind not in v.KINDS or not n:
            continue
        for queue in queues.QUEUES:
            if queue not in queues.CLOCK_QUEUES and queues.holds(queue, kind, status, assignee or None, user_id):
                counts[(kind, queue)] += n  # '' is no assignee there
    if bounds is not None:
        for kind in v.KINDS:
            for queue in queues.queues_of(kind):
                if queue in queues.CLOCK_QUEUES:
                    counts[(kind, queue)] = _counted(conn, ItemQuery(kind=kind, queue=queue, user_id=user_id,
                                                                     bounds=bounds))
    return counts
