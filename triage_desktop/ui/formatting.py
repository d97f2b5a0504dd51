"""Dates, sizes and money the way Vietnamese offices write them: `dd/MM/yyyy HH:mm` in local time, `1.234`.

Explicit formats on purpose: the vi_VN short date is `d/M/yy`, not the administrative form.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCollator, QLocale

from triage_desktop.core.timestamps import parse_timestamp

DATE_TIME_FORMAT = "%d/%m/%Y %H:%M"
DATE_FORMAT = "%d/%m/%Y"
TIME_FORMAT = "%H:%M"


def format_datetime(value: object, fmt: str = DATE_TIME_FORMAT) -> str:
    """`dd/MM/yyyy HH:mm` in the computer's time zone; "" for null, the raw text when it is not a timestamp."""
    parsed = parse_timestamp(value)
    if parsed is None:
        return "" if value is None else str(value)
    return parsed.astimezone().strftime(fmt)


def format_date(value: object) -> str:
    return format_datetime(value, DATE_FORMAT)


def format_time(value: object) -> str:
    return format_datetime(value, TIME_FORMAT)


def format_number(value: int) -> str:
    return QLocale().toString(int(value))


def format_vnd(value: object) -> str:
    try:
        amount = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return ""
    return f"{format_number(amount)} ₫"


def format_size(size: object) -> str:
    """Bytes as "850 B", "12,5 KB", "3,1 MB" with the locale's decimal mark."""
    try:
        value = float(size)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    locale = QLocale()
    for unit in ("B", "KB", "MB"):
        if value < 1024 or unit == "MB":
            if unit == "B":
                return f"{locale.toString(int(value))} {unit}"
            return f"{locale.toString(value, 'f', 1)} {unit}"
        value /= 1024
    return ""  # unreachable


def sorted_vietnamese[T](values: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """Sorted in Vietnamese dictionary order: "Đặng" after "Dương" and before "Hoàng", not after "Vũ" as
    code points would put it."""
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))

    def compare(a: T, b: T) -> int:
        return collator.compare(key(a), key(b))

    return sorted(values, key=functools.cmp_to_key(compare))
