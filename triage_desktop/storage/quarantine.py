"""A damaged cache at start-up: move it aside, keep the officer's unsent actions, start a fresh file.

The cache is only a copy of the server, except for the outbox: actions the officer made and the server has
not confirmed. So when the file fails its integrity check (or is not a database at all), we

1. salvage what can still be read with plain sqlite3, best effort and row by row: the outbox rows and
   the few state keys that say who is logged in where (so the keyring's token still matches);
2. build a fresh, migrated cache beside it (`cache.sqlite3.recovering`) holding those actions with their
   SAME Idempotency-Keys (a resend of one the server already applied is answered by replay, never applied
   twice) and no cursor, so the next sync is a full resync;
3. rename the damaged file (with its -wal/-shm) to `cache.sqlite3.corrupt-<UTC time>` and the fresh one
   into place.

Each step leaves something the next start can finish: a `.recovering` file beside an existing cache is
an unfinished build (deleted, redone); one without a cache is a finished build whose rename was cut off.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

from triage_desktop.core.entities import ActionState
from triage_desktop.core.vocabulary import ACTION_KINDS, KINDS
from triage_desktop.storage.rows import now_utc
from triage_desktop.storage.schema import OUTBOX, SYNC_STATE

log = logging.getLogger(__name__)

# SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged or not a database. Never busy/readonly/full/io:
# those are the environment, and quarantining a healthy file would throw away nothing but cost a resync.
CORRUPTION_CODES = frozenset({11, 26})
# SQLITE_BUSY and SQLITE_LOCKED while salvaging: another program has the file open and busy. Moving it aside
# under that program's feet would send its next writes into the quarantined file: refuse instead.
IN_USE_CODES = frozenset({5, 6})
BUSY_TIMEOUT_S = 2.0  # how long salvage waits for another program's lock before giving up
SIDECARS = ("-wal", "-shm", "-journal")
RECOVERING_SUFFIX = ".recovering"
# State that must survive: who is logged in on which server (the keyring's account name is made of it)
# and this PC's device id. Not the cursor: the fresh cache must resync from the start.
KEPT_STATE = ("server_url", "user", "device_id")
# State keys the fresh cache gets, so a later start (or the window) can still tell the officer.
RECOVERED_FROM, RECOVERED_AT = "recovered_from", "recovered_at"
# Rowid probes after a scan broke off, when the file no longer says how many rows there were.
_PROBE_WITHOUT_SEQUENCE = 10_000
_REQUIRED = ("local_id", "kind", "aggregate_id", "type", "payload", "idempotency_key")
_OPTIONAL = ("base_version", "state", "created_at", "attempts", "error_status", "problem", "last_error", "author_id",
             "author_server")


class Damaged(Exception):
    """The cache failed its integrity check; `reason` is a short word for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InUse(Exception):
    """The damaged file is busy in another program: recovery must wait until that program is closed."""


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _refuse_if_in_use(exc: sqlite3.Error) -> None:
    if _primary_code(exc) in IN_USE_CODES:
        raise InUse(str(exc)) from exc


def is_corruption(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None) or exc
    return isinstance(orig, sqlite3.Error) and _primary_code(orig) in CORRUPTION_CODES


@dataclass
class Salvage:
    """What could still be read from a damaged cache."""

    actions: list[dict[str, Any]] = field(default_factory=list)  # outbox rows, local_id order
    state: dict[str, str] = field(default_factory=dict)
    unreadable: int = 0  # outbox rows seen but not usable (or probes that hit damage)


def sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDECARS]


def recovering_path(path: Path) -> Path:
    return path.with_name(path.name + RECOVERING_SUFFIX)


def remove_with_sidecars(path: Path) -> None:
    for candidate in (path, *sidecars(path)):
        candidate.unlink(missing_ok=True)


def move_with_sidecars(source: Path, target: Path) -> None:
    """Sidecars first: a main file must never sit beside another file's WAL (SQLite would replay it)."""
    for side, target_side in zip(sidecars(source), sidecars(target), strict=True):
        if side.exists():
            os.replace(side, target_side)
    os.replace(source, target)


def quarantine_path(path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while candidate.exists():  # two recoveries in one second (a test, or a file damaged twice)
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    return candidate


# --- reading a damaged file ------------------------------------------------------------------------

def _connect(path: Path) -> sqlite3.Connection | None:
    """Read-only when SQLite allows it (the quarantined copy stays as found); writable as a last resort."""
    for uri in (f"{path.absolute().as_uri()}?mode=ro", None):
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(uri or path, uri=bool(uri), timeout=BUSY_TIMEOUT_S)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # "file is not a database" shows here
            return conn
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            _refuse_if_in_use(exc)
    return None


def salvage(path: Path) -> Salvage:
    """Best effort: whatever outbox rows and state keys can be read. Never raises for a damaged file; raises
    InUse when another program holds it busy."""
    found = Salvage()
    conn = _connect(path)
    if conn is None:
        return found
    try:
        for key in KEPT_STATE:
            try:
                row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as exc:
                _refuse_if_in_use(exc)
                continue
            if row is not None and isinstance(row[0], str):
                found.state[key] = row[0]
        columns = _outbox_columns(conn)
        if columns is None:
            return found
        keys: set[str] = set()
        for raw in _outbox_rows(conn, columns, found):
            action = _valid_action(raw)
            if action is None:
                found.unreadable += 1
            elif action["idempotency_key"] not in keys:  # the unique index may be what was damaged
                keys.add(action["idempotency_key"])
                found.actions.append(action)
    finally:
        conn.close()
    found.actions.sort(key=lambda a: a["local_id"])
    return found


def _outbox_columns(conn: sqlite3.Connection) -> list[str] | None:
    try:
        names = {row[1] for row in conn.execute("PRAGMA table_info(outbox)")}
    except sqlite3.Error as exc:
        _refuse_if_in_use(exc)
        names = set()
    if not set(_REQUIRED) <= names:
        return None
    return [*_REQUIRED, *(c for c in _OPTIONAL if c in names)]


def _outbox_rows(conn: sqlite3.Connection, columns: list[str], found: Salvage) -> Iterator[dict[str, Any]]:
    """A plain scan; when it breaks off on a damaged page, probe the remaining rowids one by one."""
    select = f"SELECT {', '.join(columns)} FROM outbox"
    last = 0
    try:
        for row in conn.execute(select + " ORDER BY local_id"):
            last = max(last, int(row[0]))
            yield dict(zip(columns, row, strict=True))
        return
    except (sqlite3.Error, TypeError, ValueError) as exc:
        if isinstance(exc, sqlite3.Error):
            _refuse_if_in_use(exc)
        log.warning("damaged cache: outbox scan stopped after row %d (%s); probing row by row", last, exc)
    try:
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()
        highest = int(row[0]) if row else last + _PROBE_WITHOUT_SEQUENCE
    except (sqlite3.Error, TypeError, ValueError):
        highest = last + _PROBE_WITHOUT_SEQUENCE
    for local_id in range(last + 1, highest + 1):
        try:
            row = conn.execute(select + " WHERE local_id = ?", (local_id,)).fetchone()
        except sqlite3.Error as exc:
            _refuse_if_in_use(exc)
            found.unreadable += 1
            continue
        if row is not None:
            yield dict(zip(columns, row, strict=True))


def _valid_action(raw: Mapping[str, Any]) -> dict[str, Any] | None:
    """The row as clean insert values, or None when a field the action cannot do without is garbled."""
    local_id, kind, item_id, action_type = raw["local_id"], raw["kind"], raw["aggregate_id"], raw["type"]
    key = raw["idempotency_key"]
    if not (isinstance(local_id, int) and local_id > 0 and kind in KINDS and isinstance(item_id, str) and item_id
            and action_type in ACTION_KINDS and isinstance(key, str) and key):
        return None
    try:
        payload = json.loads(raw["payload"])
    except (TypeError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("type", action_type) != action_type:
        return None
    states = {s.value for s in ActionState}
    base = raw.get("base_version")
    action = {
        "local_id": local_id, "kind": kind, "aggregate_id": item_id, "type": action_type,
        "payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":")), "idempotency_key": key,
        "base_version": base if isinstance(base, int) and not isinstance(base, bool) else None,
        # A row whose state is unreadable was not confirmed by anyone: send it again (same key).
        "state": raw.get("state") if raw.get("state") in states else ActionState.PENDING.value,
        "created_at": raw.get("created_at") if isinstance(raw.get("created_at"), str) else now_utc(),
        "attempts": raw.get("attempts") if isinstance(raw.get("attempts"), int) else 0,
        "error_status": raw.get("error_status") if isinstance(raw.get("error_status"), int) else None,
        "problem": raw.get("problem") if _is_json_object(raw.get("problem")) else None,
        "last_error": raw.get("last_error") if isinstance(raw.get("last_error"), str) else None,
        # Both or neither, as the migration stamps them: half an author matches no login (held, never sent).
        "author_id": author[0] if (author := _author(raw)) else None,
        "author_server": author[1] if author else None,
    }
    if action["state"] in (ActionState.CONFLICT.value, ActionState.FAILED.value) and action["error_status"] is None:
        action["state"] = ActionState.PENDING.value  # a problem we cannot show is better asked again
    return action


def _author(raw: Mapping[str, Any]) -> tuple[str, str] | None:
    user_id, server = raw.get("author_id"), raw.get("author_server")
    if isinstance(user_id, str) and user_id and isinstance(server, str) and server:
        return user_id, server
    return None


def _is_json_object(value: Any) -> bool:
    try:
        return isinstance(value, str) and isinstance(json.loads(value), dict)
    except ValueError:
        return False


# --- writing the fresh file --------------------------------------------------------------------------

def restore(conn: Connection, found: Salvage, quarantined: Path) -> None:
    """Inside the fresh cache's write transaction: the salvaged actions (same ids, keys, order) and state."""
    if found.actions:
        conn.execute(insert(OUTBOX), found.actions)
    for key, value in found.state.items():
        conn.execute(insert(SYNC_STATE).values(key=key, value=value))
    conn.execute(insert(SYNC_STATE), [{"key": RECOVERED_FROM, "value": quarantined.name},
                                      {"key": RECOVERED_AT, "value": now_utc()}])
