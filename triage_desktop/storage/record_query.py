"""The ward's record in SQL over `record_facts` (core.record defines what is counted; r0008 keeps the facts).

The items of a period are read as three index ranges joined by UNION ALL, never a scan of the table:
  A  received in [start, end)                       — the (kind, received_at) index;
  B  received before start, ended at or after start — the (kind, settled_at) index from start;
  C  received before start, not ended               — the (kind, settled_at) index, its NULL range.
(`received_at || ''` in B and C keeps SQLite off the received_at index there: its range would be the whole past.)
Each outcome is one SQL condition (`conditions`); the counts group by them in SQL, and the list a clicked
number opens (`matching_ids`, used by storage.listing) filters by the very same conditions, so the list shows
as many items as the number said.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, case, func, not_, or_, select, true, union_all

from triage_desktop.core.record import (
    UNASSIGNED,
    CategoryReports,
    Group,
    Period,
    RecordCell,
    WardRecord,
    tally,
    utc_text,
)
from triage_desktop.core.workdays import WorkCalendar
from triage_desktop.core.working_clock import WorkingClock
from triage_desktop.storage.record_facts import SETTLED, STOPPED
from triage_desktop.storage.schema import RECORD_FACTS

f = RECORD_FACTS.c


def _parts(cell: RecordCell) -> list[list[ColumnElement[bool]]]:
    """The three index ranges (module docstring) of the period's population; only A for `received_only`."""
    kind = f.kind == cell.kind
    received = [kind, f.received_at >= cell.start, f.received_at < cell.end]
    if cell.received_only or cell.measure == "received":
        return [received]
    before = f.received_at.concat("") < cell.start
    carried = [[kind, f.settled_at >= cell.start, before], [kind, f.settled_at.is_(None), before]]
    return carried if cell.measure == "carried" else [received, *carried]


def conditions(cell: RecordCell) -> dict[str, ColumnElement[bool]]:
    """Each outcome and measure as a condition on one fact of the population (core.record's definitions)."""
    cutoff = cell.cutoff
    ended = and_(f.settled_at.is_not(None), f.settled_at < cutoff)
    still_open = or_(f.settled_at.is_(None), f.settled_at >= cutoff)
    stopped = f.status.in_(sorted(STOPPED.get(cell.kind, ())))
    done = and_(ended, not_(stopped))
    on_time = or_(f.due_at.is_(None), f.settled_at <= f.due_at)
    return {
        "stopped": and_(ended, stopped),
        "on_time": and_(done, on_time),
        "late": and_(done, not_(on_time)),
        "open_on_time": and_(still_open, or_(f.due_at.is_(None), f.due_at >= cutoff)),
        "open_late": and_(still_open, f.due_at < cutoff),
        "received": f.received_at >= cell.start,
        "carried": f.received_at < cell.start,
        "extended": f.extended > 0,
        "paused": f.paused == 1,
        "all": true(),
    }


def _outcome(cell: RecordCell) -> Any:
    c = conditions(cell)
    return case((c["stopped"], "stopped"), (c["on_time"], "on_time"), (c["late"], "late"),
                (c["open_late"], "open_late"), else_="open_on_time")


def _narrowing(cell: RecordCell) -> list[ColumnElement[bool]]:
    where = [conditions(cell)[cell.measure]]
    if cell.officer == UNASSIGNED:
        where.append(f.assignee_id.is_(None))
    elif cell.officer is not None:
        where.append(f.assignee_id == cell.officer)
    if cell.category == UNASSIGNED:
        where.append(f.category.is_(None))
    elif cell.category is not None:
        where.append(f.category == cell.category)
    if cell.status is not None:
        where.append(f.status == cell.status)
    return where


def matching_ids(cell: RecordCell) -> Select[Any]:
    """The ids (of cell.kind) behind one number: the list's filter (storage.listing) and its count."""
    narrowing = _narrowing(cell)
    parts = [select(f.id).where(*part, *narrowing) for part in _parts(cell)]
    return parts[0] if len(parts) == 1 else union_all(*parts)  # type: ignore[return-value]


def count(conn: Connection, cell: RecordCell) -> int:
    return int(conn.execute(select(func.count()).select_from(matching_ids(cell).subquery())).scalar_one())


def _groups(conn: Connection, cell: RecordCell) -> list[Group]:
    """The population counted per (officer, category, outcome, fresh, extended, paused), one range at a time."""
    outcome = _outcome(cell).label("outcome")
    fresh = (f.received_at >= cell.start).label("fresh")
    extended = (f.extended > 0).label("ext")
    keys = (f.assignee_id, f.category, outcome, fresh, extended, f.paused)
    found: list[Group] = []
    for part in _parts(cell):
        grouped = select(*keys, func.count()).where(*part).group_by(*keys)
        found += [Group(officer or UNASSIGNED, category or UNASSIGNED, str(kind_of), bool(is_fresh),
                        bool(is_extended), bool(paused), int(n))
                  for officer, category, kind_of, is_fresh, is_extended, paused, n in conn.execute(grouped)]
    return found


def _epoch(column: Any) -> Any:
    return func.unixepoch(column)


def _reports(conn: Connection, cell: RecordCell, calendar: WorkCalendar,
             targets: Mapping[str, float]) -> dict[str, CategoryReports]:
    """Reports received in the period, per category (core.record's definitions), in working days."""
    statuses = select(f.category, f.status, func.count()).where(*_parts(RecordCell(
        cell.kind, cell.start, cell.end, cell.cutoff, received_only=True))[0]).group_by(f.category, f.status)
    found: dict[str, CategoryReports] = {}
    for category, status, n in conn.execute(statuses):
        code = category or UNASSIGNED
        one = found.setdefault(code, CategoryReports(target_days=targets.get(code)))
        one.by_status[status] = int(n)
    if not found:
        return found
    cutoff = datetime.fromisoformat(cell.cutoff).timestamp()
    settled = sorted(SETTLED.get(cell.kind, ()))
    stopped = sorted(STOPPED.get(cell.kind, ()))
    timed = (select(f.category, _epoch(f.received_at), _epoch(f.responded_at), _epoch(f.settled_at),
                    f.status.in_(settled), f.status.in_(stopped))
             .where(f.kind == cell.kind, f.received_at >= cell.start, f.received_at < cell.end))
    rows = conn.execute(timed).all()
    lowest = min((row[1] for row in rows if row[1] is not None), default=cutoff)
    clock = WorkingClock.covering(calendar, lowest, cutoff)
    day = clock.day_seconds or 8 * 3600.0
    at = clock.at
    judged_at = at(cutoff)
    for category, received, responded, ended, is_done, is_stopped in rows:
        if received is None:
            continue
        one = found[category or UNASSIGNED]
        start = at(received)
        if responded is not None and responded < cutoff:
            one.response_days.append(max(at(responded) - start, 0.0) / day)
        target = one.target_days
        if ended is not None and ended < cutoff:
            if is_stopped or not is_done:
                continue
            spent = max(at(ended) - start, 0.0) / day
            one.resolution_days.append(spent)
            if target is not None:
                if spent <= target:
                    one.within_target += 1
                else:
                    one.past_target += 1
        elif target is not None and (judged_at - start) / day > target:  # still open at the cutoff
            one.past_target += 1
    return found


def ward_record(conn: Connection, kind: str, period: Period, now: datetime, calendar: WorkCalendar,
                targets: Mapping[str, float]) -> WardRecord:
    """The whole record of one kind over one period (core.record.WardRecord)."""
    cell = RecordCell.of(kind, period, now)
    total, officers, categories = tally(_groups(conn, cell))
    reports = _reports(conn, cell, calendar, targets) if kind == "report" else None
    return WardRecord(kind, period, datetime.fromisoformat(cell.cutoff), now, total, officers, categories, reports)


__all__ = ["conditions", "count", "matching_ids", "utc_text", "ward_record"]
