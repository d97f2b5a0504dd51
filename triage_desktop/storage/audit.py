"""The audit trail (issue 10): an append-only, hash-chained log, in the cache, of what officials did.

Every entry is written inside the caller's write transaction (as the outbox's rows are), so an action and its
entry commit together or not at all. Each entry's `hash` is SHA-256 over a canonical encoding of its fields and
the previous entry's hash, so `verify` finds an entry edited, removed from the middle or cut off the end
(sqlite_sequence keeps the highest seq ever given) by anyone who went around this module. Someone who can
open the cache and rewrite the whole chain from a point on is not found: see docs/NOTES.md, "The audit trail".

`detail` is a small JSON object for the reader of the trail: the action type and local id, the field revealed,
the export format and row count. It never holds a secret, note text or an unmasked phone number or CCCD;
`append` refuses long text and long digit runs, so a caller's slip fails loudly instead of landing here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from triage_desktop.storage.login_record import stored_login
from triage_desktop.storage.rows import now_utc
from triage_desktop.storage.schema import AUDIT_LOG, REFERENCE

GENESIS = "0" * 64  # the prev_hash of the first entry
# Actions are short stable words (queued, sent, conflicted, reapplied, discarded, revealed, exported, login…).
_WORD = re.compile(r"[a-z][a-z_]{0,31}")
# Detail strings are words and ids, never free text: one word (no spaces), at most 64 characters and 8 digits,
# so a note, an address, a full name, a phone number (10 digits) or a CCCD (12) is refused.
DETAIL_TEXT_LIMIT = 64
DETAIL_DIGITS_LIMIT = 8
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s")

# What verify reports.
EDITED = "edited"  # the entry's fields no longer give its hash
LINK = "link"  # its prev_hash is not the previous entry's hash: that one was rewritten (hash and all), or this one
REMOVED = "removed"  # entries first..last are missing before this one
REMOVED_LAST = "removed_last"  # entries first..last are missing at the end (sqlite_sequence says they existed)
SEQUENCE = "sequence"  # sqlite_sequence is below the last entry: the bookkeeping of the log was edited


@dataclass(frozen=True, slots=True)
class Entry:
    seq: int
    at: str  # UTC RFC 3339
    actor: str  # username; '' when none
    action: str
    kind: str | None
    item_id: str | None
    detail: str  # JSON text as stored (and hashed)
    prev_hash: str
    hash: str

    @property
    def details(self) -> dict[str, Any]:
        try:
            found = json.loads(self.detail)
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken link of the chain: `problem` (EDITED, LINK, REMOVED, REMOVED_LAST, SEQUENCE) at entry `seq`;
    for the removals, the missing seqs are first..last."""

    seq: int
    problem: str
    first: int | None = None
    last: int | None = None


def entry_hash(seq: int, at: str, actor: str, action: str, kind: str | None, item_id: str | None, detail: str,
               prev_hash: str) -> str:
    """SHA-256 (hex) of the entry's fields as a compact JSON array: one encoding, whatever the platform."""
    canonical = json.dumps([seq, at, actor, action, kind, item_id, detail, prev_hash],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def detail_text(detail: Mapping[str, Any] | None) -> str:
    """The canonical JSON of a detail; ValueError (naming the key, never the value) for anything that could be
    citizen text or a secret."""
    clean: dict[str, Any] = {}
    for key, value in (detail or {}).items():
        if not isinstance(key, str) or not _WORD.fullmatch(key):
            raise ValueError("audit detail key is not a short word")
        values = value if isinstance(value, list | tuple) else [value]
        for one in values:
            if one is not None and not isinstance(one, str | int | float):  # bool is an int
                raise ValueError(f"audit detail {key!r} is not a plain value")
            if isinstance(one, str) and not fits(one):
                raise ValueError(f"audit detail {key!r} looks like free text or a number that must stay masked")
        clean[key] = list(value) if isinstance(value, list | tuple) else value
    return json.dumps(clean, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def fits(text: str) -> bool:
    """Whether a string may go into a detail: a word or an id, not text that could be a citizen's."""
    return (len(text) <= DETAIL_TEXT_LIMIT and not _SPACE.search(text)
            and len(_DIGIT.findall(text)) <= DETAIL_DIGITS_LIMIT)


def _ceiling(conn: Connection) -> int:
    """The highest seq ever given (AUTOINCREMENT's bookkeeping); 0 before the first entry."""
    found = conn.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").scalar()
    return int(found or 0)


def append(conn: Connection, actor: str | None, action: str, *, kind: str | None = None,
           item_id: str | None = None, detail: Mapping[str, Any] | None = None) -> Entry:
    """Add an entry inside the caller's write transaction (BEGIN IMMEDIATE: no other writer can interleave)."""
    if not _WORD.fullmatch(action):
        raise ValueError("audit action is not a short word")
    text = detail_text(detail)
    last = conn.execute(select(AUDIT_LOG.c.seq, AUDIT_LOG.c.hash).order_by(AUDIT_LOG.c.seq.desc()).limit(1)).first()
    # Past any removed tail too: seqs are never given twice, so verify can tell a removal from a new entry.
    seq = max(_ceiling(conn), last.seq if last is not None else 0) + 1
    prev = last.hash if last is not None else GENESIS
    at = now_utc()
    who = actor or ""
    entry = Entry(seq, at, who, action, kind, item_id, text, prev,
                  entry_hash(seq, at, who, action, kind, item_id, text, prev))
    conn.execute(insert(AUDIT_LOG).values(seq=entry.seq, at=entry.at, actor=entry.actor, action=entry.action,
                                          kind=entry.kind, item_id=entry.item_id, detail=entry.detail,
                                          prev_hash=entry.prev_hash, hash=entry.hash))
    return entry


def entries(conn: Connection) -> list[Entry]:
    """The whole trail in seq order (a few hundred entries a day: small enough to read at once)."""
    rows = conn.execute(select(AUDIT_LOG).order_by(AUDIT_LOG.c.seq)).all()
    return [Entry(**row._mapping) for row in rows]


def verify(conn: Connection) -> list[Finding]:
    """Every broken link of the chain, in seq order; [] when the trail is whole (an empty trail is)."""
    findings: list[Finding] = []
    expected, prev = 1, GENESIS
    for e in entries(conn):
        if e.seq != expected:
            findings.append(Finding(e.seq, REMOVED, expected, e.seq - 1))
        elif e.prev_hash != prev:
            findings.append(Finding(e.seq, LINK))
        if entry_hash(e.seq, e.at, e.actor, e.action, e.kind, e.item_id, e.detail, e.prev_hash) != e.hash:
            findings.append(Finding(e.seq, EDITED))
        expected, prev = e.seq + 1, e.hash
    ceiling, last = _ceiling(conn), expected - 1
    if ceiling > last:
        findings.append(Finding(ceiling, REMOVED_LAST, last + 1, ceiling))
    elif ceiling < last:
        findings.append(Finding(last, SEQUENCE))
    return findings


# --- who --------------------------------------------------------------------------------------------------

def _stored_user(conn: Connection) -> tuple[str | None, str | None, str | None]:
    """(user id, username, server) of the login stored now; Nones when there is none or it is garbled."""
    user, server = stored_login(conn)
    if user is None or user.get("id") is None:
        return None, None, server
    return str(user["id"]), str(user.get("username") or "") or None, server


def current_actor(conn: Connection) -> str:
    """The username logged in on this profile now; '' when nobody is."""
    return _stored_user(conn)[1] or ""


def author_name(conn: Connection, author_id: str | None, author_server: str | None) -> str:
    """The username of an outbox row's author: the login stored now when it is theirs, else the /members list;
    the user id when the name is no longer known, '' for an action without an author."""
    if not author_id:
        return ""
    user_id, username, server = _stored_user(conn)
    if user_id == author_id and server == author_server and username:
        return username
    text = conn.execute(select(REFERENCE.c.json).where(REFERENCE.c.name == "members")).scalar()
    try:
        members = json.loads(text) if text else []
    except ValueError:
        members = []
    for member in members if isinstance(members, list) else []:
        if isinstance(member, Mapping) and str(member.get("id")) == author_id and member.get("username"):
            return str(member["username"])
    return author_id
