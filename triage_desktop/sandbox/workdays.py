"""The sandbox's official calendar (`/calendar`) and the deadlines it sets with it (`due_at`).

The server is the one that sets deadlines (central-api.md §4). It counts them with the client's own engine
(core.workdays) on the calendars it publishes, so that a deadline of N working days reads "còn N ngày làm
việc" in the client at the moment of receipt: the due moment is N days of office time after receipt (a receipt
outside office hours counts from the next opening; a period ending at 17:00 ends there).
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Final

from triage_desktop.core.workdays import VN, WorkCalendar, add_working_time

__all__ = ["CALENDAR", "VN", "calendar_json", "due_after", "paused_between", "published_years"]

OFFICE_HOURS = [["07:00", "11:30"], ["13:30", "17:00"]]

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


# The sandbox counts on the calendars it publishes, like a client that cached them all; 2027 is left unpublished
# (404) so that clients, and the sandbox's own deadlines in it, exercise the holidays fallback.
CALENDAR: Final = WorkCalendar.from_published(calendar_json(year) for year in published_years())


def due_after(start: datetime, working_days: float) -> datetime:
    """The deadline `working_days` of office time after `start` (receipt or submission), as clients count it."""
    return add_working_time(start, working_days, CALENDAR)


def paused_between(since: datetime, until: datetime) -> float:
    """Office time, in working days, that passed while the clock stood still (the citizen held the file); in
    whole minutes, so that a pause of seconds moves no deadline."""
    minutes = math.floor(max(0.0, CALENDAR.working_seconds(since, until)) / 60)
    return minutes * 60 / CALENDAR.day_seconds
