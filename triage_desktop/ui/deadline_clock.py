"""DeadlineClock: the moment the window reads deadline states on, moved on by itself while the window stays open.

It holds the current core.deadlines.DeadlineBounds (now, and `soon_working_days` of office time from now) on the
cached working calendar, and takes them again every minute and just after each office-hours boundary and
midnight — the moments "due soon" jumps (at 17:00 the next amber stretch starts counting from tomorrow's
opening). When they change it says so (`boundsChanged`); the window then re-reads the queue counts and gives
the list its new bounds (ItemTableModel.set_bounds keeps selection and scroll).

The time comes from an injectable `now` function, so tests move the clock across 17:00 or midnight and call
`tick()` instead of waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from triage_desktop.core.deadlines import DEFAULT_SOON_WORKING_DAYS, DeadlineBounds
from triage_desktop.core.workdays import VN, WorkCalendar

TICK_MS = 60_000
_AFTER_BOUNDARY = timedelta(seconds=1)  # an item due at 17:00:00 is overdue only after it


def _utc_now() -> datetime:
    return datetime.now(UTC)


def next_boundary(moment: datetime, calendar: WorkCalendar) -> datetime:
    """The next office opening or closing, or midnight (Vietnam time), strictly after `moment`."""
    local = moment.astimezone(VN)
    candidates = []
    for offset in (0, 1):
        day = local.date() + timedelta(days=offset)
        candidates.append(datetime.combine(day, datetime.min.time(), VN))
        for opens, closes in calendar.office_hours:
            candidates += [datetime.combine(day, opens, VN), datetime.combine(day, closes, VN)]
    return min(c for c in candidates if c > local)


class DeadlineClock(QObject):
    boundsChanged = Signal(object)  # DeadlineBounds

    def __init__(self, calendar: WorkCalendar | None = None,
                 soon_working_days: float = DEFAULT_SOON_WORKING_DAYS,
                 now: Callable[[], datetime] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now or _utc_now
        self._calendar = calendar or WorkCalendar()
        self._soon = soon_working_days
        self._moment = self._now()
        self._bounds = DeadlineBounds.at(self._moment, self._calendar, self._soon)
        self._minute = QTimer(self)
        self._minute.setInterval(TICK_MS)
        self._minute.timeout.connect(self.tick)
        self._boundary = QTimer(self)
        self._boundary.setSingleShot(True)
        self._boundary.timeout.connect(self.tick)
        self._boundary_at: datetime | None = None

    def bounds(self) -> DeadlineBounds:
        return self._bounds

    def now(self) -> datetime:
        """The present moment on this clock's time source (injected in tests)."""
        return self._now()

    def moment(self) -> datetime:
        """The moment of the current bounds."""
        return self._moment

    def calendar(self) -> WorkCalendar:
        return self._calendar

    def soon_working_days(self) -> float:
        return self._soon

    def start(self) -> None:
        self._minute.start()
        self._schedule(self._moment)

    def stop(self) -> None:
        self._minute.stop()
        self._boundary.stop()

    def set_calendar(self, calendar: WorkCalendar) -> None:
        """A sync brought the province's calendar (or a new year's): the bounds are taken again on it."""
        if calendar != self._calendar:
            self._calendar = calendar
            self.tick()

    def set_soon_working_days(self, days: float) -> None:
        """The deployment's "due soon" share (due_soon_working_days)."""
        if days > 0 and days != self._soon:
            self._soon = days
            self.tick()

    def tick(self) -> bool:
        """Take the bounds at the present moment; True (and `boundsChanged`) when they moved."""
        moment = self._now()
        bounds = DeadlineBounds.at(moment, self._calendar, self._soon)
        if self._minute.isActive():
            self._schedule(moment)
        self._moment = moment
        if bounds == self._bounds:
            return False
        self._bounds = bounds
        self.boundsChanged.emit(bounds)
        return True

    def boundary_tick_at(self) -> datetime | None:
        """When the boundary timer will tick (None when stopped)."""
        return self._boundary_at if self._boundary.isActive() else None

    def _schedule(self, moment: datetime) -> None:
        # The minute timer catches every deadline within a minute; this one lands just after the boundary.
        self._boundary_at = next_boundary(moment, self._calendar) + _AFTER_BOUNDARY
        wait_ms = int((self._boundary_at - moment).total_seconds() * 1000)
        self._boundary.start(max(0, min(wait_ms, 24 * 3600 * 1000)))
