"""Attaching files in the reply and return-result dialogs (issue 12): "Đính kèm…", drag and drop, the checks made
when a file is added, the files shown as "đang chờ gửi" once queued, and taking a refused file off."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QFrame, QLabel, QMessageBox, QPushButton, QWidget

from tests.ui.seed import LEADER, TEMPLATES
from triage_desktop.core.entities import ActionState, User
from triage_desktop.sandbox.images import make_png
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui.conflict_panel import ConflictPanel
from triage_desktop.ui.dialogs.action_dialogs import ReplyDialog, ReturnResultDialog, template_context
from triage_desktop.ui.formatting import format_size
from triage_desktop.ui.main_window import MainWindow

leader = User.from_json(LEADER)
PDF = b"%PDF-1.4\n" + b"1" * 3000 + b"\n%%EOF\n"


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "ảnh sau khi sửa.png"
    path.write_bytes(make_png(16, 16, (255, 200, 0), (0, 0, 0)))
    return path


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "biên bản.pdf"
    path.write_bytes(PDF)
    return path


def drop(qtbot, target: QWidget, paths: list[Path]) -> None:
    """What the OS does when files from Explorer are let go over `target`."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = target.rect().center()
    with warnings.catch_warnings():  # Qt 6 marks its only constructor deprecated, yet sends this very event
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    assert event.isAccepted()


def row_texts(dialog: QWidget) -> list[str]:
    assert dialog.attachments is not None  # type: ignore[attr-defined]
    return [label.text() for row in dialog.attachments.findChildren(QWidget, "attachmentRow")  # type: ignore[attr-defined]
            if not row.property("gone") for label in row.findChildren(QLabel)]


def test_reply_attaches_by_button_and_by_drop_in_order(qtbot, workspace: LocalWorkspace, photo: Path, scan: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    item = workspace.item("report", "r_0001")
    dialog = ReplyDialog(item, leader, TEMPLATES, template_context(item, leader), max_upload_bytes=1_000_000)
    qtbot.addWidget(dialog)
    dialog.show()
    offered: list[str] = []

    def native(parent: QWidget, caption: str, folder: str, filters: str) -> tuple[list[str], str]:
        offered.append(filters)
        return [str(photo)], filters
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", native)  # the OS dialog cannot run offscreen
    assert dialog.attachments is not None
    qtbot.mouseClick(dialog.attachments.add_button, Qt.MouseButton.LeftButton)
    assert "*.jpg" in offered[0] and "*.docx" in offered[0] and "*.xlsx" in offered[0] and "*.exe" not in offered[0]
    drop(qtbot, dialog.body.viewport(), [scan])  # onto the text: a file, not its path as text
    assert dialog.body.toPlainText() == ""
    assert dialog.attached_files() == [photo, scan]
    qtbot.waitUntil(lambda: len(dialog.attachments.findChildren(QWidget, "attachmentRow")) == 2)
    texts = [w.text() for w in dialog.attachments.findChildren(QLabel)]
    assert any(t.startswith("ảnh sau khi sửa.png · ") and t.endswith(" B") for t in texts)
    assert any(t.startswith("biên bản.pdf · ") for t in texts)
    first_remove = dialog.attachments.findChildren(QPushButton, "removeAttachment")[0]
    qtbot.mouseClick(first_remove, Qt.MouseButton.LeftButton)
    assert dialog.attached_files() == [scan]
    dialog.body.insertPlainText("Kết quả kèm theo")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ReplyDialog.DialogCode.Accepted and dialog.attached_files() == [scan]


def test_return_result_takes_files_dropped_on_the_dialog(qtbot, store: Store, workspace: LocalWorkspace,
                                                         photo: Path, scan: Path) -> None:
    raw = store.aggregate_raw("dossier", "d_0001")
    assert raw is not None
    store.replace_aggregate("dossier", {**raw, "status": "resolved", "version": raw["version"] + 1})
    item = workspace.item("dossier", "d_0001")
    dialog = ReturnResultDialog(item, leader, TEMPLATES, template_context(item, leader))
    qtbot.addWidget(dialog)
    dialog.show()
    drop(qtbot, dialog, [photo, scan])
    assert dialog.attached_files() == [photo, scan]
    dialog.body.insertPlainText("Mời ông bà đến nhận kết quả")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.payload is not None and dialog.payload["type"] == "return_result"
    assert dialog.attached_files() == [photo, scan]


def test_a_file_too_big_or_of_another_type_is_refused_with_a_message_above_the_list(
        qtbot, workspace: LocalWorkspace, photo: Path, scan: Path, tmp_path: Path) -> None:
    item = workspace.item("report", "r_0001")
    dialog = ReplyDialog(item, leader, TEMPLATES, template_context(item, leader), max_upload_bytes=1000)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.attachments is not None
    refused = dialog.attachments.add_paths([scan, photo])
    assert dialog.attached_files() == [photo]
    assert refused == [f"Tệp “biên bản.pdf” quá lớn: máy chủ chỉ nhận tệp đến {format_size(1000)}."]
    message = dialog.attachments.message
    assert message.isVisible() and message.text() == refused[0]
    assert dialog.attachments.layout().indexOf(message) == 0  # above the list and the button
    assert message.geometry().bottom() < dialog.attachments.add_button.geometry().top()
    program = tmp_path / "hướng dẫn.exe"
    program.write_bytes(b"MZ")
    assert dialog.attachments.add_paths([program])[0].startswith("Không gửi được tệp “hướng dẫn.exe”: chỉ nhận")
    assert dialog.attached_files() == [photo]


def test_queued_files_show_as_waiting_and_a_refused_one_can_be_taken_off(
        qtbot, window: MainWindow, store: Store, workspace: LocalWorkspace, photo: Path, scan: Path) -> None:
    window.select_item("report", "r_0004")
    qtbot.mouseClick(window.detail.button(rules.REPLY), Qt.MouseButton.LeftButton)
    dialog = window.active_dialog
    assert isinstance(dialog, ReplyDialog) and dialog.attachments is not None
    dialog.attachments.add_paths([photo, scan])
    dialog.body.insertPlainText("Đã sửa xong, ảnh và biên bản kèm theo")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.detail.findChildren(QFrame, "pendingAction")))
    [action] = workspace.outbox()
    assert [f.filename for f in action.files] == [photo.name, scan.name]
    lines = [w.text() for w in window.detail.findChildren(QLabel, "queuedFile")]
    assert len(lines) == 2 and all(line.endswith("· đang chờ gửi") for line in lines)
    assert lines[0].startswith(photo.name)

    # The server refused the PDF (413): the panel names it and offers to take it off.
    store.mark_sending(action.local_id)
    store.fail_action(action.local_id, 413, {"type": "https://triage.example/problems/payload-too-large",
                                             "status": 413, "local_file": {"file_id": action.files[1].file_id,
                                                                           "filename": scan.name}})
    window.select_item("report", "r_0003")
    window.select_item("report", "r_0004")
    qtbot.waitUntil(lambda: bool(window.detail.findChildren(ConflictPanel)))
    [panel] = window.detail.findChildren(ConflictPanel)
    reason = panel.findChild(QLabel, "conflictReason")
    assert reason is not None and "biên bản.pdf" in reason.text() and "quá lớn" in reason.text()
    assert [w.text() for w in panel.findChildren(QLabel, "queuedFile")][1].endswith("máy chủ không nhận tệp này")
    remove = panel.findChildren(QPushButton, "removeQueuedFile")[1]
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.findChild(QMessageBox, "confirmRemoveFile") is not None)
    box = panel.findChild(QMessageBox, "confirmRemoveFile")
    assert isinstance(box, QMessageBox)
    box.accept()
    qtbot.waitUntil(lambda: len(workspace.outbox()[0].files) == 1)
    qtbot.waitUntil(lambda: bool(window.detail.findChildren(ConflictPanel))
                    and len(window.detail.findChildren(QLabel, "queuedFile")) == 1)
    [panel] = window.detail.findChildren(ConflictPanel)
    assert panel.retry_button is not None
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workspace.outbox()[0].state is ActionState.PENDING)
    [again] = workspace.outbox()
    assert [f.filename for f in again.files] == [photo.name]


def test_the_outbox_lists_an_actions_files_as_waiting(qtbot, window: MainWindow, workspace: LocalWorkspace,
                                                       photo: Path, scan: Path) -> None:
    workspace.queue_action("report", "r_0004", "reply", {"body": "Kèm ảnh và biên bản"}, [photo, scan])
    window.refresh_counts()
    window.queues.select("outbox")
    model = window.outbox_view.model
    assert model.index(0, 2).data() == "Trả lời công dân · 2 tệp đính kèm"
    tooltip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert f"{photo.name} · " in tooltip and f"{scan.name} · " in tooltip
    assert tooltip.count("đang chờ gửi") == 2


def test_the_file_list_keeps_clear_of_the_text_at_200_percent(qtbot, doubled_font: None, workspace: LocalWorkspace,
                                                              photo: Path, scan: Path) -> None:
    item = workspace.item("report", "r_0001")
    dialog = ReplyDialog(item, leader, TEMPLATES, template_context(item, leader))
    qtbot.addWidget(dialog)
    assert dialog.attachments is not None
    dialog.template.setCurrentIndex(1)
    dialog.attachments.add_paths([photo, scan])
    dialog.show()
    dialog.adjustSize()  # the size it opens with: in a form row the list's wrapped lines were under-counted
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: len(dialog.attachments.findChildren(QWidget, "attachmentRow")) == 2)
    body_bottom = dialog.body.mapTo(dialog, dialog.body.rect().bottomLeft()).y()
    rows = dialog.attachments.findChildren(QWidget, "attachmentRow")
    assert all(row.mapTo(dialog, row.rect().topLeft()).y() > body_bottom for row in rows)
    button = dialog.attachments.add_button
    assert button.mapTo(dialog, button.rect().bottomLeft()).y() < dialog.ok_button.mapTo(dialog, dialog.ok_button.rect().topLeft()).y()
