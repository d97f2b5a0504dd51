"""What each queue of the list holds, said once.

A queue is a rule on two list fields of an item: its status and its assignee. The list's SQL filter, its
count from the `list_counts` counters and the queue badges are all made from `QUEUE_RULES`
(storage.listing), and the cache's `is_open` column is `is_open()` (storage.rows). The counters are kept by
triggers (migration r0002) that know no queue: they count items per (kind, status, category, assignee), the
fields a rule may test, so any rule here can be answered from them. A rule that tests another field would
need that field in the counters' key, which takes a new migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from triage_desktop.core import vocabulary as v

Assignee = Literal["me", "nobody", "anyone"]


@dataclass(frozen=True, slots=True)
class QueueRule:
    """Which items a queue holds; every test it names must pass."""

    open_only: bool = False  # not in a final status (core.vocabulary.FINAL_STATUSES): work is left to do
    new_only: bool = False  # in one of the kind's NEW_STATUSES
    assignee: Assignee = "anyone"  # "me": the officer of the query (none when nobody is logged in)


QUEUE_RULES: Final[dict[str, QueueRule]] = {
    "mine": QueueRule(open_only=True, assignee="me"),
    "unassigned": QueueRule(open_only=True, assignee="nobody"),
    "new": QueueRule(new_only=True),
    "all": QueueRule(),
}
QUEUES: Final[tuple[str, ...]] = tuple(QUEUE_RULES)


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
    """The queue's rule on one item's list fields: what the SQL forms of the rule select."""
    wanted = rule(queue)
    if wanted.open_only and not is_open(kind, status):
        return False
    if wanted.new_only and status not in new_statuses(kind):
        return False
    if wanted.assignee == "me":
        return bool(user_id) and assignee_id == user_id
    if wanted.assignee == "nobody":
        return assignee_id is None
    return True
