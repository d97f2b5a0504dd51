"""Where an item stands against its deadline, on the clock of one moment (issue 11).

The state is read from the item's status (does its clock run, core.vocabulary.deadline_clock) and from its
`due_at` against two instants of `DeadlineBounds`: now, and the moment `soon_working_days` of office time from
now. Both instants are UTC text in the cache's `due_at` format, so the list's SQL compares them on an index
(storage.listing) and the window, the notices and the command line all classify an item the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, Literal

from triage_desktop.core.vocabulary import deadline_clock
from triage_desktop.core.workdays import WorkCalendar, add_working_time

DeadlineState = Literal["none", "on_track", "due_soon", "overdue", "paused", "stopped"]
# The states a list can be filtered by (stopped items have no deadline left to keep).
DEADLINE_FILTERS: Final[tuple[DeadlineState, ...]] = ("on_track", "due_soon", "overdue", "paused")
DEFAULT_SOON_WORKING_DAYS: Final = 1.0  # amber below one working day left (deployment: due_soon_working_days)


def utc_text(moment: datetime) -> str:
    """The cache's timestamp form ("2026-12-04T09:00:00Z"): text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class DeadlineBounds:
    """The two instants that sort running deadlines into on track / due soon / overdue, as UTC text."""

    now: str
    soon_until: str  # `soon_working_days` of office time after `now`

    @classmethod
    def at(cls, now: datetime, calendar: WorkCalendar,
           soon_working_days: float = DEFAULT_SOON_WORKING_DAYS) -> DeadlineBounds:
        return cls(utc_text(now), utc_text(add_working_time(now, soon_working_days, calendar)))


def state_of(kind: str, status: str | None, due_at: str | None, bounds: DeadlineBounds) -> DeadlineState:
    """The item's deadline state; `due_at` in the cache's UTC text form (storage keeps it so)."""
    clock = deadline_clock(kind, status)
    if clock == "stopped":
        return "stopped"
    if clock == "paused":
        return "paused"
    if not due_at:
        return "none"
    if due_at < bounds.now:
        return "overdue"
    if due_at < bounds.soon_until:
        return "due_soon"
    return "on_track"
