"""The record's fast working clock (core.working_clock) equals WorkCalendar.working_seconds, the engine the list
and the sandbox use, on random instants: inside its span, across its edges and beyond them, on the province's
calendars (2025–2026 published, with Tết, make-up Saturdays and the lunch break) and on odd office hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from triage_desktop.core.workdays import VN, WorkCalendar
from triage_desktop.core.working_clock import WorkingClock
from triage_desktop.sandbox.workdays import calendar_json

PROVINCE = WorkCalendar.from_published(calendar_json(year) for year in (2025, 2026, 2027))
ODD = WorkCalendar(office_hours=((time(7, 30), time(11, 45)), (time(13, 0), time(16, 30)), (time(18, 0), time(19, 0))))
START, END = datetime(2025, 1, 1, tzinfo=UTC).timestamp(), datetime(2026, 12, 31, tzinfo=UTC).timestamp()
CLOCK = WorkingClock(PROVINCE, date(2025, 1, 20), date(2025, 3, 10))  # Tết 2025 inside, the rest outside
instants = st.floats(min_value=START, max_value=END, allow_nan=False)


def _reference(calendar: WorkCalendar, a: float, b: float) -> float:
    return calendar.working_seconds(datetime.fromtimestamp(a, UTC), datetime.fromtimestamp(b, UTC))


@settings(max_examples=400, deadline=None)
@given(instants, instants)
@example(datetime(2025, 1, 24, 4, 30, tzinfo=UTC).timestamp(), datetime(2025, 2, 3, 0, 0, tzinfo=UTC).timestamp())
def test_equals_the_calendar(a: float, b: float) -> None:
    assert CLOCK.between(a, b) == pytest.approx(_reference(PROVINCE, a, b), abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=40 * 86_400), st.floats(min_value=0, max_value=40 * 86_400))
def test_equals_the_calendar_near_its_office_hours(da: float, db: float) -> None:
    """Dense in one short span, odd hours: every boundary of a day (openings, closings, midnight) is crossed."""
    base = datetime(2026, 3, 1, tzinfo=VN).timestamp()
    clock = WorkingClock.covering(ODD, base, base + 40 * 86_400)
    a, b = base + da, base + db
    assert clock.between(a, b) == pytest.approx(_reference(ODD, a, b), abs=1e-6)


def test_whole_days_and_a_lunch_break() -> None:
    monday = datetime(2026, 3, 2, 8, 0, tzinfo=VN).timestamp()
    clock = WorkingClock.covering(PROVINCE, monday, monday + 7 * 86_400)
    assert clock.working_days(monday, monday + 86_400) == pytest.approx(1.0)  # Monday 08:00 → Tuesday 08:00
    noon = datetime(2026, 3, 2, 12, 0, tzinfo=VN).timestamp()
    assert clock.between(noon, noon + 3600) == 0  # the lunch break is not office time
    assert clock.between(monday + 3600, monday) == 0  # never negative
    assert clock.day_seconds == 8 * 3600
