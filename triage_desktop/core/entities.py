"""Plain data handed between layers: frozen dataclasses, never live ORM rows or widgets."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from triage_desktop.core import fields, queues
from triage_desktop.core.action_specs import ACTION_SPECS
from triage_desktop.core.deadlines import DeadlineBounds
from triage_desktop.core.record import RecordCell


@dataclass(frozen=True, slots=True)
class User:
    id: str
    username: str
    full_name: str
    unit_id: str
    roles: tuple[str, ...]

    @property
    def display_name(self) -> str:
        """What lists and dialogs call this person (and what the list sorts by)."""
        return self.full_name or self.username or self.id

    @property
    def is_leader(self) -> bool:
        return "leader" in self.roles

    @property
    def is_officer(self) -> bool:
        return "officer" in self.roles

    @property
    def is_clerk_only(self) -> bool:
        return "clerk" in self.roles and not (self.is_leader or self.is_officer)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> User:
        return cls(
            id=str(data["id"]),
            username=str(data.get("username", "")),
            full_name=str(data.get("full_name", "")),
            unit_id=str(data.get("unit_id", "")),
            roles=tuple(str(r) for r in data.get("roles", ())),
        )

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "full_name": self.full_name,
                "unit_id": self.unit_id, "roles": list(self.roles)}


class ActionState(enum.StrEnum):
    PENDING = "pending"  # stored locally, not yet accepted by the server
    SENDING = "sending"  # a request is (or was, when the process died) on the wire
    CONFLICT = "conflict"  # 412/409/404/403: the officer decides (re-apply or discard)
    FAILED = "failed"  # another final answer (422…): kept and shown, never dropped silently


@dataclass(frozen=True, slots=True)
class OutboxFile:
    """A file queued with an action: its bytes wait in the cache until they are uploaded (§8)."""

    file_id: int
    position: int  # the order the officer attached them in
    filename: str  # the name it had on disk; sent as X-Filename, never used as a path
    content_type: str
    size: int
    sha256: str
    attachment_id: str | None = None  # the server's id once uploaded

    def to_json(self) -> dict[str, Any]:
        return {"position": self.position, "filename": self.filename, "content_type": self.content_type,
                "size": self.size, "sha256": self.sha256, "attachment_id": self.attachment_id}


@dataclass(frozen=True, slots=True)
class OutboxAction:
    """One queued officer action (central-api.md §7)."""

    local_id: int
    kind: str
    aggregate_id: str
    type: str
    payload: Mapping[str, Any]  # the JSON body, `type` included
    idempotency_key: str
    base_version: int | None  # the version the officer saw; sent as If-Match
    state: ActionState
    created_at: str  # RFC 3339, UTC
    attempts: int = 0
    error_status: int | None = None
    problem: Mapping[str, Any] | None = None  # the server's problem+json for conflicts/failures
    last_error: str | None = None  # transport error text of the last attempt
    # Who made it: the officer's user id and the server they were logged in to. It is only ever sent under
    # that login; None when nobody was logged in (or a salvaged row lost it), and then it is never sent.
    author_id: str | None = None
    author_server: str | None = None
    # Not sent before this UTC moment (RFC 3339): the undo window of a reply, an assignment, a status change.
    not_before: str | None = None
    files: tuple[OutboxFile, ...] = ()  # in attach order; their bytes stay in storage

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.local_id, "kind": self.kind, "aggregate_id": self.aggregate_id, "type": self.type,
            "state": str(self.state), "payload": dict(self.payload), "idempotency_key": self.idempotency_key,
            "base_version": self.base_version, "created_at": self.created_at, "attempts": self.attempts,
            "error_status": self.error_status, "problem": dict(self.problem) if self.problem else None,
            "last_error": self.last_error, "author_id": self.author_id, "author_server": self.author_server,
            "not_before": self.not_before,
            "files": [f.to_json() for f in self.files],
        }


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    at: str
    author_id: str | None
    type: str
    visibility: str
    body: str | None
    data: Mapping[str, Any]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            id=str(data.get("id", "")), at=str(data.get("at", "")), author_id=data.get("author_id"),
            type=str(data.get("type", "")), visibility=str(data.get("visibility", "internal")),
            body=data.get("body"), data=_object(data.get("data")),
        )


def _object(value: Any) -> Mapping[str, Any]:
    """§4: an event's `data` holds its type's details as an object; anything else (null, a list, a string from
    a faulty server) reads as none, so every reader may call .get on it."""
    return value if isinstance(value, Mapping) else {}


@dataclass(frozen=True, slots=True)
class Attachment:
    id: str
    filename: str  # the citizen's, untrusted: display only, never a path
    content_type: str
    size: int
    sha256: str
    origin: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Attachment:
        return cls(id=str(data.get("id", "")), filename=str(data.get("filename", "")),
                   content_type=str(data.get("content_type", "")), size=int(data.get("size") or 0),
                   sha256=str(data.get("sha256", "")), origin=str(data.get("origin", "citizen")))


@dataclass(frozen=True, slots=True)
class Item:
    """A cached aggregate: the server's last word (`data`, unknown fields kept) plus our unsent actions."""

    kind: str
    id: str
    version: int
    data: Mapping[str, Any]
    pending: tuple[OutboxAction, ...] = ()

    @property
    def status(self) -> str:
        return str(self.data.get("status", ""))

    @property
    def assignee_id(self) -> str | None:
        return self.data.get("assignee_id")

    # The fields of §4, read defensively by core.fields (text is "" when missing, null or not text).
    @property
    def code(self) -> str:
        """The code officers quote; "" when the server sent none (show the id then)."""
        return fields.code(self.data)

    @property
    def title(self) -> str:
        """A report's title, a dossier's summary."""
        return fields.title(self.kind, self.data)

    @property
    def description(self) -> str:
        return fields.description(self.kind, self.data)

    @property
    def category(self) -> str:
        """A report's category_code, a dossier's procedure_code."""
        return fields.category(self.kind, self.data)

    @property
    def priority(self) -> str:
        return fields.priority(self.data)

    @property
    def unit_id(self) -> str:
        return fields.unit_id(self.data)

    @property
    def step(self) -> str:
        return fields.step(self.kind, self.data)

    @property
    def due_at(self) -> str:
        """The deadline as the server wrote it; "" when there is none."""
        return fields.due_at(self.data)

    @property
    def person_name(self) -> str:
        """The citizen's or the applicant's name."""
        return fields.person_name(self.kind, self.data)

    @property
    def phone(self) -> str:
        return fields.phone(self.kind, self.data)

    @property
    def contact_allowed(self) -> bool:
        return fields.contact_allowed(self.kind, self.data)

    @property
    def id_number(self) -> str:
        return fields.id_number(self.kind, self.data)

    @property
    def address(self) -> str:
        return fields.address(self.kind, self.data)

    @property
    def coordinates(self) -> tuple[float, float] | None:
        return fields.coordinates(self.kind, self.data)

    @property
    def events(self) -> list[Event]:
        return [Event.from_json(e) for e in self.data.get("events") or () if isinstance(e, Mapping)]

    @property
    def attachments(self) -> list[Attachment]:
        return [Attachment.from_json(a) for a in self.data.get("attachments") or () if isinstance(a, Mapping)]

    @property
    def effective(self) -> Mapping[str, Any]:
        """The aggregate as it will be once our unsent actions go through (with_pending): what the list shows."""
        unsent = [(a.type, a.payload) for a in self.pending if a.state in (ActionState.PENDING, ActionState.SENDING)]
        return with_pending(self.kind, self.data, unsent)

    @property
    def effective_status(self) -> str:
        """The status once our unsent status changes go through (what the officer expects to see)."""
        return str(self.effective.get("status", ""))

    @property
    def effective_assignee_id(self) -> str | None:
        """The assignee once our unsent assignments go through."""
        return self.effective.get("assignee_id")


def with_pending(kind: str, data: Mapping[str, Any],
                 unsent: Iterable[tuple[str, Mapping[str, Any]]]) -> Mapping[str, Any]:
    """The aggregate's list fields (status, assignee, priority) as they will be once these unsent actions
    (type, payload), in creation order, go through: what the queues and badges show meanwhile. What each type
    does is its row's `effect` in `core.action_specs`."""
    changed: dict[str, Any] = {}
    for action_type, payload in unsent:
        spec = ACTION_SPECS.get(action_type)
        if spec is not None:
            changed.update(spec.effect(kind, payload))
    return {**data, **changed} if changed else data


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One line of the big list: only the columns shown, read a page at a time."""

    kind: str
    id: str
    code: str
    title: str
    status: str
    priority: str
    category: str  # category_code for reports, procedure_code for dossiers
    assignee_id: str | None
    submitted_at: str
    due_at: str | None
    updated_at: str
    unsent: int = 0  # pending or sending actions
    conflicts: int = 0  # conflict or failed actions
    unread: bool = False  # arrived since the first sync and not opened by the officer of the query


QUEUES = queues.QUEUES  # what each holds: core.queues.QUEUE_RULES
SORT_KEYS = ("code", "title", "status", "priority", "category", "assignee_id", "submitted_at", "due_at", "updated_at")


@dataclass(frozen=True, slots=True)
class ItemQuery:
    """What the list shows: a queue of one kind, an optional search, an order."""

    kind: str
    queue: str = "all"  # one of QUEUES
    user_id: str | None = None  # for "mine"
    text: str = ""
    # One of SORT_KEYS; the list sorts in SQL on an indexed column.
    sort_key: str = "submitted_at"
    descending: bool = True
    status: str | None = None
    category: str | None = None
    assignee_id: str | None = None
    channel: str | None = None  # the contract's channel (zalo_mini_app, hotline, online, walk_in…)
    deadline: str | None = None  # one of core.deadlines.DEADLINE_FILTERS
    # The clock of a deadline queue or filter (core.deadlines.DeadlineBounds); required with either, so the
    # same query gives the same rows until the caller moves the clock on.
    bounds: DeadlineBounds | None = None
    # The items behind a number of the ward's record (issue 13): counted and listed by the same SQL.
    record: RecordCell | None = None


@dataclass(frozen=True, slots=True)
class SavedView:
    """A named list: queue, filters and order (built-in ones from core.views, the officer's kept in the cache)."""

    name: str
    kind: str
    queue: str = "all"
    status: str | None = None
    category: str | None = None
    assignee_id: str | None = None
    channel: str | None = None
    deadline: str | None = None
    sort_key: str = "submitted_at"
    descending: bool = True
    builtin: bool = False


@dataclass(frozen=True, slots=True)
class SyncProgress:
    phase: str  # "meta" | "pull" | "push" | "wait"
    done: int = 0
    total: int | None = None


@dataclass(slots=True)
class SyncReport:
    pulled: int = 0  # changes applied
    pushed: int = 0  # actions accepted
    conflicts: int = 0  # actions that became conflicts in this run
    failed: int = 0
    changed: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) of aggregates touched
    unsent: int = 0  # pending + sending left
    open_conflicts: int = 0  # conflict + failed left, waiting for the officer
    in_step: bool = False  # feed drained and nothing sendable left


@dataclass(frozen=True, slots=True)
class CacheRecovery:
    """A damaged cache was set aside at start-up: what the officer must be told, exactly."""

    file_name: str  # the quarantined copy, for IT
    kept: int  # unsent actions carried over into the fresh cache
    not_found: tuple[int, ...] = ()  # outbox ids the damaged file did not give back
    nothing_lost: bool = True  # the outbox was read whole: a missing id had been sent or discarded before
