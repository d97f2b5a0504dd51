"""Issue 8, item 6: "Người xử lý" and "Lĩnh vực" sort by the name shown, in Vietnamese order, not by id or code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.seed import CLERK, LEADER, OFFICER, report, upsert
from triage_desktop.storage.store import Store
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import COL_ASSIGNEE, COL_CATEGORY

# Ids in the opposite order of the names; code-point order of the names differs from both (Á and Đ are > Z).
RENAMED = [{**LEADER, "full_name": "Hoàng Thị Hồng"}, {**OFFICER, "full_name": "Đỗ Văn Bình"},
           {**CLERK, "full_name": "Ánh Dương"}]
CATEGORIES = [{"code": "CAY_XANH", "name": "Bảo vệ cây xanh"}, {"code": "CHIEU_SANG", "name": "Ánh sáng công cộng"},
              {"code": "AN_NINH", "name": "Đường phố an ninh"}]


def column_texts(window: MainWindow, column: int) -> list[str]:
    model = window.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def runs(texts: list[str]) -> list[str]:
    """Each distinct text once, in the order the list shows them."""
    return [text for i, text in enumerate(texts) if i == 0 or texts[i - 1] != text]


@pytest.fixture
def renamed(window: MainWindow, store: Store) -> MainWindow:
    window.queues.select("report", "all")
    store.apply_page([upsert(report("r_0003", 3, assignee_id="u_21", status="in_progress", version=2)),
                      upsert(report("r_0005", 5, category_code="AN_NINH", version=2))], "cursor-2")
    store.put_reference("members", None, RENAMED)  # a sync brings new names: rows are re-keyed
    store.put_reference("categories", None, CATEGORIES)
    window.reload_reference()
    window.model.refresh_ids([])
    return window


def test_assignee_column_sorts_by_name_in_vietnamese_order(qtbot, renamed: MainWindow) -> None:
    renamed.list_view.sortByColumn(COL_ASSIGNEE, Qt.SortOrder.AscendingOrder)
    assert runs(column_texts(renamed, COL_ASSIGNEE)) == ["Chưa phân công", "Ánh Dương", "Đỗ Văn Bình",
                                                         "Hoàng Thị Hồng"]
    renamed.list_view.sortByColumn(COL_ASSIGNEE, Qt.SortOrder.DescendingOrder)
    assert runs(column_texts(renamed, COL_ASSIGNEE)) == ["Hoàng Thị Hồng", "Đỗ Văn Bình", "Ánh Dương",
                                                         "Chưa phân công"]


def test_category_column_sorts_by_name_in_vietnamese_order(qtbot, renamed: MainWindow) -> None:
    renamed.list_view.sortByColumn(COL_CATEGORY, Qt.SortOrder.AscendingOrder)
    assert runs(column_texts(renamed, COL_CATEGORY)) == ["Ánh sáng công cộng", "Bảo vệ cây xanh",
                                                         "Đường phố an ninh"]


def test_a_renamed_member_moves_in_the_sorted_list(qtbot, renamed: MainWindow, store: Store) -> None:
    renamed.list_view.sortByColumn(COL_ASSIGNEE, Qt.SortOrder.AscendingOrder)
    store.put_reference("members", None, [{**RENAMED[0], "full_name": "An Thị Hồng"}, *RENAMED[1:]])
    renamed.reload_reference()
    assert runs(column_texts(renamed, COL_ASSIGNEE)) == ["Chưa phân công", "An Thị Hồng", "Ánh Dương",
                                                         "Đỗ Văn Bình"]
