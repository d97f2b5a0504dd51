"""The sandbox's fault mode, one fault at a time, and how the client copes with each (issue 3).

Each test forces one fault kind at rate 1 and looks at it twice: on the wire (plain http.client, so the
fault is what it claims to be) and through the real sync engine (a retryable failure, never data, and an
action sent again with the same Idempotency-Key is applied once).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from triage_desktop.cli import build_parser
from triage_desktop.core.entities import SyncProgress, SyncReport
from triage_desktop.core.errors import Offline, ServerBusy
from triage_desktop.sandbox.api import Request, Response
from triage_desktop.sandbox.faults import FAULTS, FaultInjector, default_slow_seconds
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services, build_services
from triage_desktop.sync.backoff import Backoff
from triage_desktop.sync.http import Unreachable
from triage_desktop.sync.retry import sync_until_in_step

PASSWORD = "demo123"
READ_TIMEOUT = 0.4


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    # A fixed fault seed: at a rate below 1 the same requests meet the same faults on every run.
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=8, dossiers=3, seed=4, fault_seed=11,
                       slow_seconds=READ_TIMEOUT + 0.4) as srv:
        yield srv


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: SandboxServer) -> Iterator[Services]:
    monkeypatch.setenv("TRIAGE_READ_TIMEOUT", str(READ_TIMEOUT))
    services = build_services(tmp_path / "profile")
    services.sync.login(server.url, "canbo1", PASSWORD)
    assert services.sync.sync_once().in_step
    yield services
    services.close()


def raw_get(server: SandboxServer, path: str = "/meta") -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request("GET", "/triage/v1" + path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def queue_note(services: Services, server: SandboxServer, text: str) -> Any:
    report = server.add_report()
    assert services.sync.sync_once().in_step
    return services.workspace.queue_action("report", report["id"], "note", {"body": text})


def ledger_keys(server: SandboxServer) -> list[str]:
    return [entry["key"] for entry in server.ledger()]


@pytest.mark.parametrize(("fault", "status"), [("http_500", 500), ("http_503", 503), ("http_429", 429)])
def test_busy_faults_answer_before_doing_anything(server: SandboxServer, client: Services, fault: str,
                                                  status: int) -> None:
    server.set_faults(1.0, [fault])
    answer, headers, body = raw_get(server)
    assert answer == status and json.loads(body)["status"] == status
    assert headers.get("Retry-After") == (None if status == 500 else "1")

    server.set_faults(0)
    action = queue_note(client, server, f"ghi chú khi máy chủ trả {status}")
    server.set_faults(1.0, [fault])
    with pytest.raises(ServerBusy) as caught:
        client.sync.sync_once()
    assert caught.value.retry_after == (None if status == 500 else 1.0)
    assert ledger_keys(server) == []  # refused before the work
    server.set_faults(0)
    assert client.sync.sync_once().in_step
    assert ledger_keys(server) == [action.idempotency_key]
    assert server.fault_counts()[fault] == 2


@pytest.mark.parametrize(("fault", "error"), [("reset", ConnectionResetError),
                                              ("truncated", http.client.IncompleteRead)])
def test_a_damaged_body_is_a_failed_request_never_data(server: SandboxServer, client: Services, fault: str,
                                                       error: type[Exception]) -> None:
    server.set_faults(1.0, [fault])
    with pytest.raises(error):
        raw_get(server)
    before = list(client.store.export_raw())
    server.add_report()  # something new in the feed, whose page is the one that gets cut
    cursor = client.store.cursor()
    with pytest.raises(Offline):
        client.sync.wait_for_changes(0)
    assert client.store.cursor() == cursor and list(client.store.export_raw()) == before
    server.set_faults(0)
    assert client.sync.sync_once().pulled == 1


class OnlyActions:
    """The server's own injector, for action requests only (so /meta, which every push reads, gets through)."""

    def __init__(self, injector: FaultInjector) -> None:
        self.injector = injector

    def on_request(self, handler: Any, request: Request) -> Response | None:
        return self.injector.on_request(handler, request) if request.path.endswith("/actions") else None

    def on_response(self, handler: Any, request: Request, response: Response) -> Any:
        return self.injector.on_response(handler, request, response)


@pytest.mark.parametrize("fault", ["reset", "truncated", "slow", "lost_after_commit"])
def test_an_action_whose_answer_is_lost_is_sent_again_with_its_key_and_applied_once(
        server: SandboxServer, client: Services, fault: str) -> None:
    action = queue_note(client, server, f"ghi chú qua lỗi {fault}")
    server.set_faults(1.0, [fault])
    server._faults = OnlyActions(server.injector)
    with pytest.raises(Offline):
        client.sync.push()
    server._faults = None
    assert ledger_keys(server) == [action.idempotency_key]  # committed; the answer never arrived whole
    [kept] = client.workspace.outbox()
    assert kept.idempotency_key == action.idempotency_key and kept.attempts == 1
    server.set_faults(0)
    assert client.sync.sync_once().in_step and client.workspace.outbox() == []
    assert ledger_keys(server) == [action.idempotency_key]
    aggregate = server.aggregate("report", action.aggregate_id)
    assert [e["body"] for e in aggregate["events"]].count(f"ghi chú qua lỗi {fault}") == 1
    assert server.fault_counts()[fault] == 1


def test_a_slow_answer_outlasts_the_read_timeout(server: SandboxServer, client: Services) -> None:
    server.set_faults(1.0, ["slow"])
    with pytest.raises(Offline, match="(?i)timed? ?out"):
        client.sync.sync_once()
    server.set_faults(0)
    assert client.sync.sync_once().in_step


def test_stop_releases_held_answers(tmp_path: Path) -> None:
    server = SandboxServer(db=tmp_path / "s.sqlite3", reports=2, dossiers=1, faults=1.0, slow_seconds=600)
    server.set_faults(1.0, ["slow"])
    server.start()
    done = threading.Event()

    def ask() -> None:
        # The released answer may go out whole or be cut when the server closes the line.
        with contextlib.suppress(OSError, http.client.HTTPException):
            raw_get(server)
        done.set()

    threading.Thread(target=ask, daemon=True).start()
    while server.fault_counts()["slow"] == 0:
        done.wait(0.01)
    server.close()  # joins the handler threads: it must not wait the 600 s out
    assert done.wait(5)


def injected(injector: FaultInjector, requests: list[Request]) -> list[str | None]:
    """Pass requests through the hook as the wire does; the fault each one got (None: none)."""
    names = []
    for request in requests:
        before = injector.counts()
        if injector.on_request(None, request) is None:  # type: ignore[arg-type] - the handler is not used
            injector.on_response(None, request, Response(200, b"{}"))  # type: ignore[arg-type]
        after = injector.counts()
        names.append(next((name for name in FAULTS if after[name] != before[name]), None))
    return names


def test_a_refresh_only_gets_faults_that_come_before_the_work() -> None:
    # The sandbox rotates refresh tokens strictly: an answer lost after a rotation is a revoked login.
    injector = FaultInjector(1.0, seed=1, slow_seconds=0)
    refreshes = injected(injector, [Request("POST", "/auth/refresh", {}, {}, b"{}") for _ in range(60)])
    assert set(refreshes) == {"http_500", "http_503", "http_429"}
    reads = injected(injector, [Request("GET", "/changes", {}, {}, b"") for _ in range(200)])
    assert None not in reads and "lost_after_commit" not in reads and "reset" in reads


def test_the_same_seed_draws_the_same_faults() -> None:
    requests = [Request("POST" if i % 3 == 0 else "GET", "/reports/r_1/actions", {}, {}, b"") for i in range(300)]

    def draws(seed: int) -> list[str | None]:
        return injected(FaultInjector(0.5, seed=seed, slow_seconds=0), requests)

    assert draws(7) == draws(7) != draws(8)
    drawn = [name for name in draws(7) if name]
    assert 100 < len(drawn) < 200 and set(drawn) == set(FAULTS)


def test_rates_and_kinds_are_checked() -> None:
    for rate in (-0.1, 1.5, float("nan")):
        with pytest.raises(ValueError):
            FaultInjector(rate)
    with pytest.raises(ValueError):
        FaultInjector(0.1, kinds=["meteor"])


def test_slow_answers_outlast_the_clients_read_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIAGE_READ_TIMEOUT", "2")
    assert 2 < default_slow_seconds() < 4
    monkeypatch.delenv("TRIAGE_READ_TIMEOUT")
    assert default_slow_seconds() > 30


def test_the_cli_takes_a_fault_rate_and_seed(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["sandbox", "--faults", "0.3", "--fault-seed", "9"])
    assert (args.faults, args.fault_seed) == (0.3, 9)
    assert build_parser().parse_args(["sandbox"]).faults == 0.0
    with pytest.raises(SystemExit):
        build_parser().parse_args(["sandbox", "--faults", "1.5"])
    capsys.readouterr()


# -- sync_until_in_step: the bounded retry `sync --once` uses ----------------------------------------------

def test_sync_until_in_step_rides_out_a_flaky_server(server: SandboxServer, client: Services) -> None:
    notes = [queue_note(client, server, f"ghi chú {i} qua máy chủ chập chờn") for i in range(4)]
    server.set_faults(0.5)
    waits: list[float] = []
    report = sync_until_in_step(client.sync, attempts=60, backoff=Backoff(0.01, 0.05, random.Random(1)),
                                sleep=waits.append)
    assert report.in_step and client.workspace.outbox() == []
    assert sorted(ledger_keys(server)) == sorted(a.idempotency_key for a in notes)
    assert waits and all(w <= 1.0 for w in waits)
    if any(w >= 1.0 for w in waits):  # only a Retry-After (1 s here) waits that long
        assert server.fault_counts()["http_503"] + server.fault_counts()["http_429"] > 0


class Scripted:
    """A SyncService that fails as told (after getting some work done, with `moving`), then succeeds."""

    def __init__(self, *failures: Exception, moving: bool = False) -> None:
        self.failures = list(failures)
        self.moving = moving
        self.calls = 0

    def sync_once(self, progress: Any = None, cancel: Any = None) -> SyncReport:
        self.calls += 1
        if self.failures:
            if self.moving:
                progress(SyncProgress("push", done=1, total=5))  # one action answered, then the fault
            raise self.failures.pop(0)
        return SyncReport(in_step=True)


def test_retry_honours_retry_after_and_gives_up_when_bounded() -> None:
    waits: list[float] = []
    service = Scripted(ServerBusy("HTTP 503", 3.0), Offline("reset"))
    assert sync_until_in_step(service, sleep=waits.append).in_step  # type: ignore[arg-type]
    assert service.calls == 3 and waits[0] >= 3.0

    service = Scripted(*[Offline("reset")] * 5)
    with pytest.raises(Offline):
        sync_until_in_step(service, attempts=3, sleep=waits.append)  # type: ignore[arg-type]
    assert service.calls == 3

    service = Scripted(*[Offline("reset")] * 10, moving=True)  # a long outbox through a flaky line
    assert sync_until_in_step(service, attempts=3, sleep=waits.append).in_step  # type: ignore[arg-type]
    assert service.calls == 11

    service = Scripted(ServerBusy("HTTP 429", 3600.0))
    with pytest.raises(ServerBusy):  # "come back in an hour": a one-shot run does not sit there
        sync_until_in_step(service, sleep=waits.append)  # type: ignore[arg-type]
    assert service.calls == 1


def test_an_unreachable_server_is_not_retried(tmp_path: Path, client: Services, server: SandboxServer) -> None:
    server.stop()
    waits: list[float] = []
    with pytest.raises(Unreachable):
        sync_until_in_step(client.sync, sleep=waits.append)
    assert waits == []
