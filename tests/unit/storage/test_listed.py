"""Workspace.listed (issue 13's list export): every row of a list query, in exactly the order the list pages show,
in small batches, with progress and a cancel between batches. Over a real cache whose sort columns hold ties
and NULLs (no deadline, nobody assigned), which a keyset must neither skip nor repeat."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.storage.factories import dossier, report, upsert
from triage_desktop.core.entities import SORT_KEYS, ItemQuery
from triage_desktop.core.errors import Cancelled
from triage_desktop.core.ports import CancelToken
from triage_desktop.storage import listed
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

STATUSES = ("new", "acknowledged", "in_progress", "resolved")


def fill(store: Store, n: int = 57) -> None:
    items = []
    for i in range(n):
        items.append(report(
            f"r_{i:03d}", status=STATUSES[i % 4], priority=("low", "normal", "high")[i % 3],
            assignee_id=(None, "u_17", "u_01")[i % 3], title=f"Cây đổ {i % 5}",
            category_code=("CAY_XANH", "CHIEU_SANG", None)[i % 3],
            # ties on the day, and every seventh item without a deadline
            submitted_at=f"2026-03-{1 + i % 6:02d}T08:00:00+07:00",
            due_at=None if i % 7 == 0 else f"2026-04-{1 + i % 9:02d}T17:00:00+07:00",
            citizen={"name": f"Công dân {i}", "phone": f"0905 000 {i:03d}"},
            location={"address": f"{i} Đường 30/4"}))
    items.append(dossier("d_1"))
    store.apply_page([upsert(item) for item in items], "c1")


def as_paged(workspace: LocalWorkspace, query: ItemQuery) -> list[str]:
    return [row.id for row in workspace.page(query, 0, 1000)]


@pytest.mark.parametrize("sort_key", SORT_KEYS)
@pytest.mark.parametrize("descending", [True, False])
def test_every_row_once_in_the_lists_order_whatever_the_sort(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                             sort_key: str, descending: bool) -> None:
    fill(store)
    monkeypatch.setattr(listed, "BATCH", 4)  # many batches, boundaries inside runs of equal values
    workspace = LocalWorkspace(store)
    query = ItemQuery(kind="report", sort_key=sort_key, descending=descending)
    got = [item.id for item in workspace.listed(query)]
    assert got == as_paged(workspace, query)
    assert len(got) == len(set(got)) == 57


def test_queue_filters_and_search_are_the_lists(store: Store) -> None:
    fill(store)
    workspace = LocalWorkspace(store)
    for query in (ItemQuery(kind="report", queue="mine", user_id="u_17", sort_key="due_at", descending=False),
                  ItemQuery(kind="report", status="in_progress", category="CHIEU_SANG"),
                  ItemQuery(kind="report", assignee_id="", sort_key="assignee_id"),
                  ItemQuery(kind="report", text="cong dan 1", sort_key="code"),
                  ItemQuery(kind="report", text="không có ai như thế")):
        assert [item.id for item in workspace.listed(query)] == as_paged(workspace, query), query


def test_a_row_carries_what_the_export_shows(store: Store) -> None:
    fill(store)
    item = next(i for i in LocalWorkspace(store).listed(ItemQuery(kind="report", sort_key="code")) if i.id == "r_010")
    assert (item.kind, item.title, item.status, item.priority, item.assignee_id, item.category) == (
        "report", "Cây đổ 0", "in_progress", "normal", "u_17", "CHIEU_SANG")
    assert (item.person, item.phone, item.address, item.channel, item.unit_id) == (
        "Công dân 10", "0905 000 010", "10 Đường 30/4", "zalo_mini_app", "w_0101")
    assert item.submitted_at == datetime(2026, 3, 5, 1, 0, tzinfo=UTC)
    assert item.due_at == datetime(2026, 4, 2, 10, 0, tzinfo=UTC)
    dossier_row = next(iter(LocalWorkspace(store).listed(ItemQuery(kind="dossier"))))
    assert (dossier_row.person, dossier_row.address, dossier_row.category) == (
        "Nguyễn Thị Hoà", "5 Trần Hưng Đạo", "HT-KS")


def test_progress_counts_up_to_the_total_and_cancel_stops_between_batches(store: Store) -> None:
    fill(store)
    seen: list[tuple[int, int]] = []
    rows = list(listed.listed_items(store.db, ItemQuery(kind="report"), progress=lambda *p: seen.append(p), batch=10))
    assert len(rows) == 57
    assert seen[0] == (0, 57) and seen[-1] == (57, 57)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)

    cancel = CancelToken()
    taken = []
    with pytest.raises(Cancelled):
        for item in listed.listed_items(store.db, ItemQuery(kind="report"), cancel, batch=10):
            taken.append(item)
            if len(taken) == 15:
                cancel.cancel()
    assert len(taken) == 20  # the batch under way is finished, no other is read
