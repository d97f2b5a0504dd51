"""The §7 rebase rule: when may a queued action's If-Match move to the version our own action produced?

An officer writes a note, then resolves the report, both offline. Sending the note raises the version,
so the resolve's If-Match (the version the officer saw) would be stale: a false conflict. The contract
lets the client use the returned version when the returned aggregate differs from the one the officer
saw only by what our own action did. Anything else is someone else's change, and the 412 must stand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Fields an action may change besides `version`, `updated_at` and `events`.
_FIELDS_SET_BY: dict[str, frozenset[str]] = {
    "note": frozenset(),
    "reply": frozenset(),
    "acknowledge": frozenset({"status", "dvc_code", "received_at", "step"}),
    "assign": frozenset({"assignee_id"}),
    "set_status": frozenset({"status", "dvc_code", "received_at", "closed_at", "returned_at", "step"}),
    "set_priority": frozenset({"priority"}),
    "request_supplement": frozenset({"status", "dvc_code", "step"}),
    "request_fee": frozenset({"status", "dvc_code", "step"}),
    "return_result": frozenset({"status", "dvc_code", "returned_at", "step", "attachments"}),
    "extend": frozenset({"due_at"}),
}
_ALWAYS_CHANGING = frozenset({"version", "updated_at", "events"})


def only_own_effect(before: Mapping[str, Any], after: Mapping[str, Any], action_type: str,
                    event: Mapping[str, Any] | None) -> bool:
    """True when `after` is `before` plus exactly the effect of one action of `action_type`."""
    allowed = _FIELDS_SET_BY.get(action_type)
    if allowed is None:  # transfer/merge remove the item from our unit; never rebase past them
        return False
    before_events = {e.get("id") for e in before.get("events") or () if isinstance(e, Mapping)}
    new_events = [e for e in after.get("events") or () if isinstance(e, Mapping) and e.get("id") not in before_events]
    if len(new_events) != 1:
        return False
    if event is not None and new_events[0].get("id") != event.get("id"):
        return False
    if not set(before_events) <= {e.get("id") for e in after.get("events") or () if isinstance(e, Mapping)}:
        return False
    ignored = _ALWAYS_CHANGING | allowed
    keys = (set(before) | set(after)) - ignored
    return all(before.get(k) == after.get(k) for k in keys)
