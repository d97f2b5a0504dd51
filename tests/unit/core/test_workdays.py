"""Working time to a deadline (central-api.md §3 /calendar): office hours only, holidays and make-up days."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage_desktop.core.workdays import VN, TimeLeft, WorkCalendar, time_left

CALENDAR_2026 = {"year": 2026, "days_off": ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"],
                 "extra_working_days": ["2026-01-10"], "office_hours": [["07:00", "11:30"], ["13:30", "17:00"]]}
HOUR = 3600.0


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VN)


@pytest.fixture
def calendar() -> WorkCalendar:
    return WorkCalendar.from_published([CALENDAR_2026])


def test_a_working_day_is_eight_office_hours(calendar: WorkCalendar) -> None:
    assert calendar.day_seconds == 8 * HOUR


@pytest.mark.parametrize(("start", "end", "hours"), [
    ("2026-03-02 08:00", "2026-03-02 10:00", 2),  # Monday morning
    ("2026-03-02 11:00", "2026-03-02 14:00", 1),  # the lunch break does not count
    ("2026-03-06 16:00", "2026-03-09 08:00", 2),  # Friday's last hour, the weekend, Monday's first
    ("2026-02-13 16:00", "2026-02-23 08:00", 2),  # Tết: five weekdays off
    ("2026-01-09 17:00", "2026-01-12 07:00", 8),  # a make-up Saturday counts whole
    ("2026-03-02 18:00", "2026-03-03 06:00", 0),  # overnight
    ("2026-03-02 10:00", "2026-03-02 09:00", 0),  # backwards
])
def test_working_seconds(calendar: WorkCalendar, start: str, end: str, hours: float) -> None:
    assert calendar.working_seconds(at(start), at(end)) == hours * HOUR


def test_time_left_in_days_then_hours(calendar: WorkCalendar) -> None:
    assert time_left(calendar, at("2026-03-05 17:00"), at("2026-03-02 15:00")) == TimeLeft(False, 3, 2)
    assert time_left(calendar, at("2026-03-02 17:00"), at("2026-03-02 16:20")) == TimeLeft(False, 0, 1)


def test_overdue_counts_working_time_since_the_deadline(calendar: WorkCalendar) -> None:
    assert time_left(calendar, at("2026-03-05 17:00"), at("2026-03-09 09:00")) == TimeLeft(True, 1, 2)


def test_other_offsets_are_read_as_the_same_moment(calendar: WorkCalendar) -> None:
    utc_due = datetime.fromisoformat("2026-03-02T03:00:00+00:00")  # 10:00 in Vietnam
    assert calendar.working_seconds(at("2026-03-02 08:00"), utc_due) == 2 * HOUR


def test_an_unpublished_year_rests_on_the_holidays_fallback(calendar: WorkCalendar) -> None:
    # 1 January 2027 is a Friday; 2027 is not published, so the holidays package says it is Tết Dương lịch.
    assert calendar.working_seconds(at("2027-01-01 07:00"), at("2027-01-01 17:00")) == 0
    assert calendar.working_seconds(at("2027-01-04 07:00"), at("2027-01-04 17:00")) == 8 * HOUR  # Monday
    assert not calendar.rests_on_fallback(at("2026-03-02 08:00"), at("2026-12-31 17:00"))
    assert calendar.rests_on_fallback(at("2026-12-31 08:00"), at("2027-01-04 17:00"))


def test_malformed_calendars_fall_back_to_the_defaults() -> None:
    calendar = WorkCalendar.from_published([None, {"days_off": "2026-03-02", "office_hours": [["17:00", "07:00"]]},
                                            {"days_off": ["not a date", "2026-03-03"]}])
    assert calendar.day_seconds == 8 * HOUR
    assert calendar.is_working_day(at("2026-03-02 00:00").date())
    assert not calendar.is_working_day(at("2026-03-03 00:00").date())


def test_a_day_listed_both_off_and_as_a_make_up_day_is_worked() -> None:
    monday = at("2026-03-02 00:00").date()
    both = WorkCalendar(days_off=frozenset({monday}), extra_working_days=frozenset({monday}),
                        published_years=frozenset({2026}))
    assert both.is_working_day(monday)
    assert both.working_seconds(at("2026-02-27 17:00"), at("2026-03-03 07:00")) == 8 * HOUR


def _naive_working_seconds(calendar: WorkCalendar, start: datetime, end: datetime) -> float:
    """Day by day, span by span: slow and obvious, to check the constant-time count against."""
    start, end = start.astimezone(VN), end.astimezone(VN)
    total, day = 0.0, start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            for opens, closes in calendar.office_hours:
                lo = max(start, datetime.combine(day, opens, VN))
                hi = min(end, datetime.combine(day, closes, VN))
                total += max(0.0, (hi - lo).total_seconds())
        day += timedelta(days=1)
    return total


@given(st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 2, 1)),
       st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 2, 1)))
@settings(max_examples=300, deadline=None)
def test_the_fast_count_matches_counting_day_by_day(start: datetime, end: datetime) -> None:
    calendar = WorkCalendar.from_published([CALENDAR_2026])
    start, end = start.replace(tzinfo=VN), end.replace(tzinfo=VN)
    assert calendar.working_seconds(start, end) == pytest.approx(_naive_working_seconds(calendar, start, end))
