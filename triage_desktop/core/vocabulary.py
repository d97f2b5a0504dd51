"""The contract's fixed vocabulary (central-api.md §4, §6): kinds, statuses, moves (the action types are the rows
of `core.action_specs`)."""

from __future__ import annotations

from typing import Final, Literal

Kind = Literal["report", "dossier"]
KINDS: Final[tuple[Kind, ...]] = ("report", "dossier")

REPORT_STATUSES: Final = ("new", "acknowledged", "in_progress", "resolved", "closed", "transferred", "rejected")
DOSSIER_STATUSES: Final = (
    "submitted", "received", "rejected", "processing", "awaiting_supplement", "awaiting_fee",
    "withdrawn", "suspended", "resolved", "returned",
)
DVC_CODES: Final[dict[str, int]] = {status: i + 1 for i, status in enumerate(DOSSIER_STATUSES)}

PRIORITIES: Final = ("low", "normal", "high", "urgent")
REJECT_REASONS: Final = ("duplicate", "not_competent", "spam", "insufficient_info", "other")
REPORT_CHANNELS: Final = ("zalo_mini_app", "hotline", "web", "walk_in")
DOSSIER_CHANNELS: Final = ("online", "walk_in", "post")
EVENT_TYPES: Final = (
    "submitted", "acknowledged", "assigned", "note", "reply", "status_changed", "priority_changed",
    "transferred", "merged", "supplement_requested", "supplement_received", "fee_requested", "fee_paid",
    "suspended", "resolved", "result_returned", "rejected", "extended", "withdrawn", "rated",
)

# Allowed status moves, whoever makes them (server, citizen or officer).
REPORT_MOVES: Final[dict[str, frozenset[str]]] = {
    "new": frozenset({"acknowledged", "transferred", "rejected"}),
    "acknowledged": frozenset({"in_progress", "transferred", "rejected"}),
    "in_progress": frozenset({"resolved", "transferred", "rejected"}),
    "resolved": frozenset({"closed", "in_progress"}),
    "closed": frozenset(),
    "transferred": frozenset(),
    "rejected": frozenset(),
}
DOSSIER_MOVES: Final[dict[str, frozenset[str]]] = {
    "submitted": frozenset({"received", "rejected"}),
    "received": frozenset({"processing", "rejected"}),
    "processing": frozenset({"awaiting_supplement", "awaiting_fee", "suspended", "resolved"}),
    "awaiting_supplement": frozenset({"processing", "withdrawn"}),
    "awaiting_fee": frozenset({"processing", "withdrawn"}),
    "resolved": frozenset({"returned"}),
    "rejected": frozenset(),
    "withdrawn": frozenset(),
    "suspended": frozenset(),
    "returned": frozenset(),
}
MOVES: Final[dict[str, dict[str, frozenset[str]]]] = {"report": REPORT_MOVES, "dossier": DOSSIER_MOVES}

# What `set_status` may target (other statuses come only through their own actions).
SET_STATUS_TARGETS: Final[dict[str, frozenset[str]]] = {
    "report": frozenset({"acknowledged", "in_progress", "resolved", "closed", "rejected"}),
    "dossier": frozenset({"received", "processing", "suspended", "resolved", "rejected"}),
}

# The statuses an item is "new" in, per kind (the "Mới" queue).
NEW_STATUSES: Final[dict[str, tuple[str, ...]]] = {"report": ("new",), "dossier": ("submitted",)}
# Statuses after which nothing is left to do (used to hide items from "Việc của tôi").
FINAL_STATUSES: Final[dict[str, frozenset[str]]] = {
    "report": frozenset({"closed", "transferred", "rejected"}),
    "dossier": frozenset({"rejected", "withdrawn", "suspended", "returned"}),
}
# The deadline counts only while the unit still owes the work: not once it is resolved or ended, and not
# while a dossier waits for the citizen (the server then moves `due_at` by the paused time, §4).
CLOCK_STOPPED: Final[dict[str, frozenset[str]]] = {
    "report": FINAL_STATUSES["report"] | {"resolved"},
    "dossier": FINAL_STATUSES["dossier"] | {"resolved"},
}
# Statuses an item reaches as it leaves the caller's feed (§5 `op: "delete"`: transferred away, withdrawn), so a
# cached item never holds them: no count of the cache can show them.
LEAVE_THE_FEED: Final[dict[str, frozenset[str]]] = {
    "report": frozenset({"transferred"}),
    "dossier": frozenset({"withdrawn"}),
}
CLOCK_PAUSED: Final[dict[str, frozenset[str]]] = {
    "report": frozenset(),
    "dossier": frozenset({"awaiting_supplement", "awaiting_fee"}),
}


def deadline_clock(kind: str, status: str | None) -> Literal["running", "paused", "stopped"]:
    if status in CLOCK_STOPPED.get(kind, ()):
        return "stopped"
    if status in CLOCK_PAUSED.get(kind, ()):
        return "paused"
    return "running"


# The statuses a one-stop clerk may set with `set_status` (§2); the action table limits the clerk to them.
CLERK_STATUSES: Final = frozenset({"received", "rejected"})


def status_needs_reason_text(kind: str, current: str | None, target: str) -> bool:
    """Rejecting, reopening (resolved → in_progress) and suspending need `reason_text` (§4)."""
    if target in ("rejected", "suspended"):
        return True
    return kind == "report" and target == "in_progress" and current == "resolved"


# Matches one search keeps, newest first: the list says when a search reached it ("type more to narrow it").
SEARCH_LIMIT = 1000
