"""The §7 rebase rule: when may a queued action's If-Match move to the version our own action produced?

An officer writes a note, then resolves the report, both offline. Sending the note raises the version,
so the resolve's If-Match (the version the officer saw) would be stale: a false conflict. The contract
lets the client use the returned version when the returned aggregate differs from the one the officer
saw only by what our own action did (the fields it may set are `rebase_fields` in `core.action_specs`).
Anything else is someone else's change, and the 412 must stand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage_desktop.core.action_specs import ACTION_SPECS

_ALWAYS_CHANGING = frozenset({"version", "updated_at", "events"})


def only_own_effect(before: Mapping[str, Any], after: Mapping[str, Any], action_type: str,
                    event: Mapping[str, Any] | None) -> bool:
    """True when `after` is `before` plus exactly the effect of one action of `action_type`."""
    spec = ACTION_SPECS.get(action_type)
    allowed = spec.rebase_fields if spec is not None else None
    if allowed is None:  # an action that takes the item away (transfer, merge): never rebase past it
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
