"""What is news to the officer after a sync step: arrivals in the unit's "new" queue, items newly assigned to
her, and (each morning) her items due within a working day. Read through the Workspace port, a page or a few
single items at a time, so the GUI thread never waits on a queue's length (a million cached items).

Nothing here is told twice, and nothing that was already in the cache when watching started, or that the first
sync of an empty cache brought, is news:
- an arrival is one of the step's changed items, in the "new" queue and unread (the `unread` table gets only
  what the incremental feed brought, never a snapshot refill). The queue is read newest first on its
  (kind, status, submitted_at) index, so an old item transferred in behind a full page of newer ones is left
  to the status bar's count;
- a newly assigned item is one of the step's changed items that is in "Việc của tôi" now and whose last
  "assigned to her" timeline event was written after watching started, by someone else: her own taking (here,
  on the command line, on another PC) is no news to her, nor is an item of hers that a colleague merely touched.
  "After" is judged on the server's clock (the event's `at` against the newest `updated_at` the cache held at
  the start), never on this PC's.
A step of more than LISTED changes (a catch-up after days offline, a refill) is learnt, not told item by item:
the status bar counts it, and the morning list names what is due.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from typing import Final, NamedTuple

from triage_desktop.core import queues
from triage_desktop.core import vocabulary as v
from triage_desktop.core.deadlines import DeadlineBounds, state_of
from triage_desktop.core.entities import Item, ItemQuery, ItemRow
from triage_desktop.core.ports import Workspace
from triage_desktop.core.timestamps import parse_timestamp

Key = tuple[str, str]  # (kind, id)
SCAN: Final = 200  # rows of the new queue's newest end read after a step
LISTED: Final = 50  # changed items of one step looked at one by one (~1 ms each at 10^6 items)
DUE_PAGE: Final = 100  # the officer's items per deadline state in the morning list


class Told(NamedTuple):
    """What a notice says about one item: plain fields, the title still untrusted."""

    kind: str
    id: str
    code: str
    title: str

    @classmethod
    def of(cls, source: ItemRow | Item) -> Told:
        return cls(source.kind, source.id, source.code, source.title)


class NewWork:
    """The officer's news, step by step. `start()` learns what is already there (no news in it)."""

    def __init__(self, workspace: Workspace, user_id: str) -> None:
        self._ws = workspace
        self.user_id = user_id
        self._told: set[Key] = set()  # arrivals told, or unread already when watching started
        self._assignments_told: set[tuple[str, str, str]] = set()  # (kind, id, event id)
        self._mark: datetime | None = None  # the server's newest updated_at in the cache at the start
        self._caught_up_to = ""  # the newest updated_at after the last catch-up step: nothing older is an arrival

    def start(self) -> None:
        """Learn the current state: what is unread in the new queue and every assignment so far are not news (the
        server's updated_at only grows: what arrives later is updated after the newest change held now)."""
        self._told.clear()
        self._assignments_told.clear()
        self._caught_up_to = ""
        self.catch_up()

    def catch_up(self) -> None:
        """A step too long to look at item by item (a snapshot, a long sync's page): what it brought is not news.

        Two one-row reads move the marks past it: nothing updated before them is an arrival or a new assignment
        (reading the new queues instead held the GUI thread ~20 ms at every page of a long sync)."""
        newest = self._newest_update()
        self._caught_up_to = max(self._caught_up_to, newest)
        self._mark = parse_timestamp(self._caught_up_to) or self._mark

    def after_step(self, changed: Collection[Key]) -> tuple[list[Told], list[Told]]:
        """(arrivals, newly assigned) among the step's `changed` items, each told once."""
        if len(changed) > LISTED:
            self.catch_up()
            return [], []
        assigned = [Told.of(item) for key in sorted(changed) if (item := self._given_to_me(key)) is not None]
        taken = {(told.kind, told.id) for told in assigned}
        arrivals = []
        for kind in v.KINDS:
            for row in self._new_queue(kind):
                key = (row.kind, row.id)
                if row.unread and key in changed and key not in self._told and row.updated_at > self._caught_up_to:
                    self._told.add(key)
                    if key not in taken:  # a new item already given to her is told once, as hers
                        arrivals.append(Told.of(row))
        return arrivals, assigned

    def due_mine(self, bounds: DeadlineBounds) -> list[Told]:
        """Her open items whose running deadline has passed or falls before the "due soon" bound, soonest first.

        Filtered by ItemQuery.deadline and read in her queue's own index order (assignee, submitted_at): a sort
        by due moment would walk the whole due_at index for an officer with few items. Each row is checked again
        with the same rule (core.deadlines.state_of), so a cache that cannot filter by deadline still says right.
        """
        due: list[tuple[str, Told]] = []
        for kind in v.KINDS:
            for state in ("overdue", "due_soon"):
                query = ItemQuery(kind=kind, queue="mine", user_id=self.user_id, deadline=state, bounds=bounds)
                due += [(row.due_at or "", Told.of(row)) for row in self._ws.page(query, 0, DUE_PAGE)
                        if state_of(kind, row.status, row.due_at, bounds) == state]
        return [told for _due, told in sorted(due, key=lambda pair: pair[0])]

    # --- reading ---------------------------------------------------------------------------------------------

    def _newest_update(self) -> str:
        """The newest updated_at in the cache (the server's clock, the cache's UTC text), "" when empty."""
        newest = [rows[0].updated_at for kind in v.KINDS
                  if (rows := self._ws.page(ItemQuery(kind=kind, sort_key="updated_at", descending=True), 0, 1))]
        return max(newest, default="")

    def _new_queue(self, kind: str) -> list[ItemRow]:
        return self._ws.page(ItemQuery(kind=kind, queue="new", user_id=self.user_id), 0, SCAN)

    def _given_to_me(self, key: Key) -> Item | None:
        """The item, when it is in her queue because someone else gave it to her since watching started."""
        item = self._ws.item(*key)
        if item is None or not queues.holds("mine", item.kind, item.effective_status, item.effective_assignee_id,
                                            self.user_id):
            return None
        given = [e for e in item.events if e.type == "assigned" and e.data.get("to") == self.user_id]
        if not given:
            return None
        last = max(given, key=lambda e: parse_timestamp(e.at) or datetime.min.replace(tzinfo=UTC))
        at = parse_timestamp(last.at)
        told = (item.kind, item.id, last.id)
        if (last.author_id == self.user_id or at is None or told in self._assignments_told
                or (self._mark is not None and at <= self._mark)):
            return None
        self._assignments_told.add(told)
        return item
