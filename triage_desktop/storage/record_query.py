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
)
from triage_desktop.core.vocabulary import CLOCK_PAUSED
from triage_desktop.core.workdays import WorkCalendar
from triage_desktop.core.working_clock import DAY, OFFSET, WorkingClock
from triage_desktop.storage.record_facts import SETTLED, STOPPED
from triage_desktop.storage.schema import RECORD_FACTS

f = RECORD_FACTS.c


def _parts(cell: RecordCell, old: bool = False) -> list[list[ColumnElement[bool]]]:
    """The index ranges (module docstring) of the period's population; only A for the measure "received".

    `old`: a period far back in the cache, where "ended at or after start" is most of the index: B is read as
    the items that ended within the period (a short range of the settled_at index) and those received before
    it that ended after it (a short range of the received_at index). The same items either way, so the list a
    number opens may use the plain form.
    """
    kind = f.kind == cell.kind
    received = [kind, f.received_at >= cell.start, f.received_at < cell.end]
    if cell.measure == "received":
        return [received]
    before = f.received_at.concat("") < cell.start
    if old:
        ended = [[kind, f.settled_at >= cell.start, f.settled_at < cell.end, before],
                 [kind, f.received_at < cell.start, f.settled_at.concat("") >= cell.end]]
    else:
        ended = [[kind, f.settled_at >= cell.start, before]]
    carried = [*ended, [kind, f.settled_at.is_(None), before]]
    return carried if cell.measure == "carried" else [received, *carried]


def _is_old(conn: Connection, cell: RecordCell) -> bool:
    """Whether less of the cache was received before the period than ended after it (both ends read from the
    indexes): then the received_at index gives the shorter range for items spanning the period."""
    first = conn.execute(select(func.min(f.received_at)).where(f.kind == cell.kind)).scalar()
    last = conn.execute(select(func.max(f.settled_at)).where(f.kind == cell.kind)).scalar()
    if first is None or last is None or first >= cell.start or last < cell.end:
        return False
    span = datetime.fromisoformat
    return span(cell.start) - span(first) < span(last) - span(cell.end)


def conditions(cell: RecordCell) -> dict[str, ColumnElement[bool]]:
    """Each outcome and measure as a condition on one fact of the population (core.record's definitions)."""
    cutoff = cell.cutoff
    ended = and_(f.settled_at.is_not(None), f.settled_at < cutoff)
    still_open = or_(f.settled_at.is_(None), f.settled_at >= cutoff)
    stopped = f.status.in_(sorted(STOPPED.get(cell.kind, ())))
    done = and_(ended, not_(stopped))
    on_time = or_(f.due_at.is_(None), f.settled_at <= f.due_at)
    # A dossier waiting for the citizen at the cutoff (supplement, fee) has its clock paused: the server moves
    # due_at only when the citizen answers (§4), so a due_at already passed does not make it late (the list
    # says "Tạm dừng — chờ công dân" for it too).
    waiting = sorted(CLOCK_PAUSED.get(cell.kind, ()))
    past_due = and_(f.due_at < cutoff, f.status.not_in(waiting)) if waiting else f.due_at < cutoff
    return {
        "stopped": and_(ended, stopped),
        "on_time": and_(done, on_time),
        "late": and_(done, not_(on_time)),
        "open_on_time": and_(still_open, or_(f.due_at.is_(None), not_(past_due))),
        "open_late": and_(still_open, past_due),
        "received": f.received_at >= cell.start,
        "carried": f.received_at < cell.start,
        "extended": f.extended > 0,
        "paused": f.paused == 1,
        "all": true(),
    }


# A fact's group as one small integer (outcome × 8 + received in the period × 4 + extended × 2 + paused): SQLite
# groups by sorting, and three sort keys instead of six make the month's count ~20% faster.
_OUTCOME_CODES = {"on_time": 0, "late": 1, "open_on_time": 2, "open_late": 3, "stopped": 4}


def _group_code(cell: RecordCell) -> Any:
    c = conditions(cell)
    outcome = case(*((c[name], code * 8) for name, code in _OUTCOME_CODES.items() if name != "open_on_time"),
                   else_=_OUTCOME_CODES["open_on_time"] * 8)
    return (outcome + case((c["received"], 4), else_=0) + case((c["extended"], 2), else_=0)
            + case((c["paused"], 1), else_=0))


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


_OUTCOME_OF = {number: name for name, number in _OUTCOME_CODES.items()}


def _group(officer: str | None, category: str | None, number: int, n: int) -> Group:
    return Group(officer or UNASSIGNED, category or UNASSIGNED, _OUTCOME_OF[number >> 3], bool(number & 4),
                 bool(number & 2), bool(number & 1), n)


def _groups(conn: Connection, cell: RecordCell, parts: list[list[ColumnElement[bool]]] | None = None) -> list[Group]:
    """The population counted per (officer, category, outcome, fresh, extended, paused), one range at a time."""
    code = _group_code(cell).label("code")
    keys = (f.assignee_id, f.category, code)
    found: list[Group] = []
    for part in _parts(cell) if parts is None else parts:
        grouped = select(*keys, func.count()).where(*part).group_by(*keys)
        found += [_group(officer, category, number, int(n)) for officer, category, number, n in conn.execute(grouped)]
    return found


def _clock_sql(epoch: str, day: str, clock: WorkingClock) -> str:
    """SQL for core.working_clock's clock at `epoch` (Unix seconds), `day` being its row of the days table."""
    into = f"(({epoch} + {OFFSET}) % {DAY})"
    spans = " + ".join(f"min(max({into} - {opens}, 0), {closes - opens})" for opens, closes in clock.spans) or "0"
    return f"({day}.b + {day}.w * ({spans}))"


def _days_sql(clock: WorkingClock) -> str:
    """The clock's table of days (core.working_clock.day_rows) as a WITH clause named `days`."""
    rows = ", ".join(f"({d}, {before}, {working})" for d, before, working in clock.day_rows())  # our own ints
    return f"days(d, b, w) AS (VALUES {rows})"


def _day_join(day: str, epoch: str) -> str:
    """`day`: the row of `days` holding `epoch` (integer Unix seconds; NULL outside the clock's span)."""
    return f"LEFT JOIN days {day} ON {day}.d = ({epoch} + {OFFSET}) / {DAY}"


def _timed_sql(clock: WorkingClock, group_code: str) -> str:
    """Each report received in the period with its officer, its group code (_group_code: the on-time record of
    this range is counted from the same pass) and the working clock at its arrival, its first response and its
    end (when before the cutoff), computed in SQL over a table of the period's days."""
    moment = "CASE WHEN f.{x} >= f.r AND f.{x} < :cutoff THEN {clock} END"
    return (
        f"WITH {_days_sql(clock)}, "
        "f AS (SELECT category AS c, status AS st, unixepoch(received_at) AS r, unixepoch(responded_at) AS p, "
        f"unixepoch(settled_at) AS s, assignee_id AS a, {group_code} AS g FROM record_facts "
        "WHERE kind = :kind AND received_at >= :start AND received_at < :end) "
        f"SELECT f.c, f.st, f.a, f.g, {_clock_sql('f.r', 'dr', clock)}, "
        f"{moment.format(x='p', clock=_clock_sql('f.p', 'dp', clock))}, "
        f"{moment.format(x='s', clock=_clock_sql('f.s', 'ds', clock))} "
        f"FROM f {_day_join('dr', 'f.r')} {_day_join('dp', 'f.p')} {_day_join('ds', 'f.s')}"
    )


def _reports(conn: Connection, cell: RecordCell, calendar: WorkCalendar,
             targets: Mapping[str, float]) -> tuple[dict[str, CategoryReports], list[Group]]:
    """Reports received in the period, per category (core.record's definitions), in working days; and the
    on-time record's groups of the same range (index range A), counted in the same pass."""
    found: dict[str, CategoryReports] = {}
    grouped: dict[tuple[str | None, str | None, int], int] = {}
    cutoff = int(datetime.fromisoformat(cell.cutoff).timestamp())
    clock = WorkingClock.covering(calendar, datetime.fromisoformat(cell.start).timestamp(), cutoff)
    day = clock.day_seconds or 8 * 3600.0
    judged_at = clock.at(cutoff)
    done = SETTLED.get(cell.kind, frozenset())
    cursor = conn.connection.cursor()  # the driver's own rows: 10^5 of them, no Row objects on the way
    try:
        group_code = _group_code(cell).compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
        cursor.execute(_timed_sql(clock, str(group_code)),
                       {"kind": cell.kind, "start": cell.start, "end": cell.end, "cutoff": cutoff})
        rows = cursor.fetchall()
    finally:
        cursor.close()
    for category, status, officer, number, arrived, responded, ended in rows:
        key = (officer, category, number)
        grouped[key] = grouped.get(key, 0) + 1
        code = category or UNASSIGNED
        one = found.get(code)
        if one is None:
            one = found[code] = CategoryReports(target_days=targets.get(code))
        one.by_status[status] = one.by_status.get(status, 0) + 1
        if arrived is None:  # received after the cutoff (a clock ahead of this PC's): counted, not timed
            continue
        if responded is not None:
            one.response_days.append(max(responded - arrived, 0) / day)
        target = one.target_days
        if ended is not None:  # its work ended before the cutoff: done, or stopped (left out)
            if status in done:
                spent = max(ended - arrived, 0) / day
                one.resolution_days.append(spent)
                if target is not None:
                    if spent <= target:
                        one.within_target += 1
                    else:
                        one.past_target += 1
        elif target is not None and (judged_at - arrived) / day > target:  # still open at the cutoff
            one.past_target += 1
    return found, [_group(officer, category, number, n) for (officer, category, number), n in grouped.items()]


def ward_record(conn: Connection, kind: str, period: Period, now: datetime, calendar: WorkCalendar,
                targets: Mapping[str, float]) -> WardRecord:
    """The whole record of one kind over one period (core.record.WardRecord)."""
    cell = RecordCell.of(kind, period, now)
    reports = None
    parts = _parts(cell, _is_old(conn, cell))
    if kind == "report":  # range A is read once, for both the reports' times and the on-time record
        reports, arrived = _reports(conn, cell, calendar, targets)
        groups = arrived + _groups(conn, cell, parts[1:])
    else:
        groups = _groups(conn, cell, parts)
    total, officers, categories = tally(groups)
    return WardRecord(kind, period, datetime.fromisoformat(cell.cutoff), now, total, officers, categories, reports)


__all__ = ["conditions", "count", "matching_ids", "ward_record"]
