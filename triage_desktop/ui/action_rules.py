"""Which action buttons an officer gets for an item: by kind, effective status (server + unsent) and role.

This only decides what to offer; `core.actions.build_payload` still validates every action before it is
queued, and the server has the last word.
"""

from __future__ import annotations

from triage_desktop.core import vocabulary as v
from triage_desktop.core.entities import ActionState, Item, User

# Button ids (the detail panel's actionRequested values), in display order.
ACKNOWLEDGE, ASSIGN, CLAIM, NOTE, REPLY, SET_STATUS, REQUEST_SUPPLEMENT, RETURN_RESULT = (
    "acknowledge", "assign", "claim", "note", "reply", "set_status", "request_supplement", "return_result")
# Less frequent actions, offered under "Thao tác khác" so the everyday buttons stay few and large.
SET_PRIORITY, TRANSFER, MERGE, REQUEST_FEE, EXTEND = "set_priority", "transfer", "merge", "request_fee", "extend"
MAIN_BUTTONS = (ACKNOWLEDGE, ASSIGN, CLAIM, NOTE, REPLY, SET_STATUS, REQUEST_SUPPLEMENT, RETURN_RESULT)
MORE_ACTIONS = (SET_PRIORITY, TRANSFER, MERGE, REQUEST_FEE, EXTEND)
BUTTONS = MAIN_BUTTONS + MORE_ACTIONS

_KIND_ONLY = {REPLY: "report", REQUEST_SUPPLEMENT: "dossier", RETURN_RESULT: "dossier", SET_PRIORITY: "report",
              TRANSFER: "report", MERGE: "report", REQUEST_FEE: "dossier", EXTEND: "dossier"}
# The statuses each of these actions is allowed from (central-api.md §4 and §6).
_ACTIVE_REPORT = frozenset({"new", "acknowledged", "in_progress"})
_FROM_STATUS = {
    TRANSFER: _ACTIVE_REPORT,
    MERGE: _ACTIVE_REPORT,
    REQUEST_SUPPLEMENT: frozenset({"processing"}),
    REQUEST_FEE: frozenset({"processing"}),
    RETURN_RESULT: frozenset({"resolved"}),
    EXTEND: frozenset({"received", "processing", "awaiting_supplement", "awaiting_fee"}),
}
# What a one-stop clerk may do besides note, reply, acknowledge and set_status (§2).
_CLERK_ALSO = {REQUEST_FEE, RETURN_RESULT}


def effective_assignee(item: Item) -> str | None:
    """The assignee once our unsent assignments go through."""
    assignee = item.assignee_id
    for action in item.pending:
        if action.type == "assign" and action.state in (ActionState.PENDING, ActionState.SENDING):
            assignee = action.payload.get("assignee_id") or assignee
    return assignee


def status_targets(item: Item, user: User | None) -> list[str]:
    """`set_status` targets valid from the item's effective status, for this user's role, in contract order."""
    status = item.effective_status
    allowed = v.SET_STATUS_TARGETS.get(item.kind, frozenset()) & v.MOVES.get(item.kind, {}).get(status, frozenset())
    if user is None:
        return []
    if user.is_clerk_only:
        allowed &= v.CLERK_STATUSES
    elif not (user.is_leader or user.is_officer):
        return []
    order = v.REPORT_STATUSES if item.kind == "report" else v.DOSSIER_STATUSES
    return [status for status in order if status in allowed]


def visible_buttons(kind: str, user: User | None) -> set[str]:
    """Buttons that make sense for this kind and role at all (the rest are hidden, not just disabled)."""
    shown = {b for b in BUTTONS if _KIND_ONLY.get(b, kind) == kind}
    if user is None or user.is_leader:
        shown.discard(CLAIM)
    elif user.is_officer:
        shown.discard(ASSIGN)  # officers may assign only themselves: "Nhận xử lý"
    else:
        shown &= {ACKNOWLEDGE, NOTE, REPLY, SET_STATUS} | _CLERK_ALSO
    return shown


def enabled_buttons(item: Item, user: User | None) -> set[str]:
    if user is None:
        return set()
    status = item.effective_status
    final = status in v.FINAL_STATUSES.get(item.kind, frozenset())
    shown = visible_buttons(item.kind, user)
    enabled = {NOTE}
    if item.kind == "report":
        enabled.add(REPLY)
    if status in v.NEW_STATUSES.get(item.kind, ()):
        enabled.add(ACKNOWLEDGE)
    if not final:
        enabled.add(ASSIGN)
        if effective_assignee(item) != user.id:
            enabled.add(CLAIM)
        enabled.add(SET_PRIORITY)
    if status_targets(item, user):
        enabled.add(SET_STATUS)
    enabled |= {action for action, statuses in _FROM_STATUS.items() if status in statuses}
    return enabled & shown
