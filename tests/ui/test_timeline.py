"""The timeline says what each event did, from the `data` the contract's actions put there (§4, §6):
to whom an item was assigned, the new due date, the fee, the merge's other report and the receiving unit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QFrame, QLabel

from tests.ui.seed import LEADER, MEMBERS, UNIT, dossier, event, report
from triage_desktop.core.entities import Item, User
from triage_desktop.ui.detail_panel import DetailPanel, FieldGrid
from triage_desktop.ui.formatting import format_datetime, format_vnd
from triage_desktop.ui.i18n import install_translators, remove_translators
from triage_desktop.ui.main_window import MainWindow

NAMES = {m["id"]: m["full_name"] for m in MEMBERS}
UNITS = {UNIT: "UBND Phường 1", "d_dl": "Điện lực Tây Ninh"}
CODES = {("report", "r_0002"): "PA-2026-000002"}
AT = "2026-03-02T09:00:00+07:00"


def timeline(qtbot, data: dict[str, Any]) -> dict[str, list[str]]:
    """What each timeline line reads, by event type."""
    panel = DetailPanel(code_of=lambda kind, item_id: CODES.get((kind, item_id)))
    qtbot.addWidget(panel)
    panel.set_reference(NAMES, {}, {}, UNITS)
    panel.show_item(Item(data["kind"], data["id"], data["version"], data), User.from_json(LEADER))
    lines: dict[str, list[str]] = {}
    for frame in panel.findChildren(QFrame):
        if frame.property("eventType"):
            lines[str(frame.property("eventType"))] = [label.text() for label in frame.findChildren(QLabel)]
    return lines


def detail(lines: list[str]) -> list[str]:
    """The lines under the header (date · author · type), badges left out."""
    return [text for text in lines[1:] if text not in ("Nội bộ", "Công khai — công dân nhìn thấy")]


def test_an_assignment_names_the_new_assignee(qtbot) -> None:
    lines = timeline(qtbot, report("r_1", 1, events=[
        event(1, AT, "u_01", "assigned", {"from": None, "to": "u_17"})]))
    assert lines["assigned"][0] == f"{format_datetime(AT)} · Nguyễn Thị Hồng · Phân công"
    assert detail(lines["assigned"]) == ["Giao cho: Trần Văn Bình"]


def test_a_reassignment_names_both(qtbot) -> None:
    lines = timeline(qtbot, report("r_1", 1, events=[
        event(1, AT, "u_01", "assigned", {"from": "u_17", "to": "u_21"})]))
    assert detail(lines["assigned"]) == ["Giao cho: Lê Thị Mai (thay Trần Văn Bình)"]


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[None]:
    """Vietnamese numbers whatever ran before (the window installs the language at start-up, not in tests)."""
    before = QLocale()
    installed = install_translators(qapp, "vi")
    yield
    remove_translators(qapp, installed)
    QLocale.setDefault(before)


def test_dossier_events_show_the_new_due_date_and_the_fee(qtbot, vietnamese: None) -> None:
    lines = timeline(qtbot, dossier("d_1", 1, status="awaiting_fee", events=[
        event(1, "2026-03-04T08:00:00+07:00", "u_01", "extended",
              {"from": "2026-03-05T17:00:00+07:00", "to": "2026-03-10T17:00:00+07:00"},
              body="Thành thật xin lỗi ông/bà.", visibility="public"),
        event(2, "2026-03-04T09:00:00+07:00", "u_21", "fee_requested", {"amount_vnd": 150_000},
              body="Đề nghị nộp lệ phí.", visibility="public")]))
    assert detail(lines["extended"]) == [f"Hạn mới: {format_datetime('2026-03-10T17:00:00+07:00')}",
                                         "Thành thật xin lỗi ông/bà."]
    assert detail(lines["fee_requested"]) == [f"Số tiền: {format_vnd(150_000)}", "Đề nghị nộp lệ phí."]
    assert format_vnd(150_000) == "150.000 ₫"  # Vietnamese grouping


def test_report_events_name_the_merge_and_the_receiving_unit(qtbot) -> None:
    lines = timeline(qtbot, report("r_1", 1, events=[
        event(1, "2026-03-02T09:00:00+07:00", "u_01", "merged", {"into_id": "r_0002"}),
        event(2, "2026-03-02T10:00:00+07:00", "u_01", "transferred", {"from_unit": UNIT, "to_unit": "d_dl"},
              body="Thuộc thẩm quyền Điện lực", visibility="public")]))
    assert detail(lines["merged"]) == ["Gộp vào: PA-2026-000002"]  # the code, looked up in the cache
    assert detail(lines["transferred"]) == ["Chuyển đến: Điện lực Tây Ninh", "Thuộc thẩm quyền Điện lực"]


def test_the_original_of_a_merge_names_the_duplicate(qtbot) -> None:
    lines = timeline(qtbot, report("r_1", 1, events=[event(1, AT, "u_01", "merged", {"merged_id": "r_gone"})]))
    assert detail(lines["merged"]) == ["Phản ánh trùng được gộp vào đây: r_gone"]  # gone from the cache: its id


@pytest.mark.parametrize(("type_", "data"), [
    ("assigned", {}), ("assigned", {"to": {"id": "u_17"}}), ("extended", {"to": None}),
    ("fee_requested", {"amount_vnd": "nhiều"}), ("merged", {"into_id": ["r_2"]}), ("transferred", {"to_unit": 7.5}),
    ("assigned", ["not", "a", "mapping"]),
])
def test_missing_or_odd_data_leaves_a_plain_line(qtbot, type_: str, data: Any) -> None:
    lines = timeline(qtbot, report("r_1", 1, events=[event(1, AT, "u_01", type_, data)]))
    assert detail(lines[type_]) == []


def test_unknown_ids_are_shown_as_sent(qtbot) -> None:
    lines = timeline(qtbot, report("r_1", 1, events=[
        event(1, AT, "u_01", "assigned", {"from": None, "to": "u_99"}),
        event(2, "2026-03-02T10:00:00+07:00", "u_01", "transferred", {"from_unit": UNIT, "to_unit": "w_9"}),
        event(3, "2026-03-02T11:00:00+07:00", "u_01", "merged", {"into_id": "r_x"})]))
    assert detail(lines["assigned"]) == ["Giao cho: u_99"]
    assert detail(lines["transferred"]) == ["Chuyển đến: w_9"]
    assert detail(lines["merged"]) == ["Gộp vào: r_x"]


def test_the_window_shows_who_got_the_featured_report(qtbot, window: MainWindow) -> None:
    window.select_item("report", "r_featured")
    [assigned] = [f for f in window.detail.findChildren(QFrame) if f.property("eventType") == "assigned"]
    assert "Giao cho: Trần Văn Bình" in [label.text() for label in assigned.findChildren(QLabel)]


def test_newest_first_by_moment_whatever_the_offsets(qtbot) -> None:
    # 09:15+07:00 is 02:15Z: later than 02:00Z although it sorts first as text; equal moments keep the server's
    # append order, newest first.
    data = report("r_1", 1, events=[
        event(1, "2026-03-02T02:00:00Z", "u_01", "note", body="thứ nhất"),
        event(2, "2026-03-02T09:15:00+07:00", "u_01", "note", body="thứ hai"),
        event(3, "2026-03-02T02:15:00Z", "u_01", "note", body="thứ ba")])
    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.show_item(Item("report", "r_1", 1, data), User.from_json(LEADER))
    bodies = [label.text() for frame in panel.findChildren(QFrame) if frame.property("eventType") == "note"
              for label in frame.findChildren(QLabel) if label.text().startswith("thứ")]
    assert bodies == ["thứ ba", "thứ hai", "thứ nhất"]


@pytest.mark.usefixtures("doubled_font")
def test_a_dossier_fits_a_narrow_pane_at_200_percent_text(qtbot, qapp: QApplication) -> None:
    """A dossier code (25 characters without a space) beside its caption can be wider than the detail pane at
    200% text on 1366×768: the captions then go above their values instead of pushing the pane sideways."""
    data = dossier("d_1", 1, status="processing", events=[
        event(1, "2026-03-04T08:00:00+07:00", "u_01", "extended", {"to": "2026-03-10T17:00:00+07:00"},
              body="Thành thật xin lỗi ông/bà.", visibility="public")])
    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.set_reference(NAMES, {}, {}, UNITS)
    panel.show_item(Item("dossier", "d_1", 1, data), User.from_json(LEADER))
    panel.show()
    qtbot.waitExposed(panel)
    [grid] = panel.findChildren(FieldGrid)
    labels = grid.findChildren(QLabel)
    # The fields never ask for more width than their widest value: they cannot push the pane sideways.
    assert grid.minimumSizeHint().width() <= max(label.minimumSizeHint().width() for label in labels)
    layouts = set()
    start = grid.minimumSizeHint().width()
    panel.resize(1000, 700)
    qapp.processEvents()
    around = panel.width() - grid.width()  # margins and the scroll bar
    for width in range(start, start + 40 * panel.fontMetrics().averageCharWidth(), 8):
        panel.resize(width + around, 700)
        qapp.processEvents()
        qapp.processEvents()  # a rearranged grid lays out again
        layouts.add(grid.is_side_by_side())
        squeezed = [label.text() for label in labels if label.width() < label.minimumSizeHint().width()]
        assert squeezed == [], width  # side by side only when every caption and value fits
    assert layouts == {False, True}  # stacked when narrow, side by side once there is room
