"""The fields an officer reads about an item (detail pane, template placeholders, CSV export) come from the same
reading of the raw JSON (core.fields), per kind; a wrong-typed field leaves its line out instead of breaking."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui.seed import CATEGORIES, LEADER, PROCEDURES, dossier, report
from triage_desktop.cli import CSV_COLUMNS, csv_row
from triage_desktop.core.entities import Item, User
from triage_desktop.ui.detail_panel import DetailPanel, FieldGrid
from triage_desktop.ui.dialogs.action_dialogs import template_context
from triage_desktop.ui.formatting import format_date

NAMES = {c["code"]: c["name"] for c in CATEGORIES}
PROCEDURE_NAMES = {p["code"]: p["name"] for p in PROCEDURES}
HOSTILE = {"title": 42, "summary": ["x"], "description": {"x": 1}, "category_code": {}, "procedure_code": 7,
           "priority": [], "step": 3, "due_at": 20260309, "citizen": "Lê Đình Tâm", "applicant": ["Nguyễn"],
           "location": [11.3, 106.1], "code": None}


def shown(qtbot, data: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """(the pane's title line, caption → value of every field line shown)."""
    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.set_reference({}, NAMES, PROCEDURE_NAMES)
    panel.show_item(Item(data["kind"], data["id"], data["version"], data), User.from_json(LEADER))
    (grid,) = panel.findChildren(FieldGrid)
    labels = [label.text() for label in grid.findChildren(QLabel)]
    title = panel.findChild(QLabel, "detailTitle")
    assert title is not None
    return title.text(), dict(zip(labels[::2], labels[1::2], strict=True))


def test_a_report_shows_its_title_citizen_place_and_category(qtbot) -> None:
    title, lines = shown(qtbot, report("r_1", 1, citizen={"name": "Lê Đình Tâm", "phone": "0905 123 456",
                                                           "contact_allowed": False}))
    assert title == "Cây đổ chắn đường số 1"
    assert {caption: lines.get(caption) for caption in (
        "Mã", "Tiêu đề", "Lĩnh vực", "Người phản ánh", "Điện thoại", "Địa điểm", "Tọa độ", "Mức độ")} == {
        "Mã": "PA-2026-000001", "Tiêu đề": "Cây đổ chắn đường số 1", "Lĩnh vực": "Cây xanh (CAY_XANH)",
        "Người phản ánh": "Lê Đình Tâm", "Điện thoại": "0905•••456 (công dân không muốn được liên hệ)",
        "Địa điểm": "1 Đường 30/4, Phường 1", "Tọa độ": "11.3101, 106.0982", "Mức độ": "Bình thường"}
    assert "Hạn xử lý" in lines and "Số định danh" not in lines and "Bước xử lý" not in lines


def test_a_dossier_shows_its_summary_applicant_and_procedure(qtbot) -> None:
    title, lines = shown(qtbot, dossier("d_1", 1, step="Trình ký lãnh đạo"))
    assert title == "Đăng ký khai sinh cho con (1)"
    assert {caption: lines.get(caption) for caption in (
        "Mã", "Trích yếu", "Thủ tục", "Bước xử lý", "Người nộp", "Số định danh", "Điện thoại", "Địa chỉ")} == {
        "Mã": "000.00.23.H57-260302-0001", "Trích yếu": "Đăng ký khai sinh cho con (1)",
        "Thủ tục": "Đăng ký khai sinh (HT-KS)", "Bước xử lý": "Trình ký lãnh đạo", "Người nộp": "Nguyễn Thị Hoà",
        "Số định danh": "0721•••234", "Điện thoại": "0276•••111", "Địa chỉ": "5 Trần Hưng Đạo"}
    assert "Tọa độ" not in lines and "Tiêu đề" not in lines


@pytest.mark.parametrize("make", [report, dossier])
def test_wrong_typed_fields_leave_their_lines_out(qtbot, make) -> None:
    data = make("x_1", 1, **HOSTILE)
    title, lines = shown(qtbot, data)
    assert title == ""
    assert lines["Mã"] == "x_1"  # no code: the id stands in, as in the list
    for caption in ("Tiêu đề", "Trích yếu", "Lĩnh vực", "Thủ tục", "Mức độ", "Bước xử lý", "Người phản ánh",
                    "Người nộp", "Điện thoại", "Địa điểm", "Địa chỉ", "Tọa độ", "Số định danh", "Hạn xử lý"):
        assert caption not in lines, caption


def test_template_placeholders_name_the_citizen_or_the_applicant() -> None:
    leader = User.from_json(LEADER)
    for data, name in ((report("r_1", 1), "Lê Đình Tâm"), (dossier("d_1", 1), "Nguyễn Thị Hoà")):
        context = template_context(Item(data["kind"], data["id"], 1, data), leader, "UBND Phường 1")
        assert context == {"citizen_name": name, "code": data["code"], "due_date": format_date(data["due_at"]),
                           "officer_name": "Nguyễn Thị Hồng", "unit_name": "UBND Phường 1"}
    bad = report("r_2", 1, **HOSTILE)
    context = template_context(Item("report", "r_2", 1, bad), leader)
    assert (context["citizen_name"], context["code"], context["due_date"]) == ("", "r_2", "")


def test_the_csv_export_reads_each_kind_its_own_way() -> None:
    def row(data: dict[str, Any]) -> dict[str, str]:
        return dict(zip(CSV_COLUMNS, csv_row(data), strict=True))

    assert {k: row(report("r_1", 1))[k] for k in ("category", "title", "person", "phone", "address", "due_at")} == {
        "category": "CAY_XANH", "title": "Cây đổ chắn đường số 1", "person": "Lê Đình Tâm", "phone": "0905 123 456",
        "address": "1 Đường 30/4, Phường 1", "due_at": "2026-03-09T17:00:00+07:00"}
    assert {k: row(dossier("d_1", 1))[k] for k in ("category", "title", "person", "phone", "address")} == {
        "category": "HT-KS", "title": "Đăng ký khai sinh cho con (1)", "person": "Nguyễn Thị Hoà",
        "phone": "0276 3822 111", "address": "5 Trần Hưng Đạo"}
    for make in (report, dossier):
        bad = row(make("x_1", 1, **HOSTILE))
        assert [bad[k] for k in ("category", "title", "person", "phone", "address")] == [""] * 5
