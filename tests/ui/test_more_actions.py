"""The less frequent actions under "Thao tác khác": who gets them, what each dialog collects and refuses,
and — through the window against the real sandbox — that each reaches the server once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.seed import CLERK, LEADER, OFFICER, UNITS
from triage_desktop.core.entities import ItemQuery, User
from triage_desktop.core.timestamps import parse_timestamp
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui import action_registry
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui.dialogs.dossier_action_dialogs import ExtendDialog, FeeDialog
from triage_desktop.ui.dialogs.report_action_dialogs import MergeDialog, PriorityDialog, TransferDialog
from triage_desktop.ui.formatting import format_vnd, sorted_vietnamese
from triage_desktop.ui.main_window import MainWindow

leader, officer, clerk = User.from_json(LEADER), User.from_json(OFFICER), User.from_json(CLERK)
OTHER_UNITS = [*UNITS, {"id": "w_0102", "name": "UBND Phường 2", "parent_id": "p_72", "kind": "ward"},
               {"id": "d_dl", "name": "Điện lực Tây Ninh", "parent_id": "p_72", "kind": "department"}]


def ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


# -- who gets what ------------------------------------------------------------------------------------------

def test_a_clerk_may_only_ask_for_the_fee_among_the_other_actions(workspace: LocalWorkspace) -> None:
    report, submitted = workspace.item("report", "r_0001"), workspace.item("dossier", "d_0000")
    assert rules.visible_buttons("report", clerk) & set(action_registry.MORE_ACTIONS) == set()
    assert rules.visible_buttons("dossier", clerk) & set(action_registry.MORE_ACTIONS) == {rules.REQUEST_FEE}
    assert rules.visible_buttons("report", officer) & set(action_registry.MORE_ACTIONS) == {
        rules.SET_PRIORITY, rules.TRANSFER, rules.MERGE}
    assert {rules.SET_PRIORITY, rules.TRANSFER, rules.MERGE} <= rules.enabled_buttons(report, officer)
    assert rules.enabled_buttons(submitted, leader) & {rules.REQUEST_FEE, rules.EXTEND} == set()  # not received yet
    processing = workspace.item("dossier", "d_0001")
    assert {rules.REQUEST_FEE, rules.EXTEND} <= rules.enabled_buttons(processing, leader)


def test_the_menu_follows_the_item(qtbot, window: MainWindow) -> None:
    assert window.select_item("report", "r_0001")
    assert window.detail.more_button().isVisibleTo(window)
    assert window.detail.more_action(rules.MERGE).isVisible() and window.detail.more_action(rules.MERGE).isEnabled()
    assert not window.detail.more_action(rules.EXTEND).isVisible()


def test_names_sort_in_vietnamese_order() -> None:
    names = ["Vũ Thị Lan", "Đặng Văn An", "Dương Minh Tú", "Hoàng Thị Ánh", "Ánh Dương"]
    assert sorted_vietnamese(names, str) == ["Ánh Dương", "Dương Minh Tú", "Đặng Văn An", "Hoàng Thị Ánh",
                                             "Vũ Thị Lan"]


# -- the dialogs ----------------------------------------------------------------------------------------------

def test_priority_starts_from_the_current_one(qtbot, workspace: LocalWorkspace) -> None:
    dialog = PriorityDialog(workspace.item("report", "r_0001"), leader)
    qtbot.addWidget(dialog)
    assert dialog.priority.currentData() == "normal"
    dialog.priority.setCurrentIndex(dialog.priority.findData("urgent"))
    ok(qtbot, dialog)
    assert dialog.payload == {"type": "set_priority", "priority": "urgent"}


def test_transfer_offers_other_units_and_needs_a_reason_the_citizen_will_read(qtbot, workspace: LocalWorkspace
                                                                            ) -> None:
    dialog = TransferDialog(workspace.item("report", "r_0001"), officer, OTHER_UNITS)
    qtbot.addWidget(dialog)
    assert [dialog.unit.itemText(i) for i in range(dialog.unit.count())] == [
        "— Chọn đơn vị nhận —", "Điện lực Tây Ninh", "UBND Phường 2"]
    assert "Công dân sẽ nhìn thấy lý do chuyển" in [label.text() for label in dialog.findChildren(QLabel)]
    dialog.reason_text.setPlainText("Đường dây điện thuộc Điện lực quản lý")
    ok(qtbot, dialog)
    assert dialog.payload is None and dialog.error.text() == "Thiếu thông tin bắt buộc: đơn vị nhận."
    dialog.unit.setCurrentIndex(1)
    dialog.reason_text.clear()
    ok(qtbot, dialog)
    assert dialog.payload is None and dialog.error.text() == "Thiếu thông tin bắt buộc: nội dung lý do."
    dialog.reason_text.setPlainText("Đường dây điện thuộc Điện lực quản lý")
    ok(qtbot, dialog)
    assert dialog.payload == {"type": "transfer", "unit_id": "d_dl",
                              "reason_text": "Đường dây điện thuộc Điện lực quản lý"}


def test_merge_suggests_the_same_category_and_finds_by_code(qtbot, workspace: LocalWorkspace) -> None:
    item = workspace.item("report", "r_0001")

    def find(text: str, category: str | None) -> list[Any]:
        return workspace.page(ItemQuery(kind="report", text=text, category=category), 0, 50)

    dialog = MergeDialog(item, leader, find)
    qtbot.addWidget(dialog)
    suggested = [dialog.candidates.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.candidates.count())]
    assert suggested and "r_0001" not in suggested
    assert all(workspace.item("report", s).data["category_code"] == item.data["category_code"] for s in suggested)
    assert not dialog.ok_button.isEnabled()  # nothing chosen yet
    dialog.search.setText("PA-2026-000004")
    qtbot.waitUntil(lambda: dialog.candidates.count() == 1, timeout=3_000)
    assert dialog.candidates.item(0).text().startswith("PA-2026-000004 · ")
    dialog.candidates.setCurrentRow(0)
    ok(qtbot, dialog)
    assert dialog.payload == {"type": "merge", "into_id": dialog.candidates.item(0).data(Qt.ItemDataRole.UserRole)}


def test_fee_starts_from_the_procedure_fee_and_keeps_the_officers_words(qtbot, workspace: LocalWorkspace) -> None:
    item = workspace.item("dossier", "d_0001")
    procedures = [{"code": item.data["procedure_code"], "fee_vnd": 15000}]
    dialog = FeeDialog(item, clerk, procedures)
    qtbot.addWidget(dialog)
    assert dialog.amount.value() == 15000
    assert format_vnd(15000) in dialog.body.toPlainText()
    dialog.amount.setValue(20000)
    assert format_vnd(20000) in dialog.body.toPlainText()  # the suggestion follows the amount…
    dialog.body.selectAll()
    dialog.body.insertPlainText("Vui lòng nộp lệ phí tại Bộ phận một cửa.")
    dialog.amount.setValue(25000)
    assert dialog.body.toPlainText() == "Vui lòng nộp lệ phí tại Bộ phận một cửa."  # …until the officer writes
    ok(qtbot, dialog)
    assert dialog.payload == {"type": "request_fee", "amount_vnd": 25000,
                              "body": "Vui lòng nộp lệ phí tại Bộ phận một cửa."}


def test_extend_needs_a_later_date_and_an_apology(qtbot, workspace: LocalWorkspace) -> None:
    item = workspace.item("dossier", "d_0001")
    apology = [{"id": "t_9", "kind": "apology", "title": "Xin lỗi", "body": "Xin lỗi ông/bà về hồ sơ {code}."}]
    dialog = ExtendDialog(item, leader, apology)
    qtbot.addWidget(dialog)
    due = parse_timestamp(item.data["due_at"])
    assert dialog.new_due.minimumDateTime().toSecsSinceEpoch() > due.timestamp()
    ok(qtbot, dialog)
    assert dialog.payload is None  # no apology letter yet
    dialog.template.setCurrentIndex(1)
    ok(qtbot, dialog)
    assert dialog.payload["apology_letter"] == f"Xin lỗi ông/bà về hồ sơ {item.data['code']}."
    new_due = datetime.fromisoformat(dialog.payload["new_due_at"])
    assert new_due.tzinfo is not None and new_due > due


# -- through the window, to the server --------------------------------------------------------------------

@pytest.fixture
def live(synced_window: MainWindow) -> MainWindow:
    return synced_window


def open_more(qtbot, window: MainWindow, kind: str, item_id: str, action: str):
    window.queues.select(kind, "all")
    qtbot.waitUntil(lambda: window.select_item(kind, item_id), timeout=5_000)
    entry = window.detail.more_action(action)
    assert entry.isEnabled()
    entry.trigger()
    return window.active_dialog


def test_each_action_reaches_the_server_once(qtbot, sandbox: SandboxServer, live: MainWindow) -> None:
    active = [r for r in sandbox.all_aggregates("report") if r["status"] in ("new", "acknowledged", "in_progress")]
    urgent, moved, duplicate = active[0], active[1], active[2]
    original = next(r for r in active[3:] if r["id"] not in {urgent["id"], moved["id"], duplicate["id"]})
    processing = next(d for d in sandbox.all_aggregates("dossier")
                      if d["status"] in ("received", "processing", "awaiting_supplement", "awaiting_fee"))

    dialog = open_more(qtbot, live, "report", urgent["id"], rules.SET_PRIORITY)
    dialog.priority.setCurrentIndex(dialog.priority.findData("urgent"))
    ok(qtbot, dialog)

    dialog = open_more(qtbot, live, "report", moved["id"], rules.TRANSFER)
    dialog.reason_text.setPlainText("Thuộc thẩm quyền đơn vị khác")
    dialog.unit.setCurrentIndex(1)
    chosen_unit = dialog.unit.currentData()
    ok(qtbot, dialog)

    dialog = open_more(qtbot, live, "report", duplicate["id"], rules.MERGE)
    dialog.search.setText(original["code"])
    qtbot.waitUntil(lambda: dialog.candidates.count() == 1, timeout=3_000)
    dialog.candidates.setCurrentRow(0)
    ok(qtbot, dialog)

    dialog = open_more(qtbot, live, "dossier", processing["id"], rules.EXTEND)
    dialog.body.setPlainText("Thành thật xin lỗi ông/bà vì hồ sơ chậm trả kết quả.")
    ok(qtbot, dialog)

    qtbot.waitUntil(lambda: len(sandbox.ledger()) == 4, timeout=20_000)
    qtbot.waitUntil(lambda: live.workspace.outbox() == [], timeout=20_000)
    assert sandbox.aggregate("report", urgent["id"])["priority"] == "urgent"
    assert sandbox.aggregate("report", moved["id"])["unit_id"] == chosen_unit
    assert sandbox.aggregate("report", duplicate["id"])["merged_into_id"] == original["id"]
    assert [e["type"] for e in sandbox.aggregate("dossier", processing["id"])["events"]][-1] == "extended"
    assert sorted(e["type"] for e in sandbox.ledger()) == ["extend", "merge", "set_priority", "transfer"]
    # Transferred and merged reports left the unit's feed, and so the officer's list.
    qtbot.waitUntil(lambda: live.workspace.item("report", moved["id"]) is None
                    and live.workspace.item("report", duplicate["id"]) is None, timeout=20_000)


def test_a_fee_of_nothing_is_refused_in_words(qtbot, workspace: LocalWorkspace) -> None:
    dialog = FeeDialog(workspace.item("dossier", "d_0001"), clerk, [])  # a procedure without a published fee
    qtbot.addWidget(dialog)
    assert dialog.amount.value() == 0
    ok(qtbot, dialog)
    assert dialog.payload is None and dialog.error.text() == "Giá trị không hợp lệ: số tiền."
