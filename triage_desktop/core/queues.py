"""What each queue of the list holds, said once.

A queue is a rule on list fields of an item: its status, its assignee and, for the deadline queues, its
`due_at` against the moment's DeadlineBounds (core.deadlines). The list's SQL filter, its count and the queue
badges are all made from `QUEUE_RULES` (storage.listing), and the cache's `is_open` column is `is_open()`
(storage.rows). The counters are kept by triggers (migration r0002) that know no queue: they count items per
(kind, status, category, assignee), so every rule without a `deadline` is answered from them. A deadline
rule depends on the clock: it is counted on the index of the due moment, never kept in a counter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from triage_desktop.core import vocabulary as v

Assignee = Literal["me", "nobody", "anyone"]
Deadline = Literal["due_soon", "overdue"]


@dataclass(frozen=True, slots=True)
class QueueRule:
    """Which items a queue holds; every test it names must pass."""

    open_only: bool = False  # not in a final status (core.vocabulary.FINAL_STATUSES): work is left to do
    new_only: bool = False  # in one of the kind's NEW_STATUSES
    assignee: Assignee = "anyone"  # "me": the officer of the query (none when nobody is logged in)
    paused_only: bool = False  # the deadline clock is paused: the unit waits for the citizen
    deadline: Deadline | None = None  # clock running and due_at before now / before the "due soon" bound
    kinds: tuple[str, ...] | None = None  # only these kinds have the queue (None: every kind)


QUEUE_RULES: Final[dict[str, QueueRule]] = {
    "mine": QueueRule(open_only=True, assignee="me"),
    "unassigned": QueueRule(open_only=True, assignee="nobody"),
    "new": QueueRule(new_only=True),
    "due_soon": QueueRule(open_only=True, deadline="due_soon"),
    "overdue": QueueRule(open_only=True, deadline="overdue"),
    "waiting": QueueRule(open_only=True, paused_only=True, kinds=("dossier",)),
    # Every item still being worked on, whoever holds it: a leader's "what Bình has" (core.views.member_view).
    "open": QueueRule(open_only=True),
    "all": QueueRule(),
}
QUEUES: Final[tuple[str, ...]] = tuple(QUEUE_RULES)
# The queues whose members change with the clock alone (counted on the due_at index).
CLOCK_QUEUES: Final[frozenset[str]] = frozenset(q for q, r in QUEUE_RULES.items() if r.deadline)


# Work lists read by time left, soonest (or longest overdue) first; the others newest first.
BY_TIME_LEFT: Final[frozenset[str]] = frozenset({"mine", "due_soon", "overdue", "waiting"})


def default_order(queue: str) -> tuple[str, bool]:
    """(sort_key, descending) a queue opens with until the officer sorts it otherwise (window and CLI)."""
    return ("due_at", False) if queue in BY_TIME_LEFT else ("submitted_at", True)


def queues_of(kind: str) -> tuple[str, ...]:
    """The kind's queues in panel order ("Chờ bổ sung / chờ phí" exists for dossiers only)."""
    return tuple(q for q, r in QUEUE_RULES.items() if r.kinds is None or kind in r.kinds)


def rule(queue: str) -> QueueRule:
    try:
        return QUEUE_RULES[queue]
    except KeyError:
        raise ValueError(f"queue {queue!r}") from None


def is_open(kind: str, status: str | None) -> bool:
    """Work is left to do on an item in this status (the `is_open` list column)."""
    return status not in v.FINAL_STATUSES.get(kind, ())


def new_statuses(kind: str) -> tuple[str, ...]:
    return v.NEW_STATUSES.get(kind, ())


def final_statuses(kind: str) -> tuple[str, ...]:
    """FINAL_STATUSES of the kind in a fixed order (SQL text and its cached plans stay the same)."""
    return tuple(sorted(v.FINAL_STATUSES.get(kind, ())))


def holds(queue: str, kind: str, status: str | None, assignee_id: str | None, user_id: str | None) -> bool:
    """The queue's rule on one item's list fields, the clock aside: what the SQL forms of the rule select
    (a `deadline` rule also needs the item's due_at against DeadlineBounds, core.deadlines.state_of)."""
    wanted = rule(queue)
    if wanted.kinds is not None and kind not in wanted.kinds:
        return False
    if wanted.paused_only and v.deadline_clock(kind, status) != "paused":
        return False
    if wanted.deadline and v.deadline_clock(kind, status) != "running":
        return False
    if wanted.open_only and not is_open(kind, status):
        return False
    if wanted.new_only and status not in new_statuses(kind):
        return False
    if wanted.assignee == "me":
        return bool(user_id) and assignee_id == user_id
    if wanted.assignee == "nobody":
        return assignee_id is None
    return True
