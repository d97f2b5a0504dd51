"""Time left before an item's deadline, in the words an office uses: "còn 2 ngày 3 giờ làm việc".

Counted in working time from the province's calendars (core.workdays), as the contract asks (§4). The list
says the deadline state (core.deadlines.state_of) in words too — "Sắp đến hạn — còn 3 giờ", "Quá hạn 3 ngày" —
so colour is never the only cue (ui/deadline_icons draws the matching icon). Both the state and its words are
read on the same DeadlineBounds, so a row never says "còn 1 giờ" in red.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from triage_desktop.core.deadlines import DeadlineBounds, DeadlineState, state_of, utc_text
from triage_desktop.core.timestamps import parse_timestamp
from triage_desktop.core.vocabulary import deadline_clock
from triage_desktop.core.workdays import VN, TimeLeft, WorkCalendar, time_left
from triage_desktop.ui.formatting import format_datetime

translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings


def time_left_text(calendar: WorkCalendar, due_at: object, now: datetime | None = None, *,
                   short: bool = False) -> str:
    """"còn 2 ngày 3 giờ làm việc", "quá hạn 5 giờ làm việc"; `short` drops the hours once there are days
    (for a list cell). "" when there is no deadline."""
    due = parse_timestamp(due_at)
    return _left_words(calendar, due, now, short) if due is not None else ""


def due_text(calendar: WorkCalendar, kind: str, status: str | None, due_at: object, *, short: bool = False,
             now: datetime | None = None) -> str:
    """The deadline, with the working time left while the clock runs, or "tạm dừng" while it is paused.

    Parsed once: the list asks this for every visible row."""
    due = parse_timestamp(due_at)
    clock = deadline_clock(kind, status)
    if due is None or clock == "stopped":
        return format_datetime(due_at)  # "" for none, the raw text when it is not a timestamp
    if clock == "paused":
        left = translate("deadlines", "tạm dừng, chờ công dân")
    else:
        left = _left_words(calendar, due, now, short)
    return translate("deadlines", "{date} ({left})").format(date=format_datetime(due), left=left)


def _left_words(calendar: WorkCalendar, due: datetime, now: datetime | None, short: bool) -> str:
    left = time_left(calendar, due, now or datetime.now(UTC))
    amount = _amount(TimeLeft(left.overdue, left.days, 0) if short and left.days else left)  # a cell: days only
    if not amount:
        return translate("deadlines", "quá hạn") if left.overdue else translate("deadlines", "đến hạn")
    if left.overdue:
        return translate("deadlines", "quá hạn {amount} làm việc").format(amount=amount)
    return translate("deadlines", "còn {amount} làm việc").format(amount=amount)


def _amount(left: TimeLeft) -> str:
    """"2 ngày 3 giờ", "2 ngày", "3 giờ"; "" when less than an hour is left (or past)."""
    if left.days and left.hours:
        return translate("deadlines", "{days} ngày {hours} giờ").format(days=left.days, hours=left.hours)
    if left.days:
        return translate("deadlines", "{days} ngày").format(days=left.days)
    if left.hours:
        return translate("deadlines", "{hours} giờ").format(hours=left.hours)
    return ""


def is_late(kind: str, status: str | None, due_at: object, now: datetime | None = None) -> bool:
    """Past its deadline while the clock still runs (the list paints these red)."""
    due = parse_timestamp(due_at)
    return (due is not None and deadline_clock(kind, status) == "running"
            and due < (now or datetime.now(UTC)))


# --- the deadline state, in words (issue 11) ---------------------------------------------------------------


def bounds_moment(bounds: DeadlineBounds) -> datetime:
    """The `now` the bounds were taken at, as a moment (the words count from it, as the state does)."""
    return datetime.fromisoformat(bounds.now.replace("Z", "+00:00"))


def deadline_state(kind: str, status: str | None, due_at: object, bounds: DeadlineBounds) -> DeadlineState:
    """core.deadlines.state_of for a due date as the cache or the server wrote it (any RFC 3339 offset)."""
    due = parse_timestamp(due_at)
    return state_of(kind, status, utc_text(due) if due else None, bounds)


def state_text(calendar: WorkCalendar, state: DeadlineState, due_at: object, now: datetime) -> str:
    """The list's cell: "Còn 2 ngày làm việc", "Sắp đến hạn — còn 3 giờ", "Quá hạn 3 ngày" (working days; hours
    under a day), "Tạm dừng — chờ công dân"; the due date alone once the clock stopped."""
    if state == "paused":
        return translate("deadlines", "Tạm dừng — chờ công dân")
    due = parse_timestamp(due_at)
    if due is None or state in ("stopped", "none"):
        return format_datetime(due_at)
    left = time_left(calendar, due, now)
    if state == "overdue":
        if left.days:
            return translate("deadlines", "Quá hạn {days} ngày").format(days=left.days)
        if left.hours:
            return translate("deadlines", "Quá hạn {hours} giờ").format(hours=left.hours)
        return translate("deadlines", "Quá hạn")  # passed after the office closed: no working time lost yet
    if state == "due_soon":  # days too: a deployment's "due soon" may be longer than a day
        amount = _amount(left)
        if not amount:
            return translate("deadlines", "Sắp đến hạn — đến hạn")
        return translate("deadlines", "Sắp đến hạn — còn {amount}").format(amount=amount)
    if left.days:
        return translate("deadlines", "Còn {days} ngày làm việc").format(days=left.days)
    return translate("deadlines", "Còn {hours} giờ làm việc").format(hours=max(1, left.hours))


def fallback_years(calendar: WorkCalendar, start: datetime, end: datetime) -> list[int]:
    """The years between the two moments whose days off come from the national holiday list, because the
    province has not published its calendar (WorkCalendar.rests_on_fallback, issue 11's engine)."""
    lo, hi = sorted((start.astimezone(VN), end.astimezone(VN)))
    years: list[int] = []
    for year in range(lo.year, min(hi.year, lo.year + 10) + 1):
        span_lo = max(lo, datetime(year, 1, 1, tzinfo=VN))
        span_hi = min(hi, datetime(year, 12, 31, 23, 59, 59, tzinfo=VN))  # the year's own last moment
        if span_hi >= span_lo and calendar.rests_on_fallback(span_lo, span_hi):
            years.append(year)
    return years


def fallback_note(calendar: WorkCalendar, due_at: object, now: datetime | None = None) -> str:
    """"ước tính theo lịch nghỉ lễ quốc gia; tỉnh chưa công bố lịch năm 2027" when the working time to (or past)
    the deadline counts days the province has not published; "" otherwise."""
    due = parse_timestamp(due_at)
    if due is None:
        return ""
    years = fallback_years(calendar, now or datetime.now(UTC), due)
    if not years:
        return ""
    return translate("deadlines", "ước tính theo lịch nghỉ lễ quốc gia; tỉnh chưa công bố lịch năm {years}").format(
        years=", ".join(str(year) for year in years))


def due_detail(calendar: WorkCalendar, kind: str, status: str | None, due_at: object,
               now: datetime | None = None) -> str:
    """The detail pane's "Hạn xử lý": due_text, and the fallback note while the clock runs on an estimate."""
    text = due_text(calendar, kind, status, due_at, now=now)
    note = fallback_note(calendar, due_at, now) if deadline_clock(kind, status) == "running" else ""
    return translate("deadlines", "{due} — {note}").format(due=text, note=note) if note and text else text
