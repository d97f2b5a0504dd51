"""The sandbox's official calendar (`/calendar`) and the working-day arithmetic it uses to set `due_at`.

The server is the one that sets deadlines (central-api.md §4), so it needs its own small engine; an
approximation is fine here: the due time is the end of office hours on the N-th working day after the
day of receipt (a day received after the last office hour does not count).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

VN = timezone(timedelta(hours=7), "ICT")
OFFICE_HOURS = [["07:00", "11:30"], ["13:30", "17:00"]]
_CLOSE = time(17, 0)

# Published calendars: official non-working weekdays and working weekend days (compensations).
_PUBLISHED: dict[int, dict[str, list[str]]] = {
    2025: {
        "days_off": ["2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
                     "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"],
        "extra_working_days": ["2025-04-26"],
    },
    2026: {
        # Tết Dương lịch (+ bridge day), Tết Bính Ngọ, Giỗ Tổ (Sunday → Monday), 30/4–1/5, Quốc khánh.
        "days_off": ["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                     "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"],
        "extra_working_days": ["2026-01-10"],
    },
}


def published_years() -> list[int]:
    return sorted(_PUBLISHED)


def calendar_json(year: int) -> dict[str, object] | None:
    """The `/calendar?year=` answer, or None when that year is not published (→ 404)."""
    days = _PUBLISHED.get(year)
    if days is None:
        return None
    return {"year": year, "days_off": list(days["days_off"]),
            "extra_working_days": list(days["extra_working_days"]), "office_hours": OFFICE_HOURS}


def _fixed_holidays(year: int) -> set[str]:
    """For unpublished years the solar-calendar holidays still apply (lunar ones are unknown)."""
    return {f"{year}-01-01", f"{year}-04-30", f"{year}-05-01", f"{year}-09-02"}


_OFF = {d for cal in _PUBLISHED.values() for d in cal["days_off"]}
_EXTRA = {d for cal in _PUBLISHED.values() for d in cal["extra_working_days"]}


def is_working_day(day: date) -> bool:
    text = day.isoformat()
    if text in _EXTRA:
        return True
    if text in _OFF or (day.year not in _PUBLISHED and text in _fixed_holidays(day.year)):
        return False
    return day.weekday() < 5


def add_working_days(start: datetime, days: int) -> datetime:
    """17:00 (+07:00) on the `days`-th working day after `start`'s day."""
    local = start.astimezone(VN)
    day = local.date()
    counted = 0
    while counted < max(days, 0):
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    # Same-day procedures: the end of the day of receipt, or of the next working day when received late.
    if days <= 0 and (local.time() >= _CLOSE or not is_working_day(day)):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return datetime.combine(day, _CLOSE, tzinfo=VN)


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole working days from `start`'s day (exclusive) to `end`'s day (inclusive); used for clock pauses."""
    day, last = start.astimezone(VN).date(), end.astimezone(VN).date()
    count = 0
    while day < last:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
