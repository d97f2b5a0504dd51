"""What the papers need to know about a dossier, from the server's last word and the officer's unsent actions.

A paper must be printable the moment an action is queued offline (the receipt right after "Tiếp nhận"), so
every fact looks at the unsent actions first: they are newer than anything the server sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from triage_desktop.core.entities import ActionState, Event, Item, OutboxAction
from triage_desktop.core.papers import wording
from triage_desktop.core.timestamps import parse_timestamp

_UNSENT = (ActionState.PENDING, ActionState.SENDING)


def unsent(item: Item) -> list[OutboxAction]:
    """The officer's actions still waiting to go out, oldest first (conflicts and failures are not counted)."""
    return [a for a in item.pending if a.state in _UNSENT]


def events_in_order(item: Item) -> list[Event]:
    """The timeline oldest first, by moment (the server's append order for equal or unreadable ones)."""
    oldest = datetime.min.replace(tzinfo=UTC)
    ordered = sorted(enumerate(item.events), key=lambda pair: (parse_timestamp(pair[1].at) or oldest, pair[0]))
    return [event for _index, event in ordered]


def _last_action(item: Item, action_type: str, status: str | None = None) -> OutboxAction | None:
    found = [a for a in unsent(item) if a.type == action_type
             and (status is None or a.payload.get("status") == status)]
    return found[-1] if found else None


def _last_event(item: Item, *types: str, status: str | None = None) -> Event | None:
    found = [e for e in events_in_order(item) if e.type in types
             and (status is None or e.type != "status_changed" or e.data.get("to") == status)]
    return found[-1] if found else None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def received_at(item: Item) -> datetime | None:
    """When the unit received the dossier: the server's `received_at`, else the queued "Tiếp nhận"."""
    if (at := parse_timestamp(item.data.get("received_at"))) is not None:
        return at
    action = _last_action(item, "acknowledge") or _last_action(item, "set_status", "received")
    if action is not None:
        return parse_timestamp(action.created_at)
    event = _last_event(item, "acknowledged")
    return parse_timestamp(event.at) if event else None


RECEIVED_STATUSES = frozenset({"received", "processing", "awaiting_supplement", "awaiting_fee", "suspended",
                               "resolved", "returned"})


def is_received(item: Item) -> bool:
    """Received by the unit, now or before (a dossier refused after reception was received)."""
    return item.effective_status in RECEIVED_STATUSES or received_at(item) is not None


@dataclass(frozen=True, slots=True)
class Supplement:
    documents: tuple[str, ...]
    reason: str
    at: datetime | None


def supplement(item: Item) -> Supplement | None:
    """The newest request for documents: the officer's unsent one, else the server's `supplement_requested`
    event (its `documents` when a list of text, else its body, line by line)."""
    action = _last_action(item, "request_supplement")
    if action is not None:
        documents = [_text(d) for d in action.payload.get("documents") or () if _text(d)]
        return Supplement(tuple(documents), _text(action.payload.get("body")), parse_timestamp(action.created_at))
    event = _last_event(item, "supplement_requested")
    if event is None:
        return None
    listed = event.data.get("documents")
    body = _text(event.body)
    if isinstance(listed, list) and listed and all(isinstance(d, str) for d in listed):
        return Supplement(tuple(d.strip() for d in listed if d.strip()), body, parse_timestamp(event.at))
    return Supplement(tuple(line.strip("-• ").strip() for line in body.splitlines() if line.strip()), "",
                      parse_timestamp(event.at))


def reason_for(item: Item, status: str) -> str:
    """The reason given for moving to `status` (rejected, suspended): the unsent change's, else the event's."""
    action = _last_action(item, "set_status", status)
    if action is not None:
        return _text(action.payload.get("reason_text"))
    event = _last_event(item, status, "status_changed", status=status)
    return _text(event.body) if event else ""


@dataclass(frozen=True, slots=True)
class Extension:
    old_due: datetime | None
    new_due: datetime | None
    letter: str
    at: datetime | None


def extension(item: Item) -> Extension | None:
    """The newest extension: the unsent `extend` (from the cached due date), else the `extended` event."""
    action = _last_action(item, "extend")
    if action is not None:
        return Extension(parse_timestamp(item.due_at), parse_timestamp(action.payload.get("new_due_at")),
                         _text(action.payload.get("apology_letter")), parse_timestamp(action.created_at))
    event = _last_event(item, "extended")
    if event is None:
        return None
    return Extension(parse_timestamp(event.data.get("from")), parse_timestamp(event.data.get("to")), _text(event.body),
                     parse_timestamp(event.at))


@dataclass(frozen=True, slots=True)
class Step:
    """One line of the control slip: a timeline event, or an unsent action as the event it will become."""

    at: datetime | None
    author_id: str | None
    type: str
    data: Mapping[str, Any]
    body: str
    unsent: bool = False


def steps(item: Item) -> list[Step]:
    """The dossier's timeline oldest first, then the officer's unsent actions."""
    lines = [Step(parse_timestamp(e.at), e.author_id, e.type, e.data, _text(e.body)) for e in events_in_order(item)]
    for action in unsent(item):
        kind = wording.ACTION_EVENT.get(action.type)
        data: dict[str, Any] = dict(action.payload)
        if action.type == "set_status":
            target = str(action.payload.get("status"))
            kind = wording.STATUS_EVENT.get(target, "status_changed")
            data = {"to": target}
        elif action.type == "assign":
            data = {"to": action.payload.get("assignee_id")}
        elif action.type == "extend":
            data = {"to": action.payload.get("new_due_at")}
        body = _text(action.payload.get("body") or action.payload.get("reason_text"))
        lines.append(Step(parse_timestamp(action.created_at), action.author_id, kind or action.type, data, body, unsent=True))
    return lines


def original_due(item: Item) -> datetime | None:
    """The appointment before any extension: the first extension's `from`, else the current due date."""
    first = next((e for e in events_in_order(item) if e.type == "extended"), None)
    return (parse_timestamp(first.data.get("from")) if first is not None else None) or parse_timestamp(item.due_at)
