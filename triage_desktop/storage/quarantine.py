"""A damaged cache at start-up: move it aside, keep the officer's unsent actions, start a fresh file.

The cache is only a copy of the server, except for the outbox: actions the officer made and the server has
not confirmed. So when the file fails its integrity check (or is not a database at all), we

1. salvage the outbox rows and the few state keys that say who is logged in where (so the keyring's token
   still matches), trying three ways and merging them (`salvage`): plain sqlite3, best effort and row by row
   (on a copy with a rebuilt header when the file's own is destroyed); the sqlite3 tool's `.recover` on a copy,
   where the tool exists; and our own reader of the file format (page_recovery), which also reads the pages a
   damaged WAL holds beyond what SQLite replays. What was and was not recovered is reported exactly
   (recovery_report) and kept in the fresh cache;
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
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

from triage_desktop.core.action_specs import ACTION_SPECS
from triage_desktop.core.entities import ActionState
from triage_desktop.core.vocabulary import KINDS
from triage_desktop.storage import audit, cipher, page_recovery, plain_read, recover_cli, wal_file
from triage_desktop.storage.plain_read import InUse
from triage_desktop.storage.recovery_report import RecoveryReport, ranges
from triage_desktop.storage.rows import now_utc
from triage_desktop.storage.schema import OUTBOX, SYNC_STATE

log = logging.getLogger(__name__)

# SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged or not a database. Never busy/readonly/full/io:
# those are the environment, and quarantining a healthy file would throw away nothing but cost a resync.
CORRUPTION_CODES = frozenset({11, 26})
SIDECARS = ("-wal", "-shm", "-journal")
RECOVERING_SUFFIX = ".recovering"
# State that must survive: who is logged in on which server (the keyring's account name is made of it)
# and this PC's device id. Not the cursor: the fresh cache must resync from the start.
KEPT_STATE = ("server_url", "user", "device_id")
# State keys the fresh cache gets, so a later start (or the window) can still tell the officer.
RECOVERED_FROM, RECOVERED_AT, RECOVERY = "recovered_from", "recovered_at", "recovery"
__all__ = ["InUse"]  # raised by salvage: the damaged file is busy in another program


class Damaged(Exception):
    """The cache failed its integrity check; `reason` is a short word for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_corruption(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return isinstance(orig, cipher.DB_ERRORS) and isinstance(code, int) and code & 0xFF in CORRUPTION_CODES


def wal_damage(path: Path) -> str | None:
    """A reason when the WAL holds committed transactions SQLite would silently drop (see wal_file)."""
    lost = wal_file.lost_commits(path)
    return f"wal: {lost} committed transactions past a damaged frame" if lost else None


@dataclass
class Salvage:
    """What could still be read from a damaged cache."""

    actions: list[dict[str, Any]] = field(default_factory=list)  # outbox rows, local_id order
    state: dict[str, str] = field(default_factory=dict)
    report: RecoveryReport = field(default_factory=RecoveryReport)

    @property
    def unreadable(self) -> int:
        return self.report.unreadable


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

def salvage(path: Path, reason: str = "", key: bytes | None = None) -> Salvage:
    """Best effort, three ways, merged: whatever outbox rows and state keys can be read. Never raises for a
    damaged file; raises InUse when another program holds it busy. Never changes the damaged file.

    `key`: the file is encrypted with it. Then the sqlite3 tool (which cannot read SQLCipher files) is not run
    and no copy with a rebuilt header is made (the salt in it cannot be rebuilt); the page reader decrypts
    and authenticates every page itself, and writes nothing in clear anywhere.

    Merged by local id in this order: plain sqlite3, then `.recover`, then the page reader; a copy the page
    reader saw in WAL frames SQLite no longer replays is newer than the others' and wins. Then by key.
    """
    report = RecoveryReport(reason=reason)
    pages = page_recovery.read(path, key)
    report.notes += pages.notes
    with tempfile.TemporaryDirectory(prefix="triage-salvage-") as tmp:
        work = Path(tmp)
        plain = plain_read.read(path, KEPT_STATE, key=key)
        report.readable = plain.opened
        if not plain.opened and pages.page_size is not None and key is None:
            # Read a copy instead: with a rebuilt header when the file's own is destroyed.
            plain = plain_read.read(_copy(path, work / "plain", pages), KEPT_STATE, writable=True)
            if plain.opened and not pages.header_ok:
                report.notes.append("header rebuilt on a copy")
        plain_whole = plain.opened and plain.complete and not pages.wal_lost_commits
        cli = plain_read.PlainRead()
        if plain_whole:
            report.cli = "not needed"
        elif pages.page_size is None:
            report.cli = "not run: nothing in the file looks like SQLite pages"
        elif key is not None:
            report.cli = "not run: the cache is encrypted"
        else:
            result = recover_cli.recover(_copy(path, work / "cli", pages), work)
            report.cli = result.status
            if result.database is not None:
                cli = plain_read.read(result.database, KEPT_STATE, writable=True)
    state = _merge_state(plain.state, cli.state, pages)
    fallback = _author_from(state)
    candidates: list[tuple[str, list[tuple[dict[str, Any], int]]]] = [
        ("plain", [(row, 0) for row in plain.rows]),
        ("recover-cli", [(row, 0) for row in cli.rows]),
        ("pages", [(page_recovery.outbox_row(f), 1 if f.seen_at >= pages.wal_replayed else 0)
                   for f in pages.outbox]),
    ]
    actions = _merge(candidates, fallback, report)
    kept = {a["local_id"] for a in actions}
    report.unreadable += len(set(plain.failed_ids) - kept)  # damage SQLite hit that no other way read around
    report.outbox_intact = plain_whole or pages.tree_complete
    _account(report, actions, [plain.outbox_seq, cli.outbox_seq, pages.outbox_seq])
    return Salvage(actions, state, report)


def _copy(path: Path, folder: Path, pages: page_recovery.PageFindings) -> Path:
    """A working copy (with its WAL) that tools may open read-write; its header rebuilt when destroyed."""
    folder.mkdir()
    copy = folder / path.name
    shutil.copyfile(path, copy)
    wal = wal_file.wal_path(path)
    if wal.exists():
        shutil.copyfile(wal, wal_file.wal_path(copy))
    if not pages.header_ok and pages.page_size is not None:
        with open(copy, "r+b") as handle:
            handle.write(page_recovery.rebuilt_header(pages.page_size, copy.stat().st_size // pages.page_size))
    return copy


def _merge_state(plain: dict[str, str], cli: dict[str, str], pages: page_recovery.PageFindings) -> dict[str, str]:
    state: dict[str, str] = {}
    for key in KEPT_STATE:
        found = pages.state.get(key)
        newer = found is not None and found.seen_at >= pages.wal_replayed
        value = (found.values[1] if newer and found else None) or plain.get(key) or cli.get(key) or (
            found.values[1] if found else None)
        if isinstance(value, str):
            state[key] = value
    return state


def _author_from(state: Mapping[str, str]) -> tuple[str, str] | None:
    """The login rows written before r0003 belong to, as the migration would have stamped them."""
    try:
        user = json.loads(state.get("user") or "null")
    except ValueError:
        return None
    user_id = user.get("id") if isinstance(user, dict) else None
    server = state.get("server_url")
    if user_id is None or isinstance(user_id, bool) or not str(user_id) or not server:
        return None
    return str(user_id), server


def _merge(candidates: list[tuple[str, list[tuple[dict[str, Any], int]]]], fallback: tuple[str, str] | None,
           report: RecoveryReport) -> list[dict[str, Any]]:
    chosen: dict[int, tuple[int, int, str, dict[str, Any]]] = {}  # local_id -> (newer, -method order, method, row)
    for order, (method, rows) in enumerate(candidates):
        ids: set[int] = set()
        for raw, newer in rows:
            action = _valid_action(raw, fallback)
            if action is None:
                report.unreadable += method != "pages"  # the page reader keeps only well-shaped rows anyway
                continue
            ids.add(action["local_id"])
            rank = (newer, -order)
            current = chosen.get(action["local_id"])
            if current is None or rank > current[:2]:
                chosen[action["local_id"]] = (newer, -order, method, action)
        report.found[method] = len(ids)
    actions: list[dict[str, Any]] = []
    keys: set[str] = set()
    for local_id in sorted(chosen):
        _, _, method, action = chosen[local_id]
        if action["idempotency_key"] in keys:  # the unique index may be what was damaged
            continue
        keys.add(action["idempotency_key"])
        actions.append(action)
        report.kept_from[method] = report.kept_from.get(method, 0) + 1
    return actions


def _account(report: RecoveryReport, actions: list[dict[str, Any]], sequences: list[int | None]) -> None:
    """Which ids were recovered, and which between 1 and the highest were not found."""
    ids = [a["local_id"] for a in actions]
    report.kept, report.recovered_ids = len(actions), ids
    report.without_author = sum(1 for a in actions if a["author_id"] is None)
    counters = [s for s in sequences if s is not None]
    if counters:
        report.highest_id, report.highest_from = max(counters), "sqlite_sequence"
    elif ids:
        report.highest_id, report.highest_from = max(ids), "rows"
    if report.highest_id is not None:
        report.not_found = ranges(sorted(set(range(1, report.highest_id + 1)) - set(ids)))


def _valid_action(raw: Mapping[str, Any], fallback: tuple[str, str] | None = None) -> dict[str, Any] | None:
    """The row as clean insert values, or None when a field the action cannot do without is garbled.

    `fallback` is the author of rows from before r0003, which carry no author columns.
    """
    local_id, kind, item_id, action_type = raw["local_id"], raw["kind"], raw["aggregate_id"], raw["type"]
    key = raw["idempotency_key"]
    if not (isinstance(local_id, int) and local_id > 0 and kind in KINDS and isinstance(item_id, str) and item_id
            and action_type in ACTION_SPECS and isinstance(key, str) and key):
        return None
    try:
        payload = json.loads(raw["payload"])
    except (TypeError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("type", action_type) != action_type:
        return None
    states = {s.value for s in ActionState}
    base = raw.get("base_version")
    author = _author(raw) if "author_id" in raw else fallback
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
        "author_id": author[0] if author else None,
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
                                      {"key": RECOVERED_AT, "value": now_utc()},
                                      {"key": RECOVERY, "value": found.report.to_json()}])
    # The audit trail starts again here; the one before stays in the quarantined file. Say so in the new one.
    audit.append(conn, audit.current_actor(conn), "recovered", detail={"kept": len(found.actions)})
