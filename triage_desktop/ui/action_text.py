"""What a queued action asks for, in a line or two of words (the timeline, the conflict panel)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from triage_desktop.core.entities import OutboxAction
from triage_desktop.ui import labels
from triage_desktop.ui.formatting import format_datetime, format_vnd

CodeOf = Callable[[str, str], str | None]  # (kind, id) → the item's code, if the cache holds it


def payload_summary(action: OutboxAction, kind: str, members: Mapping[str, str],
                    units: Mapping[str, str] | None = None, code_of: CodeOf | None = None) -> str:
    """"→ Đã tiếp nhận", "→ Trần Văn Bình", or the text the officer wrote; plain text, may be empty."""
    payload = action.payload
    head = _target(action.type, payload, units or {}, code_of)
    if head:
        text = str(payload.get("body") or payload.get("reason_text") or payload.get("apology_letter") or "")
        return "\n".join(part for part in (head, text) if part)
    if action.type == "set_status" and payload.get("status"):
        text = "→ " + labels.status_label(kind, str(payload["status"]))
        if payload.get("reason"):
            text += " (" + labels.label(labels.REJECT_REASON, str(payload["reason"])) + ")"
        if payload.get("reason_text"):
            text += "\n" + str(payload["reason_text"])
        return text
    if action.type == "assign" and payload.get("assignee_id"):
        assignee = str(payload["assignee_id"])
        return "→ " + members.get(assignee, assignee)
    if action.type == "set_priority" and payload.get("priority"):
        return "→ " + labels.label(labels.PRIORITY, str(payload["priority"]))
    parts = [str(payload.get("body") or payload.get("reason_text") or payload.get("apology_letter") or "")]
    if payload.get("documents"):
        parts.append("; ".join(str(d) for d in payload["documents"]))
    return "\n".join(p for p in parts if p)


def _target(action_type: str, payload: Mapping[str, object], units: Mapping[str, str],
            code_of: CodeOf | None) -> str:
    """Where a transfer, merge, fee or extension points, in words; "" for other actions."""
    if action_type == "transfer" and payload.get("unit_id"):
        unit = str(payload["unit_id"])
        return "→ " + units.get(unit, unit)
    if action_type == "merge" and payload.get("into_id"):
        original = str(payload["into_id"])
        return "→ " + ((code_of("report", original) if code_of else None) or original)  # merges are of reports
    if action_type == "request_fee" and payload.get("amount_vnd") is not None:
        return format_vnd(payload["amount_vnd"])
    if action_type == "extend" and payload.get("new_due_at"):
        return "→ " + format_datetime(payload["new_due_at"])
    return ""
