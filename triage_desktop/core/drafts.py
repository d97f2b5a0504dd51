"""Drafts and the undo window (issue 12): what an officer was writing on an item, and which actions wait a moment,
undoable, before they may leave.

A draft is a composer's fields by the contract's names (`body`, `reason_text`, `documents`…), kept per officer,
item and action type until it is sent or dropped. It is citizen-facing text: it lives in the cache (encrypted
with it) and is never logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

# Actions that wait the deployment's undo window before they may leave: the ones an officer regrets a second
# after the click (a reply the citizen reads, an assignment to the wrong person, a wrong status).
UNDOABLE = frozenset({"reply", "assign", "set_status"})
# Payload fields that hold the officer's own words: an undone action with any of them becomes a draft again.
TEXT_FIELDS = ("body", "reason_text", "apology_letter")


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str
    item_id: str
    action_type: str
    fields: Mapping[str, Any]
    updated_at: str  # UTC RFC 3339


def hold_for(action_type: str, undo_seconds: float) -> float:
    """Seconds a new action of `action_type` waits before it may be sent (0: at once)."""
    return max(0.0, float(undo_seconds)) if action_type in UNDOABLE else 0.0


def has_words(fields: Mapping[str, Any]) -> bool:
    """Whether `fields` carry text the officer wrote (worth keeping as a draft)."""
    return any(isinstance(fields.get(name), str) and str(fields[name]).strip() for name in TEXT_FIELDS)


def draft_fields(payload: Mapping[str, Any]) -> dict[str, Any]:
    """An action's payload as a composer's draft: the fields without the wire's `type`."""
    return {name: value for name, value in payload.items() if name != "type"}


def not_before_text(now: datetime, seconds: float) -> str | None:
    """The outbox's `not_before` for a hold of `seconds` from `now` (UTC RFC 3339, milliseconds); None: no hold."""
    if seconds <= 0:
        return None
    moment = (now + timedelta(seconds=seconds)).astimezone(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def held_until(not_before: str | None) -> datetime | None:
    """The moment an action's undo window ends; None when it has none (or an unreadable one: never held for ever)."""
    if not not_before:
        return None
    try:
        moment = datetime.fromisoformat(not_before)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_held(not_before: str | None, now: datetime) -> bool:
    """Whether an action is still inside its undo window at `now`."""
    until = held_until(not_before)
    return until is not None and now < until
