"""Conflicts through the window, against the real sandbox, real sync and a real SQLite cache.

An officer (canbo1) queues a status change; the leader changes the same report on the server first; the push
gets 412. The officer must see it (badge in the list, "N xung đột" in the status bar, the outbox, the conflict
panel naming the colleague and the time) and resolve it through the window: re-applied → the server applies it
once; discarded after the confirmation → the server never gets it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QFrame, QLabel, QMessageBox

from triage_desktop.core.timestamps import parse_timestamp
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.services import Services
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui.conflict_panel import ConflictPanel
from triage_desktop.ui.dialogs.action_dialogs import StatusDialog
from triage_desktop.ui.formatting import format_datetime
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import COL_STATUS, SyncStateRole
from triage_desktop.ui.network_watcher import NetworkWatcher
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner

OFFICER_ID = "u_02"  # canbo1, Trần Văn Bình, in the sandbox's seed
LEADER_NAME = "Nguyễn Thị Hồng"
COLLEAGUE = ("u_03", "Lê Minh Châu")

WindowFactory = Callable[..., MainWindow]
Reachability = QNetworkInformation.Reachability


@pytest.fixture
def officer_services(sandbox: SandboxServer, services: Services) -> Services:
    """canbo1 logged in and synced once, before the window opens (the login dialog has its own tests)."""
    services.sync.login(sandbox.url, "canbo1", "demo123")
    services.sync.sync_once()
    return services


@pytest.fixture
def open_window(qtbot, sandbox: SandboxServer, officer_services: Services, runner: TaskRunner,
                tmp_path) -> Iterator[WindowFactory]:
    opened: list[MainWindow] = []

    def factory(wait_seconds: int = 1, min_backoff: float = 0.05, max_backoff: float = 0.2,
                network: NetworkWatcher | None = None) -> MainWindow:
        controller = SyncController(officer_services.sync, wait_seconds=wait_seconds, min_backoff=min_backoff,
                                    max_backoff=max_backoff)
        window = MainWindow(officer_services.workspace, officer_services.sync, runner, controller=controller,
                            network=network or NetworkWatcher(load_backend=False),
                            settings=QSettings(str(tmp_path / "conflicts.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.queues.select("report", "all")
        opened.append(window)
        return window

    yield factory
    # Not left to qtbot: its close would come first and wait on a long poll the sync thread cannot cut.
    sandbox.stop()  # a long poll on the wire returns now, so the sync thread ends before the cache closes
    for window in opened:
        window.close()  # closeEvent → shutdown: settings saved, sync stopped
        window.controller.stop(timeout=30.0)
        assert not window.controller.running
        window.deleteLater()


def new_reports(sandbox: SandboxServer) -> list[dict[str, Any]]:
    return [r for r in sandbox.all_aggregates("report") if r["status"] == "new"]


def queue_status_change(qtbot, window: MainWindow, item_id: str, status: str) -> None:
    """Through the detail pane's button and the status dialog, as the officer would."""
    assert window.select_item("report", item_id)
    qtbot.mouseClick(window.detail.button(rules.SET_STATUS), Qt.MouseButton.LeftButton)
    dialog = window.active_dialog
    assert isinstance(dialog, StatusDialog)
    dialog.target.setCurrentIndex(dialog.target.findData(status))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.detail.findChildren(QFrame, "pendingAction")) == 1)


def the_panel(qtbot, window: MainWindow) -> ConflictPanel:
    qtbot.waitUntil(lambda: len(window.detail.conflict_panels()) == 1, timeout=20_000)
    return window.detail.conflict_panels()[0]


def texts(widget: Any) -> list[str]:
    """What the officer can read (a replaced body lingers hidden until Qt deletes it)."""
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget.window())]


def applied(sandbox: SandboxServer, item_id: str, action_type: str) -> list[dict[str, Any]]:
    return [e for e in sandbox.ledger() if e["aggregate_id"] == item_id and e["type"] == action_type
            and e["user_id"] == OFFICER_ID]


def provoke_conflict(qtbot, sandbox: SandboxServer, window: MainWindow, item_id: str,
                     colleague_change: Callable[[], object]) -> ConflictPanel:
    """Queue while the sync loop is not running, let the leader change the report, then sync: a 412."""
    queue_status_change(qtbot, window, item_id, "acknowledged")
    colleague_change()
    window.start_sync()
    return the_panel(qtbot, window)


def test_a_conflict_is_shown_everywhere_and_reapplying_sends_it_once(qtbot, sandbox: SandboxServer,
                                                                      open_window: WindowFactory) -> None:
    window = open_window()
    target = new_reports(sandbox)[0]["id"]
    panel = provoke_conflict(qtbot, sandbox, window, target, lambda: sandbox.server_act(
        "report", target, "assign", assignee_id=COLLEAGUE[0]))

    # The panel: what the officer wanted, beside the server's state, named and dated.
    on_server = sandbox.aggregate("report", target)
    latest = max(on_server["events"], key=lambda e: parse_timestamp(e["at"]))
    assert latest["author_id"] == "u_01"
    assert panel.findChild(QLabel, "conflictReason").text() == "Phản ánh đã được người khác cập nhật"
    assert panel.findChild(QLabel, "conflictUpdatedBy").text() == \
        f"Phản ánh đã được {LEADER_NAME} cập nhật lúc {format_datetime(latest['at'])}"
    server_side = texts(panel.findChild(QFrame, "conflictServer"))
    assert "Trạng thái: Mới" in server_side and f"Người xử lý: {COLLEAGUE[1]}" in server_side
    wanted = texts(panel.findChild(QFrame, "conflictWanted"))
    assert "→ Đã tiếp nhận" in wanted
    assert applied(sandbox, target, "set_status") == []  # nothing was applied behind the officer's back

    # The badge on the list row and the count in the status bar.
    row = window.model.row_of(("report", target))
    assert window.model.index(row, COL_STATUS).data(SyncStateRole) == "conflict"
    assert window.model.index(row, COL_STATUS).data() == "Mới · xung đột"
    qtbot.waitUntil(lambda: window.indicator.text().endswith("· 1 xung đột"), timeout=10_000)
    assert window.queues.item_text("outbox") == "Hộp thư đi (0) · 1 xung đột"

    # Re-apply on the new version: a new action, sent once, and the conflict is gone everywhere.
    assert panel.retry_button is not None
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sandbox.aggregate("report", target)["status"] == "acknowledged", timeout=20_000)
    qtbot.waitUntil(lambda: not window.detail.conflict_panels()
                    and not window.detail.findChildren(QFrame, "pendingAction")
                    and window.detail.item().status == "acknowledged", timeout=20_000)
    assert len(applied(sandbox, target, "set_status")) == 1
    assert sandbox.aggregate("report", target)["assignee_id"] == COLLEAGUE[0]  # the colleague's change stands
    qtbot.waitUntil(lambda: "xung đột" not in window.indicator.text(), timeout=10_000)
    assert window.model.index(window.model.row_of(("report", target)), COL_STATUS).data(SyncStateRole) == ""
    assert window.workspace.outbox() == []


def test_discarding_a_conflict_asks_first_and_the_server_never_gets_it(qtbot, sandbox: SandboxServer,
                                                                       open_window: WindowFactory) -> None:
    window = open_window()
    target = new_reports(sandbox)[0]["id"]
    panel = provoke_conflict(qtbot, sandbox, window, target,
                             lambda: sandbox.server_act("report", target, "acknowledge"))
    assert panel.findChild(QLabel, "conflictUpdatedBy").text().startswith(f"Phản ánh đã được {LEADER_NAME} ")

    # "Giữ lại" is the default: Enter or Esc keeps the officer's work.
    qtbot.mouseClick(panel.discard_button, Qt.MouseButton.LeftButton)
    box = window.active_dialog
    assert isinstance(box, QMessageBox)
    assert "Đổi trạng thái" in box.text()
    assert box.buttonRole(box.defaultButton()) == QMessageBox.ButtonRole.RejectRole
    box.reject()
    qtbot.wait(50)
    assert [a.state for a in window.workspace.outbox()] == ["conflict"]

    panel = window.detail.conflict_panels()[0]
    qtbot.mouseClick(panel.discard_button, Qt.MouseButton.LeftButton)
    box = window.active_dialog
    accept = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.detail.conflict_panels(), timeout=10_000)
    assert window.workspace.outbox() == []
    assert window.queues.item_text("outbox") == "Hộp thư đi (0)"

    synced = after_next_sync(qtbot, window)
    qtbot.waitUntil(synced, timeout=20_000)
    assert applied(sandbox, target, "set_status") == []
    assert sandbox.aggregate("report", target)["status"] == "acknowledged"  # the leader's, nothing of ours
    assert "xung đột" not in window.indicator.text()


def after_next_sync(qtbot, window: MainWindow) -> Callable[[], bool]:
    """Kick a full sync; the returned check is true once it has finished."""
    states: list[str] = []
    window.controller.stateChanged.connect(lambda state, _u, _c: states.append(state))
    window.sync_now()
    return lambda: "syncing" in states and states[-1] == "online"


def test_an_item_that_left_the_unit_keeps_its_actions_until_the_officer_discards(
        qtbot, sandbox: SandboxServer, open_window: WindowFactory) -> None:
    window = open_window()
    target = new_reports(sandbox)[0]["id"]
    code = sandbox.aggregate("report", target)["code"]
    queue_status_change(qtbot, window, target, "acknowledged")
    sandbox.server_act("report", target, "transfer", unit_id="w_0102", reason_text="Không thuộc địa bàn")
    window.start_sync()
    qtbot.waitUntil(lambda: window.workspace.item("report", target) is None, timeout=20_000)
    qtbot.waitUntil(lambda: window.indicator.text().endswith("· 1 xung đột"), timeout=10_000)

    window.queues.select("outbox")
    model = window.outbox_view.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in (2, 3, 5)] == [
        "Đổi trạng thái", "Xung đột", "Không còn thuộc đơn vị (đã chuyển đi, gộp, rút hoặc xóa)"]
    window.outbox_view.table.selectRow(0)
    assert not window.outbox_view.retry_button.isEnabled()  # nothing left to re-apply on
    qtbot.mouseClick(window.outbox_view.open_button, Qt.MouseButton.LeftButton)
    [panel] = window.detail.conflict_panels()
    assert panel.retry_button is None
    assert window.detail.shown_key() == ("report", target)
    assert "→ Đã tiếp nhận" in texts(panel.findChild(QFrame, "conflictWanted"))
    assert code not in texts(window.detail)  # the cache no longer holds it: shown by id, fields gone

    qtbot.mouseClick(panel.discard_button, Qt.MouseButton.LeftButton)
    box = window.active_dialog
    accept = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=10_000)
    assert window.detail.item() is None and not window.detail.conflict_panels()
    assert applied(sandbox, target, "set_status") == []


def test_a_colleagues_change_reaches_the_open_detail_pane_by_long_polling(qtbot, sandbox: SandboxServer,
                                                                          open_window: WindowFactory) -> None:
    # A 25 s long poll: the change can only arrive within the wait below if the server answers it early.
    window = open_window(wait_seconds=25)
    target = new_reports(sandbox)[0]["id"]
    assert window.select_item("report", target)
    window.start_sync()
    qtbot.waitUntil(lambda: window.indicator.text().startswith("Đã đồng bộ"), timeout=20_000)
    qtbot.wait(300)  # let the loop settle into its long poll
    note = "Lãnh đạo: ưu tiên xử lý trong ngày"
    sandbox.server_act("report", target, "note", body=note)
    qtbot.waitUntil(lambda: note in texts(window.detail), timeout=8_000)
    assert window.list_view.current_key() == ("report", target)  # the officer's selection stayed
    assert window.detail.item().id == target
    assert any(note in t for t in texts(window.detail) if t)


def test_the_network_coming_back_syncs_at_once(qtbot, sandbox: SandboxServer, open_window: WindowFactory) -> None:
    watcher = NetworkWatcher(load_backend=False)
    # A long back-off: without the watcher's kick the client would sleep 30–60 s before trying again.
    window = open_window(min_backoff=60.0, max_backoff=60.0, network=watcher)
    target = new_reports(sandbox)[0]["id"]
    window.start_sync()
    qtbot.waitUntil(lambda: window.indicator.text().startswith("Đã đồng bộ"), timeout=20_000)
    sandbox.stop()  # the ward's internet drops
    qtbot.waitUntil(lambda: window.indicator.text().startswith("Ngoại tuyến"), timeout=20_000)
    watcher.on_reachability(Reachability.Disconnected)
    assert window.select_item("report", target)
    qtbot.mouseClick(window.detail.button(rules.ACKNOWLEDGE), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.indicator.text() == "Ngoại tuyến — 1 thao tác chờ gửi", timeout=10_000)

    sandbox.start()
    watcher.on_reachability(Reachability.Online)  # what the OS reports when the cable is back
    qtbot.waitUntil(lambda: sandbox.aggregate("report", target)["status"] == "acknowledged", timeout=15_000)
    qtbot.waitUntil(lambda: window.indicator.text().startswith("Đã đồng bộ"), timeout=10_000)
    assert len(applied(sandbox, target, "acknowledge")) == 1



def test_the_conflict_panel_fits_the_pane_at_200_percent_text(qtbot, store: Store, workspace: LocalWorkspace,
                                                              runner: TaskRunner, settings: QSettings,
                                                              tmp_path) -> None:
    action = workspace.queue_action("report", "r_0007", "set_status", {"status": "acknowledged"})
    workspace.queue_action("report", "r_0007", "note", {"body": "Đã liên hệ tổ trưởng dân phố, chờ xe cẩu."})
    store.conflict_action(action.local_id, 412, {"type": "https://triage.example/problems/version-conflict"}, None)
    window = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings,
                        network=NetworkWatcher(load_backend=False))
    qtbot.addWidget(window)
    window.resize(1366, 768)  # the small office screen
    window.show()
    qtbot.waitExposed(window)
    try:
        for zoom, side_by_side in ((1.0, True), (2.0, False)):
            window.set_zoom(zoom)
            if zoom > 1:  # what an officer gets after widening the list at 200%: a narrow detail pane
                window.splitter.setSizes([400, 560, 406])
            window.select_item("report", "r_0007")
            qtbot.wait(50)  # let the new body lay itself out
            [panel] = window.detail.conflict_panels()
            boxes = panel.findChild(QFrame, "conflictWanted"), panel.findChild(QFrame, "conflictServer")
            assert (boxes[0].y() == boxes[1].y()) == side_by_side  # columns stack when the pane is narrow
            assert window.detail.horizontal_overflow() == 0
            for button in (panel.retry_button, panel.discard_button):
                assert button.width() >= button.sizeHint().width() and button.height() >= button.sizeHint().height()
            assert panel.retry_button.accessibleName() == "Áp dụng lại trên phiên bản mới"
            panel.grab().save(str(tmp_path / f"conflict-panel-{int(zoom * 100)}.png"))
    finally:
        window.set_zoom(1.0)
        window.shutdown()
