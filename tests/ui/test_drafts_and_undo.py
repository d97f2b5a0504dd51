"""Drafts and undo in the window (issue 12), over the real sync stack: the sandbox on loopback, real SQLite caches,
real Qt widgets offscreen. A draft survives closing the composer and restarting; Esc and a template ask before
typed words are lost; composers are not modal, one per item and action, and hidden by the lock; Ctrl+Enter
sends; a held reply can be undone (the server never gets it), goes out after its window, and keeps its place
before later actions on its item; closing with unsent work says how many wait."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.support.keys import TEST_KEY
from tests.ui.conftest import open_synced_window
from tests.ui.gate_support import ServicesGate
from tests.ui.test_session_gate import make_shell, sign_in, started
from triage_desktop.core.work_settings import WorkSettings
from triage_desktop.sandbox.images import make_png
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services, build_services
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui.dialogs.action_dialogs import ActionDialog
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.tasks import TaskRunner

REPLY = "Kính gửi ông/bà, tổ công tác đã thay bóng đèn sáng nay."
NOTE = "Đã gọi Điện lực lúc 9 giờ sáng"


@contextmanager
def officer_window(qtbot, sandbox: SandboxServer, profile: Path, undo_seconds: int = 10
                   ) -> Iterator[tuple[MainWindow, Services]]:
    """One run of the program on `profile` (an encrypted cache): its services, lanes and window, all closed
    at the end as the program closes them (window, then the write lane finishes, then the cache)."""
    services = build_services(profile, key=TEST_KEY)
    runner = TaskRunner()
    try:
        window = open_synced_window(qtbot, sandbox, services, runner, profile.parent / f"{profile.name}.ini",
                                    "lanhdao", work=WorkSettings(undo_seconds=undo_seconds))
        try:
            yield window, services
        finally:
            window.close()
    finally:
        runner.shutdown()
        services.close()


def composer(qtbot, window: MainWindow, button: str) -> ActionDialog:
    qtbot.mouseClick(window.detail.button(button), Qt.MouseButton.LeftButton)
    dialog = window.active_dialog
    assert isinstance(dialog, ActionDialog)
    qtbot.waitExposed(dialog)
    return dialog


def question(qtbot, dialog: Any, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: any(box.isVisible() for box in dialog.findChildren(QMessageBox, name)), timeout=5_000)
    return next(box for box in dialog.findChildren(QMessageBox, name) if box.isVisible())


def answer(qtbot, box: QMessageBox, text: str) -> None:
    [button] = [b for b in box.findChildren(QPushButton) if b.text() == text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, dialog: ActionDialog, text: str) -> None:
    """Type `text` at the cursor (QTest types Latin-1 only: the Vietnamese goes in as an input method would)."""
    dialog.body.setFocus()
    dialog.body.insertPlainText(text[:-1])
    qtbot.keyClicks(dialog.body, text[-1])


def send_by_keyboard(qtbot, dialog: ActionDialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def new_report(sandbox: SandboxServer) -> str:
    return str(sandbox.add_report()["id"])


def applied(sandbox: SandboxServer, item_id: str) -> list[str]:
    return [entry["type"] for entry in sandbox.ledger() if entry["aggregate_id"] == item_id]


def test_a_draft_survives_closing_the_composer_and_restarting(qtbot, sandbox: SandboxServer, tmp_path: Path) -> None:
    item = new_report(sandbox)
    profile = tmp_path / "officer"
    with officer_window(qtbot, sandbox, profile) as (window, services):
        assert window.select_item("report", item)
        reply = composer(qtbot, window, rules.REPLY)
        type_into(qtbot, reply, REPLY)
        qtbot.keyClick(reply, Qt.Key.Key_Escape)
        answer(qtbot, question(qtbot, reply, "closeComposer"), "Giữ bản nháp")
        qtbot.waitUntil(lambda: not reply.isVisible())
        # The item says it has words waiting, so the officer finds them again.
        qtbot.waitUntil(lambda: window.detail.draft_marker.text() == "Có bản nháp chưa gửi: Trả lời công dân",
                        timeout=5_000)
        assert window.detail.draft_marker.isVisible()
        note = composer(qtbot, window, rules.NOTE)
        type_into(qtbot, note, NOTE)  # left open: the program stops with it
    # The program starts again on the same cache: the words are there, said to be a draft, with its time.
    with officer_window(qtbot, sandbox, profile) as (window, services):
        assert window.select_item("report", item)
        reply = composer(qtbot, window, rules.REPLY)
        assert reply.body.toPlainText() == REPLY
        assert re.fullmatch(r"Bản nháp đã lưu lúc \d\d/\d\d/\d{4} \d\d:\d\d", reply.draft_note.text())
        assert reply.draft_note.isVisible()
        note = composer(qtbot, window, rules.NOTE)
        assert note.body.toPlainText() == NOTE
        assert window.detail.draft_marker.text() == "Có bản nháp chưa gửi: Ghi chú nội bộ, Trả lời công dân"
        # Sending clears it: the next composer starts empty.
        send_by_keyboard(qtbot, note)
        qtbot.waitUntil(lambda: services.workspace.draft("report", item, "note") is None, timeout=5_000)
        assert services.workspace.draft("report", item, "reply") is not None


def test_esc_asks_and_each_answer_does_what_it_says(qtbot, sandbox: SandboxServer, services: Services,
                                                     runner: TaskRunner, tmp_path: Path) -> None:
    item = new_report(sandbox)
    window = open_synced_window(qtbot, sandbox, services, runner, tmp_path / "w.ini", "lanhdao")
    try:
        assert window.select_item("report", item)
        untouched = composer(qtbot, window, rules.REPLY)
        qtbot.keyClick(untouched, Qt.Key.Key_Escape)  # nothing typed: it closes at once, nothing kept
        qtbot.waitUntil(lambda: not untouched.isVisible())
        assert not untouched.findChildren(QMessageBox)

        reply = composer(qtbot, window, rules.REPLY)
        type_into(qtbot, reply, REPLY)
        qtbot.waitUntil(lambda: services.workspace.draft("report", item, "reply") is not None, timeout=5_000)  # a pause
        qtbot.keyClick(reply, Qt.Key.Key_Escape)
        answer(qtbot, question(qtbot, reply, "closeComposer"), "Tiếp tục viết")
        qtbot.waitUntil(lambda: not reply.findChildren(QMessageBox))
        assert reply.isVisible() and reply.body.toPlainText() == REPLY
        qtbot.mouseClick(reply.cancel_button, Qt.MouseButton.LeftButton)  # "Hủy" asks the same
        answer(qtbot, question(qtbot, reply, "closeComposer"), "Bỏ nội dung")
        qtbot.waitUntil(lambda: not reply.isVisible())
        qtbot.waitUntil(lambda: services.workspace.draft("report", item, "reply") is None, timeout=5_000)
        again = composer(qtbot, window, rules.REPLY)
        assert again.body.toPlainText() == "" and not again.draft_note.isVisible()
        type_into(qtbot, again, "Xin chào")
        again.close()  # the title bar's close asks too
        answer(qtbot, question(qtbot, again, "closeComposer"), "Giữ bản nháp")
        qtbot.waitUntil(lambda: services.workspace.draft("report", item, "reply") is not None, timeout=5_000)
        assert services.workspace.draft("report", item, "reply").fields["body"] == "Xin chào"
    finally:
        window.shutdown()


def test_composers_are_not_modal_one_per_item_and_action_and_hidden_by_the_lock(
        qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner, tmp_path: Path) -> None:
    first, second = new_report(sandbox), new_report(sandbox)
    window = open_synced_window(qtbot, sandbox, services, runner, tmp_path / "w.ini", "lanhdao")
    try:
        assert window.select_item("report", first)
        note = composer(qtbot, window, rules.NOTE)
        assert note.windowModality() == Qt.WindowModality.NonModal and not note.isModal()
        assert composer(qtbot, window, rules.NOTE) is note  # the same again: the open one comes forward
        assert [d for d in window.findChildren(ActionDialog) if d.isVisible()] == [note]
        type_into(qtbot, note, NOTE)

        window.lock()
        assert not note.isVisible()  # nothing of it shows behind the lock page
        qtbot.waitUntil(lambda: services.workspace.draft("report", first, "note") is not None, timeout=5_000)
        window.unlocked()
        assert note.isVisible() and not note.isModal() and note.body.toPlainText() == NOTE

        assert window.select_item("report", second)  # the officer looks at another item while writing
        assert window.detail.item().id == second
        send_by_keyboard(qtbot, note)
        qtbot.waitUntil(lambda: applied(sandbox, first) == ["note"], timeout=10_000)  # its own item, not the list's
        assert applied(sandbox, second) == []
    finally:
        window.shutdown()


def test_undo_within_the_window_cancels_the_send(qtbot, sandbox: SandboxServer, services: Services,
                                                 runner: TaskRunner, tmp_path: Path) -> None:
    item = new_report(sandbox)
    window = open_synced_window(qtbot, sandbox, services, runner, tmp_path / "w.ini", "lanhdao",
                                work=WorkSettings(undo_seconds=60))
    try:
        assert window.select_item("report", item)
        reply = composer(qtbot, window, rules.REPLY)
        type_into(qtbot, reply, REPLY)
        send_by_keyboard(qtbot, reply)
        qtbot.waitUntil(window.undo_bar.isVisible, timeout=5_000)
        assert window.undo_bar.label.text() == "Đã xếp gửi “Trả lời công dân” —"
        assert window.undo_bar.button.text() == "Hoàn tác"
        qtbot.mouseClick(window.undo_bar.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not services.workspace.outbox(), timeout=5_000)
        assert not window.undo_bar.isVisible()
        # The words come back in their composer, as a draft.
        qtbot.waitUntil(lambda: window.composers.open_one(("report", item, "reply")) is not None, timeout=5_000)
        reopened = window.composers.open_one(("report", item, "reply"))
        assert reopened is not None and reopened.body.toPlainText() == REPLY and reopened.draft_note.isVisible()
        assert "undone" in [e.action for e in services.store.audit_entries()]

        window.sync_now()
        qtbot.waitUntil(lambda: window.controller.state == "online" and not window.controller.unsent, timeout=10_000)
        services.sync.sync_once()  # one more full cycle, to be sure nothing is left to push
        assert applied(sandbox, item) == []  # the server never got it
        events = sandbox.aggregate("report", item)["events"]
        assert not [e for e in events if REPLY in str(e)]
    finally:
        window.shutdown()


def test_after_the_window_it_is_sent_and_a_later_note_does_not_overtake_it(
        qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner, tmp_path: Path) -> None:
    item = new_report(sandbox)
    window = open_synced_window(qtbot, sandbox, services, runner, tmp_path / "w.ini", "lanhdao",
                                work=WorkSettings(undo_seconds=2))
    try:
        assert window.select_item("report", item)
        reply = composer(qtbot, window, rules.REPLY)
        type_into(qtbot, reply, REPLY)
        send_by_keyboard(qtbot, reply)
        qtbot.waitUntil(lambda: len(services.workspace.outbox()) == 1, timeout=5_000)
        held = services.workspace.outbox()[0]
        assert held.type == "reply" and held.not_before is not None
        note = composer(qtbot, window, rules.NOTE)  # written after the reply: not held, but behind it
        type_into(qtbot, note, NOTE)
        send_by_keyboard(qtbot, note)
        # Nobody kicks sync by hand: the window does, when the hold ends.
        qtbot.waitUntil(lambda: applied(sandbox, item) == ["reply", "note"], timeout=15_000)
        [sent_at] = [e["at"] for e in sandbox.ledger() if e["aggregate_id"] == item and e["type"] == "reply"]
        # Not before its window ended (the server notes whole seconds).
        assert datetime.fromisoformat(sent_at) >= datetime.fromisoformat(held.not_before).replace(microsecond=0)
        qtbot.waitUntil(lambda: not window.undo_bar.isVisible(), timeout=5_000)
        qtbot.waitUntil(lambda: not services.workspace.outbox(), timeout=5_000)
    finally:
        window.shutdown()


def test_closing_with_unsent_work_says_how_many_wait(qtbot, sandbox: SandboxServer, services: Services,
                                                     runner: TaskRunner, tmp_path: Path) -> None:
    item = new_report(sandbox)
    window = open_synced_window(qtbot, sandbox, services, runner, tmp_path / "w.ini", "lanhdao",
                                work=WorkSettings(undo_seconds=600))
    try:
        assert window.select_item("report", item)
        for button, text in ((rules.REPLY, REPLY), (rules.NOTE, NOTE)):
            dialog = composer(qtbot, window, button)
            type_into(qtbot, dialog, text)
            send_by_keyboard(qtbot, dialog)
        qtbot.waitUntil(lambda: services.workspace.outbox_summary()[0] == 2, timeout=5_000)
        window.quit_action.trigger()
        box = question(qtbot, window, "unsentOnClose")
        assert box.text() == ("2 thao tác đang chờ gửi lên máy chủ. Chúng được giữ trên máy này và sẽ được gửi "
                              "vào lần mở chương trình tới.")
        answer(qtbot, box, "Ở lại")
        qtbot.waitUntil(lambda: not box.isVisible())
        assert window.isVisible()
        window.quit_action.trigger()
        answer(qtbot, question(qtbot, window, "unsentOnClose"), "Thoát")
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
        assert applied(sandbox, item) == []  # still waiting, for the next start
    finally:
        window.shutdown()


def test_closing_with_nothing_unsent_asks_nothing(qtbot, synced_window: MainWindow) -> None:
    assert synced_window.workspace.outbox_summary()[0] == 0
    synced_window.quit_action.trigger()
    qtbot.waitUntil(lambda: not synced_window.isVisible(), timeout=5_000)
    assert not synced_window.findChildren(QMessageBox, "unsentOnClose")


def test_a_logout_keeps_what_was_being_written(qtbot, sandbox: SandboxServer, services: Services,
                                               tmp_path: Path) -> None:
    item = new_report(sandbox)
    services.sync.login(sandbox.url, "lanhdao", "demo123")
    services.sync.sync_once()
    services.sync.logout()
    gate = ServicesGate(services)
    shell = make_shell(qtbot, gate, tmp_path, sandbox.url)
    try:
        started(qtbot, shell)
        window = sign_in(qtbot, shell)
        qtbot.waitUntil(lambda: window.select_item("report", item), timeout=10_000)
        reply = composer(qtbot, window, rules.REPLY)
        type_into(qtbot, reply, REPLY)  # still open, and typed a moment ago, when she logs out
        window.logout_action.trigger()
        qtbot.waitUntil(lambda: shell._logout_dialog is not None, timeout=5_000)
        qtbot.mouseClick(shell._logout_dialog.confirm, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: gate.signed_out == [False] and not shell.gate_window.form.busy, timeout=15_000)
        window = sign_in(qtbot, shell)
        qtbot.waitUntil(lambda: window.select_item("report", item), timeout=10_000)
        assert composer(qtbot, window, rules.REPLY).body.toPlainText() == REPLY
    finally:
        shell.shutdown()


def test_attached_files_stay_with_the_draft_and_come_back_after_an_undo(qtbot, sandbox: SandboxServer,
                                                                        tmp_path: Path) -> None:
    """A file attached and not yet sent is part of what the officer was writing: Esc asks for it alone, the draft
    keeps it across a restart (a file deleted meanwhile is named, not dropped silently), and an undone reply
    comes back with its file, the cache's copy gone with the action."""
    item = new_report(sandbox)
    profile = tmp_path / "officer"
    photo, scan = tmp_path / "đèn đã thay.png", tmp_path / "biên bản.pdf"
    photo.write_bytes(make_png(40, 30, (250, 200, 40), (30, 40, 90)))
    scan.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    with officer_window(qtbot, sandbox, profile) as (window, _services):
        assert window.select_item("report", item)
        reply = composer(qtbot, window, rules.REPLY)
        assert reply.attachments is not None
        reply.attachments.add_paths([photo, scan])
        qtbot.keyClick(reply, Qt.Key.Key_Escape)  # no words typed, but two files chosen: it asks
        answer(qtbot, question(qtbot, reply, "closeComposer"), "Giữ bản nháp")
        qtbot.waitUntil(lambda: not reply.isVisible())
    scan.unlink()
    with officer_window(qtbot, sandbox, profile, undo_seconds=60) as (window, services):
        assert window.select_item("report", item)
        reply = composer(qtbot, window, rules.REPLY)
        assert reply.attached_files() == [photo]
        assert "biên bản.pdf" in reply.error.text() and reply.error.isVisible()
        type_into(qtbot, reply, REPLY)
        qtbot.mouseClick(reply.ok_button, Qt.MouseButton.LeftButton)  # (Ctrl+Enter has its own tests)
        qtbot.waitUntil(window.undo_bar.isVisible, timeout=10_000)  # the file is read and copied in first
        assert [f.filename for f in services.workspace.outbox()[0].files] == ["đèn đã thay.png"]
        qtbot.mouseClick(window.undo_bar.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.composers.open_one(("report", item, "reply")) is not None, timeout=5_000)
        reopened = window.composers.open_one(("report", item, "reply"))
        assert reopened is not None and reopened.body.toPlainText() == REPLY
        assert reopened.attached_files() == [photo]
        with services.database.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM outbox_files").scalar_one() == 0
