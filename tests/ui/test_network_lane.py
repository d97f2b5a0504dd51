"""The window's lanes as the app wires them (launcher.make_lanes), against the real sandbox: every request leaves
from the sync thread, "sync now" during a sync makes one more step and never a second one beside it, and closing
with work in flight loses nothing."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services
from triage_desktop.ui.dialogs.photo_viewer import PhotoViewer
from triage_desktop.ui.launcher import make_lanes
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner

PASSWORD = "demo123"


class SlowFullPull:
    """Test hook: each page of a full step's pull (a /changes without `wait`) takes half a second, and the
    server notes how many of them it is answering at once."""

    def __init__(self) -> None:
        self.pulling = threading.Event()
        self._lock = threading.Lock()
        self._now = 0
        self.most_at_once = 0

    def on_request(self, handler: Any, request: Any) -> None:
        if request.path == "/changes" and "wait" not in request.query:
            with self._lock:
                self._now += 1
                self.most_at_once = max(self.most_at_once, self._now)
            self.pulling.set()
            time.sleep(0.5)
        return None

    def on_response(self, handler: Any, request: Any, response: Any) -> None:
        if request.path == "/changes" and "wait" not in request.query:
            with self._lock:
                self._now -= 1
        return None


@pytest.fixture
def lanes(qapp, services: Services) -> Iterator[tuple[SyncController, TaskRunner]]:
    controller, runner = make_lanes(services.sync)
    yield controller, runner
    controller.stop()
    runner.shutdown()


def open_window(qtbot, services: Services, lanes: tuple[SyncController, TaskRunner], tmp_path: Path,
                url: str) -> MainWindow:
    controller, runner = lanes
    window = MainWindow(services.workspace, services.sync, runner, controller=controller, default_server_url=url,
                        settings=QSettings(str(tmp_path / "lanes.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def test_every_request_of_the_window_leaves_from_the_sync_thread(qtbot, sandbox: SandboxServer, services: Services,
                                                                 lanes: tuple[SyncController, TaskRunner],
                                                                 tmp_path: Path, caplog) -> None:
    # Signing in is the gate's, before the window and its lanes exist (ui/session_shell.py, docs/threading.md).
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    caplog.set_level(logging.DEBUG, logger="triage_desktop.sync.http")
    window = open_window(qtbot, services, lanes, tmp_path, sandbox.url)
    window.start_sync()
    qtbot.waitUntil(lambda: window.controller.state == "online", timeout=20_000)
    report, photo = next((r, a) for r in sandbox.all_aggregates("report") for a in r["attachments"]
                         if a["content_type"] == "image/jpeg")
    assert window.select_item("report", report["id"])
    window.attachments.view(next(a for a in window.detail.item().attachments if a.id == photo["id"]))
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, PhotoViewer), timeout=10_000)  # within a long poll
    window.active_dialog.reject()
    window.queue_action("report", report["id"], "note", {"body": "Đã xem ảnh hiện trường"})
    qtbot.waitUntil(lambda: [e["aggregate_id"] for e in sandbox.ledger()] == [report["id"]], timeout=10_000)
    window.shutdown()
    requests = [r for r in caplog.records if r.name == "triage_desktop.sync.http" and "->" in r.getMessage()]
    paths = " ".join(r.getMessage() for r in requests)
    assert "/changes" in paths and "/attachments/" in paths and "/actions" in paths
    assert {r.threadName for r in requests} == {"triage-sync"}


def test_sync_now_during_a_sync_makes_one_more_step_never_a_second_beside_it(
        qtbot, sandbox: SandboxServer, services: Services, lanes: tuple[SyncController, TaskRunner],
        tmp_path: Path) -> None:
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    hook = SlowFullPull()
    sandbox._faults = hook
    window = open_window(qtbot, services, lanes, tmp_path, sandbox.url)
    states: list[str] = []
    window.controller.stateChanged.connect(lambda state, _u, _c: states.append(state))
    window.start_sync()
    qtbot.waitUntil(hook.pulling.is_set, timeout=10_000)
    for _ in range(10):  # an impatient officer presses F9 while the first sync is still pulling
        window.sync_action.trigger()
    qtbot.waitUntil(lambda: states.count("online") >= 2, timeout=20_000)
    qtbot.wait(1500)  # room for any further step the presses might wrongly have caused
    assert states.count("syncing") == 2
    assert hook.most_at_once == 1
    window.shutdown()


def test_closing_with_work_in_flight_loses_nothing(qtbot, sandbox: SandboxServer, services: Services,
                                                   lanes: tuple[SyncController, TaskRunner], tmp_path: Path) -> None:
    targets = [sandbox.add_report(title=f"Phản ánh {n}") for n in range(6)]
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    window = open_window(qtbot, services, lanes, tmp_path, sandbox.url)
    window.start_sync()
    qtbot.waitUntil(lambda: window.controller.state == "online", timeout=20_000)
    for target in targets[:3]:
        window.queue_action("report", target["id"], "note", {"body": "Trước khi đóng"})
    qtbot.waitUntil(lambda: bool(sandbox.ledger()), timeout=10_000)  # pushes are under way
    for target in targets[3:]:
        window.queue_action("report", target["id"], "note", {"body": "Ngay lúc đóng"})
    window.shutdown()  # what app.py does on close: the lane, then the runner's queued writes
    lanes[1].shutdown()
    assert not window.controller.running
    sent = [e["aggregate_id"] for e in sandbox.ledger()]
    waiting = [a.aggregate_id for a in services.workspace.outbox()]
    assert sorted(sent + waiting) == sorted(t["id"] for t in targets)  # each once: sent, or still queued
    services.sync.sync_once()  # the next start sends the rest, none twice
    assert sorted(e["aggregate_id"] for e in sandbox.ledger()) == sorted(t["id"] for t in targets)
