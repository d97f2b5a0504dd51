"""Bulk assignment through the window, against the real sandbox, real sync and a real SQLite cache (issue 11).

The leader selects 20 open reports and assigns them all to Bình. Each is queued as its own `assign` action
with its own Idempotency-Key on the version she saw; before the push a colleague changes one of them on the
server, so that one action gets 412. After the push: 19 assigned on the server, exactly that one shown as a
conflict (badge, panel), and the status bar sums it up with its code.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtNetwork import QNetworkInformation

from triage_desktop.core.entities import ActionState, User
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services
from triage_desktop.ui.dialogs.bulk_assign_dialog import BulkAssignDialog, assignable
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import COL_STATUS, SyncStateRole
from triage_desktop.ui.network_watcher import NetworkWatcher
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner

LEADER_ID, BINH = "u_01", "u_02"  # lanhdao and canbo1 (Trần Văn Bình) in the sandbox's seed
Reachability = QNetworkInformation.Reachability


@pytest.fixture
def sandbox(tmp_path) -> Iterator[SandboxServer]:
    """More reports than the shared fixture's 20: the batch needs 20 open ones that Bình does not hold yet."""
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=80, dossiers=2, seed=5) as server:
        yield server


@pytest.fixture
def leader_window(qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner,
                  tmp_path) -> Iterator[MainWindow]:
    """The leader logged in and synced once; the window's sync loop not started yet (the test starts it)."""
    services.sync.login(sandbox.url, "lanhdao", "demo123")
    services.sync.sync_once()
    controller = SyncController(services.sync, wait_seconds=1, min_backoff=0.05, max_backoff=0.2)
    window = MainWindow(services.workspace, services.sync, runner, controller=controller,
                        network=NetworkWatcher(load_backend=False),
                        settings=QSettings(str(tmp_path / "bulk.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    sandbox.stop()  # a long poll on the wire returns now, so the sync thread ends before the cache closes
    window.close()
    window.controller.stop(timeout=30.0)
    window.deleteLater()


def select(window: MainWindow, keys: list[tuple[str, str]]) -> None:
    """Ctrl+click on each row, as the leader would."""
    selection = window.list_view.selectionModel()
    selection.clearSelection()
    for key in keys:
        row = window.model.row_of(key)
        assert row is not None, key
        selection.select(window.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_bulk_assign_of_20_with_one_conflict(qtbot, sandbox: SandboxServer, leader_window: MainWindow) -> None:
    window = leader_window
    window.queues.select("report", "open")
    targets = [r for r in sandbox.all_aggregates("report")
               if r["status"] in ("new", "acknowledged", "in_progress") and r["assignee_id"] != BINH][:20]
    assert len(targets) == 20
    keys = [("report", r["id"]) for r in targets]
    versions = {r["id"]: r["version"] for r in targets}

    # One row: no bulk action (the detail pane's own "Phân công…" is for that); two or more: "Phân công N mục…".
    select(window, keys[:1])
    assert not window.bulk_assign_action.isEnabled()
    select(window, keys)
    assert window.bulk_assign_action.isEnabled()
    assert window.bulk_assign_action.text() == "Phân công 20 mục…"
    assert set(window.selected_keys()) == set(keys)

    window.bulk_assign_action.trigger()
    dialog = window.active_dialog
    assert isinstance(dialog, BulkAssignDialog)
    assert dialog.member.count() == 4  # a leader may assign anyone in the unit
    assert dialog.choose(BINH)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.workspace.outbox()) == 20, timeout=10_000)

    queued = window.workspace.outbox()
    assert {(a.kind, a.aggregate_id) for a in queued} == set(keys)  # each item its own action
    assert all(a.type == "assign" and a.payload["assignee_id"] == BINH for a in queued)
    assert len({a.idempotency_key for a in queued}) == 20  # one Idempotency-Key each
    assert all(a.base_version == versions[a.aggregate_id] for a in queued)  # on the version the leader saw
    keys_of = {a.aggregate_id: a.idempotency_key for a in queued}

    # A colleague changes one of them on the server before the push: its If-Match is stale now.
    conflicted = targets[7]
    sandbox.server_act("report", conflicted["id"], "set_priority", priority="urgent")
    window.start_sync()
    summary = f"Đã phân công 19 mục · 1 xung đột (mã {conflicted['code']})"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == summary, timeout=30_000)

    applied = [e for e in sandbox.ledger() if e["type"] == "assign" and e["user_id"] == LEADER_ID]
    assert sorted(e["aggregate_id"] for e in applied) == sorted(r["id"] for r in targets if r is not conflicted)
    assert {e["key"] for e in applied} == {keys_of[r["id"]] for r in targets if r is not conflicted}
    for r in targets:
        on_server = sandbox.aggregate("report", r["id"])
        assert on_server["assignee_id"] == (r["assignee_id"] if r is conflicted else BINH)

    # Exactly that item carries the conflict: in the outbox, on its row, and as a panel when opened.
    left = window.workspace.outbox()
    assert [(a.aggregate_id, a.state) for a in left] == [(conflicted["id"], ActionState.CONFLICT)]
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    badges = {key: window.model.index(window.model.row_of(key), COL_STATUS).data(SyncStateRole)
              for key in keys if window.model.row_of(key) is not None}
    assert badges.pop(("report", conflicted["id"])) == "conflict"
    assert set(badges.values()) <= {""}
    assert window.select_item("report", conflicted["id"])
    qtbot.waitUntil(lambda: len(window.detail.conflict_panels()) == 1, timeout=10_000)


def test_who_may_be_chosen_follows_the_roles() -> None:
    def user(uid: str, *roles: str) -> User:
        return User(uid, uid, f"Người {uid}", "w", roles)
    members = [user("u_01", "leader"), user("u_02", "officer"), user("u_03", "officer"), user("u_04", "clerk")]
    assert [m.id for m in assignable(members[0], members)] == ["u_01", "u_02", "u_03", "u_04"]
    assert [m.id for m in assignable(members[1], members)] == ["u_02"]  # an officer takes items herself
    assert assignable(members[3], members) == []  # a clerk assigns nobody
    assert assignable(None, members) == []
