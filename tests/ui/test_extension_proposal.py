"""Issue 11: a dossier with less than one working day left proposes its extension in the detail pane — the new
date by add_working_time, the unit's apology letter drafted with that date — and the officer sends it as an
ordinary `extend`."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton

from tests.ui.seed import TEMPLATES, dossier, upsert
from triage_desktop.core.workdays import VN, WorkCalendar, add_working_time
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.dialogs.dossier_action_dialogs import DEFAULT_EXTENSION_WORKING_DAYS, ExtendDialog
from triage_desktop.ui.formatting import format_date, format_datetime
from triage_desktop.ui.main_window import MainWindow

APOLOGY = {"id": "t_9", "kind": "apology", "title": "Xin lỗi và hẹn lại",
           "body": "Kính gửi {citizen_name}, hồ sơ {code} chậm trả kết quả. Hẹn lại ngày {due_date}."}
DUE = datetime(2026, 3, 5, 17, 0, tzinfo=VN)  # the seeded d_0001 (processing, the leader may extend it)


def vn(text: str) -> datetime:
    return datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=VN)


def open_dossier(qtbot, window: MainWindow, when: str, item_id: str = "d_0001") -> None:
    moment = vn(when)
    window.clock = lambda: moment
    window.queues.select("dossier", "all")
    assert window.select_item("dossier", item_id)
    qtbot.waitUntil(lambda: window.detail.item() is not None and window.detail.item().id == item_id)


def band(window: MainWindow) -> QFrame | None:
    """The proposal shown now (a body just replaced lingers, hidden, until Qt deletes it)."""
    return next((frame for frame in window.detail.findChildren(QFrame, "extensionProposal") if frame.isVisible()),
                None)


def test_a_dossier_due_today_proposes_an_extension_and_the_letter_is_drafted(
        qtbot, window: MainWindow, store: Store, workspace: LocalWorkspace) -> None:
    store.put_reference("templates", None, [*TEMPLATES, APOLOGY])
    open_dossier(qtbot, window, "05/03/2026 09:00")  # Thursday: due at 17:00, six office hours left
    proposal = band(window)
    assert proposal is not None
    new_due = add_working_time(DUE, DEFAULT_EXTENSION_WORKING_DAYS, WorkCalendar())
    assert new_due == datetime(2026, 3, 10, 17, 0, tzinfo=VN)
    text = proposal.findChild(QLabel, "extensionProposalText").text()
    assert text == (f"Hồ sơ còn dưới 1 ngày làm việc. Đề xuất gia hạn đến {format_datetime(new_due)} và gửi văn bản "
                    "xin lỗi.")

    qtbot.mouseClick(proposal.findChild(QPushButton, "proposeExtension"), Qt.MouseButton.LeftButton)
    dialog = window.active_dialog
    assert isinstance(dialog, ExtendDialog) and dialog.isVisible()
    assert dialog.chosen_due() == new_due
    assert dialog.template.currentText() == "Xin lỗi và hẹn lại"
    letter = dialog.body.toPlainText()
    assert letter == ("Kính gửi Nguyễn Thị Hoà, hồ sơ 000.00.23.H57-260302-0001 chậm trả kết quả. "
                      f"Hẹn lại ngày {format_date(new_due)}.")
    dialog.body.appendPlainText("Mong ông/bà thông cảm.")  # the officer edits it before sending
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: any(a.type == "extend" for a in workspace.outbox()))
    action = next(a for a in workspace.outbox() if a.type == "extend")
    assert action.aggregate_id == "d_0001"
    assert datetime.fromisoformat(action.payload["new_due_at"]) == new_due
    assert action.payload["apology_letter"].endswith("Mong ông/bà thông cảm.")
    qtbot.waitUntil(lambda: band(window) is None)  # proposed once: the extension is on its way


def test_an_overdue_dossier_proposes_a_date_counted_from_now(qtbot, window: MainWindow) -> None:
    open_dossier(qtbot, window, "06/03/2026 10:00")  # Friday, a day late
    proposal = band(window)
    assert proposal is not None
    new_due = add_working_time(vn("06/03/2026 10:00"), DEFAULT_EXTENSION_WORKING_DAYS, WorkCalendar())
    assert new_due == datetime(2026, 3, 11, 10, 0, tzinfo=VN)
    assert format_datetime(new_due) in proposal.findChild(QLabel, "extensionProposalText").text()


def test_no_proposal_with_three_days_left(qtbot, window: MainWindow) -> None:
    open_dossier(qtbot, window, "02/03/2026 08:00")  # Monday: 3 days 7 hours of office time left
    assert window.detail.item().id == "d_0001" and band(window) is None


def test_no_proposal_for_a_resolved_dossier_or_one_not_yet_received(qtbot, window: MainWindow, store: Store) -> None:
    store.apply_page([upsert(dossier("d_0100", 100, status="resolved", dvc_code=9, assignee_id="u_01"))], "c-2")
    window._on_items_changed([("dossier", "d_0100")])
    open_dossier(qtbot, window, "05/03/2026 09:00", "d_0100")
    assert band(window) is None
    open_dossier(qtbot, window, "05/03/2026 09:00", "d_0000")  # submitted: `extend` is not offered yet
    assert band(window) is None
    open_dossier(qtbot, window, "05/03/2026 09:00", "d_0001")  # the same moment, a dossier in processing
    assert band(window) is not None
