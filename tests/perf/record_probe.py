"""One fresh process computing the ward's record (issue 13) on a cached profile:
`python -m tests.perf.record_probe PROFILE app|bare FIRST LAST`.

Prints one JSON object: {"ms": …} for the period FIRST..LAST (local dates, YYYY-MM-DD) on the bench's clock
(tests.perf.gen.NOW), the cache opened beforehand, its page cache cold (a new process).

`app` is the real thing, as the "Thống kê" window's worker runs it: LocalWorkspace.ward_record for reports (the
bench's cache holds reports: the on-time counts per officer and category, the reports by category and status,
the medians in working days and the target shares) and the tables the window shows.
`bare` is the ceiling: raw sqlite3 counting the rows of the same three index ranges of record_facts, nothing of
ours in the process.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from tests.perf.ui_probe import KEY

CACHE = "cache.sqlite3"


def app(profile: Path, first: date, last: date) -> float:
    from tests.perf import gen
    from triage_desktop.core.record import Period
    from triage_desktop.storage.database import Database
    from triage_desktop.storage.store import Store
    from triage_desktop.storage.workspace import LocalWorkspace
    from triage_desktop.ui import record_tables

    db = Database(profile / CACHE, key=KEY)
    try:
        workspace = LocalWorkspace(Store(db))
        workspace.members()  # the reference lists are read once before (the window has them)
        period = Period(first, last)
        started = time.perf_counter()
        record = workspace.ward_record("report", period, gen.NOW)
        record_tables.record_tables(record, record_tables.Names.of("report", workspace.reference))
        return (time.perf_counter() - started) * 1000
    finally:
        db.dispose()


def bare(profile: Path, first: date, last: date) -> float:
    from datetime import UTC, datetime, timedelta, timezone
    from datetime import time as clock_time

    from sqlcipher3 import dbapi2

    vn = timezone(timedelta(hours=7))

    def utc(day: date) -> str:
        return datetime.combine(day, clock_time(0), vn).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    start, end = utc(first), utc(last + timedelta(days=1))
    conn = dbapi2.connect(str(profile / CACHE))
    try:
        if KEY is not None:
            conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        started = time.perf_counter()
        for sql, args in (
            ("SELECT count(*) FROM record_facts WHERE kind = 'report' AND received_at >= ? AND received_at < ?",
             (start, end)),
            ("SELECT count(*) FROM record_facts WHERE kind = 'report' AND settled_at >= ? AND +received_at < ?",
             (start, start)),
            ("SELECT count(*) FROM record_facts WHERE kind = 'report' AND settled_at IS NULL AND +received_at < ?",
             (start,)),
        ):
            conn.execute(sql, args).fetchone()
        return (time.perf_counter() - started) * 1000
    finally:
        conn.close()


def main() -> None:
    profile, mode, first, last = Path(sys.argv[1]), sys.argv[2], date.fromisoformat(sys.argv[3]), \
        date.fromisoformat(sys.argv[4])
    ms = (app if mode == "app" else bare)(profile, first, last)
    print(json.dumps({"ms": round(ms, 1)}))


if __name__ == "__main__":
    main()
