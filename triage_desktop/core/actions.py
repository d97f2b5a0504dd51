"""Building an officer's action: validate it against the contract (§2 roles, §6 fields) before it is queued.

The same function serves the window and the command line, so both refuse the same things. What each action
type accepts is its row in `core.action_specs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage_desktop.core import vocabulary as v
from triage_desktop.core.action_specs import ACTION_SPECS, ActionSpec, Context, acting_role
from triage_desktop.core.entities import User
from triage_desktop.core.errors import InvalidAction


def build_payload(user: User | None, kind: str, action_type: str, fields: Mapping[str, Any],
                  current_status: str | None = None) -> dict[str, Any]:
    """Return the JSON body for one action, or raise InvalidAction with a code the front end translates.

    `fields` uses the contract's names (body, assignee_id, status, reason, reason_text, priority, unit_id,
    into_id, documents, amount_vnd, attachment_ids, new_due_at, apology_letter).
    """
    if kind not in v.KINDS:
        raise InvalidAction(f"kind:{kind}")
    spec = ACTION_SPECS.get(action_type)
    if spec is None:
        raise InvalidAction(f"type:{action_type}")
    if kind not in spec.kinds:
        raise InvalidAction(f"type_for_kind:{action_type}:{kind}")
    if user is not None:
        _check_role(user, spec, fields)
    context = Context(kind, current_status)
    body: dict[str, Any] = {"type": action_type}
    for field in spec.fields:
        value = field.read(fields, context)
        if value is not None:
            body[field.name] = value
    return body


def _check_role(user: User, spec: ActionSpec, fields: Mapping[str, Any]) -> None:
    role = acting_role(user.roles)
    if role is None:
        raise InvalidAction("forbidden:no_role")
    if role not in spec.roles:
        raise InvalidAction(f"forbidden:{spec.type}")
    limit = spec.roles[role]
    if limit is not None and not limit.allows(fields, user.id):
        raise InvalidAction(limit.refusal)
