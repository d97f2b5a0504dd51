"""Reading the contract's timestamps (RFC 3339, any offset, `Z`, fractional seconds) into aware datetimes."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_timestamp(value: object) -> datetime | None:
    """An RFC 3339 timestamp as an aware datetime; None when unusable. A datetime passes through (naive ones, and
    naive text, read as UTC), so a caller that parsed once can hand the result on."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().upper())  # RFC 3339 allows "t" and "z"
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
