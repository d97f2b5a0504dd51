"""The action dialogs: what they collect, what they refuse, and the public/internal cues."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.seed import LEADER, MEMBERS, OFFICER, TEMPLATES
from triage_desktop.core.entities import User
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.dialogs.action_dialogs import (
    AssignDialog,
    NoteDialog,
    ReplyDialog,
    StatusDialog,
    SupplementDialog,
    fill_template,
    template_context,
)
from triage_desktop.ui.messages import invalid_action_message

leader = User.from_json(LEADER)
officer = User.from_json(OFFICER)


def ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_reply_warns_that_the_citizen_will_read_it_and_fills_templates(qtbot, workspace: LocalWorkspace) -> None:
    item = workspace.item("report", "r_0001")
    dialog = ReplyDialog(item, leader, TEMPLATES, template_context(item, leader, "UBND Phường 1"))
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Công dân sẽ nhìn thấy nội dung này" in texts
    assert dialog.template.count() == 2  # "no template" + the one reply template
    dialog.template.setCurrentIndex(1)
    body = dialog.body.toPlainText()
    assert body.startswith("Kính gửi Lê Đình Tâm, phản ánh PA-2026-000001 đã được UBND Phường 1 tiếp nhận, hạn ")
    assert "Cán bộ: Nguyễn Thị Hồng." in body
    assert body.endswith("{unknown}")  # an unknown placeholder is left alone, never evaluated
    ok(qtbot, dialog)
    assert dialog.payload == {"type": "reply", "body": body, "attachment_ids": []}


def test_fill_template_is_not_a_format_string() -> None:
    assert fill_template("{code} {0} {__class__} {code.__class__}", {"code": "PA-1"}) == \
        "PA-1 {0} {__class__} {code.__class__}"


def test_note_is_marked_internal(qtbot, workspace: LocalWorkspace) -> None:
    dialog = NoteDialog(workspace.item("report", "r_0001"), leader)
    qtbot.addWidget(dialog)
    assert "Nội bộ: chỉ cán bộ trong đơn vị nhìn thấy ghi chú này." in [w.text() for w in dialog.findChildren(QLabel)]
    dialog.body.setPlainText("  Đã gọi điện  ")
    ok(qtbot, dialog)
    assert dialog.payload == {"type": "note", "body": "Đã gọi điện"}


def test_rejecting_a_report_needs_a_reason_and_its_text(qtbot, workspace: LocalWorkspace) -> None:
    item = workspace.item("report", "r_0000")  # new
    dialog = StatusDialog(item, leader)
    qtbot.addWidget(dialog)
    dialog.show()
    targets = [dialog.target.itemData(i) for i in range(dialog.target.count())]
    assert targets == ["acknowledged", "rejected"]  # what the contract allows from "new" via set_status
    assert not dialog.reason.isVisible()
    dialog.target.setCurrentIndex(targets.index("rejected"))
    assert dialog.reason.isVisible()
    assert dialog.reason_text_caption.text() == "Lý do (bắt buộc)"
    ok(qtbot, dialog)
    assert dialog.payload is None and dialog.error.text() == invalid_action_message("missing:reason_text")
    dialog.reason.setCurrentIndex(dialog.reason.findData("duplicate"))
    dialog.reason_text.setPlainText("Trùng với PA-2026-000002")
    ok(qtbot, dialog)
    assert dialog.payload == {"type": "set_status", "status": "rejected", "reason": "duplicate",
                              "reason_text": "Trùng với PA-2026-000002"}


def test_status_targets_follow_the_dossier_machine(qtbot, workspace: LocalWorkspace) -> None:
    dialog = StatusDialog(workspace.item("dossier", "d_0001"), leader)  # processing
    qtbot.addWidget(dialog)
    assert [dialog.target.itemText(i) for i in range(dialog.target.count())] == ["Dừng xử lý", "Đã xử lý xong"]


def test_assign_offers_the_unit_members(qtbot, workspace: LocalWorkspace) -> None:
    members = workspace.members()
    dialog = AssignDialog(workspace.item("report", "r_0001"), leader, members)
    qtbot.addWidget(dialog)
    assert dialog.member.count() == len(MEMBERS)
    assert dialog.member.currentData() == "u_17"  # the current assignee is preselected
    dialog.member.setCurrentIndex(dialog.member.findData("u_21"))
    ok(qtbot, dialog)
    assert dialog.payload == {"type": "assign", "assignee_id": "u_21"}


def test_an_officer_cannot_assign_someone_else(qtbot, workspace: LocalWorkspace) -> None:
    dialog = AssignDialog(workspace.item("report", "r_0000"), officer, workspace.members())
    qtbot.addWidget(dialog)
    dialog.member.setCurrentIndex(dialog.member.findData("u_01"))
    ok(qtbot, dialog)
    assert dialog.payload is None
    assert dialog.error.text() == invalid_action_message("forbidden:assign_others")


def test_supplement_request_lists_documents(qtbot, workspace: LocalWorkspace) -> None:
    item = workspace.item("dossier", "d_0001")
    dialog = SupplementDialog(item, leader, TEMPLATES)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(1)
    assert dialog.body.toPlainText() == "Hồ sơ 000.00.23.H57-260302-0001 cần bổ sung."
    ok(qtbot, dialog)
    assert dialog.error.text() == invalid_action_message("missing:documents")
    dialog.documents.setPlainText("Bản sao giấy chứng sinh\n\n  Giấy đăng ký kết hôn  \n")
    ok(qtbot, dialog)
    assert dialog.payload["documents"] == ["Bản sao giấy chứng sinh", "Giấy đăng ký kết hôn"]


def public_warnings(dialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel, "publicWarning") if label.isVisibleTo(dialog)]


def test_a_status_note_is_announced_as_public_like_a_reply(qtbot, workspace: LocalWorkspace) -> None:
    """The optional note and the reject/suspend reason become a public event: the citizen reads them."""
    item = workspace.item("dossier", "d_0001")  # processing
    dialog = StatusDialog(item, leader)
    qtbot.addWidget(dialog)
    dialog.show()
    reply = ReplyDialog(item, leader, TEMPLATES)
    qtbot.addWidget(reply)
    reply.show()
    [reply_band] = reply.findChildren(QLabel, "publicWarning")
    dialog.target.setCurrentIndex(dialog.target.findData("resolved"))
    assert dialog.reason_text_caption.text() == "Ghi chú (không bắt buộc)"
    assert public_warnings(dialog) == ["Công dân sẽ nhìn thấy ghi chú này"]
    dialog.target.setCurrentIndex(dialog.target.findData("suspended"))
    assert dialog.reason_text_caption.text() == "Lý do (bắt buộc)"
    assert public_warnings(dialog) == ["Công dân sẽ nhìn thấy lý do này"]
    [band] = dialog.findChildren(QLabel, "publicWarning")
    # The same band as the reply dialog's, not a look-alike.
    assert band.palette().window().color() == reply_band.palette().window().color()
    assert band.font().bold() and band.autoFillBackground()
