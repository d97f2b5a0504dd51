"""Which action buttons an officer gets for an item: by kind, effective status (server + unsent) and role.

This only decides what to offer, from the action table (`core.action_specs`: kinds, roles, the statuses each
action is offered from); `core.actions.build_payload` still validates every action before it is queued, and
the server has the last word. What each button looks like and opens is `ui.action_registry`.
"""

from __future__ import annotations

from triage_desktop.core import vocabulary as v
from triage_desktop.core.action_specs import ACTION_SPECS, acting_role
from triage_desktop.core.entities import Item, User

# Button ids (the detail panel's actionRequested values): the action types, and "claim", which assigns the
# item to the officer who clicks it (an officer may assign only themselves, §2).
ACKNOWLEDGE, ASSIGN, CLAIM, NOTE, REPLY, SET_STATUS, REQUEST_SUPPLEMENT, RETURN_RESULT = (
    "acknowledge", "assign", "claim", "note", "reply", "set_status", "request_supplement", "return_result")
SET_PRIORITY, TRANSFER, MERGE, REQUEST_FEE, EXTEND = "set_priority", "transfer", "merge", "request_fee", "extend"


def status_targets(item: Item, user: User | None) -> list[str]:
    """`set_status` targets valid from the item's effective status, for this user's role, in contract order."""
    status = item.effective_status
    allowed = v.SET_STATUS_TARGETS.get(item.kind, frozenset()) & v.MOVES.get(item.kind, {}).get(status, frozenset())
    if user is None:
        return []
    roles = ACTION_SPECS[SET_STATUS].roles
    role = acting_role(user.roles)
    if role is None or role not in roles:
        return []
    limit = roles[role]
    if limit is not None and limit.values is not None:  # the clerk: received or rejected only
        allowed &= limit.values
    order = v.REPORT_STATUSES if item.kind == "report" else v.DOSSIER_STATUSES
    return [status for status in order if status in allowed]


def visible_buttons(kind: str, user: User | None) -> set[str]:
    """Buttons that make sense for this kind and role at all (the rest are hidden, not just disabled)."""
    shown = {action for action, spec in ACTION_SPECS.items() if kind in spec.kinds}
    if user is None or user.is_leader:
        return shown
    # Anyone else without the officer role is offered what a clerk may do (build_payload refuses the rest).
    role = "officer" if user.is_officer else "clerk"
    shown = {action for action in shown if role in ACTION_SPECS[action].roles}
    if ASSIGN in shown and ACTION_SPECS[ASSIGN].roles[role] is not None:
        shown.discard(ASSIGN)  # may assign only themselves: "Nhận xử lý" instead
        shown.add(CLAIM)
    return shown


def enabled_buttons(item: Item, user: User | None) -> set[str]:
    if user is None:
        return set()
    status = item.effective_status
    enabled = {action for action, spec in ACTION_SPECS.items() if spec.offered_from.allows(item.kind, status)}
    if SET_STATUS in enabled and not status_targets(item, user):
        enabled.discard(SET_STATUS)
    if ASSIGN in enabled and item.effective_assignee_id != user.id:
        enabled.add(CLAIM)
    return enabled & visible_buttons(item.kind, user)
