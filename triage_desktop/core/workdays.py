"""Time left before a deadline, counted in working time from the province's calendars (central-api.md §3).

The contract asks clients to show time left in working days: a working day is the office hours of one
working day, in Vietnam time (+07:00); a working day is a weekday not listed in `days_off`, or a weekend day
listed in `extra_working_days`. For a year whose calendar the server has not published (404), or that the
cache does not hold yet, every weekday counts and the office hours of a published year are used: the count
may then miss a holiday, never invent one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

VN = timezone(timedelta(hours=7), "ICT")
DEFAULT_OFFICE_HOURS = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    days_off: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    office_hours: tuple[tuple[time, time], ...] = DEFAULT_OFFICE_HOURS

    @classmethod
    def from_published(cls, calendars: Iterable[Any]) -> WorkCalendar:
        """From `/calendar` answers as cached; entries that are not calendars are skipped."""
        off: set[date] = set()
        extra: set[date] = set()
        hours: tuple[tuple[time, time], ...] | None = None
        for calendar in calendars:
            if not isinstance(calendar, Mapping):
                continue
            off |= _dates(calendar.get("days_off"))
            extra |= _dates(calendar.get("extra_working_days"))
            hours = hours or _office_hours(calendar.get("office_hours"))
        return cls(frozenset(off), frozenset(extra), hours or DEFAULT_OFFICE_HOURS)

    @property
    def day_seconds(self) -> float:
        return sum(_seconds_between(start, end) for start, end in self.office_hours)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def working_seconds(self, start: datetime, end: datetime) -> float:
        """Office time between two moments (0 when `end` is not after `start`).

        Constant time in the span: the list asks this for every visible row, and an item may be a year late.
        """
        start, end = start.astimezone(VN), end.astimezone(VN)
        if end <= start:
            return 0.0
        first, last = start.date(), end.date()
        if first == last:
            return self._office_time(first, start, end)
        return (self._office_time(first, start, None) + self._office_time(last, None, end)
                + self.day_seconds * self._working_days_strictly_between(first, last))

    def _office_time(self, day: date, lo: datetime | None, hi: datetime | None) -> float:
        """Office time on `day` between `lo` and `hi` (None: the whole day on that side)."""
        if not self.is_working_day(day):
            return 0.0
        total = 0.0
        for opens, closes in self.office_hours:
            span_lo, span_hi = datetime.combine(day, opens, VN), datetime.combine(day, closes, VN)
            lo_bound = max(span_lo, lo) if lo else span_lo
            hi_bound = min(span_hi, hi) if hi else span_hi
            if hi_bound > lo_bound:
                total += (hi_bound - lo_bound).total_seconds()
        return total

    def _working_days_strictly_between(self, first: date, last: date) -> int:
        days = (last - first).days - 1
        weeks, rest = divmod(days, 7)
        count = weeks * 5
        day = first + timedelta(days=1 + weeks * 7)
        for offset in range(rest):
            count += (day + timedelta(days=offset)).weekday() < 5
        count -= sum(1 for d in self.days_off
                     if first < d < last and d.weekday() < 5 and d not in self.extra_working_days)
        count += sum(1 for d in self.extra_working_days if first < d < last and d.weekday() >= 5)
        return count


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

    One working day is the office hours of one working day; fractions count (0.5 is half of them). A start
    outside office hours counts from the next session's opening; a period that ends exactly at a session's
    close ends there (17:00, not the next morning). Answered in Vietnam time. `working_days` < 0 is an error.
    """
    if working_days < 0:
        raise ValueError(f"working_days {working_days!r}")
    per_day = calendar.day_seconds
    if per_day <= 0:
        raise ValueError("a calendar without office hours")
    start = start.astimezone(VN)
    remaining = working_days * per_day
    if remaining == 0:
        return start
    day = start.date()
    first = calendar._office_time(day, start, None)
    if remaining > first:
        remaining -= first
        day += timedelta(days=1)
        for _ in range(_SEARCH_DAYS):
            if calendar.is_working_day(day):
                if remaining <= per_day:
                    break
                remaining -= per_day
            day += timedelta(days=1)
        else:
            raise ValueError("no working day within the search range")
        start = datetime.combine(day, time.min, VN)
    for opens, closes in calendar.office_hours:
        span_lo = max(datetime.combine(day, opens, VN), start)
        span = (datetime.combine(day, closes, VN) - span_lo).total_seconds()
        if span <= 0:
            continue
        if remaining <= span:
            return span_lo + timedelta(seconds=remaining)
        remaining -= span
    raise AssertionError("the last day's office time was counted short")  # pragma: no cover


def working_time_left(now: datetime, due: datetime, calendar: WorkCalendar) -> float:
    """Office time from `now` to `due` in working days; negative (the time past it) once `due` has passed."""
    per_day = calendar.day_seconds or 8 * 3600.0
    if due >= now:
        return calendar.working_seconds(now, due) / per_day
    return -calendar.working_seconds(due, now) / per_day


_SEARCH_DAYS = 366 * 30  # a calendar that lists years off must end in an error, not a hang


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


def _seconds_between(start: time, end: time) -> float:
    return (datetime.combine(date.min, end) - datetime.combine(date.min, start)).total_seconds()
