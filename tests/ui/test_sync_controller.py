"""SyncController against the real sandbox: first sync, live updates, offline and back, login required, kick."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from triage_desktop.core.errors import BadServerResponse
from triage_desktop.sandbox.api import Response
from triage_desktop.sandbox.backend import JSON
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services
from triage_desktop.ui.sync_controller import SyncController

PASSWORD = "demo123"


@pytest.fixture
def controller(qapp, services: Services) -> Iterator[SyncController]:
    # A 1 s long poll keeps stop() quick; the app uses 25 s.
    loop = SyncController(services.sync, wait_seconds=1, min_backoff=0.05, max_backoff=0.2)
    yield loop
    loop.stop()
    assert not loop.running


def wait_state(qtbot, controller: SyncController, state: str, timeout: int = 20_000) -> None:
    qtbot.waitUntil(lambda: controller.state == state, timeout=timeout)


def test_first_sync_then_live_updates(qtbot, sandbox: SandboxServer, services: Services,
                                      controller: SyncController) -> None:
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    changed: list[tuple[str, str]] = []
    controller.itemsChanged.connect(lambda keys: changed.extend(tuple(k) for k in keys))
    states: list[str] = []
    controller.stateChanged.connect(lambda state, _u, _c: states.append(state))
    controller.start()
    wait_state(qtbot, controller, "online")
    assert states[:2] == ["syncing", "online"]
    assert len({k for k in changed if k[0] == "report"}) == len(sandbox.all_aggregates("report"))
    new = sandbox.add_report(title="Đèn đường tắt cả dãy phố")
    qtbot.waitUntil(lambda: ("report", new["id"]) in changed, timeout=20_000)  # arrives by the long poll
    assert services.workspace.item("report", new["id"]).data["title"] == "Đèn đường tắt cả dãy phố"


def test_offline_then_back_online(qtbot, sandbox: SandboxServer, services: Services,
                                  controller: SyncController) -> None:
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    sandbox.stop()
    controller.start()
    wait_state(qtbot, controller, "offline")
    sandbox.start()
    controller.kick()
    wait_state(qtbot, controller, "online")


def test_a_kick_pushes_a_queued_action(qtbot, sandbox: SandboxServer, services: Services,
                                       controller: SyncController) -> None:
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    controller.start()
    wait_state(qtbot, controller, "online")
    target = next(r for r in sandbox.all_aggregates("report") if r["status"] == "new")
    services.workspace.queue_action("report", target["id"], "note", {"body": "Đã cử cán bộ xuống hiện trường"})
    controller.kick()
    # Confirmed by the server's answer, not merely applied there: the outbox empties.
    qtbot.waitUntil(lambda: services.workspace.outbox() == [], timeout=20_000)
    assert [e["aggregate_id"] for e in sandbox.ledger()] == [target["id"]]
    qtbot.waitUntil(lambda: controller.unsent == 0, timeout=20_000)


def test_no_credentials_means_login_required_until_kicked(qtbot, sandbox: SandboxServer, services: Services,
                                                          controller: SyncController) -> None:
    controller.start()
    wait_state(qtbot, controller, "login_required")
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    controller.kick()
    wait_state(qtbot, controller, "online")


def test_too_old_client_keeps_unsent_work(qtbot, sandbox: SandboxServer, services: Services,
                                          controller: SyncController) -> None:
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    services.sync.sync_once()
    target = next(r for r in sandbox.all_aggregates("report") if r["status"] == "new")
    services.workspace.queue_action("report", target["id"], "note", {"body": "Chờ cập nhật phần mềm"})
    sandbox.min_client_version = "99.0.0"
    controller.start()
    wait_state(qtbot, controller, "client_too_old")
    assert len(services.workspace.outbox()) == 1
    assert not any(e["aggregate_id"] == target["id"] for e in sandbox.ledger())


def test_a_kick_during_a_long_poll_pushes_without_waiting_for_it(qtbot, sandbox: SandboxServer,
                                                                 services: Services) -> None:
    """With the app's real 25 s long poll on the wire, an officer's action still goes out within seconds."""
    loop = SyncController(services.sync, wait_seconds=25, min_backoff=0.05, max_backoff=0.2)
    try:
        services.sync.login(sandbox.url, "lanhdao", PASSWORD)
        loop.start()
        wait_state(qtbot, loop, "online")
        qtbot.wait(500)  # the loop is now inside its long poll
        target = next(r for r in sandbox.all_aggregates("report") if r["status"] == "new")
        services.workspace.queue_action("report", target["id"], "note", {"body": "Gửi ngay, không chờ"})
        loop.kick()
        qtbot.waitUntil(lambda: services.workspace.outbox() == [], timeout=5_000)
        assert [e["aggregate_id"] for e in sandbox.ledger()] == [target["id"]]
    finally:
        loop.stop(timeout=30)


def test_stop_breaks_off_a_long_poll(qtbot, sandbox: SandboxServer, services: Services) -> None:
    """Closing the window must not wait for the server to answer a 25 s long poll."""
    loop = SyncController(services.sync, wait_seconds=25)
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    loop.start()
    wait_state(qtbot, loop, "online")
    qtbot.wait(500)  # the loop is now inside its long poll
    loop.stop(timeout=5)
    assert not loop.running
    assert loop.state == "online"  # broken off on purpose: not reported as a lost connection


class GarbleFeedOnce:
    """Test hook: the first /changes answer arrives whole, with status 200, but is not JSON."""

    def __init__(self) -> None:
        self.garbled = 0

    def on_request(self, handler, request):
        return None

    def on_response(self, handler, request, response):
        if request.path != "/changes" or self.garbled:
            return None
        self.garbled += 1
        return Response(200, b'{"changes": [{"kind": "report", "op": ]}', JSON)


def test_a_garbled_answer_is_waited_out_like_a_dropped_line(qtbot, sandbox: SandboxServer, services: Services,
                                                            controller: SyncController) -> None:
    """One policy with `triage-desktop sync`: a garbled answer is the server's or the line's, not a bug."""
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    hook = GarbleFeedOnce()
    sandbox._faults = hook
    states: list[str] = []
    errors: list[BaseException] = []
    controller.stateChanged.connect(lambda state, _u, _c: states.append(state))
    controller.errorOccurred.connect(errors.append)
    controller.start()
    wait_state(qtbot, controller, "online")
    assert hook.garbled == 1
    assert [type(e) for e in errors] == [BadServerResponse]
    assert "offline" in states and "error" not in states
