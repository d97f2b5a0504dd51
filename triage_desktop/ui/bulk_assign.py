"""One bulk assignment followed from the queue to the server's answers (the leader's morning triage).

The window queues one `assign` action per item (each its own Idempotency-Key, each on the version the cache
holds) and keeps their local ids here. After each sync it asks `outcome` with the outbox as it stands: None
while any is still to be sent; then how many the server accepted (they left the outbox) and which came back
as a conflict or a failure (they stay in the outbox, with their badge and panel, for the officer to settle).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from triage_desktop.core.entities import ActionState, OutboxAction
from triage_desktop.core.errors import InvalidAction, NotFound
from triage_desktop.core.ports import Workspace

_OPEN = frozenset({ActionState.PENDING, ActionState.SENDING})


@dataclass(frozen=True, slots=True)
class Outcome:
    assigned: int
    problems: tuple[str, ...]  # the codes of the items whose action conflicted or failed
    not_queued: tuple[str, ...] = ()  # refused before queueing (a closed item, an item gone from the cache)


@dataclass(slots=True)
class BulkAssignment:
    codes: dict[int, str]  # local id → the item's code, for the summary
    not_queued: tuple[str, ...] = ()
    reported: bool = field(default=False)

    @classmethod
    def of(cls, actions: Sequence[OutboxAction], code_of: Mapping[tuple[str, str], str],
           not_queued: Iterable[str] = ()) -> BulkAssignment:
        return cls({a.local_id: code_of.get((a.kind, a.aggregate_id), a.aggregate_id) for a in actions},
                   tuple(not_queued))

    def outcome(self, outbox: Iterable[OutboxAction]) -> Outcome | None:
        """None while an action of the batch still waits to be sent; else the batch's result."""
        mine = {a.local_id: a for a in outbox if a.local_id in self.codes}
        if any(a.state in _OPEN for a in mine.values()):
            return None
        problems = tuple(self.codes[local_id] for local_id in sorted(mine))
        return Outcome(len(self.codes) - len(mine), problems, self.not_queued)


def queue_assignments(workspace: Workspace, keys: Sequence[tuple[str, str]],
                      assignee_id: str) -> tuple[list[OutboxAction], list[tuple[str, str]]]:
    """Queue one `assign` per item, each on the version the cache holds (a write: run it on the write lane).

    An item the action does not fit (closed meanwhile, gone from the cache) is left out and returned, so the
    others still go; an error that is not about the item (the cache, the login) stops the batch."""
    queued: list[OutboxAction] = []
    refused: list[tuple[str, str]] = []
    for kind, item_id in keys:
        try:
            queued.append(workspace.queue_action(kind, item_id, "assign", {"assignee_id": assignee_id}))
        except (InvalidAction, NotFound):
            refused.append((kind, item_id))
    return queued, refused
