"""The benchmark profiles: a cache of N reports, built once and kept under build/bench/ between runs.

The file is made by our own migrations (Database), then filled by direct bulk inserts of the same columns the
sync path computes (storage.rows.aggregate_row + search text, storage.record_facts), then the FTS5 index is
built in one 'rebuild'. A cache of the previous schema may instead be copied and migrated (the 1M cache of
s0008 was: `cp` of s0007 + tests.perf.migration_time, 131 s, of which the r0008 backfill 61 s; a rebuild ≈ 400 s):
write its `complete` file by hand then.
Deterministic: the same N gives the same rows. Going through HTTP here would only make `make bench` slower.

Encrypted with SQLCipher and a fixed test key (KEY), as the program keeps its cache (issue 10);
TRIAGE_BENCH_PLAIN=1 builds and measures a plain cache instead (the figures before encryption, same code).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from tests.perf import gen
from tests.support.keys import TEST_KEY
from triage_desktop.storage import cipher, migrate, record_facts, sort_names
from triage_desktop.storage.database import CACHE_FILE_NAME, Database
from triage_desktop.storage.rows import aggregate_row

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "build" / "bench"
SERVER_URL = "http://127.0.0.1:9"  # never contacted by the read-only benchmarks
GENERATOR_VERSION = 3  # bump when gen.py changes what it makes
KEY: bytes | None = None if os.environ.get("TRIAGE_BENCH_PLAIN") else TEST_KEY
_COLUMNS = ("pk", "kind", "id", "version", "code", "title", "title_key", "status", "status_rank", "is_open",
            "priority", "priority_rank", "category", "assignee_id", "unit_id", "submitted_at", "due_at",
            "updated_at", "raw", "search_text", "assignee_key", "category_key", "channel", "clock")
_FACT_COLUMNS = ("kind", "id", "status", "category", "assignee_id", "received_at", "due_at", "settled_at",
                 "responded_at", "extended", "paused")


def user_json() -> dict[str, object]:
    return {"id": gen.ME, "username": "canbo1", "full_name": "Lê Đình Tâm", "unit_id": "w_0101",
            "roles": ["leader"]}


def members() -> list[dict[str, object]]:
    return [{"id": u, "username": f"cb{u}", "full_name": f"Cán bộ {u}", "unit_id": "w_0101", "roles": ["officer"]}
            for u in gen.ASSIGNEES]


def categories() -> list[dict[str, object]]:
    return [{"code": c, "name": c.replace("_", " ").title(), "sla_working_days": 3, "active": True}
            for c in gen.CATEGORIES]


def profile_for(size: int) -> Path:
    """The profile folder holding a cache of `size` reports, built now unless an identical one exists."""
    profile = BENCH_DIR / f"cache-{size}-g{GENERATOR_VERSION}-s{migrate.HEAD}{'' if KEY is None else '-sqlcipher'}"
    done = profile / "complete"
    if done.exists():
        return profile
    profile.mkdir(parents=True, exist_ok=True)
    for stale in profile.glob(f"{CACHE_FILE_NAME}*"):
        stale.unlink()
    started = time.monotonic()
    build(profile / CACHE_FILE_NAME, size)
    done.write_text(f"{size} reports in {time.monotonic() - started:.0f} s\n")
    return profile


def build(path: Path, size: int, batch: int = 10_000) -> None:
    Database(path, key=KEY).dispose()  # our migrations make the schema
    conn = cipher.connect(path, KEY)
    try:
        conn.execute("PRAGMA synchronous = OFF")  # a cache we can rebuild; durability does not matter here
        placeholders = ", ".join("?" * len(_COLUMNS))
        insert = f"INSERT INTO aggregates ({', '.join(_COLUMNS)}) VALUES ({placeholders})"
        reference = {"members": json.dumps(members(), ensure_ascii=False),
                     "categories": json.dumps(categories(), ensure_ascii=False)}
        names = sort_names.of(reference)  # the sort keys the sync path would store with these lists
        insert_facts = (f"INSERT INTO record_facts ({', '.join(_FACT_COLUMNS)}) "
                        f"VALUES ({', '.join('?' * len(_FACT_COLUMNS))})")
        for start in range(0, size, batch):
            rows = []
            facts = []
            for index in range(start, min(start + batch, size)):
                data = gen.report(index)
                columns, text = aggregate_row("report", data["id"], 1, data, names)
                columns.update(pk=index + 1, search_text=text)
                rows.append(tuple(columns[name] for name in _COLUMNS))
                fact = record_facts.facts("report", data["id"], data)  # what the sync path keeps beside it
                facts.append(tuple(fact[name] for name in _FACT_COLUMNS))
            conn.execute("BEGIN")
            conn.executemany(insert, rows)
            conn.executemany(insert_facts, facts)
            conn.execute("COMMIT")
        conn.execute("BEGIN")
        conn.execute("INSERT INTO item_search (item_search) VALUES ('rebuild')")
        state = {"user": json.dumps(user_json(), ensure_ascii=False), "server_url": SERVER_URL,
                 "cursor": f"c-{size}", "last_sync_at": "2026-03-09T01:00:00Z"}
        conn.executemany("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", state.items())
        conn.executemany("INSERT OR REPLACE INTO reference (name, etag, json) VALUES (?, ?, ?)",
                         [("members", '"m1"', reference["members"]),
                          ("categories", '"c1"', reference["categories"])])
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
