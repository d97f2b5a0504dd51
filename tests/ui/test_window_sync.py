"""The window with the real sync stack and sandbox: the indicator's states, login, live list, actions pushed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFrame, QLabel

from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui.dialogs.login_dialog import LoginDialog
from triage_desktop.ui.formatting import format_time
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner


def test_indicator_follows_the_sync_state(qtbot, window: MainWindow, workspace: LocalWorkspace) -> None:
    assert window.indicator.text() == f"Đã đồng bộ {format_time(workspace.last_sync_at())}"
    workspace.queue_action("report", "r_0001", "note", {"body": "Một"})
    workspace.queue_action("report", "r_0002", "note", {"body": "Hai"})
    window.controller.stateChanged.emit("offline", 0, 0)
    assert window.indicator.text() == "Ngoại tuyến — 2 thao tác chờ gửi"
    window.controller.stateChanged.emit("syncing", 2, 0)
    window.controller.progress.emit("pull", 120, 500)
    assert window.indicator.text() == "Đang đồng bộ… 120/500"
    window.controller.stateChanged.emit("online", 2, 0)
    assert window.indicator.text().endswith("· 2 thao tác chờ gửi")
    window.controller.stateChanged.emit("client_too_old", 2, 0)
    assert window.indicator.text() == "Phần mềm đã cũ — cần cài bản cập nhật"


def test_login_required_opens_the_login_dialog(qtbot, window: MainWindow) -> None:
    window.controller.stateChanged.emit("login_required", 0, 0)
    assert window.indicator.text() == "Cần đăng nhập lại"
    assert isinstance(window.active_dialog, LoginDialog)
    assert window.active_dialog.server.text() == "http://127.0.0.1:9/triage/v1"  # where the cache came from
    assert window.active_dialog.username.text() == "lanhdao"
    window.active_dialog.reject()


@pytest.fixture
def live_window(qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner,
                tmp_path) -> Iterator[MainWindow]:
    controller = SyncController(services.sync, wait_seconds=1, min_backoff=0.05, max_backoff=0.2)
    window = MainWindow(services.workspace, services.sync, runner, controller=controller,
                        settings=QSettings(str(tmp_path / "live.ini"), QSettings.Format.IniFormat),
                        default_server_url=sandbox.url)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    yield window
    window.shutdown()


def test_log_in_sync_act_and_push(qtbot, sandbox: SandboxServer, live_window: MainWindow) -> None:
    window = live_window
    window.start_sync()
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, LoginDialog), timeout=20_000)
    dialog = window.active_dialog
    assert dialog.server.text() == sandbox.url  # preset by IT's deployment settings
    dialog.username.setText("lanhdao")
    dialog.password.setText("demo123")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    reports = len(sandbox.all_aggregates("report"))
    qtbot.waitUntil(lambda: window.model.rowCount() == reports, timeout=20_000)
    qtbot.waitUntil(lambda: window.indicator.text().startswith("Đã đồng bộ"), timeout=20_000)
    assert window.windowTitle().endswith("Nguyễn Thị Hồng")

    target = next(r for r in sandbox.all_aggregates("report") if r["status"] == "new")
    assert window.select_item("report", target["id"])
    qtbot.mouseClick(window.detail.button(rules.ACKNOWLEDGE), Qt.MouseButton.LeftButton)
    # Shown at once as waiting, then pushed by the kicked controller and confirmed by the server.
    qtbot.waitUntil(lambda: sandbox.aggregate("report", target["id"])["status"] == "acknowledged",
                    timeout=20_000)
    qtbot.waitUntil(lambda: not window.detail.findChildren(QFrame, "pendingAction")
                    and window.detail.item().status == "acknowledged", timeout=20_000)
    assert not window.detail.button(rules.ACKNOWLEDGE).isEnabled()

    arrived = sandbox.add_report(title="Ngập nước sau mưa lớn")
    qtbot.waitUntil(lambda: window.model.rowCount() == reports + 1, timeout=20_000)
    assert window.detail.item().id == target["id"]  # the selection stayed on the officer's item
    assert window.model.row_of(("report", arrived["id"])) is not None


def _labels(frames: list[QFrame]) -> list[str]:
    return [label.text() for frame in frames for label in frame.findChildren(QLabel)]


def _accept(qtbot, window: MainWindow, button: str, fill) -> None:
    qtbot.mouseClick(window.detail.button(button), Qt.MouseButton.LeftButton)
    dialog = window.active_dialog
    fill(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_assign_note_reply_pending_offline_then_confirmed(qtbot, sandbox: SandboxServer,
                                                          live_window: MainWindow) -> None:
    window = live_window
    window.start_sync()
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, LoginDialog), timeout=20_000)
    window.active_dialog.username.setText("lanhdao")
    window.active_dialog.password.setText("demo123")
    qtbot.mouseClick(window.active_dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(sandbox.all_aggregates("report")), timeout=20_000)

    target = next(r for r in sandbox.all_aggregates("report") if r["status"] == "new")
    assert window.select_item("report", target["id"])
    sandbox.stop()  # the ward's internet drops: every action must wait, visibly
    qtbot.waitUntil(lambda: window.indicator.text().startswith("Ngoại tuyến"), timeout=20_000)

    _accept(qtbot, window, rules.ASSIGN, lambda d: d.member.setCurrentIndex(d.member.findData("u_02")))
    _accept(qtbot, window, rules.NOTE, lambda d: d.body.insertPlainText("Đã báo Điện lực Phường 1"))
    _accept(qtbot, window, rules.REPLY, lambda d: d.body.insertPlainText("Cảm ơn ông/bà, tổ công tác đã đến."))
    qtbot.waitUntil(lambda: len(window.detail.findChildren(QFrame, "pendingAction")) == 3, timeout=10_000)
    pending = _labels(window.detail.findChildren(QFrame, "pendingAction"))
    assert pending.count("Đang chờ gửi") == 3
    assert "Đã báo Điện lực Phường 1" in pending and "Cảm ơn ông/bà, tổ công tác đã đến." in pending
    # Each action kicks a sync that fails at once, so "Đang đồng bộ…" flickers between the offline states.
    qtbot.waitUntil(lambda: window.indicator.text() == "Ngoại tuyến — 3 thao tác chờ gửi", timeout=5_000)

    sandbox.start()  # back online: the controller notices and sends all three, once each, in order
    qtbot.waitUntil(lambda: not window.detail.findChildren(QFrame, "pendingAction"), timeout=30_000)
    qtbot.waitUntil(lambda: "Đã báo Điện lực Phường 1" in _labels(window.detail.findChildren(QFrame, "internalEvent")),
                    timeout=10_000)
    assert "Cảm ơn ông/bà, tổ công tác đã đến." in _labels(window.detail.findChildren(QFrame, "publicEvent"))
    on_server = sandbox.aggregate("report", target["id"])
    assert on_server["assignee_id"] == "u_02"
    applied = [e["type"] for e in sandbox.ledger() if e["aggregate_id"] == target["id"]]
    assert applied == ["assign", "note", "reply"]
