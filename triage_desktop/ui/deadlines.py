"""Time left before an item's deadline, in the words an office uses: "còn 2 ngày 3 giờ làm việc".

Counted in working time from the province's calendars (core.workdays), as the contract asks (§4).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from triage_desktop.core.vocabulary import deadline_clock
from triage_desktop.core.workdays import WorkCalendar, time_left
from triage_desktop.ui.formatting import format_datetime, parse_timestamp

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
    if short and left.days:
        amount = translate("deadlines", "{days} ngày").format(days=left.days)
    elif left.days and left.hours:
        amount = translate("deadlines", "{days} ngày {hours} giờ").format(days=left.days, hours=left.hours)
    elif left.days:
        amount = translate("deadlines", "{days} ngày").format(days=left.days)
    elif left.hours:
        amount = translate("deadlines", "{hours} giờ").format(hours=left.hours)
    else:
        return translate("deadlines", "quá hạn") if left.overdue else translate("deadlines", "đến hạn")
    if left.overdue:
        return translate("deadlines", "quá hạn {amount} làm việc").format(amount=amount)
    return translate("deadlines", "còn {amount} làm việc").format(amount=amount)


def is_late(kind: str, status: str | None, due_at: object, now: datetime | None = None) -> bool:
    """Past its deadline while the clock still runs (the list paints these red)."""
    due = parse_timestamp(due_at)
    return (due is not None and deadline_clock(kind, status) == "running"
            and due < (now or datetime.now(UTC)))
