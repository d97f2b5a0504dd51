"""Every composer sends with Ctrl+Enter (said in its send button's tooltip), and a template picked after typing
asks before it replaces the officer's words (issue 12). Real dialogs offscreen over a seeded cache."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.ui.seed import LEADER, TEMPLATES
from triage_desktop.core.entities import User
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.dialogs.action_dialogs import (
    ActionDialog,
    NoteDialog,
    ReplyDialog,
    ReturnResultDialog,
    StatusDialog,
    SupplementDialog,
    template_context,
)
from triage_desktop.ui.dialogs.dossier_action_dialogs import ExtendDialog, FeeDialog

leader = User.from_json(LEADER)
NOW = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)

Make = Callable[[Any], ActionDialog]
COMPOSERS: list[tuple[str, str, Make, str]] = [
    ("report", "r_0001", lambda item: NoteDialog(item, leader), "note"),
    ("report", "r_0001", lambda item: ReplyDialog(item, leader, TEMPLATES, template_context(item, leader)), "reply"),
    ("report", "r_0000", lambda item: StatusDialog(item, leader), "set_status"),
    ("dossier", "d_0001", lambda item: SupplementDialog(item, leader, TEMPLATES, template_context(item, leader)),
     "request_supplement"),
    ("dossier", "d_0001", lambda item: ReturnResultDialog(item, leader, TEMPLATES, template_context(item, leader)),
     "return_result"),
    ("dossier", "d_0001", lambda item: FeeDialog(item, leader), "request_fee"),
    ("dossier", "d_0001", lambda item: ExtendDialog(item, leader, now=NOW), "extend"),
]


@pytest.mark.parametrize(("kind", "item_id", "make", "action_type"), COMPOSERS,
                         ids=[c[3] for c in COMPOSERS])
def test_ctrl_enter_sends_in_every_composer(qtbot, workspace: LocalWorkspace, kind: str, item_id: str,
                                             make: Make, action_type: str) -> None:
    dialog = make(workspace.item(kind, item_id))
    qtbot.addWidget(dialog)
    assert "(Ctrl+Enter)" in dialog.ok_button.toolTip()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    if isinstance(dialog, FeeDialog):
        dialog.amount.setValue(50_000)
    editor = dialog.text_editors()[0]
    editor.setFocus()
    editor.insertPlainText("Nội dung đủ để gửi")
    if isinstance(dialog, SupplementDialog):
        dialog.documents.setPlainText("Bản sao giấy chứng sinh")
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.payload is not None and dialog.payload["type"] == action_type


def _active_note(qtbot, workspace: LocalWorkspace) -> NoteDialog:
    """A note composer on screen with the keyboard focus, where its keys act."""
    dialog = NoteDialog(workspace.item("report", "r_0001"), leader)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    return dialog


def test_the_keypad_enter_sends_too(qtbot, workspace: LocalWorkspace) -> None:
    dialog = _active_note(qtbot, workspace)
    dialog.body.insertPlainText("Đã xử lý")
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.keyClick(dialog.body, Qt.Key.Key_Enter,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)


def test_ctrl_enter_with_an_invalid_form_shows_why_and_stays(qtbot, workspace: LocalWorkspace) -> None:
    dialog = _active_note(qtbot, workspace)
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # an empty note
    assert dialog.isVisible() and dialog.payload is None and not dialog.error.isHidden()


def _answer(qtbot, dialog: ActionDialog, text: str) -> None:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in dialog.findChildren(QMessageBox, "replaceWithTemplate")))
    box = next(b for b in dialog.findChildren(QMessageBox, "replaceWithTemplate") if b.isVisible())
    assert box.text() == "Thay nội dung đang viết bằng mẫu “Đã tiếp nhận”? Nội dung đang viết sẽ mất."
    [button] = [b for b in box.findChildren(QPushButton) if b.text() == text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())


def test_a_template_after_typing_asks_before_replacing(qtbot, workspace: LocalWorkspace) -> None:
    item = workspace.item("report", "r_0001")
    dialog = ReplyDialog(item, leader, TEMPLATES, template_context(item, leader, "UBND Phường 1"))
    qtbot.addWidget(dialog)
    dialog.show()
    own = "Chúng tôi đã đến hiện trường"
    dialog.body.insertPlainText(own)
    dialog.template.setCurrentIndex(1)
    _answer(qtbot, dialog, "Giữ nội dung đang viết")
    assert dialog.body.toPlainText() == own and dialog.template.currentIndex() == 0
    dialog.template.setCurrentIndex(1)
    _answer(qtbot, dialog, "Thay bằng mẫu")
    assert dialog.body.toPlainText().startswith("Kính gửi Lê Đình Tâm, phản ánh PA-2026-000001")
    assert dialog.template.currentIndex() == 1 and not dialog.typed()  # the template is not yet her words
    dialog.template.setCurrentIndex(0)  # back to no template: nothing to replace, nothing asked
    assert not dialog.findChildren(QMessageBox, "replaceWithTemplate") or not any(
        b.isVisible() for b in dialog.findChildren(QMessageBox, "replaceWithTemplate"))


def test_a_template_over_an_untouched_text_asks_nothing(qtbot, workspace: LocalWorkspace) -> None:
    item = workspace.item("report", "r_0001")
    dialog = ReplyDialog(item, leader, TEMPLATES, template_context(item, leader))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.template.setCurrentIndex(1)
    assert dialog.body.toPlainText().startswith("Kính gửi Lê Đình Tâm")
    assert not dialog.findChildren(QMessageBox)


def test_a_restored_draft_counts_as_typed_and_keeps_its_choices(qtbot, workspace: LocalWorkspace) -> None:
    dialog = StatusDialog(workspace.item("report", "r_0000"), leader)
    qtbot.addWidget(dialog)
    dialog.restore({"status": "rejected", "reason": "duplicate", "reason_text": "Trùng PA-2026-000002"},
                   "2026-03-02T03:42:00.000Z")
    assert dialog.target.currentData() == "rejected" and dialog.reason.currentData() == "duplicate"
    assert dialog.reason_text.toPlainText() == "Trùng PA-2026-000002" and dialog.typed()
    assert dialog.draft_note.text().startswith("Bản nháp đã lưu lúc 02/03/2026 ")


def test_ctrl_z_undoes_the_send_but_not_inside_a_text_field(qtbot, window, workspace: LocalWorkspace) -> None:
    """The window-scope Ctrl+Z takes back the newest held action; in the search field it stays the text's undo."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    window.queue_action("report", "r_0001", "reply", {"body": "Đã xử lý xong", "attachment_ids": []})
    qtbot.waitUntil(window.undo_bar.isVisible, timeout=5_000)
    assert "(Ctrl+Z)" in window.undo_bar.button.toolTip()
    [reply] = [a for a in workspace.outbox() if a.type == "reply"]
    window.search.setFocus()
    qtbot.keyClicks(window.search, "cay")
    qtbot.keyClick(window.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.search.text() == "" and reply.local_id in [a.local_id for a in workspace.outbox()]
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: reply.local_id not in [a.local_id for a in workspace.outbox()], timeout=5_000)
    qtbot.waitUntil(lambda: not window.undo_bar.isVisible(), timeout=5_000)
