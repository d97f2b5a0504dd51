"""What an action does to an aggregate, and when it is refused (central-api.md §2, §4, §6).

Pure functions over JSON dicts: `decide` checks one action in the contract's precedence (the caller has
already answered 404) — 422, then 403, then 412, then 409 — and returns the new aggregate and its event.
Visibility, persistence and idempotency are the caller's job.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from triage_desktop.core import vocabulary as v
from triage_desktop.core.action_specs import ACTION_SPECS, needs_if_match
from triage_desktop.sandbox import workdays
from triage_desktop.sandbox.seed import STEPS, iso

PROBLEM_BASE = "https://triage.example/problems/"
TITLES = {
    "validation": "Dữ liệu không hợp lệ", "forbidden": "Không có quyền thực hiện",
    "version-conflict": "Phiên bản đã cũ", "invalid-transition": "Không chuyển được trạng thái",
    "not-found": "Không tìm thấy", "idempotency-key-reused": "Idempotency-Key đã dùng cho yêu cầu khác",
    "cursor-expired": "Con trỏ đồng bộ đã hết hạn", "unauthorized": "Chưa đăng nhập hoặc phiên đã hết hạn",
    "account-locked": "Tài khoản tạm khóa", "payload-too-large": "Tệp quá lớn",
    "unsupported-media-type": "Loại tệp không được phép", "method-not-allowed": "Phương thức không được phép",
    "internal": "Lỗi máy chủ", "bad-request": "Yêu cầu HTTP không hợp lệ",
}
TEXT_LIMITS = {"note": 10_000, "reply": 5_000}
REASON_TEXT_LIMIT = 2_000
LONG_TEXT_LIMIT = 10_000
# Actions only the server or the citizen make (through SandboxServer.server_act, never over HTTP).
SERVER_ONLY = frozenset({"withdraw", "supplement_received", "fee_paid", "rate", "erase"})
_STATUS_EVENT = {"acknowledged": "acknowledged", "received": "acknowledged", "resolved": "resolved",
                 "rejected": "rejected", "suspended": "suspended"}


class Problem(Exception):
    """A final problem+json answer (RFC 9457)."""

    def __init__(self, status: int, name: str, detail: str = "", **extra: Any) -> None:
        super().__init__(f"{status} {name}: {detail}")
        self.status, self.name, self.detail, self.extra = status, name, detail, extra

    def body(self) -> dict[str, Any]:
        return {"type": PROBLEM_BASE + self.name, "title": TITLES.get(self.name, self.name), "status": self.status,
                "detail": self.detail, **self.extra}


def validation(errors: list[dict[str, str]]) -> Problem:
    return Problem(422, "validation", "; ".join(f"{e['field']}: {e['message']}" for e in errors), errors=errors)


@dataclass(frozen=True)
class Actor:
    id: str | None  # None for the citizen and the system
    unit_id: str
    roles: tuple[str, ...]


class Context(Protocol):
    """What the rules need to know about the rest of the server."""

    def is_member(self, unit_id: str, user_id: str) -> bool: ...
    def unit_exists(self, unit_id: str) -> bool: ...
    def visible_report(self, unit_id: str, report_id: str) -> dict[str, Any] | None: ...
    def usable_attachment(self, unit_id: str, attachment_id: str) -> dict[str, Any] | None: ...


@dataclass
class Outcome:
    aggregate: dict[str, Any]
    event: dict[str, Any] | None
    live: bool = True
    also: list[dict[str, Any]] = field(default_factory=list)  # other live aggregates changed (merge original)
    linked: list[str] = field(default_factory=list)  # attachment ids now part of this aggregate


def parse_if_match(value: str | None) -> int | None:
    """`"7"` (also W/"7" or bare 7) → 7; raises ValueError on anything else."""
    if value is None:
        return None
    text = value.strip()
    if text.startswith("W/"):
        text = text[2:]
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if not text.isascii() or not text.isdigit():
        raise ValueError(value)
    return int(text)


# --- 422: field validation -------------------------------------------------------------------------

class _Checker:
    def __init__(self, body: Mapping[str, Any]) -> None:
        self.body = body
        self.errors: list[dict[str, str]] = []

    def error(self, name: str, message: str) -> None:
        self.errors.append({"field": name, "message": message})

    def text(self, name: str, limit: int, required: bool = True) -> None:
        value = self.body.get(name)
        if value is None:
            if required:
                self.error(name, "bắt buộc")
        elif not isinstance(value, str) or not value.strip():
            self.error(name, "phải là chuỗi không rỗng")
        elif len(value) > limit:
            self.error(name, f"tối đa {limit} ký tự")

    def string(self, name: str) -> str | None:
        value = self.body.get(name)
        if not isinstance(value, str) or not value:
            self.error(name, "bắt buộc")
            return None
        return value

    def id_list(self, name: str) -> list[str]:
        value = self.body.get(name, [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
            self.error(name, "phải là danh sách mã")
            return []
        return value


def _validate(actor: Actor, kind: str, agg: Mapping[str, Any], body: Mapping[str, Any], ctx: Context,
              check: _Checker) -> None:
    type_ = body.get("type")
    status = agg.get("status")
    if type_ in ("note", "reply"):
        check.text("body", TEXT_LIMITS[type_])
    if type_ in ("reply", "return_result"):
        for att in check.id_list("attachment_ids"):
            if ctx.usable_attachment(agg["unit_id"], att) is None:
                check.error("attachment_ids", f"không có tệp {att}")
    if type_ == "assign":
        assignee = check.string("assignee_id")
        if assignee and not ctx.is_member(agg["unit_id"], assignee):
            check.error("assignee_id", "không phải cán bộ của đơn vị")
    elif type_ == "set_status":
        target = body.get("status")
        statuses = v.REPORT_STATUSES if kind == "report" else v.DOSSIER_STATUSES
        if target not in statuses:
            check.error("status", "trạng thái không tồn tại")
        elif target != "withdrawn" and target not in v.SET_STATUS_TARGETS[kind]:
            check.error("status", "trạng thái này chỉ đạt được qua thao tác riêng")
        else:
            if kind == "report" and target == "rejected" and body.get("reason") not in v.REJECT_REASONS:
                check.error("reason", "bắt buộc: " + ", ".join(v.REJECT_REASONS))
            check.text("reason_text", REASON_TEXT_LIMIT,
                       required=v.status_needs_reason_text(kind, str(status), str(target)))
    elif type_ == "set_priority":
        if body.get("priority") not in v.PRIORITIES:
            check.error("priority", "một trong: " + ", ".join(v.PRIORITIES))
    elif type_ == "transfer":
        unit = check.string("unit_id")
        if unit and (unit == agg["unit_id"] or not ctx.unit_exists(unit)):
            check.error("unit_id", "đơn vị nhận không hợp lệ")
        check.text("reason_text", REASON_TEXT_LIMIT)
    elif type_ == "merge":
        into = check.string("into_id")
        if into and (into == agg["id"] or ctx.visible_report(agg["unit_id"], into) is None):
            check.error("into_id", "phản ánh gốc không hợp lệ")
    elif type_ == "request_supplement":
        check.text("body", LONG_TEXT_LIMIT)
        docs = body.get("documents")
        if not isinstance(docs, list) or not docs or not all(isinstance(d, str) and d.strip() for d in docs):
            check.error("documents", "cần ít nhất một giấy tờ")
    elif type_ == "request_fee":
        amount = body.get("amount_vnd")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            check.error("amount_vnd", "số tiền phải là số nguyên dương")
        check.text("body", LONG_TEXT_LIMIT)
    elif type_ == "return_result":
        check.text("body", LONG_TEXT_LIMIT)
    elif type_ == "extend":
        new_due = _parse_time(body.get("new_due_at"))
        if new_due is None:
            check.error("new_due_at", "thời điểm RFC 3339 có múi giờ")
        elif agg.get("due_at") and new_due <= datetime.fromisoformat(agg["due_at"]):
            check.error("new_due_at", "phải muộn hơn hạn hiện tại")
        check.text("apology_letter", LONG_TEXT_LIMIT)


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


# --- 403 and 409 ----------------------------------------------------------------------------------

def _forbidden(actor: Actor, body: Mapping[str, Any]) -> str | None:
    type_, roles = body.get("type"), actor.roles
    if type_ == "set_status" and body.get("status") == "withdrawn":
        return "chỉ công dân được rút hồ sơ"
    if "leader" in roles:
        return None
    if "officer" in roles:
        if type_ == "assign" and body.get("assignee_id") != actor.id:
            return "cán bộ chỉ được tự nhận việc"
        return None
    if "clerk" in roles:
        if not isinstance(type_, str) or type_ not in ACTION_SPECS or "clerk" not in ACTION_SPECS[type_].roles:
            return "bộ phận một cửa không được thực hiện thao tác này"
        if type_ == "set_status" and body.get("status") not in v.CLERK_STATUSES:
            return "bộ phận một cửa chỉ được tiếp nhận hoặc từ chối"
        return None
    return "tài khoản không có vai trò"


def _allowed_from(kind: str, type_: str, body: Mapping[str, Any]) -> frozenset[str] | None:
    """Statuses an action may start from; None = any."""
    moves = v.MOVES[kind]
    if type_ == "set_status":
        return frozenset(s for s, targets in moves.items() if body.get("status") in targets)
    active_report = frozenset({"new", "acknowledged", "in_progress"})
    table: dict[str, frozenset[str] | None] = {
        "acknowledge": frozenset({"new"}) if kind == "report" else frozenset({"submitted"}),
        "assign": frozenset(moves) - v.FINAL_STATUSES[kind],
        "note": None, "reply": None,
        "set_priority": frozenset(moves) - v.FINAL_STATUSES[kind],
        "transfer": active_report, "merge": active_report,
        "request_supplement": frozenset({"processing"}), "request_fee": frozenset({"processing"}),
        "return_result": frozenset({"resolved"}),
        "extend": frozenset({"received", "processing", "awaiting_supplement", "awaiting_fee"}),
        "withdraw": frozenset(s for s, t in moves.items() if "withdrawn" in t),
        "supplement_received": frozenset({"awaiting_supplement"}), "fee_paid": frozenset({"awaiting_fee"}),
        "rate": frozenset({"resolved", "closed"}), "erase": None,
    }
    return table[type_]


# --- the decision ---------------------------------------------------------------------------------

def decide(actor: Actor, kind: str, agg: dict[str, Any], body: Any, if_match: str | None, ctx: Context,
           now: datetime, header_errors: list[dict[str, str]] | None = None, require_if_match: bool = True,
           server: bool = False) -> Outcome:
    """Check one action in the contract's precedence and apply it; raises Problem."""
    check = _Checker(body if isinstance(body, Mapping) else {})
    check.errors.extend(header_errors or [])
    type_ = body.get("type") if isinstance(body, Mapping) else None
    known = type_ in ACTION_SPECS or (server and type_ in SERVER_ONLY)
    if not isinstance(body, Mapping):
        check.error("body", "phải là một đối tượng JSON")
    elif not known:
        check.error("type", "thao tác không tồn tại")
    elif isinstance(type_, str) and type_ in ACTION_SPECS and kind not in ACTION_SPECS[type_].kinds:
        check.error("type", f"thao tác không áp dụng cho {kind}")
    version: int | None = None
    try:
        version = parse_if_match(if_match)
    except ValueError:
        check.error("If-Match", 'phải có dạng "<version>"')
    if version is None and if_match is None and require_if_match and known and needs_if_match(str(type_)):
        check.error("If-Match", "bắt buộc với thao tác này")
    if not check.errors:
        _validate(actor, kind, agg, body, ctx, check)
    if type_ == "rate" and body.get("rating") not in (1, 2, 3, 4, 5):
        check.error("rating", "từ 1 đến 5")
    if check.errors:
        raise validation(check.errors)
    if not server and (reason := _forbidden(actor, body)):
        raise Problem(403, "forbidden", reason)
    if version is not None and version != agg["version"]:
        raise Problem(412, "version-conflict", f"phiên bản hiện tại là {agg['version']}", current=agg)
    allowed = _allowed_from(kind, str(type_), body)
    if allowed is not None and agg["status"] not in allowed:
        raise Problem(409, "invalid-transition", f"không thực hiện được khi đang ở trạng thái {agg['status']}",
                      current=agg)
    return _apply(actor, kind, agg, body, ctx, now)


def _apply(actor: Actor, kind: str, agg: dict[str, Any], body: Mapping[str, Any], ctx: Context,
           now: datetime) -> Outcome:
    new = copy.deepcopy(agg)
    type_ = body["type"]
    author = actor.id
    at = iso(now)
    outcome = Outcome(new, None)

    def event(event_type: str, visibility: str, text: str | None = None, **data: Any) -> None:
        outcome.event = _append_event(new, event_type, author, visibility, text, data, at)

    def move(target: str) -> dict[str, Any]:
        before = new["status"]
        new["status"] = target
        if kind == "dossier":
            new["dvc_code"] = v.DVC_CODES[target]
            new["step"] = STEPS[target]
        return {"from": before, "to": target}

    if type_ == "acknowledge":
        change = move("acknowledged" if kind == "report" else "received")
        if kind == "dossier":
            new["received_at"] = at
        event("acknowledged", "public", None, **change)
    elif type_ == "assign":
        change = {"from": new.get("assignee_id"), "to": body["assignee_id"]}
        new["assignee_id"] = body["assignee_id"]
        event("assigned", "internal", None, **change)
    elif type_ == "note":
        event("note", "internal", body["body"])
    elif type_ == "reply":
        outcome.linked = _link_attachments(new, ctx, agg["unit_id"], body)
        event("reply", "public", body["body"], attachment_ids=outcome.linked)
    elif type_ == "set_status":
        target = body["status"]
        change = move(target)
        if kind == "report" and target in ("closed", "rejected"):
            new["closed_at"] = at
        if body.get("reason"):
            change["reason"] = body["reason"]
        event(_STATUS_EVENT.get(target, "status_changed"), "public", body.get("reason_text"), **change)
    elif type_ == "set_priority":
        change = {"from": new.get("priority"), "to": body["priority"]}
        new["priority"] = body["priority"]
        event("priority_changed", "internal", None, **change)
    elif type_ == "transfer":
        change = {"from_unit": new["unit_id"], "to_unit": body["unit_id"]}
        move("transferred")
        new["unit_id"], new["assignee_id"] = body["unit_id"], None
        event("transferred", "public", body["reason_text"], **change)
    elif type_ == "merge":
        original = copy.deepcopy(ctx.visible_report(agg["unit_id"], body["into_id"]))
        assert original is not None  # checked in _validate
        new["merged_into_id"] = original["id"]
        event("merged", "internal", None, into_id=original["id"])
        _append_event(original, "merged", author, "internal", None, {"merged_id": new["id"]}, at)
        _touch(original, at)
        outcome.also.append(original)
        outcome.live = False
    elif type_ == "request_supplement":
        move("awaiting_supplement")
        event("supplement_requested", "public", body["body"], documents=list(body["documents"]))
    elif type_ == "request_fee":
        move("awaiting_fee")
        event("fee_requested", "public", body["body"], amount_vnd=body["amount_vnd"])
    elif type_ == "return_result":
        change = move("returned")
        new["returned_at"] = at
        outcome.linked = _link_attachments(new, ctx, agg["unit_id"], body)
        event("result_returned", "public", body["body"], attachment_ids=outcome.linked, **change)
    elif type_ == "extend":
        change = {"from": new.get("due_at"), "to": iso(datetime.fromisoformat(body["new_due_at"]))}
        new["due_at"] = change["to"]
        event("extended", "public", body["apology_letter"], **change)
    else:
        _apply_server_only(new, type_, body, now, outcome, event, move)
    if new.get("status") == "withdrawn":  # only the citizen gets here; the dossier leaves every feed
        outcome.live = False
    _touch(new, at)
    return outcome


def _apply_server_only(new: dict[str, Any], type_: str, body: Mapping[str, Any], now: datetime,
                       outcome: Outcome, event: Any, move: Any) -> None:
    """The citizen's and the system's own moves (the server_act test hook)."""
    if type_ == "withdraw":
        event("withdrawn", "public", body.get("body") or "Công dân rút hồ sơ.", **move("withdrawn"))
        outcome.live = False
    elif type_ in ("supplement_received", "fee_paid"):
        asked = "supplement_requested" if type_ == "supplement_received" else "fee_requested"
        since = next((e["at"] for e in reversed(new["events"]) if e["type"] == asked), None)
        # The clock stood still for the office time the citizen held the file: the deadline moves by that much.
        held = workdays.paused_between(datetime.fromisoformat(since), now) if since else 0.0
        if new.get("due_at") and held:
            new["due_at"] = iso(workdays.due_after(datetime.fromisoformat(new["due_at"]), held))
        paused = math.floor(held + 0.5)  # the contract's paused_working_days: whole working days, half up
        new["paused_working_days"] = int(new.get("paused_working_days") or 0) + paused
        change = move("processing")
        event(type_, "public", body.get("body"), paused_working_days=paused, **change)
    elif type_ == "rate":
        new["citizen_rating"] = body["rating"]
        event("rated", "public", body.get("body"), rating=body["rating"])
    elif type_ == "erase":
        outcome.live = False


def _link_attachments(new: dict[str, Any], ctx: Context, unit_id: str, body: Mapping[str, Any]) -> list[str]:
    """The officer's files of a reply or a returned result join the aggregate's attachments (origin "officer"),
    so whoever opens the item sees them, as the citizen's photos; returns their ids in the order sent."""
    linked = list(body.get("attachment_ids") or [])
    for att in linked:
        meta = ctx.usable_attachment(unit_id, att)
        if meta is not None and all(a.get("id") != att for a in new["attachments"]):
            new["attachments"].append(meta)
    return linked


def _append_event(agg: dict[str, Any], event_type: str, author: str | None, visibility: str, body: str | None,
                  data: dict[str, Any], at: str) -> dict[str, Any]:
    events = agg.setdefault("events", [])
    event = {"id": f"e_{len(events) + 1:04d}", "at": at, "author_id": author, "type": event_type,
             "visibility": visibility, "body": body, "data": data}
    events.append(event)
    return event


def _touch(agg: dict[str, Any], at: str) -> None:
    agg["version"] = int(agg["version"]) + 1
    agg["updated_at"] = at


def citizen() -> Actor:
    return Actor(None, "", ())
