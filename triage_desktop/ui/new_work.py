"""What is news to the officer after a sync step: arrivals in the unit's "new" queue, items newly assigned to
her, and (each morning) her items due within a working day. Read through the Workspace port, a page at a time.

Nothing here is told twice, and nothing that was already in the cache when the window opened, or that the
first sync of an empty cache brought, is news:
- an arrival is an item of the step's changes that is unread (the `unread` table gets only what the
  incremental feed brought, never a snapshot refill) and sits in the "new" queue;
- a newly assigned item is one of the step's changes that is in "Việc của tôi" and was not there before (a set
  of known ids, filled from the whole queue when watching starts) and that the officer did not take herself.
The step's changed items were just updated, so they are at the top of a queue sorted by `updated_at`: one page
of that order finds them, whatever the size of the cache.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Final

from triage_desktop.core import vocabulary as v
from triage_desktop.core.deadlines import DeadlineBounds, state_of
from triage_desktop.core.entities import ItemQuery, ItemRow
from triage_desktop.core.ports import Workspace

Key = tuple[str, str]  # (kind, id)
SCAN: Final = 200  # rows of a queue's most recently updated end read after a step
MINE_PAGE: Final = 500  # rows per read while learning "Việc của tôi" (a few ms each)
MINE_CAP: Final = 5_000  # far above one officer's open work; beyond it the oldest are simply not known
DUE_PAGE: Final = 100
DUE_PAGES: Final = 20  # at most 2,000 of her items read for the morning's list


class NewWork:
    """The officer's news, step by step. `start()` learns what is already there (no news in it)."""

    def __init__(self, workspace: Workspace, user_id: str) -> None:
        self._ws = workspace
        self.user_id = user_id
        self._told: set[Key] = set()  # arrivals already told (or already there when watching started)
        self._mine: set[Key] = set()  # in "Việc của tôi" as far as we know

    def start(self) -> None:
        """Learn the current state: the new queue's unread items and the officer's own queue are not news."""
        self._told = {(row.kind, row.id) for kind in v.KINDS for row in self._recent(kind, "new") if row.unread}
        self._mine = set()
        for kind in v.KINDS:
            query = self._query(kind, "mine")
            for offset in range(0, MINE_CAP, MINE_PAGE):
                rows = self._ws.page(query, offset, MINE_PAGE)
                self._mine.update((row.kind, row.id) for row in rows)
                if len(rows) < MINE_PAGE:
                    break

    def took(self, key: Key) -> None:
        """The officer assigned this item to herself here: its arrival in her queue is not news to her."""
        self._mine.add(key)

    def after_step(self, changed: Collection[Key]) -> tuple[list[ItemRow], list[ItemRow]]:
        """(arrivals, newly assigned) among the step's `changed` items, each told once."""
        assigned = [row for kind in v.KINDS for row in self._assigned(kind, changed)]
        taken = {(row.kind, row.id) for row in assigned}
        arrivals = []
        for kind in v.KINDS:
            for row in self._recent(kind, "new"):
                key = (row.kind, row.id)
                if row.unread and key in changed and key not in self._told:
                    self._told.add(key)
                    if key not in taken:  # a new item already given to her is told once, as hers
                        arrivals.append(row)
        return arrivals, assigned

    def due_mine(self, bounds: DeadlineBounds) -> list[ItemRow]:
        """The officer's open items whose running deadline is past or within the "due soon" bound, soonest first."""
        due: list[ItemRow] = []
        for kind in v.KINDS:
            query = ItemQuery(kind=kind, queue="mine", user_id=self.user_id, sort_key="due_at", descending=False)
            for page in range(DUE_PAGES):
                rows = self._ws.page(query, page * DUE_PAGE, DUE_PAGE)
                due += [row for row in rows if state_of(kind, row.status, row.due_at, bounds) in ("due_soon", "overdue")]
                # Sorted by due moment (no deadline first): past the bound, nothing further can be due.
                if len(rows) < DUE_PAGE or (rows[-1].due_at or "") >= bounds.soon_until:
                    break
        return due

    # --- reading ---------------------------------------------------------------------------------------------

    def _query(self, kind: str, queue: str) -> ItemQuery:
        return ItemQuery(kind=kind, queue=queue, user_id=self.user_id, sort_key="updated_at", descending=True)

    def _recent(self, kind: str, queue: str) -> list[ItemRow]:
        return self._ws.page(self._query(kind, queue), 0, SCAN)

    def _assigned(self, kind: str, changed: Collection[Key]) -> Iterable[ItemRow]:
        rows = self._recent(kind, "mine")
        on_top = {(row.kind, row.id) for row in rows}
        fresh = [row for row in rows if (row.kind, row.id) in changed and (row.kind, row.id) not in self._mine]
        self._mine.update((row.kind, row.id) for row in fresh)
        # Known items the step changed and that are not on top any more left her queue (done, given to another):
        # a later assignment back to her is news again.
        for key in [key for key in changed if key[0] == kind and key in self._mine and key not in on_top]:
            if len(rows) < SCAN or self._ws.position_of(self._query(kind, "mine"), *key) is None:
                self._mine.discard(key)
        return fresh
