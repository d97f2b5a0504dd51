"""Which items are new to the officer (issue 8, item 7): arrivals from the feed, not a snapshot's refill; gone with
the item; per officer."""

from __future__ import annotations

from tests.unit.storage.factories import delete, report, upsert
from triage_desktop.core.entities import ItemQuery
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace


def unread_ids(workspace: LocalWorkspace, user_id: str = "u_17") -> set[str]:
    rows = workspace.page(ItemQuery(kind="report", user_id=user_id), 0, 100)
    return {row.id for row in rows if row.unread}


def test_feed_arrivals_are_new_until_opened_and_a_snapshot_is_not_news(store: Store,
                                                                       workspace: LocalWorkspace) -> None:
    store.begin_snapshot()
    store.apply_page([upsert(report("r_1")), upsert(report("r_2"))], "c1")
    store.finish_snapshot()
    assert unread_ids(workspace) == set() and workspace.unread_counts("u_17") == {}

    store.apply_page([upsert(report("r_3")), upsert(report("r_1", 2, status="acknowledged"))], "c2")
    assert unread_ids(workspace) == {"r_3"}  # an update to a known item is not an arrival
    assert workspace.unread_counts("u_17") == {"report": 1}
    assert unread_ids(workspace, "u_01") == set()  # another officer's view of the same cache

    assert workspace.mark_read("u_17", "report", "r_3") is True
    assert workspace.mark_read("u_17", "report", "r_3") is False
    assert unread_ids(workspace) == set()


def test_an_item_that_leaves_is_no_longer_counted(store: Store, workspace: LocalWorkspace) -> None:
    store.apply_page([upsert(report("r_1")), upsert(report("r_2"))], "c1")
    assert workspace.unread_counts("u_17") == {"report": 2}
    store.apply_page([delete("report", "r_1", 2)], "c2")
    assert workspace.unread_counts("u_17") == {"report": 1}
    store.begin_snapshot()  # a resync that no longer contains r_2
    store.finish_snapshot()
    assert workspace.unread_counts("u_17") == {}
