"""ItemTableModel over a real cache: model-tester clean, page-sized, sorting in SQL, refresh keeps the selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.seed import HOSTILE_TITLE, report, upsert
from triage_desktop.core.entities import ItemQuery
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.item_list_view import ItemListView
from triage_desktop.ui.models.item_table_model import (
    COL_ASSIGNEE,
    COL_CODE,
    COL_STATUS,
    COL_TITLE,
    MAX_PAGES,
    PAGE_SIZE,
    ItemKeyRole,
    ItemTableModel,
    SyncStateRole,
)

QUERY = ItemQuery(kind="report", queue="all", sort_key="code", descending=False)


@pytest.mark.parametrize("query", [
    QUERY,
    ItemQuery(kind="dossier", queue="all"),
    ItemQuery(kind="report", queue="mine", user_id="u_17"),
    ItemQuery(kind="report", queue="all", text="khong co gi nhu vay"),
])
def test_model_tester(qtmodeltester, workspace: LocalWorkspace, query: ItemQuery) -> None:
    model = ItemTableModel(workspace, query)
    qtmodeltester.check(model, force_py=True)


def test_rows_show_vietnamese_labels_and_plain_titles(workspace: LocalWorkspace) -> None:
    model = ItemTableModel(workspace, QUERY)
    rows = {model.index(r, COL_CODE).data(): r for r in range(model.rowCount())}
    featured = rows["PA-2026-000999"]
    assert model.index(featured, COL_TITLE).data() == HOSTILE_TITLE
    assert model.index(featured, COL_STATUS).data() == "Đang xử lý"
    assert model.index(featured, COL_ASSIGNEE).data() == "Trần Văn Bình"  # a name from members, not u_17
    assert model.index(featured, 0).data(ItemKeyRole) == ("report", "r_featured")
    # A tool tip is escaped: Qt would otherwise render the citizen's <img> as rich text.
    tooltip = model.index(featured, COL_TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;" in tooltip and "<img" not in tooltip


def test_holds_only_a_few_pages_of_a_big_list(store: Store, workspace: LocalWorkspace) -> None:
    store.apply_page([upsert(report(f"r_big{n:05d}", 10_000 + n)) for n in range(PAGE_SIZE * (MAX_PAGES + 3))],
                     "cursor-big")
    model = ItemTableModel(workspace, QUERY)
    total = workspace.count(QUERY)
    assert model.rowCount() == total > PAGE_SIZE * (MAX_PAGES + 2)
    for row in range(0, total, PAGE_SIZE // 2):
        assert model.index(row, COL_CODE).data()
    assert len(model._pages) <= MAX_PAGES
    last = workspace.page(QUERY, total - 1, 1)[0]
    assert model.index(total - 1, COL_CODE).data() == last.code


def test_sort_is_pushed_into_the_query(workspace: LocalWorkspace) -> None:
    model = ItemTableModel(workspace, QUERY)
    model.sort(COL_CODE, Qt.SortOrder.DescendingOrder)
    assert model.query().sort_key == "code" and model.query().descending
    codes = [model.index(r, COL_CODE).data() for r in range(model.rowCount())]
    assert codes == sorted(codes, reverse=True)


def _view(qtbot, model: ItemTableModel) -> ItemListView:
    view = ItemListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    return view


def test_sorting_keeps_the_selected_item(qtbot, workspace: LocalWorkspace) -> None:
    model = ItemTableModel(workspace, QUERY)
    view = _view(qtbot, model)
    assert view.select_key(("report", "r_0007"))
    view.sortByColumn(COL_CODE, Qt.SortOrder.DescendingOrder)
    assert model.query().descending
    assert view.current_key() == ("report", "r_0007")
    assert view.currentIndex().data(ItemKeyRole) == ("report", "r_0007")


def test_refresh_with_same_count_updates_rows_in_place(qtbot, store: Store, workspace: LocalWorkspace) -> None:
    model = ItemTableModel(workspace, QUERY)
    view = _view(qtbot, model)
    view.select_key(("report", "r_0003"))
    row = model.row_of(("report", "r_0005"))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    store.apply_page([upsert(report("r_0005", 5, version=2, title="Đèn đường hỏng"))], "cursor-2")
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        model.refresh_ids([("report", "r_0005")])
    assert changed.args[0].row() <= row <= changed.args[1].row()
    assert model.index(row, COL_TITLE).data() == "Đèn đường hỏng"
    assert not resets
    assert view.currentIndex().data(ItemKeyRole) == ("report", "r_0003")


def test_refresh_with_a_new_item_resets_but_keeps_selection(qtbot, store: Store, workspace: LocalWorkspace) -> None:
    model = ItemTableModel(workspace, QUERY)
    view = _view(qtbot, model)
    view.select_key(("report", "r_0010"))
    before = model.rowCount()
    store.apply_page([upsert(report("r_0000a", 1))], "cursor-3")
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.refresh_ids([("report", "r_0000a")])
    assert model.rowCount() == before + 1
    assert view.current_key() == ("report", "r_0010")
    assert view.currentIndex().data(ItemKeyRole) == ("report", "r_0010")
    assert view.selectionModel().isRowSelected(view.currentIndex().row())


def test_pending_and_conflicting_rows_are_marked(store: Store, workspace: LocalWorkspace) -> None:
    workspace.queue_action("report", "r_0004", "note", {"body": "Đã gọi điện cho công dân"})
    model = ItemTableModel(workspace, QUERY)
    row = model.row_of(("report", "r_0004"))
    assert model.index(row, 0).data(SyncStateRole) == "unsent"
    assert "đang chờ gửi" in model.index(row, COL_STATUS).data()
    assert model.index(row, COL_CODE).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(row, COL_CODE).data(Qt.ItemDataRole.ForegroundRole) is not None



def test_an_off_screen_selection_follows_its_item_when_rows_move(qtbot, store: Store,
                                                                 workspace: LocalWorkspace) -> None:
    store.apply_page([upsert(report(f"r_big{n:05d}", 10_000 + n, updated_at=f"2026-02-01T00:{n % 60:02d}:00Z"))
                      for n in range(PAGE_SIZE * 4)], "cursor-big")
    query = ItemQuery(kind="report", queue="all", sort_key="updated_at", descending=True)
    model = ItemTableModel(workspace, query)
    view = _view(qtbot, model)
    selected = model.key_at(5)
    view.select_key(selected)
    mover = model.key_at(PAGE_SIZE + 7)  # on page 1, which is not on screen either
    for row in range(PAGE_SIZE * 2, PAGE_SIZE * 4, 50):  # the officer scrolls far away: pages 2 and 3 on screen
        model.index(row, COL_CODE).data()
    store.apply_page([upsert(report(mover[1], 99, version=2, updated_at="2027-01-01T00:00:00Z"))], "cursor-move")
    model.refresh_ids([mover])
    assert model.key_at(0) == mover
    assert view.currentIndex().data(ItemKeyRole) == selected
    assert view.currentIndex().row() == 6  # one row down: the moved item went above it
