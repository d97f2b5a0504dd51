"""Reading a damaged cache with plain sqlite3, best effort and row by row: the outbox, the kept state keys and
the outbox's id counter. Also reads what `sqlite3 .recover` rebuilt (recover_cli)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triage_desktop.storage import cipher

log = logging.getLogger(__name__)

# SQLITE_BUSY and SQLITE_LOCKED: another program has the file open and busy. Moving it aside under that
# program's feet would send its next writes into the quarantined file: refuse instead.
IN_USE_CODES = frozenset({5, 6})
BUSY_TIMEOUT_S = 2.0  # how long salvage waits for another program's lock before giving up
# Rowid probes after a scan broke off, when the file no longer says how many rows there were.
PROBE_WITHOUT_SEQUENCE = 10_000
REQUIRED = ("local_id", "kind", "aggregate_id", "type", "payload", "idempotency_key")
OPTIONAL = ("base_version", "state", "created_at", "attempts", "error_status", "problem", "last_error", "author_id",
            "author_server")


class InUse(Exception):
    """The damaged file is busy in another program: recovery must wait until that program is closed."""


@dataclass
class PlainRead:
    opened: bool = False  # SQLite could open it and read its schema
    complete: bool = False  # the outbox was scanned to the end without an error
    rows: list[dict[str, Any]] = field(default_factory=list)  # raw outbox rows, columns as named in the file
    state: dict[str, str] = field(default_factory=dict)
    outbox_seq: int | None = None
    failed_ids: list[int] = field(default_factory=list)  # rowids whose probe hit damage


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def refuse_if_in_use(exc: Exception) -> None:
    if _primary_code(exc) in IN_USE_CODES:
        raise InUse(str(exc)) from exc


def connect(path: Path, *, writable: bool, key: bytes | None = None) -> Any | None:
    """Read-only (the quarantined file stays as found) unless `writable` (only ever for a copy); keyed when the
    file is encrypted."""
    conn: Any | None = None
    try:
        if writable:
            conn = cipher.connect(path, key, timeout=BUSY_TIMEOUT_S)
        else:
            conn = cipher.connect(f"{path.absolute().as_uri()}?mode=ro", key, uri=True, timeout=BUSY_TIMEOUT_S)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # "file is not a database" shows here
        return conn
    except cipher.DB_ERRORS as exc:
        if conn is not None:
            conn.close()
        refuse_if_in_use(exc)
        return None


def read(path: Path, keys: tuple[str, ...], *, writable: bool = False, key: bytes | None = None) -> PlainRead:
    """Whatever outbox rows and state keys SQLite can still read. Raises InUse when another program holds it.
    `key`: the file's SQLCipher key, when it is encrypted."""
    found = PlainRead()
    conn = connect(path, writable=writable, key=key)
    if conn is None:
        return found
    found.opened = True
    try:
        for name in keys:
            try:
                row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (name,)).fetchone()
            except cipher.DB_ERRORS as exc:
                refuse_if_in_use(exc)
                continue
            if row is not None and isinstance(row[0], str):
                found.state[name] = row[0]
        found.outbox_seq = _sequence(conn)
        columns = _outbox_columns(conn)
        if columns is not None:
            found.rows = list(_outbox_rows(conn, columns, found))
    finally:
        conn.close()
    return found


def _sequence(conn: Any) -> int | None:
    try:
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()
    except cipher.DB_ERRORS as exc:
        refuse_if_in_use(exc)
        return None
    return row[0] if row and isinstance(row[0], int) else None


def _outbox_columns(conn: Any) -> list[str] | None:
    try:
        names = {row[1] for row in conn.execute("PRAGMA table_info(outbox)")}
    except cipher.DB_ERRORS as exc:
        refuse_if_in_use(exc)
        names = set()
    if not set(REQUIRED) <= names:
        return None
    return [*REQUIRED, *(c for c in OPTIONAL if c in names)]


def _outbox_rows(conn: Any, columns: list[str], found: PlainRead) -> Iterator[dict[str, Any]]:
    """A plain scan; when it breaks off on a damaged page, probe the remaining rowids one by one."""
    select = f"SELECT {', '.join(columns)} FROM outbox"
    last = 0
    try:
        for row in conn.execute(select + " ORDER BY local_id"):
            last = max(last, int(row[0]))
            yield dict(zip(columns, row, strict=True))
        found.complete = True
        return
    except cipher.DB_OR_VALUE_ERRORS as exc:
        if isinstance(exc, cipher.DB_ERRORS):
            refuse_if_in_use(exc)
        log.warning("damaged cache: outbox scan stopped after row %d (%s); probing row by row", last, exc)
    highest = found.outbox_seq if found.outbox_seq is not None else last + PROBE_WITHOUT_SEQUENCE
    for local_id in range(last + 1, highest + 1):
        try:
            row = conn.execute(select + " WHERE local_id = ?", (local_id,)).fetchone()
        except cipher.DB_ERRORS as exc:
            refuse_if_in_use(exc)
            found.failed_ids.append(local_id)
            continue
        if row is not None:
            yield dict(zip(columns, row, strict=True))
