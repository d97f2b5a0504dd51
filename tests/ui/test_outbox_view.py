"""The outbox pane: every unsent action with its state; open, send again or discard."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.seed import LEADER, OFFICER
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.main_window import MainWindow


def test_outbox_lists_actions_and_discards_after_confirmation(qtbot, window: MainWindow, store: Store,
                                                              workspace: LocalWorkspace) -> None:
    workspace.queue_action("report", "r_0004", "note", {"body": "Ghi chú chờ gửi"})
    failed = workspace.queue_action("report", "r_0005", "set_status", {"status": "acknowledged"})
    store.fail_action(failed.local_id, 422, {"type": "https://triage.example/problems/validation",
                                             "title": "Unprocessable <b>", "status": 422,
                                             "errors": [{"field": "reason_text", "message": "bắt buộc <b>"}]})
    window.refresh_counts()
    window.queues.select("outbox")
    model = window.outbox_view.model
    assert model.rowCount() == 2
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert rows[0][1:4] == ["PA-2026-000004", "Ghi chú nội bộ", "Đang chờ gửi"]
    assert rows[1][1:4] == ["PA-2026-000005", "Đổi trạng thái", "Lỗi"]
    assert rows[1][5] == "Dữ liệu không hợp lệ: nội dung lý do (bắt buộc <b>)"
    tooltip = model.index(1, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert "Chi tiết: Unprocessable &lt;b&gt;" in tooltip and "<b>" not in tooltip

    window.outbox_view.table.selectRow(1)
    assert window.outbox_view.retry_button.isEnabled()
    qtbot.mouseClick(window.outbox_view.open_button, Qt.MouseButton.LeftButton)
    assert window.detail.item().id == "r_0005"

    qtbot.mouseClick(window.outbox_view.discard_button, Qt.MouseButton.LeftButton)
    box = window.active_dialog
    assert isinstance(box, QMessageBox)
    accept = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert [a.type for a in workspace.outbox()] == ["note"]  # the selected, failed one went
    assert window.queues.item_text("outbox") == "Hộp thư đi (1)"


def test_keeping_the_action_keeps_it(qtbot, window: MainWindow, workspace: LocalWorkspace) -> None:
    workspace.queue_action("report", "r_0004", "note", {"body": "Giữ lại"})
    window.queues.select("outbox")
    window.outbox_view.table.selectRow(0)
    assert not window.outbox_view.retry_button.isEnabled()  # nothing to resend: it is still pending
    qtbot.mouseClick(window.outbox_view.discard_button, Qt.MouseButton.LeftButton)
    box = window.active_dialog
    keep = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert len(workspace.outbox()) == 1


def test_an_action_of_another_officer_says_whose_it_is_and_why_it_waits(qtbot, window: MainWindow, store: Store,
                                                                         workspace: LocalWorkspace) -> None:
    """Issue 7: an action is only sent under its author's login; the outbox says so instead of 'pending'."""
    store.set_state("user", json.dumps(OFFICER, ensure_ascii=False))  # Bình queued it on this PC earlier
    workspace.queue_action("report", "r_0004", "note", {"body": "Ghi chú của Bình"})
    store.set_state("user", json.dumps(LEADER, ensure_ascii=False))  # now Hồng is logged in
    workspace.queue_action("report", "r_0005", "note", {"body": "Ghi chú của Hồng"})
    window.queues.select("outbox")
    model = window.outbox_view.model
    reasons = [model.index(r, 5).data() for r in range(model.rowCount())]
    assert reasons == ["Của Trần Văn Bình — chờ người này đăng nhập để gửi", ""]
