"""Deadlines in working time on the real 2025–2027 calendars (issue 11): add_working_time, working_time_left.

2025 and 2026 are the calendars the sandbox publishes (`/calendar`); 2027 is not published, so it rests on the
`holidays` package's Vietnamese holidays (Tết Đinh Mùi: 4–10 February 2027; Giỗ Tổ: Friday 16 April 2027).
Office hours are 07:00–11:30 and 13:30–17:00: one working day is 8 hours.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from tests.unit.core.test_workdays import _naive_working_seconds
from triage_desktop.core import workdays
from triage_desktop.core.workdays import VN, WorkCalendar, add_working_time, working_time_left
from triage_desktop.sandbox.workdays import calendar_json, published_years

# What a client holds after syncing with the sandbox: 2025 and 2026 published, 2027 answered 404.
PROVINCE = WorkCalendar.from_published(calendar_json(year) for year in (2025, 2026, 2027))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VN)


def due(start: str, working_days: float, calendar: WorkCalendar = PROVINCE) -> datetime:
    return add_working_time(at(start), working_days, calendar)


def test_the_sandbox_publishes_2025_and_2026_only() -> None:
    assert published_years() == [2025, 2026] and calendar_json(2027) is None
    assert PROVINCE.published_years == frozenset({2025, 2026})


# -- on the calendars ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "days", "expected"), [
    # Friday before Tết Ất Tỵ (27–31 January 2025 off, then the weekend): one day later is the Monday after.
    ("2025-01-24 10:00", 1, "2025-02-03 10:00"),
    # Friday before Tết Bính Ngọ (16–20 February 2026 off).
    ("2026-02-13 15:00", 1, "2026-02-23 15:00"),
    # Tết Đinh Mùi from the holidays fallback: Wednesday 09:00 keeps 6 hours; Thursday 4, Friday 5 and
    # Monday 8 – Wednesday 10 February 2027 are off, so the last 2 hours fall on Thursday 11.
    ("2027-02-03 09:00", 1, "2027-02-11 09:00"),
    ("2027-02-03 09:00", 2, "2027-02-12 09:00"),
])
def test_tet_weeks_do_not_count(start: str, days: float, expected: str) -> None:
    assert due(start, days) == at(expected)


@pytest.mark.parametrize(("start", "days", "expected"), [
    # Friday 1 May 2026 (and Thursday 30/4): received on the Wednesday, due on Monday.
    ("2026-04-29 10:00", 1, "2026-05-04 10:00"),
    # Friday 2 May 2025, swapped for the make-up Saturday 26/4.
    ("2025-05-01 10:00", 0.5, "2025-05-05 11:00"),
    # Friday 16 April 2027, Giỗ Tổ, from the fallback: Thursday's last hour, then Monday's first three.
    ("2027-04-15 16:00", 0.5, "2027-04-19 10:00"),
])
def test_a_holiday_on_a_friday_does_not_count(start: str, days: float, expected: str) -> None:
    assert due(start, days) == at(expected)


def test_a_make_up_saturday_counts() -> None:
    # Saturday 26 April 2025 and Saturday 10 January 2026 are working days; an ordinary Saturday is not.
    assert due("2025-04-25 16:00", 1) == at("2025-04-26 16:00")
    assert due("2026-01-09 16:00", 1) == at("2026-01-10 16:00")
    assert due("2026-01-16 16:00", 1) == at("2026-01-19 16:00")
    # Received on the make-up Saturday itself: the clock runs from that moment.
    assert due("2026-01-10 09:00", 0.25) == at("2026-01-10 11:00")


@pytest.mark.parametrize(("start", "days", "expected"), [
    ("2026-03-02 16:59", 1, "2026-03-03 16:59"),  # one minute before closing: that minute counts
    ("2026-03-02 17:01", 1, "2026-03-03 17:00"),  # after closing: from Tuesday 07:00, so Tuesday's close
    ("2026-03-06 17:01", 3, "2026-03-11 17:00"),  # Friday evening: Monday, Tuesday, Wednesday
    ("2026-03-02 16:59", 3, "2026-03-05 16:59"),
    ("2026-03-02 06:00", 1, "2026-03-02 17:00"),  # before opening: the whole Monday
    ("2026-03-02 12:15", 0.5, "2026-03-03 07:30"),  # at lunch: from 13:30, 3½ hours, then half an hour
    ("2026-03-07 10:00", 1, "2026-03-09 17:00"),  # an ordinary Saturday: from Monday 07:00
])
def test_receipt_outside_office_hours_counts_from_the_next_opening(start: str, days: float, expected: str) -> None:
    assert due(start, days) == at(expected)


@pytest.mark.parametrize(("start", "days", "expected"), [
    ("2026-03-02 07:00", 0.5, "2026-03-02 11:00"),  # 4 hours of a morning session of 4½
    ("2026-03-02 09:00", 0.5, "2026-03-02 15:00"),  # 2½ before lunch, 1½ after
    ("2026-03-02 13:30", 0.5, "2026-03-03 07:30"),  # 3½ in the afternoon, ½ the next morning
    ("2026-03-02 13:30", 1.5, "2026-03-04 07:30"),
    ("2026-03-02 07:00", 0.125, "2026-03-02 08:00"),  # an hour
])
def test_half_days_and_other_fractions(start: str, days: float, expected: str) -> None:
    assert due(start, days) == at(expected)
    assert working_time_left(at(start), at(expected), PROVINCE) == pytest.approx(days)


@pytest.mark.parametrize(("start", "days", "expected"), [
    ("2026-03-02 07:00", 1, "2026-03-02 17:00"),  # not Tuesday 07:00
    ("2026-03-02 13:30", 1, "2026-03-03 11:30"),  # not Tuesday 13:30
    ("2026-03-02 07:00", 4.5 / 8, "2026-03-02 11:30"),  # the morning session exactly
    ("2026-03-06 07:00", 1, "2026-03-06 17:00"),  # Friday: not Monday morning
    ("2026-03-02 17:00", 1, "2026-03-03 17:00"),  # received at the close: nothing left that day
])
def test_a_period_ending_at_a_close_ends_there(start: str, days: float, expected: str) -> None:
    assert due(start, days) == at(expected)


def test_a_deadline_never_lands_on_a_day_off() -> None:
    # Tuesday 29 April 2025 + 1: 30/4, 1/5, the swapped 2/5 and the weekend pass; Monday 5 May.
    assert due("2025-04-29 10:00", 1) == at("2025-05-05 10:00")
    # Wednesday 31 December 2025 + 1: Thursday 1 and Friday 2 January 2026 (the bridge day), the weekend.
    assert due("2025-12-31 15:00", 1) == at("2026-01-05 15:00")
    # New Year 2027 from the fallback: Thursday 31 December 2026 + 1 skips Friday 1 January 2027.
    assert due("2026-12-31 15:00", 1) == at("2027-01-04 15:00")


def test_a_deadline_set_on_a_day_off_is_read_against_the_last_office_hours_before_it() -> None:
    saturday = at("2026-03-07 10:00")  # an extension may name any moment
    assert working_time_left(at("2026-03-06 16:00"), saturday, PROVINCE) == pytest.approx(1 / 8)
    assert working_time_left(at("2026-03-09 09:00"), saturday, PROVINCE) == pytest.approx(-2 / 8)
    # Read on that Saturday after the moment: passed, though no office time went by since.
    passed = working_time_left(at("2026-03-07 12:00"), saturday, PROVINCE)
    assert passed == 0 and math.copysign(1, passed) == -1


def test_time_left_is_negative_once_passed() -> None:
    deadline = at("2026-03-05 17:00")
    assert working_time_left(at("2026-03-02 15:00"), deadline, PROVINCE) == pytest.approx(3.25)
    assert working_time_left(at("2026-03-09 09:00"), deadline, PROVINCE) == pytest.approx(-1.25)
    on_time = working_time_left(deadline, deadline, PROVINCE)
    assert on_time == 0 and math.copysign(1, on_time) == 1  # not passed yet: +0, where passed reads -0


def test_long_periods_cross_years_and_tet() -> None:
    # 60 working days from 1 December 2026 (fallback from January 2027): December has 23 working days left,
    # January 2027 20 (1/1 off), February 2027 15 (five Tết weekdays off): the 58th day is 26 February, and
    # 2 more reach Tuesday 2 March 2027 — at 17:00 (the period started at an opening).
    assert due("2026-12-01 07:00", 60) == at("2027-03-02 17:00")
    assert working_time_left(at("2026-12-01 07:00"), at("2027-03-02 17:00"), PROVINCE) == pytest.approx(60)


def test_zero_answers_the_start_and_tiny_periods_stay_in_office_hours() -> None:
    assert due("2026-03-07 10:00", 0) == at("2026-03-07 10:00")
    tiny = due("2026-03-07 10:00", 1e-12)  # rounds below a microsecond: still counted from Monday's opening
    assert at("2026-03-09 07:00") < tiny <= at("2026-03-09 07:00") + timedelta(milliseconds=1)


@pytest.mark.parametrize("days", [-1, math.nan, math.inf, 1e9])
def test_periods_that_are_no_deadline_are_refused(days: float) -> None:
    with pytest.raises(ValueError, match="working_days"):
        due("2026-03-02 07:00", days)


def test_answers_are_in_vietnam_time_whatever_the_start_offset() -> None:
    utc_start = datetime.fromisoformat("2026-03-02T03:00:00+00:00")  # 10:00 in Vietnam
    answer = add_working_time(utc_start, 1, PROVINCE)
    assert answer == at("2026-03-03 10:00") and answer.utcoffset() == timedelta(hours=7)


# -- the holidays fallback -------------------------------------------------------------------------------

def test_a_published_year_is_the_whole_truth() -> None:
    # The holidays package has 24 November 2026 (Ngày Văn hoá Việt Nam) and 31 August 2026 off; the province did
    # not publish them, so they are working days where 2026 is published, and days off where nothing is.
    guess = WorkCalendar()
    for day in (date(2026, 11, 24), date(2026, 8, 31)):
        assert PROVINCE.is_working_day(day)
        assert not guess.is_working_day(day)
    assert guess.is_working_day(date(2026, 8, 22))  # the package's make-up Saturday for it


def test_the_fallback_knows_the_make_up_saturdays() -> None:
    assert WorkCalendar().is_working_day(date(2025, 4, 26))  # the holidays package's, as the province's
    assert not WorkCalendar().is_working_day(date(2025, 5, 2))


def test_a_calendar_without_its_year_adds_its_days_but_leaves_the_year_unpublished() -> None:
    loose = WorkCalendar.from_published([{"days_off": ["2026-03-03"], "year": "2026"}, {"year": True}])
    assert loose.published_years == frozenset()
    assert not loose.is_working_day(date(2026, 3, 3))
    assert not loose.is_working_day(date(2026, 11, 24))  # the fallback fills the unpublished year


@pytest.mark.parametrize(("start", "end", "guessed"), [
    ("2026-03-02 08:00", "2026-12-31 17:00", False),
    ("2025-01-02 08:00", "2026-12-31 17:00", False),
    ("2026-12-31 08:00", "2027-01-04 17:00", True),  # a deadline in 2027
    ("2027-01-04 17:00", "2026-12-31 08:00", True),  # overdue since 2027… either order
    ("2024-12-31 08:00", "2025-01-02 17:00", True),  # an old item from before the first published year
    ("2026-12-31 23:00", "2026-12-31 23:30", False),  # in Vietnam, still 2026 …
])
def test_rests_on_fallback(start: str, end: str, guessed: bool) -> None:
    assert PROVINCE.rests_on_fallback(at(start), at(end)) is guessed


def test_rests_on_fallback_reads_years_in_vietnam_time() -> None:
    # 17:30 UTC on 31 December 2026 is already 1 January 2027 in Vietnam.
    utc = datetime.fromisoformat("2026-12-31T17:30:00+00:00")
    assert PROVINCE.rests_on_fallback(at("2026-12-31 08:00"), utc)
    assert WorkCalendar().rests_on_fallback(at("2026-03-02 08:00"), at("2026-03-02 09:00"))


def test_the_fallback_years_are_those_the_package_covers() -> None:
    from holidays.countries.vietnam import Vietnam

    assert (Vietnam.start_year, Vietnam.end_year) == workdays._FALLBACK_YEARS
    # Beyond them the fallback is Monday to Friday, not an error.
    assert WorkCalendar().is_working_day(date(2101, 1, 3)) and not WorkCalendar().is_working_day(date(2101, 1, 1))


def test_lookups_are_cheap_once_a_year_is_known() -> None:
    # The list asks per visible row: after the first call a year's fallback is not computed again.
    calendar = WorkCalendar()
    calendar.working_seconds(at("2027-01-04 07:00"), at("2027-12-31 17:00"))
    before = workdays._fallback_year.cache_info().hits + workdays._fallback_year.cache_info().misses
    for _ in range(100):
        calendar.working_seconds(at("2027-01-04 07:00"), at("2027-12-31 17:00"))
        calendar.rests_on_fallback(at("2027-01-04 07:00"), at("2027-12-31 17:00"))
    assert workdays._fallback_year.cache_info().hits + workdays._fallback_year.cache_info().misses == before


# -- properties ------------------------------------------------------------------------------------------

CALENDARS = st.sampled_from([PROVINCE, WorkCalendar()])
# Starts on a five-minute grid land on openings, closes and lunch often; any microsecond comes too.
GRID_STARTS = st.builds(lambda day, minutes: datetime.combine(day, time(), VN) + timedelta(minutes=5 * minutes),
                        st.dates(date(2025, 1, 1), date(2027, 10, 31)), st.integers(0, 287))
ANY_STARTS = st.datetimes(datetime(2025, 1, 1), datetime(2027, 10, 31)).map(lambda d: d.replace(tzinfo=VN))
STARTS = GRID_STARTS | ANY_STARTS
# Whole half-hours of office time make periods end at closes; any fraction comes too.
PERIODS = st.integers(1, 16 * 40).map(lambda n: n / 16) | st.floats(1e-9, 40)


def next_office_moment(calendar: WorkCalendar, moment: datetime) -> datetime:
    """Day by day, session by session: `moment` if inside office hours, else the next opening."""
    moment = moment.astimezone(VN)
    day = moment.date()
    while True:
        if calendar.is_working_day(day):
            for opens, closes in calendar.office_hours:
                lo, hi = datetime.combine(day, opens, VN), datetime.combine(day, closes, VN)
                if moment < hi:
                    return max(moment, lo)
        day += timedelta(days=1)


def in_office_hours(calendar: WorkCalendar, moment: datetime) -> bool:
    """After an opening and no later than the close of a session on a working day (a positive period cannot
    end at an opening: it would have ended at the close before)."""
    moment = moment.astimezone(VN)
    return calendar.is_working_day(moment.date()) and any(
        datetime.combine(moment.date(), opens, VN) < moment <= datetime.combine(moment.date(), closes, VN)
        for opens, closes in calendar.office_hours)


@given(CALENDARS, STARTS, PERIODS)
@settings(max_examples=400, deadline=None)
@example(PROVINCE, at("2026-03-02 07:00"), 1.0)  # ends at 17:00, not on Tuesday's opening
@example(PROVINCE, at("2026-03-02 07:00"), 4.5 / 8)  # ends at 11:30, not at 13:30
def test_the_due_moment_lies_within_office_hours(calendar: WorkCalendar, start: datetime, days: float) -> None:
    assert in_office_hours(calendar, add_working_time(start, days, calendar))


@given(CALENDARS, STARTS, PERIODS, PERIODS)
@settings(max_examples=300, deadline=None)
def test_a_longer_period_never_ends_earlier(calendar: WorkCalendar, start: datetime, a: float, b: float) -> None:
    shorter, longer = sorted((a, b))
    assert add_working_time(start, shorter, calendar) <= add_working_time(start, longer, calendar)


@given(CALENDARS, STARTS, PERIODS)
@settings(max_examples=400, deadline=None)
def test_time_left_at_the_start_is_the_period(calendar: WorkCalendar, start: datetime, days: float) -> None:
    end = add_working_time(start, days, calendar)
    counted_from = next_office_moment(calendar, start)
    assert working_time_left(counted_from, end, calendar) == pytest.approx(days, rel=1e-9, abs=1e-9)
    assert working_time_left(end, counted_from, calendar) == pytest.approx(-days, rel=1e-9, abs=1e-9)


@given(CALENDARS, STARTS, STARTS)
@settings(max_examples=300, deadline=None)
def test_adding_the_time_left_reaches_the_deadline(calendar: WorkCalendar, now: datetime, deadline: datetime) -> None:
    """The other way round: from any moment, adding the time left to an office-hours deadline reaches it."""
    deadline = add_working_time(deadline, 0.25, calendar)  # a deadline the engine could have set
    left = working_time_left(now, deadline, calendar)
    assume(left > 1e-6)
    assert abs(add_working_time(now, left, calendar) - deadline) <= timedelta(milliseconds=1)


@given(CALENDARS, STARTS, STARTS)
@settings(max_examples=300, deadline=None)
def test_the_fast_count_matches_day_by_day_across_published_and_fallback_years(
        calendar: WorkCalendar, start: datetime, end: datetime) -> None:
    assert calendar.working_seconds(start, end) == pytest.approx(_naive_working_seconds(calendar, start, end))


@given(CALENDARS, st.dates(date(2025, 1, 1), date(2027, 12, 31)))
@settings(max_examples=200, deadline=None)
@example(PROVINCE, date(2026, 11, 24))  # off in the package, worked in the published 2026
def test_working_days_are_those_of_the_published_lists_or_the_fallback(calendar: WorkCalendar, day: date) -> None:
    import holidays

    published = calendar_json(day.year) if day.year in calendar.published_years else None
    if published is not None:
        off = day.isoformat() in published["days_off"]  # type: ignore[operator]
        extra = day.isoformat() in published["extra_working_days"]  # type: ignore[operator]
    else:
        guess = holidays.country_holidays("VN", years=day.year)
        off, extra = day in guess, day in guess.weekend_workdays
    assert calendar.is_working_day(day) == (extra or (day.weekday() < 5 and not off))
