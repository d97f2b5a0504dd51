"""The record's working clock equals WorkCalendar.working_seconds, the engine the list and the sandbox use, on
random instants: the SQL clock the medians come from (storage.record_query._clock_sql over the clock's table
of days, on a real SQLite table) and the Python `at` the record is judged at, across the province's calendars
(2025–2026 published, with Tết, make-up Saturdays and the lunch break) and odd office hours."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from triage_desktop.core.workdays import VN, WorkCalendar
from triage_desktop.core.working_clock import WorkingClock
from triage_desktop.sandbox.workdays import calendar_json
from triage_desktop.storage import record_query

PROVINCE = WorkCalendar.from_published(calendar_json(year) for year in (2025, 2026, 2027))
ODD = WorkCalendar(office_hours=((time(7, 30), time(11, 45)), (time(13, 0), time(16, 30)), (time(18, 0), time(19, 0))))
START, END = int(datetime(2025, 1, 1, tzinfo=UTC).timestamp()), int(datetime(2026, 12, 31, tzinfo=UTC).timestamp())
CLOCK = WorkingClock.covering(PROVINCE, START, END)
instants = st.integers(min_value=START, max_value=END)  # the SQL reads unixepoch(): whole seconds


def _sql_clocks(clock: WorkingClock, *epochs: int) -> list[float]:
    """The clock at each instant, as the record's SQL computes it, from a one-column SQLite table."""
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute("CREATE TABLE t (n INTEGER, x INTEGER)")
        conn.executemany("INSERT INTO t VALUES (?, ?)", enumerate(epochs))
        sql = (f"WITH {record_query._days_sql(clock)} SELECT {record_query._clock_sql('t.x', 'dx', clock)} "
               f"FROM t {record_query._day_join('dx', 't.x')} ORDER BY t.n")
        return [float(value) for (value,) in conn.execute(sql)]


def _reference(calendar: WorkCalendar, a: float, b: float) -> float:
    return calendar.working_seconds(datetime.fromtimestamp(a, UTC), datetime.fromtimestamp(b, UTC))


def _check(clock: WorkingClock, calendar: WorkCalendar, a: int, b: int) -> None:
    a, b = sorted((a, b))
    at_a, at_b = _sql_clocks(clock, a, b)
    assert at_b - at_a == pytest.approx(_reference(calendar, a, b), abs=1e-6)
    assert (at_a, at_b) == (pytest.approx(clock.at(a)), pytest.approx(clock.at(b)))  # judged_at − arrived agree


@settings(max_examples=300, deadline=None)
@given(instants, instants)
@example(int(datetime(2025, 1, 24, 4, 30, tzinfo=UTC).timestamp()), int(datetime(2025, 2, 3, tzinfo=UTC).timestamp()))
def test_the_sql_clock_equals_the_calendar(a: int, b: int) -> None:
    _check(CLOCK, PROVINCE, a, b)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=40 * 86_400), st.integers(min_value=0, max_value=40 * 86_400))
def test_the_sql_clock_equals_the_calendar_near_its_office_hours(da: int, db: int) -> None:
    """Dense in one short span, odd hours: every boundary of a day (openings, closings, midnight) is crossed."""
    base = int(datetime(2026, 3, 1, tzinfo=VN).timestamp())
    _check(WorkingClock.covering(ODD, base, base + 40 * 86_400), ODD, base + da, base + db)


def test_whole_days_and_a_lunch_break() -> None:
    monday = int(datetime(2026, 3, 2, 8, 0, tzinfo=VN).timestamp())
    clock = WorkingClock.covering(PROVINCE, monday, monday + 7 * 86_400)
    start, next_day = _sql_clocks(clock, monday, monday + 86_400)
    assert (next_day - start) / clock.day_seconds == pytest.approx(1.0)  # Monday 08:00 → Tuesday 08:00
    noon = int(datetime(2026, 3, 2, 12, 0, tzinfo=VN).timestamp())
    lunch, after = _sql_clocks(clock, noon, noon + 3600)
    assert after == lunch  # the lunch break is not office time
    assert clock.day_seconds == 8 * 3600
