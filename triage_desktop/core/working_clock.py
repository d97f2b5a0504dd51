"""A fast "working clock" over a span of days: office seconds since a fixed origin, for many instants at once.

`WorkCalendar.working_seconds` answers one pair in ~22 µs; the ward's record asks it for 10^5 items. Here each
day of the span gets, once, the office seconds of all days before it (a prefix sum) and its own office spans
in seconds after local midnight; an instant's clock is then one division, one lookup and a few comparisons,
and the working time between two instants is the difference of their clocks. storage.record_query computes
it in SQL from `day_rows` and `spans`, `at` in Python (the moment the record is judged at). Both equal
`WorkCalendar.working_seconds` (tests/unit/core/test_working_clock.py checks them on random instants); `at`
answers instants outside the span with the calendar itself, so it is never wrong, only slower there.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from triage_desktop.core.workdays import VN, WorkCalendar

DAY = 86_400
OFFSET = 7 * 3600  # Vietnam time has no daylight saving: local = UTC + 7 h, always


def _seconds(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


class WorkingClock:
    """Office seconds since local midnight of `first` (Vietnam time), for instants given as Unix seconds."""

    def __init__(self, calendar: WorkCalendar, first: date, last: date) -> None:
        self._calendar = calendar
        self._first = first
        self._origin = datetime.combine(first, time(0), VN)
        self._base = int(self._origin.timestamp())
        self.spans = tuple((_seconds(opens), _seconds(closes)) for opens, closes in calendar.office_hours)
        day_total = sum(closes - opens for opens, closes in self.spans)
        self.day_seconds = float(day_total)
        days = max((last - first).days + 1, 0)
        self._working = [calendar.is_working_day(first + timedelta(days=i)) for i in range(days)]
        before = [0]
        for working in self._working:
            before.append(before[-1] + (day_total if working else 0))
        self._before = before

    @classmethod
    def covering(cls, calendar: WorkCalendar, lowest: float, highest: float) -> WorkingClock:
        """A clock whose span holds both instants (Unix seconds), a day's margin either side."""
        first = datetime.fromtimestamp(lowest, VN).date() - timedelta(days=1)
        last = datetime.fromtimestamp(max(highest, lowest), VN).date() + timedelta(days=1)
        return cls(calendar, first, last)

    def at(self, instant: float) -> float:
        """Office seconds from the origin to `instant` (Unix seconds); negative before the origin."""
        local = instant - self._base
        index = int(local // DAY)
        if 0 <= index < len(self._working):
            clock = float(self._before[index])
            if self._working[index]:
                into = local - index * DAY
                for opens, closes in self.spans:
                    if into >= closes:
                        clock += closes - opens
                    elif into > opens:
                        clock += into - opens
                        break
                    else:
                        break
            return clock
        moment = datetime.fromtimestamp(instant, UTC)
        if index < 0:
            return -self._calendar.working_seconds(moment, self._origin)
        return self._calendar.working_seconds(self._origin, moment)

    def day_rows(self) -> list[tuple[int, int, int]]:
        """(local day number = (Unix seconds + OFFSET) // DAY, office seconds before it, 1 if a working day) for
        each day of the span: the same clock as a table, for SQL to join (storage.record_query)."""
        first = (self._base + OFFSET) // DAY
        return [(first + i, self._before[i], int(working)) for i, working in enumerate(self._working)]
