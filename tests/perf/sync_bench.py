"""Sync measurements: initial sync through the real engine, its ideal pipeline, and an incremental sync.

Each function runs one measurement in this process and returns plain numbers; bench.py repeats and pairs them.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import requests

from tests.perf import cache, gen
from tests.perf.cache import ROOT
from triage_desktop.core.entities import ItemQuery
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage import aggregates, cipher
from triage_desktop.storage.database import open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import SyncEngine, build_sync_service

PAGE = 500


@contextlib.contextmanager
def feed_server(size: int) -> Iterator[str]:
    """A FeedServer of `size` reports in its own process; yields its URL."""
    process = subprocess.Popen([sys.executable, "-m", "tests.perf.feed_server", str(size)], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.communicate(timeout=30)  # closing its stdin ends it; closes our pipe ends too


def _served(session: requests.Session, url: str) -> int:
    return int(session.get(f"{url}/bench/served", timeout=10).json()["served"])


def signed_in(profile: Path, server_url: str) -> tuple[Store, SyncEngine]:
    store = Store(open_database(profile, key=cache.KEY))
    if store.get_state("user"):  # the same officer on "the same server": login must keep the cache
        store.set_state("server_url", server_url)
    engine = build_sync_service(store, CredentialStore.memory_only())
    engine.login(server_url, "canbo1", "bench")
    return store, engine


def initial_sync(url: str, profile: Path, size: int) -> float:
    """Records/s of one sync_once into an empty profile (login and reference data done before the clock)."""
    shutil.rmtree(profile, ignore_errors=True)
    store, engine = signed_in(profile, url)
    try:
        started = time.perf_counter()
        report = engine.sync_once()
        elapsed = time.perf_counter() - started
        workspace = LocalWorkspace(store)
        found = workspace.count(ItemQuery(kind="report"))
        searchable = workspace.count(ItemQuery(kind="report", text="cay do"))
        if report.pulled != size or found != size or not searchable:
            raise AssertionError(f"sync incomplete: pulled {report.pulled}, cached {found}, found {searchable}")
        return size / elapsed
    finally:
        store.db.dispose()
        shutil.rmtree(profile, ignore_errors=True)


# The ideal pipeline (the ceiling of the initial-sync row): the same pages fetched one by one over a keep-alive
# session, decoded (orjson when installed, else msgspec: the same speed on UTF-8 pages), upserted with raw
# sqlite3 executemany, 500 rows per transaction (synchronous=FULL, WAL, like our cache), then one FTS5
# 'rebuild' with our tokenizer and prefix indexes over the same fields, unfolded. No validation, no folding,
# no list columns, no tombstones or snapshot bookkeeping: just the bare work.
_IDEAL_SCHEMA = (
    "CREATE TABLE reports (pk INTEGER PRIMARY KEY, id TEXT UNIQUE, version INTEGER, status TEXT, category TEXT, "
    "updated_at TEXT, code TEXT, title TEXT, description TEXT, address TEXT, name TEXT, phone TEXT, raw TEXT)",
    "CREATE INDEX ix_status ON reports (status)",
    "CREATE INDEX ix_category ON reports (category)",
    "CREATE INDEX ix_updated ON reports (updated_at)",
    "CREATE VIRTUAL TABLE reports_fts USING fts5(code, title, description, address, name, phone, "
    "content='reports', content_rowid='pk', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
)
_IDEAL_UPSERT = (
    "INSERT INTO reports (id, version, status, category, updated_at, code, title, description, address, name, "
    "phone, raw) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET version=excluded.version, "
    "status=excluded.status, category=excluded.category, updated_at=excluded.updated_at, code=excluded.code, "
    "title=excluded.title, description=excluded.description, address=excluded.address, name=excluded.name, "
    "phone=excluded.phone, raw=excluded.raw")


def _decoder() -> Any:
    try:
        import orjson

        return orjson.loads
    except ImportError:
        return msgspec.json.decode


def ideal_pipeline(url: str, folder: Path, size: int) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    conn = cipher.connect(folder / "ideal.sqlite3", cache.KEY)  # the same cipher as ours: the ceiling of our work
    decode, encode = _decoder(), msgspec.json.encode
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        for ddl in _IDEAL_SCHEMA:
            conn.execute(ddl)
        session = requests.Session()
        started = time.perf_counter()
        cursor: str | None = None
        rows_done = 0
        while True:
            params = {"limit": PAGE, **({"since": cursor} if cursor else {})}
            page = decode(session.get(f"{url}/changes", params=params, timeout=30).content)
            rows = []
            for c in page["changes"]:
                d = c["data"]
                location, citizen = d.get("location") or {}, d.get("citizen") or {}
                rows.append((d["id"], d["version"], d["status"], d["category_code"], d["updated_at"], d["code"],
                             d["title"], d.get("description"), location.get("address"), citizen.get("name"),
                             citizen.get("phone"), encode(d).decode()))
            conn.execute("BEGIN")
            conn.executemany(_IDEAL_UPSERT, rows)
            conn.execute("COMMIT")
            rows_done += len(rows)
            cursor = page["next"]
            if not page["more"]:
                break
        conn.execute("BEGIN")
        conn.execute("INSERT INTO reports_fts (reports_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        session.close()
        if rows_done != size:
            raise AssertionError(f"ideal pipeline saw {rows_done} rows")
        return size / elapsed
    finally:
        conn.close()
        shutil.rmtree(folder, ignore_errors=True)


def incremental(profile: Path, runs: int, new: int = 5) -> list[tuple[float, int, float]]:
    """(ms of one sync_once finding `new` new reports, changes transferred, ms of the bare fetch+write) per run.

    Works on the shared 1M profile and removes what it added afterwards, so the cached profile stays as built.
    """
    first = 9_000_000
    with feed_server(0) as url, requests.Session() as control:
        store = Store(open_database(profile, key=cache.KEY))
        kept = {key: store.get_state(key) for key in ("cursor", "server_url", "last_sync_at")}
        store.db.dispose()
        store, engine = signed_in(profile, url)
        added: list[str] = []
        try:
            engine.sync_once()  # reference data and the cursor at the feed's end: a steady state
            results = []
            for run in range(runs):
                control.post(f"{url}/bench/append", params={"first": first + run * new, "count": new}, timeout=30)
                added += [gen.report(first + run * new + i)["id"] for i in range(new)]
                served = _served(control, url)
                started = time.perf_counter()
                report = engine.sync_once()
                elapsed = (time.perf_counter() - started) * 1000
                if report.pulled != new:
                    raise AssertionError(f"pulled {report.pulled}, expected {new}")
                results.append((elapsed, _served(control, url) - served, _bare_incremental(url, profile, run)))
            return results
        finally:
            with store.db.write() as conn:
                known, _ = aggregates.load(conn, [("report", i) for i in added])
                aggregates.drop(conn, [k.pk for k in known.values()])
            for key, value in kept.items():
                store.set_state(key, value)
            store.db.dispose()


def _bare_incremental(url: str, profile: Path, run: int) -> float:
    """The ceiling: one GET of the page, decode, raw insert of the rows and their FTS rows, one commit."""
    conn = cipher.connect(profile / "cache.sqlite3", cache.KEY)
    session = requests.Session()
    try:
        started = time.perf_counter()
        page = msgspec.json.decode(session.get(f"{url}/changes", params={"since": f"p-{run}"}, timeout=30).content)
        conn.execute("BEGIN IMMEDIATE")
        base = conn.execute("SELECT max(pk) FROM aggregates").fetchone()[0] + 1
        rows = [(base + i, "report", f"x{c['id']}", c["version"], c["data"]["title"],
                 msgspec.json.encode(c["data"]).decode(), c["data"]["title"]) for i, c in enumerate(page["changes"])]
        conn.executemany("INSERT INTO aggregates (pk, kind, id, version, code, title, title_key, status, "
                         "status_rank, is_open, priority, priority_rank, raw, search_text) "
                         "VALUES (?, ?, ?, ?, '', ?, '', 'new', 0, 1, '', 0, ?, ?)", rows)
        conn.executemany("INSERT INTO item_search (rowid, search_text) VALUES (?, ?)",
                         [(r[0], r[6]) for r in rows])
        conn.execute("COMMIT")
        elapsed = (time.perf_counter() - started) * 1000
        conn.execute("BEGIN IMMEDIATE")  # measured; now leave the cache as it was
        conn.executemany("INSERT INTO item_search (item_search, rowid, search_text) VALUES ('delete', ?, ?)",
                         [(r[0], r[6]) for r in rows])
        conn.executemany("DELETE FROM aggregates WHERE pk = ?", [(r[0],) for r in rows])
        conn.execute("COMMIT")
        return elapsed
    finally:
        session.close()
        conn.close()
