"""Saved views: a queue, the filter row and a sort order under one name (issue 11).

The built-in views are said here once, by stable names (the window translates their labels); the officer's own
views are kept in the cache per officer (Workspace.saved_views). A view and a list query are two forms of the
same thing: `apply_view` turns a view into the query the list runs, `view_of` keeps a query as a view, and
`shows` tells whether the list shows a view right now (the picker names it, or says the list was changed).
"""

from __future__ import annotations

import dataclasses
from typing import Final

from triage_desktop.core.entities import ItemQuery, SavedView
from triage_desktop.core.queues import queues_of

MINE_MOST_URGENT: Final = "mine_most_urgent"  # "Việc của tôi — gấp nhất trước"
UNIT_OVERDUE: Final = "unit_overdue"  # "Quá hạn của đơn vị"
UNASSIGNED_OLDEST: Final = "unassigned_oldest"  # "Chưa phân công — cũ nhất trước"
OPEN_MOST_URGENT: Final = "open_most_urgent"  # "Chưa hoàn thành — gấp nhất trước"
BUILTIN_NAMES: Final = (MINE_MOST_URGENT, UNIT_OVERDUE, UNASSIGNED_OLDEST, OPEN_MOST_URGENT)

# The assignee filter's "Chưa phân công": the items nobody holds (storage.listing reads it so).
UNASSIGNED: Final = ""


def builtin_views(kind: str) -> tuple[SavedView, ...]:
    """The views every officer has for `kind`; the most urgent first means the earliest due moment first."""
    views = (
        SavedView(MINE_MOST_URGENT, kind, queue="mine", sort_key="due_at", descending=False, builtin=True),
        SavedView(UNIT_OVERDUE, kind, queue="overdue", sort_key="due_at", descending=False, builtin=True),
        SavedView(UNASSIGNED_OLDEST, kind, queue="unassigned", sort_key="submitted_at", descending=False,
                  builtin=True),
        SavedView(OPEN_MOST_URGENT, kind, queue="open", sort_key="due_at", descending=False, builtin=True),
    )
    return tuple(view for view in views if view.queue in queues_of(kind))


def member_view(kind: str, assignee_id: str) -> SavedView:
    """What one member holds, overdue first: her unfinished items by due moment (a leader's morning look)."""
    return SavedView(f"member:{assignee_id}", kind, queue="open", assignee_id=assignee_id, sort_key="due_at",
                     descending=False, builtin=True)


def apply_view(view: SavedView, query: ItemQuery) -> ItemQuery:
    """`query` (its officer, search text and clock kept) showing `view`'s queue, filters and order."""
    return dataclasses.replace(query, kind=view.kind, queue=view.queue, status=view.status, category=view.category,
                               assignee_id=view.assignee_id, channel=view.channel, deadline=view.deadline,
                               sort_key=view.sort_key, descending=view.descending)


def view_of(name: str, query: ItemQuery) -> SavedView:
    """The list as it is now, kept under `name` (the officer's own view; search text is not part of it)."""
    return SavedView(name, query.kind, queue=query.queue, status=query.status, category=query.category,
                     assignee_id=query.assignee_id, channel=query.channel, deadline=query.deadline,
                     sort_key=query.sort_key, descending=query.descending)


def shows(view: SavedView, query: ItemQuery) -> bool:
    """The list shows exactly `view` (same queue, filters and order), whatever the search text."""
    return dataclasses.replace(view_of(view.name, query), builtin=view.builtin) == view
