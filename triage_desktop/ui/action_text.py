"""What a queued action asks for, and what a timeline event did, in a line or two of words (the timeline, the
conflict panel)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from triage_desktop.core.entities import Event, OutboxAction
from triage_desktop.ui import labels
from triage_desktop.ui.formatting import format_datetime, format_vnd

translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings

CodeOf = Callable[[str, str], str | None]  # (kind, id) → the item's code, if the cache holds it


def payload_summary(action: OutboxAction, kind: str, members: Mapping[str, str],
                    units: Mapping[str, str] | None = None, code_of: CodeOf | None = None) -> str:
    """"→ Đã tiếp nhận", "→ Trần Văn Bình", or the text the officer wrote; plain text, may be empty.

    Read by field, not by action type: where the action points (its first field in `_HEADS`), then the text
    written with it, then a supplement's documents; so an action with fields already known needs nothing here."""
    payload = action.payload
    head = ""
    for name, render in _HEADS.items():
        if name in payload:
            head = render(payload, kind, members, units or {}, code_of)
            if head:
                break
    text = str(payload.get("body") or payload.get("reason_text") or payload.get("apology_letter") or "")
    documents = "; ".join(str(d) for d in payload.get("documents") or ())
    return "\n".join(part for part in (head, text, documents) if part)


Heading = Callable[[Mapping[str, Any], str, Mapping[str, str], Mapping[str, str], CodeOf | None], str]


def _status(payload: Mapping[str, Any], kind: str, *_: object) -> str:
    if not payload.get("status"):
        return ""
    text = "→ " + labels.status_label(kind, str(payload["status"]))
    if payload.get("reason"):
        text += " (" + labels.label(labels.REJECT_REASON, str(payload["reason"])) + ")"
    return text


# Payload fields that say where an action points, in words ("" when the value is missing).
_HEADS: dict[str, Heading] = {
    "unit_id": lambda p, _k, _m, units, _c: "→ " + units.get(str(p["unit_id"]), str(p["unit_id"]))
    if p.get("unit_id") else "",
    "into_id": lambda p, _k, _m, _u, code_of: "→ " + _report_code(str(p["into_id"]), code_of)
    if p.get("into_id") else "",
    "amount_vnd": lambda p, *_: format_vnd(p["amount_vnd"]) if p.get("amount_vnd") is not None else "",
    "new_due_at": lambda p, *_: "→ " + format_datetime(p["new_due_at"]) if p.get("new_due_at") else "",
    "status": _status,
    "assignee_id": lambda p, _k, members, *_: "→ " + members.get(str(p["assignee_id"]), str(p["assignee_id"]))
    if p.get("assignee_id") else "",
    "priority": lambda p, *_: "→ " + labels.label(labels.PRIORITY, str(p["priority"])) if p.get("priority") else "",
}


def event_detail(event: Event, kind: str, members: Mapping[str, str], units: Mapping[str, str],
                 code_of: CodeOf | None = None) -> str:
    """A line for what an event's `data` says: status moves, the new assignee, due date, fee, merge, unit.

    The contract shows `data` only by example ({"from", "to"}), so each type is read from the keys the
    reference server writes, then from the field names of the action that made it (§6). Anything missing or
    of an unexpected shape gives "" and the event stays a plain line."""
    data = event.data if isinstance(event.data, Mapping) else {}
    if event.type in ("status_changed", "rejected", "resolved", "suspended") and _word(data.get("to")):
        before = labels.status_label(kind, _word(data.get("from")))
        text = labels.status_label(kind, _word(data.get("to")))
        text = f"{before} → {text}" if before else text
        reason = _word(data.get("reason"))
        return f"{text} ({labels.label(labels.REJECT_REASON, reason)})" if reason else text
    if event.type == "assigned":
        return _assignee(data, members)
    if event.type == "priority_changed" and _word(data.get("to")):
        return labels.label(labels.PRIORITY, _word(data.get("to")))
    if event.type == "supplement_requested" and isinstance(data.get("documents"), list):
        return translate("action_text", "Giấy tờ cần bổ sung: {docs}").format(
            docs="; ".join(str(d) for d in data["documents"]))
    if event.type == "extended":
        due = _word(data.get("to")) or _word(data.get("new_due_at"))
        return translate("action_text", "Hạn mới: {date}").format(date=format_datetime(due)) if due else ""
    if event.type == "fee_requested":
        amount = format_vnd(data.get("amount_vnd")) if not isinstance(data.get("amount_vnd"), bool) else ""
        return translate("action_text", "Số tiền: {amount}").format(amount=amount) if amount else ""
    if event.type == "merged":
        return _merge(data, code_of)
    if event.type == "transferred":
        unit = _word(data.get("to_unit")) or _word(data.get("unit_id"))
        return translate("action_text", "Chuyển đến: {unit}").format(unit=units.get(unit, unit)) if unit else ""
    return ""


def _assignee(data: Mapping[str, object], members: Mapping[str, str]) -> str:
    assignee = _word(data.get("to")) or _word(data.get("assignee_id"))
    if not assignee:
        return ""
    name = members.get(assignee, assignee)
    previous = _word(data.get("from"))
    if previous and previous != assignee:
        return translate("action_text", "Giao cho: {name} (thay {previous})").format(
            name=name, previous=members.get(previous, previous))
    return translate("action_text", "Giao cho: {name}").format(name=name)


def _merge(data: Mapping[str, object], code_of: CodeOf | None) -> str:
    """The duplicate's line names the original; the original's line names the duplicate (merges are of reports)."""
    original = _word(data.get("into_id"))
    if original:
        return translate("action_text", "Gộp vào: {code}").format(code=_report_code(original, code_of))
    duplicate = _word(data.get("merged_id"))
    if duplicate:
        return translate("action_text", "Phản ánh trùng được gộp vào đây: {code}").format(
            code=_report_code(duplicate, code_of))
    return ""


def _report_code(report_id: str, code_of: CodeOf | None) -> str:
    """The code the officer knows; the opaque id when the cache no longer holds the report."""
    return (code_of("report", report_id) if code_of else None) or report_id


def _word(value: object) -> str:
    """An id, code or timestamp from `data`; "" for anything else (null, numbers, lists, objects)."""
    return value if isinstance(value, str) else ""
