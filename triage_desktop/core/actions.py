"""Building an officer's action: validate it against the contract (§2 roles, §6 fields) before it is queued.

The same function serves the window and the command line, so both refuse the same things.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage_desktop.core import vocabulary as v
from triage_desktop.core.entities import User
from triage_desktop.core.errors import InvalidAction
from triage_desktop.core.text import nfc

# Body text limits, in code points (§6; reason_text §4).
TEXT_LIMITS = {"note": 10_000, "reply": 5_000, "reason_text": 2_000}
DEFAULT_TEXT_LIMIT = 10_000


def _text(fields: Mapping[str, Any], name: str, limit: int, required: bool = True) -> str | None:
    value = fields.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidAction(f"missing:{name}")
        return None
    text = nfc(str(value)).strip()
    if len(text) > limit:
        raise InvalidAction(f"too_long:{name}:{limit}")
    return text


def build_payload(user: User | None, kind: str, action_type: str, fields: Mapping[str, Any],
                  current_status: str | None = None) -> dict[str, Any]:
    """Return the JSON body for one action, or raise InvalidAction with a code the front end translates.

    `fields` uses the contract's names (body, assignee_id, status, reason, reason_text, priority, unit_id,
    into_id, documents, amount_vnd, attachment_ids, new_due_at, apology_letter).
    """
    if kind not in v.KINDS:
        raise InvalidAction(f"kind:{kind}")
    if action_type not in v.ACTION_KINDS:
        raise InvalidAction(f"type:{action_type}")
    if kind not in v.ACTION_KINDS[action_type]:
        raise InvalidAction(f"type_for_kind:{action_type}:{kind}")
    if user is not None:
        _check_role(user, action_type, fields)

    body: dict[str, Any] = {"type": action_type}
    if action_type in ("note", "reply"):
        body["body"] = _text(fields, "body", TEXT_LIMITS[action_type])
        if action_type == "reply":
            body["attachment_ids"] = list(fields.get("attachment_ids") or [])
    elif action_type == "assign":
        assignee = fields.get("assignee_id")
        if not assignee:
            raise InvalidAction("missing:assignee_id")
        body["assignee_id"] = str(assignee)
    elif action_type == "set_status":
        body.update(_status_fields(kind, fields, current_status))
    elif action_type == "set_priority":
        if fields.get("priority") not in v.PRIORITIES:
            raise InvalidAction("invalid:priority")
        body["priority"] = fields["priority"]
    elif action_type == "transfer":
        if not fields.get("unit_id"):
            raise InvalidAction("missing:unit_id")
        body["unit_id"] = str(fields["unit_id"])
        body["reason_text"] = _text(fields, "reason_text", TEXT_LIMITS["reason_text"])
    elif action_type == "merge":
        if not fields.get("into_id"):
            raise InvalidAction("missing:into_id")
        body["into_id"] = str(fields["into_id"])
    elif action_type == "request_supplement":
        body["body"] = _text(fields, "body", DEFAULT_TEXT_LIMIT)
        documents = [nfc(str(d)).strip() for d in fields.get("documents") or [] if str(d).strip()]
        if not documents:
            raise InvalidAction("missing:documents")
        body["documents"] = documents
    elif action_type == "request_fee":
        try:
            amount = int(fields.get("amount_vnd"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise InvalidAction("invalid:amount_vnd") from None
        if amount <= 0:
            raise InvalidAction("invalid:amount_vnd")
        body["amount_vnd"] = amount
        body["body"] = _text(fields, "body", DEFAULT_TEXT_LIMIT)
    elif action_type == "return_result":
        body["body"] = _text(fields, "body", DEFAULT_TEXT_LIMIT)
        body["attachment_ids"] = list(fields.get("attachment_ids") or [])
    elif action_type == "extend":
        if not fields.get("new_due_at"):
            raise InvalidAction("missing:new_due_at")
        body["new_due_at"] = str(fields["new_due_at"])
        body["apology_letter"] = _text(fields, "apology_letter", DEFAULT_TEXT_LIMIT)
    return body


def _status_fields(kind: str, fields: Mapping[str, Any], current_status: str | None) -> dict[str, Any]:
    target = fields.get("status")
    if not target:
        raise InvalidAction("missing:status")
    if target not in v.SET_STATUS_TARGETS[kind]:
        raise InvalidAction(f"status_target:{target}")
    out: dict[str, Any] = {"status": target}
    if kind == "report" and target == "rejected":
        if fields.get("reason") not in v.REJECT_REASONS:
            raise InvalidAction("missing:reason")
        out["reason"] = fields["reason"]
    needs_text = v.status_needs_reason_text(kind, current_status, str(target))
    text = _text(fields, "reason_text", TEXT_LIMITS["reason_text"], required=needs_text)
    if text is not None:
        out["reason_text"] = text
    return out


def _check_role(user: User, action_type: str, fields: Mapping[str, Any]) -> None:
    if user.is_leader:
        return
    if user.is_officer:
        if action_type == "assign" and fields.get("assignee_id") not in (None, user.id):
            raise InvalidAction("forbidden:assign_others")
        return
    if "clerk" in user.roles:
        if action_type not in v.CLERK_ACTIONS:
            raise InvalidAction(f"forbidden:{action_type}")
        if action_type == "set_status" and fields.get("status") not in v.CLERK_STATUSES:
            raise InvalidAction("forbidden:status")
        return
    raise InvalidAction("forbidden:no_role")
