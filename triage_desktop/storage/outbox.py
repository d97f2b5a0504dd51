"""Outbox rows inside a caller's transaction: creating them, reading them back as core OutboxActions,
turning the unsent actions on a vanished item into conflicts (central-api.md §5, §7), and the audit entry each
change of an action leaves in the same transaction (storage.audit)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, and_, false, insert, or_, select, true, update

from triage_desktop.core.entities import ActionState, OutboxAction
from triage_desktop.storage import audit
from triage_desktop.storage.login_record import stored_login
from triage_desktop.storage.rows import now_utc
from triage_desktop.storage.schema import OUTBOX

UNSENT = (ActionState.PENDING.value, ActionState.SENDING.value)
OPEN_PROBLEMS = (ActionState.CONFLICT.value, ActionState.FAILED.value)
# What an action on an item that left our feed (deleted, merged, transferred, dropped by a resync) gets.
GONE_PROBLEM: Mapping[str, Any] = {"type": "https://triage.example/problems/gone", "title": "deleted",
                                   "status": 404}
GONE_STATUS = 404
Effect = tuple[str, Mapping[str, Any]]  # an unsent action's (type, payload)
LAST_ERROR_LIMIT = 500  # transport error text; enough to diagnose, never a whole response body


def to_action(row: Row[Any]) -> OutboxAction:
    m = row._mapping
    return OutboxAction(
        local_id=m["local_id"], kind=m["kind"], aggregate_id=m["aggregate_id"], type=m["type"],
        payload=json.loads(m["payload"]), idempotency_key=m["idempotency_key"],
        base_version=m["base_version"], state=ActionState(m["state"]), created_at=m["created_at"],
        attempts=m["attempts"], error_status=m["error_status"],
        problem=json.loads(m["problem"]) if m["problem"] else None, last_error=m["last_error"],
        author_id=m["author_id"], author_server=m["author_server"], not_before=m["not_before"],
    )


@dataclass(frozen=True, slots=True)
class Author:
    """Who is logged in on the profile (sync_state "user" id and "server_url"); both None when nobody is."""

    user_id: str | None
    server: str | None

    @property
    def known(self) -> bool:
        return bool(self.user_id and self.server)

    def of(self) -> ColumnElement[bool]:
        """The outbox rows this login may send: its own, never another's nor an unknown author's."""
        if not self.known:
            return false()
        return and_(OUTBOX.c.author_id == self.user_id, OUTBOX.c.author_server == self.server)

    def not_of(self) -> ColumnElement[bool]:
        """Every other row, unknown authors included (IS NOT: a NULL author is someone else, not "unknown")."""
        if not self.known:
            return true()
        return or_(OUTBOX.c.author_id.is_distinct_from(self.user_id),
                   OUTBOX.c.author_server.is_distinct_from(self.server))


def current_author(conn: Connection) -> Author:
    """The stored login; a garbled "user" record counts as no login (its actions are held, never guessed)."""
    user, server = stored_login(conn)
    user_id = user.get("id") if user is not None else None
    if user_id is None or isinstance(user_id, bool) or not str(user_id) or not server:
        return Author(None, None)
    return Author(str(user_id), server)


def get(conn: Connection, local_id: int) -> OutboxAction | None:
    row = conn.execute(select(OUTBOX).where(OUTBOX.c.local_id == local_id)).first()
    return to_action(row) if row is not None else None


def encoded(payload: Mapping[str, Any]) -> str:
    """An action's payload as the outbox stores it (compact JSON, Vietnamese kept as is)."""
    return json.dumps(dict(payload), ensure_ascii=False, separators=(",", ":"))


def add(conn: Connection, kind: str, item_id: str, action_type: str, payload: Mapping[str, Any],
        base_version: int | None, author: Author, *, not_before: str | None = None) -> OutboxAction:
    """A new pending action with its Idempotency-Key, made here once and kept for every retry; `not_before`:
    the UTC moment its undo window ends (it is not sent before)."""
    body = dict(payload)
    if body.setdefault("type", action_type) != action_type:
        raise ValueError("payload type differs from action type")
    values = {
        "kind": kind, "aggregate_id": item_id, "type": action_type,
        "payload": encoded(body),
        "idempotency_key": str(uuid.uuid4()), "base_version": base_version,
        "state": ActionState.PENDING.value, "created_at": now_utc(), "attempts": 0,
        "author_id": author.user_id, "author_server": author.server, "not_before": not_before,
    }
    inserted = conn.execute(insert(OUTBOX).values(values)).inserted_primary_key
    assert inserted is not None  # typed Optional; a one-row INSERT always has it
    local_id = inserted[0]
    action = get(conn, local_id)
    assert action is not None
    return action


def unsent_effects(conn: Connection, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], list[Effect]]:
    """The (type, payload) of each item's unsent actions, in creation order: what its list columns show."""
    found: dict[tuple[str, str], list[Effect]] = {}
    if not keys:
        return found
    o = OUTBOX.c
    # The outbox is small and `keys` may be a whole page: intersect in Python.
    for kind, item_id, action_type, payload in conn.execute(
            select(o.kind, o.aggregate_id, o.type, o.payload).where(o.state.in_(UNSENT)).order_by(o.local_id)):
        if (kind, item_id) in keys:
            found.setdefault((kind, item_id), []).append((action_type, json.loads(payload)))
    return found


def set_problem(conn: Connection, local_id: int, state: ActionState, status: int,
                problem: Mapping[str, Any] | None) -> None:
    conn.execute(update(OUTBOX).where(OUTBOX.c.local_id == local_id).values(
        state=state.value, error_status=status,
        problem=json.dumps(dict(problem), ensure_ascii=False) if problem is not None else None))


def mark_gone(conn: Connection, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Unsent actions on these items become conflicts (each audited); returns the items that had any."""
    # The outbox is small and the key set may be a whole resync's drop list: intersect in Python.
    unsent = [to_action(row) for row in
              conn.execute(select(OUTBOX).where(OUTBOX.c.state.in_(UNSENT)).order_by(OUTBOX.c.local_id))]
    touched = {(a.kind, a.aggregate_id) for a in unsent}.intersection(keys)
    problem = json.dumps(dict(GONE_PROBLEM))
    for kind, item_id in touched:
        conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.kind == kind, OUTBOX.c.aggregate_id == item_id, OUTBOX.c.state.in_(UNSENT))
            .values(state=ActionState.CONFLICT.value, error_status=GONE_STATUS, problem=problem))
    for action in unsent:
        if (action.kind, action.aggregate_id) in touched:
            record(conn, "conflicted", action, status=GONE_STATUS, reason="gone")
    return touched


def record(conn: Connection, word: str, action: OutboxAction, *, actor: str | None = None,
           **detail: str | int | None) -> None:
    """The audit entry for something that happened to `action`, in the caller's transaction.

    The actor is the action's author unless given (a discard or a retry is done by whoever is logged in now).
    The detail names the action by type and local id, never by its payload (notes, phone numbers).
    """
    who = actor if actor is not None else audit.author_name(conn, action.author_id, action.author_server)
    audit.append(conn, who, word, kind=action.kind, item_id=action.aggregate_id,
                 detail={"type": action.type, "local_id": action.local_id, **detail})
