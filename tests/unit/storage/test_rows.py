"""Timestamps from any conforming server sort in time order once stored."""

from __future__ import annotations

import pytest

from triage_desktop.storage.rows import utc_iso


@pytest.mark.parametrize(("sent", "stored"), [
    ("2026-03-02T08:15:00+07:00", "2026-03-02T01:15:00Z"),
    ("2026-03-02T01:15:00Z", "2026-03-02T01:15:00Z"),
    ("2026-03-02t01:15:00z", "2026-03-02T01:15:00Z"),  # RFC 3339 allows lower case
    ("2026-03-02T01:15:00.123456789Z", "2026-03-02T01:15:00Z"),  # more digits than Python keeps
    ("2026-03-01T20:15:00.5-05:00", "2026-03-02T01:15:00Z"),
])
def test_any_offset_becomes_sortable_utc(sent: str, stored: str) -> None:
    assert utc_iso(sent) == stored


def test_unparseable_time_is_left_to_the_raw_json() -> None:
    assert utc_iso("hôm qua") is None
