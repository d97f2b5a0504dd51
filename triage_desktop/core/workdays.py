"""Working time before a deadline, counted from the province's calendars (central-api.md §3); issue 11.

The contract counts deadlines in working days: a working day is the office hours of one working day, in
Vietnam time (+07:00); a working day is a weekday not listed in `days_off`, or a weekend day listed in
`extra_working_days`. Client and sandbox share this engine (the sandbox sets `due_at` with it, the client
reads time left with it), so a deadline set on one side reads the same on the other.

For a year whose calendar the server has not published (404), or that the cache does not hold yet, the
public holidays of the `holidays` package stand in (Vietnam: Tết Dương lịch, Tết Nguyên Đán, Giỗ Tổ, 30/4,
1/5, Quốc khánh, with the days swapped for them and the Saturdays worked in return), with the office hours of
a published year. `WorkCalendar.rests_on_fallback` says when a count rests on that guess, so the window can
say so.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from triage_desktop.core import vn_holidays

VN = timezone(timedelta(hours=7), "ICT")
DEFAULT_OFFICE_HOURS = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))
_MICROS = 1_000_000
# holidays' Vietnam covers these years (checked against the package in the unit tests); outside them the
# fallback is Monday to Friday.
_FALLBACK_YEARS = (1901, 2100)
# After the week-long jumps at most a week of office time is left: even across Tết it falls within a month.
_SEARCH_DAYS = 366
# Longer periods are a mistake in the data, and could only end in an overflow after a long search.
_MAX_WORKING_DAYS = 36_600


@dataclass(frozen=True, slots=True)
class _Year:
    """One year's exceptions to "Monday to Friday", ready for O(log n) lookups."""

    off: frozenset[date]  # weekdays that are not working days
    extra: frozenset[date]  # weekend days that are
    marks: tuple[date, ...]  # both, in date order
    before: tuple[int, ...]  # before[i] = Σ over marks[:i] of +1 (extra) / −1 (off); one longer than marks

    def adjustment(self, first: date, last: date) -> int:
        """Working days gained (+) or lost (−) against Monday–Friday, strictly between `first` and `last`."""
        return self.before[bisect_left(self.marks, last)] - self.before[bisect_right(self.marks, first)]


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """The working days and office hours of a province, as published per year (central-api.md §3).

    `days_off` and `extra_working_days` always apply. A year outside `published_years` also takes the
    `holidays` package's Vietnamese public holidays and make-up working days (the fallback); build the
    calendar with `from_published` so that the published years are known. `WorkCalendar()` knows no year:
    every count rests on the fallback.
    """

    days_off: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    office_hours: tuple[tuple[time, time], ...] = DEFAULT_OFFICE_HOURS
    published_years: frozenset[int] = frozenset()
    # Each year's lookups, built on first use (the fallback costs ~1 ms a year; the list asks per row).
    # Mutating the dict is allowed on a frozen dataclass; it takes no part in equality or hashing.
    _years: dict[int, _Year] = field(default_factory=dict, init=False, repr=False, compare=False)
    # The years to look at when counting: those the fallback knows and those with a listed day.
    _span: tuple[int, int] = field(default=_FALLBACK_YEARS, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        years = [d.year for d in self.days_off | self.extra_working_days]
        if years:  # frozen: set once here, as dataclasses do themselves
            object.__setattr__(self, "_span", (min(_FALLBACK_YEARS[0], *years), max(_FALLBACK_YEARS[1], *years)))

    @classmethod
    def from_published(cls, calendars: Iterable[Any]) -> WorkCalendar:
        """From `/calendar` answers as cached; entries that are not calendars are skipped.

        A calendar's `year` field marks that year as published: its own lists are then the whole truth for
        it, and no fallback holiday is added. A calendar without a `year` still adds its days.
        """
        off: set[date] = set()
        extra: set[date] = set()
        years: set[int] = set()
        hours: tuple[tuple[time, time], ...] | None = None
        for calendar in calendars:
            if not isinstance(calendar, Mapping):
                continue
            off |= _dates(calendar.get("days_off"))
            extra |= _dates(calendar.get("extra_working_days"))
            year = calendar.get("year")
            if isinstance(year, int) and not isinstance(year, bool):
                years.add(year)
            hours = hours or _office_hours(calendar.get("office_hours"))
        return cls(frozenset(off), frozenset(extra), hours or DEFAULT_OFFICE_HOURS, frozenset(years))

    @property
    def day_seconds(self) -> float:
        return sum(_seconds_between(start, end) for start, end in self.office_hours)

    def rests_on_fallback(self, start: datetime, end: datetime) -> bool:
        """Whether office time between the two moments (either order) touches a year the server has not
        published, so that it was counted on the `holidays` package's guess and the window should say so beside
        the count. Years are read in Vietnam time. Cheap enough to ask for every visible row.
        """
        first, last = sorted((start.astimezone(VN).year, end.astimezone(VN).year))
        if last - first + 1 > len(self.published_years):
            return True
        return any(year not in self.published_years for year in range(first, last + 1))

    def is_working_day(self, day: date) -> bool:
        year = self._year(day.year)
        return day in year.extra or (day.weekday() < 5 and day not in year.off)

    def working_seconds(self, start: datetime, end: datetime) -> float:
        """Office time between two moments (0 when `end` is not after `start`).

        Constant time in the span's days (one O(log n) lookup per calendar year it crosses): the list asks
        this for every visible row, and an item may be a year late.
        """
        start, end = start.astimezone(VN), end.astimezone(VN)
        if end <= start:
            return 0.0
        first, last = start.date(), end.date()
        if first == last:
            return self._office_micros(first, start, end) / _MICROS
        micros = (self._office_micros(first, start, None) + self._office_micros(last, None, end)
                  + self._day_micros() * self._working_days_strictly_between(first, last))
        return micros / _MICROS

    # -- internals shared with add_working_time ------------------------------------------------------------

    def _day_micros(self) -> int:
        return sum(_micros_between(start, end) for start, end in self.office_hours)

    def _office_micros(self, day: date, lo: datetime | None, hi: datetime | None) -> int:
        """Office time on `day` between `lo` and `hi` (None: the whole day on that side), in microseconds."""
        if not self.is_working_day(day):
            return 0
        total = 0
        for opens, closes in self.office_hours:
            span_lo, span_hi = datetime.combine(day, opens, VN), datetime.combine(day, closes, VN)
            lo_bound = max(span_lo, lo) if lo else span_lo
            hi_bound = min(span_hi, hi) if hi else span_hi
            if hi_bound > lo_bound:
                total += _micros(hi_bound - lo_bound)
        return total

    def _working_days_strictly_between(self, first: date, last: date) -> int:
        days = (last - first).days - 1
        if days <= 0:
            return 0
        weeks, rest = divmod(days, 7)
        count = weeks * 5
        day = first + timedelta(days=1 + weeks * 7)
        for offset in range(rest):
            count += (day + timedelta(days=offset)).weekday() < 5
        lo, hi = self._span
        for year in range(max(first.year, lo), min(last.year, hi) + 1):
            count += self._year(year).adjustment(first, last)
        return count

    def _year(self, year: int) -> _Year:
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = self._build_year(year)
        return found

    def _build_year(self, year: int) -> _Year:
        off = {d for d in self.days_off if d.year == year}
        extra = {d for d in self.extra_working_days if d.year == year}
        if year not in self.published_years:
            fallback_off, fallback_extra = _fallback_year(year)
            off |= fallback_off
            extra |= fallback_extra
        # A day listed both ways works (as before the fallback existed): the make-up list is the later decision.
        off = {d for d in off if d.weekday() < 5 and d not in extra}
        extra = {d for d in extra if d.weekday() >= 5}
        marks = sorted(off | extra)
        before = [0]
        for d in marks:
            before.append(before[-1] + (1 if d in extra else -1))
        return _Year(frozenset(off), frozenset(extra), tuple(marks), tuple(before))


@dataclass(frozen=True, slots=True)
class TimeLeft:
    """Working time to (or, when `overdue`, past) a deadline: whole working days, then working hours."""

    overdue: bool
    days: int
    hours: int


def time_left(calendar: WorkCalendar, due: datetime, now: datetime) -> TimeLeft:
    overdue = now > due
    seconds = calendar.working_seconds(due, now) if overdue else calendar.working_seconds(now, due)
    per_day = calendar.day_seconds or 8 * 3600.0
    days, rest = divmod(seconds, per_day)
    return TimeLeft(overdue, int(days), math.ceil(rest / 3600))


def add_working_time(start: datetime, working_days: float, calendar: WorkCalendar) -> datetime:
    """The moment when `working_days` working days of office time have passed since `start`.

    One working day is the office hours of one working day; fractions count (0.5 is half of them, 4 hours
    of 07:00–11:30 + 13:30–17:00). A start outside office hours (at night, at lunch, on a day off) counts
    from the next session's opening; a period that ends exactly at a session's close ends there (17:00 or
    11:30, not at the next opening). So for any positive period the answer lies within office hours, and
    `working_time_left(start, answer, calendar)` gives `working_days` back. A period of 0 answers `start`
    itself. Answered in Vietnam time, to the microsecond; `working_days` < 0 (or NaN, or over a century) is an error.
    """
    if not 0 <= working_days <= _MAX_WORKING_DAYS:  # NaN too
        raise ValueError(f"working_days {working_days!r}")
    per_day = calendar._day_micros()
    if per_day <= 0:
        raise ValueError("a calendar without office hours")
    start = start.astimezone(VN)
    if working_days == 0:
        return start
    # Whole microseconds, so that "ends exactly at 17:00" is an exact comparison, not a float's guess.
    remaining = max(1, round(working_days * per_day))
    day = start.date()
    first = calendar._office_micros(day, start, None)
    if remaining <= first:
        return _moment_on(calendar, day, start, remaining)
    remaining -= first
    day += timedelta(days=1)
    # Whole weeks at a time while more than a week is left (constant work per week, whatever its holidays)…
    while remaining > 7 * per_day:
        week = calendar._working_days_strictly_between(day - timedelta(days=1), day + timedelta(days=7))
        remaining -= week * per_day
        day += timedelta(days=7)
    # …then day by day: the answer falls on the first working day whose office hours cover what is left.
    for _ in range(_SEARCH_DAYS):
        if calendar.is_working_day(day):
            if remaining <= per_day:
                return _moment_on(calendar, day, None, remaining)
            remaining -= per_day
        day += timedelta(days=1)
    raise ValueError("no working day within the search range")


def working_time_left(now: datetime, due: datetime, calendar: WorkCalendar) -> float:
    """Office time from `now` to `due` in working days (0.5 = half a day's office hours); negative (the
    office time past it) once `due` has passed."""
    per_day = calendar.day_seconds or 8 * 3600.0
    if due >= now:
        return calendar.working_seconds(now, due) / per_day
    return -calendar.working_seconds(due, now) / per_day


def _moment_on(calendar: WorkCalendar, day: date, lo: datetime | None, remaining: int) -> datetime:
    """The moment on working day `day`, from `lo` (None: its first opening), after `remaining` µs of office
    time; `remaining` is at most what the day holds from `lo`."""
    for opens, closes in calendar.office_hours:
        span_lo = datetime.combine(day, opens, VN)
        if lo is not None and lo > span_lo:
            span_lo = lo
        span = _micros(datetime.combine(day, closes, VN) - span_lo)
        if span <= 0:
            continue
        if remaining <= span:
            return span_lo + timedelta(microseconds=remaining)
        remaining -= span
    raise AssertionError("the last day's office time was counted short")  # pragma: no cover


@functools.cache
def _fallback_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """The `holidays` package's days off and make-up working days of Vietnam for one year (empty outside the
    years it knows). Read from its table (core.vn_holidays) for the years around now; the package itself is
    imported only for a year beyond the table, as it loads every country it knows (≈130 ms, 17 MB)."""
    if year in vn_holidays.TABLE:
        listed_off, listed_extra = vn_holidays.TABLE[year]
        return frozenset(map(date.fromisoformat, listed_off)), frozenset(map(date.fromisoformat, listed_extra))
    if not _FALLBACK_YEARS[0] <= year <= _FALLBACK_YEARS[1]:
        return frozenset(), frozenset()
    # The country's class by its module (not holidays.country_holidays' registry lookup) so that a frozen
    # build (PyInstaller) sees the import.
    from holidays.countries.vietnam import Vietnam

    days = Vietnam(years=year)  # type: ignore[no-untyped-call]  # its __init__ takes untyped **kwargs
    extra = frozenset(d for d in days.weekend_workdays if d.year == year)  # the set spans every year it knows
    return frozenset(d for d in days if d.year == year), extra


def _dates(values: Any) -> set[date]:
    found: set[date] = set()
    for value in values if isinstance(values, list) else ():
        try:
            found.add(date.fromisoformat(str(value)))
        except ValueError:
            continue
    return found


def _office_hours(values: Any) -> tuple[tuple[time, time], ...] | None:
    spans: list[tuple[time, time]] = []
    for span in values if isinstance(values, list) else ():
        try:
            opens, closes = (time.fromisoformat(str(part)) for part in span)
        except (TypeError, ValueError):
            return None
        if closes <= opens:
            return None
        spans.append((opens, closes))
    return tuple(spans) or None


def _micros(delta: timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * _MICROS + delta.microseconds


def _micros_between(start: time, end: time) -> int:
    return _micros(datetime.combine(date.min, end) - datetime.combine(date.min, start))


def _seconds_between(start: time, end: time) -> float:
    return _micros_between(start, end) / _MICROS
