"""The sandbox's own SQLite database: aggregates, the change feed, attachments, the idempotency ledger,
users and tokens.

One connection guarded by one lock: the sandbox is a test and demo server, and serialising writes makes
"apply the action and record its idempotency key" a single atomic step without further machinery.
Aggregates are stored as the exact JSON text that goes on the wire, so feed pages are assembled without
re-encoding.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL, unit_id TEXT NOT NULL,
    roles TEXT NOT NULL, salt BLOB NOT NULL, pw_hash BLOB NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0, locked_until REAL NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY, kind TEXT NOT NULL, user_id TEXT NOT NULL, session TEXT NOT NULL,
    expires_at REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS tokens_session ON tokens (session);
CREATE TABLE IF NOT EXISTS aggregates (
    kind TEXT NOT NULL, id TEXT NOT NULL, unit_id TEXT NOT NULL, live INTEGER NOT NULL,
    version INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE INDEX IF NOT EXISTS aggregates_unit ON aggregates (unit_id, live, kind, id);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, unit_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
    op TEXT NOT NULL, version INTEGER NOT NULL, data TEXT);
CREATE INDEX IF NOT EXISTS changes_unit ON changes (unit_id, seq);
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS attachments (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, meta TEXT NOT NULL, unit_id TEXT NOT NULL,
    kind TEXT, aggregate_id TEXT);
CREATE TABLE IF NOT EXISTS idempotency (
    user_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
    content_type TEXT NOT NULL, body BLOB NOT NULL, kind TEXT, aggregate_id TEXT, type TEXT,
    applied INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (user_id, key));
"""


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Row:
    kind: str
    id: str
    unit_id: str
    live: bool
    version: int
    text: str

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.text)
        return data


@dataclass(frozen=True)
class Stored:
    """A final answer kept for idempotent replay."""

    request_hash: str
    status: int
    content_type: str
    body: bytes


class Store:
    def __init__(self, path: Path | str | None) -> None:
        if path is None:  # a private throw-away file: WAL needs a real file, and data must outlive stop()
            folder = tempfile.mkdtemp(prefix="triage-sandbox-")
            weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
            path = Path(folder) / "sandbox.sqlite3"
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._finalizer: weakref.finalize[[], Store] | None = None
        self._depth = 0  # transaction nesting (guarded by the lock)

    # -- connection ------------------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        with self.lock:
            if self._conn is None:
                conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.executescript(SCHEMA)
                self._conn = conn
                # Closes it if the owner forgets (an unclosed sqlite3 connection warns on 3.13).
                self._finalizer = weakref.finalize(self, conn.close)
            return self._conn

    def close(self) -> None:
        with self.lock:
            if self._finalizer is not None:
                self._finalizer()
            self._conn = self._finalizer = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested uses join the outermost one (which commits or rolls back)."""
        with self.lock:
            conn = self.conn
            if self._depth:
                self._depth += 1
                try:
                    yield conn
                finally:
                    self._depth -= 1
                return
            conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            finally:
                self._depth = 0

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    # -- meta --------------------------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_meta(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (key, value))

    def next_counter(self, conn: sqlite3.Connection, key: str) -> int:
        value = int(self.meta(key, "0") or 0) + 1
        self.set_meta(conn, key, str(value))
        return value

    # -- aggregates and the feed ----------------------------------------------------------------------
    def get(self, kind: str, item_id: str) -> Row | None:
        rows = self.query("SELECT kind, id, unit_id, live, version, data FROM aggregates WHERE kind = ? AND id = ?",
                          (kind, item_id))
        return Row(rows[0][0], rows[0][1], rows[0][2], bool(rows[0][3]), rows[0][4], rows[0][5]) if rows else None

    def live_rows(self, unit_id: str, kind: str | None = None) -> list[Row]:
        sql = "SELECT kind, id, unit_id, live, version, data FROM aggregates WHERE unit_id = ? AND live = 1"
        params: tuple[Any, ...] = (unit_id,)
        if kind is not None:
            sql += " AND kind = ?"
            params += (kind,)
        return [Row(r[0], r[1], r[2], True, r[4], r[5]) for r in self.query(sql + " ORDER BY kind, id", params)]

    def save(self, conn: sqlite3.Connection, data: dict[str, Any], live: bool, old: Row | None,
             feed: bool = True) -> None:
        """Write an aggregate and append what each unit's feed must hear: a delete where it left, an upsert
        where it now lives."""
        kind, item_id, unit, version = data["kind"], data["id"], data["unit_id"], int(data["version"])
        text = dumps(data)
        conn.execute("INSERT INTO aggregates (kind, id, unit_id, live, version, data) VALUES (?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT(kind, id) DO UPDATE SET unit_id = excluded.unit_id, live = excluded.live, "
                     "version = excluded.version, data = excluded.data",
                     (kind, item_id, unit, int(live), version, text))
        if not feed:
            return
        if old is not None and old.live and (not live or old.unit_id != unit):
            conn.execute("INSERT INTO changes (unit_id, kind, id, op, version) VALUES (?, ?, ?, 'delete', ?)",
                         (old.unit_id, kind, item_id, version))
        if live:
            conn.execute("INSERT INTO changes (unit_id, kind, id, op, version, data) VALUES (?, ?, ?, 'upsert', ?, ?)",
                         (unit, kind, item_id, version, text))

    def max_seq(self) -> int:
        return int(self.query("SELECT COALESCE(MAX(seq), 0) FROM changes")[0][0])

    def snapshot_rows(self, unit_id: str, after: tuple[str, str], limit: int) -> list[tuple[str, str, int, str]]:
        """Live aggregates of a unit in (kind, id) order after a key: the snapshot's pages."""
        return [tuple(r) for r in self.query(
            "SELECT kind, id, version, data FROM aggregates WHERE unit_id = ? AND live = 1 AND (kind, id) > (?, ?) "
            "ORDER BY kind, id LIMIT ?", (unit_id, after[0], after[1], limit))]

    def change_rows(self, unit_id: str, after_seq: int, limit: int) -> list[tuple[int, str, str, str, int, str | None]]:
        return [tuple(r) for r in self.query(
            "SELECT seq, kind, id, op, version, data FROM changes WHERE unit_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            (unit_id, after_seq, limit))]

    # -- attachments -----------------------------------------------------------------------------------
    def put_blob(self, conn: sqlite3.Connection, sha256: str, data: bytes) -> None:
        conn.execute("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?, ?)", (sha256, data))

    def put_attachment(self, conn: sqlite3.Connection, meta: dict[str, Any], unit_id: str,
                       kind: str | None = None, aggregate_id: str | None = None) -> None:
        conn.execute("INSERT OR REPLACE INTO attachments (id, sha256, meta, unit_id, kind, aggregate_id) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (meta["id"], meta["sha256"], dumps(meta), unit_id, kind, aggregate_id))

    def link_attachment(self, conn: sqlite3.Connection, attachment_id: str, kind: str, aggregate_id: str) -> None:
        conn.execute("UPDATE attachments SET kind = ?, aggregate_id = ? WHERE id = ? AND aggregate_id IS NULL",
                     (kind, aggregate_id, attachment_id))

    def attachment(self, attachment_id: str) -> tuple[dict[str, Any], str, str | None, str | None] | None:
        """(meta, uploader's unit, kind, aggregate id) of one attachment."""
        rows = self.query("SELECT meta, unit_id, kind, aggregate_id FROM attachments WHERE id = ?", (attachment_id,))
        return (json.loads(rows[0][0]), rows[0][1], rows[0][2], rows[0][3]) if rows else None

    def officer_uploads(self) -> list[dict[str, Any]]:
        """Every file stored through POST /uploads, in upload order, with the item it became part of (if any)."""
        rows = self.query("SELECT meta, kind, aggregate_id FROM attachments ORDER BY rowid")
        found = [{**json.loads(meta), "kind": kind, "aggregate_id": aggregate_id} for meta, kind, aggregate_id in rows]
        return [meta for meta in found if meta.get("origin") == "officer"]

    def blob(self, sha256: str) -> bytes | None:
        rows = self.query("SELECT data FROM blobs WHERE sha256 = ?", (sha256,))
        return bytes(rows[0][0]) if rows else None

    # -- idempotency -----------------------------------------------------------------------------------
    def stored_answer(self, user_id: str, key: str) -> Stored | None:
        rows = self.query("SELECT request_hash, status, content_type, body FROM idempotency "
                          "WHERE user_id = ? AND key = ?", (user_id, key))
        return Stored(rows[0][0], rows[0][1], rows[0][2], bytes(rows[0][3])) if rows else None

    def store_answer(self, conn: sqlite3.Connection, user_id: str, key: str, request_hash: str, status: int,
                     content_type: str, body: bytes, at: str, kind: str | None = None, aggregate_id: str | None = None,
                     type_: str | None = None, applied: bool = False) -> None:
        conn.execute("INSERT INTO idempotency (user_id, key, request_hash, status, content_type, body, kind, "
                     "aggregate_id, type, applied, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (user_id, key, request_hash, status, content_type, body, kind, aggregate_id, type_,
                      int(applied), at))

    def ledger(self) -> list[dict[str, Any]]:
        rows = self.query("SELECT key, user_id, kind, aggregate_id, type, status, at FROM idempotency "
                          "WHERE applied = 1 AND type IS NOT NULL ORDER BY rowid")
        names = ("key", "user_id", "kind", "aggregate_id", "type", "status", "at")
        return [dict(zip(names, row, strict=True)) for row in rows]
