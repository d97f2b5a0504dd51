"""ContinuousSync as a network lane, against the real sandbox: calls handed to `submit()` run on the loop's
thread, between steps; a call breaks off a long poll and the poll resumes; stop cancels calls not yet started."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.support.keys import TEST_KEY
from triage_desktop.core.entities import SyncProgress, SyncReport
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import open_database
from triage_desktop.storage.store import Store
from triage_desktop.sync.engine import SyncEngine, build_sync_service
from triage_desktop.sync.loop import ContinuousSync

sandbox_server = pytest.importorskip("triage_desktop.sandbox.server")
PASSWORD = "demo123"
LANE = "test-lane"


class Recorder:
    """A SyncListener that keeps what the loop says (on the loop's thread; the test thread only reads)."""

    def __init__(self) -> None:
        self.states: list[str] = []
        self.reports: list[SyncReport] = []

    def state_changed(self, state: str) -> None:
        self.states.append(state)

    def step_done(self, report: SyncReport) -> None:
        self.reports.append(report)

    def progressed(self, progress: SyncProgress) -> None:
        pass

    def failed(self, state: str, error: BaseException, retry_in: float | None) -> None:
        self.states.append(state)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    with sandbox_server.SandboxServer(db=tmp_path / "server.sqlite3", reports=8, dossiers=4, seed=7) as srv:
        yield srv


@pytest.fixture
def engine(tmp_path: Path, memory_keyring: Any, server: Any) -> Iterator[SyncEngine]:
    database = open_database(tmp_path / "profile", key=TEST_KEY)
    sync = build_sync_service(Store(database), CredentialStore(backend=memory_keyring))
    sync.login(server.url, "lanhdao", PASSWORD)
    yield sync
    database.dispose()


@contextmanager
def lane(loop: ContinuousSync, body: Callable[[], None]) -> Iterator[threading.Thread]:
    thread = threading.Thread(target=body, name=LANE, daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        loop.stop()
        thread.join(30)
        assert not thread.is_alive()


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_calls_run_on_the_lane_before_sync_is_started(engine: SyncEngine) -> None:
    recorder = Recorder()
    loop = ContinuousSync(engine, recorder, wait_seconds=1)
    with lane(loop, loop.serve):
        assert loop.submit(lambda: threading.current_thread().name).result(timeout=10) == LANE
        assert recorder.states == []  # serve() only runs calls until start_syncing()
        loop.start_syncing()
        wait_until(lambda: bool(recorder.reports))
        assert recorder.states[0] == "syncing"


def test_a_call_breaks_off_a_long_poll_which_then_resumes(server: Any, engine: SyncEngine,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    """The app's real 25 s long poll: a call (a photo the officer opened) must not wait it out, and costs no full
    step; every request, the call's included, leaves from the one lane."""
    caplog.set_level(logging.DEBUG, logger="triage_desktop.sync.http")
    photo = next(a for r in server.all_aggregates("report") for a in r["attachments"])
    recorder = Recorder()
    loop = ContinuousSync(engine, recorder, wait_seconds=25)
    with lane(loop, loop.run):
        wait_until(lambda: bool(recorder.reports))
        time.sleep(0.5)  # the loop is now inside its long poll
        data = loop.submit(lambda: engine.attachment(photo["id"], photo.get("sha256"))).result(timeout=5)
        assert len(data) == photo["size"]
        arrived = server.add_report(title="Cống bị tắc")
        wait_until(lambda: any(("report", arrived["id"]) in r.changed for r in recorder.reports))
        assert recorder.states.count("syncing") == 1  # the poll was taken up again, not replaced by a full step
    requests = [r for r in caplog.records if r.name == "triage_desktop.sync.http" and "->" in r.getMessage()]
    assert requests and {r.threadName for r in requests} == {LANE}


def test_stop_lets_the_running_call_finish_and_cancels_the_rest(engine: SyncEngine) -> None:
    loop = ContinuousSync(engine, Recorder(), wait_seconds=1)
    gate = threading.Event()
    with lane(loop, loop.serve):
        running = loop.submit(lambda: gate.wait(10) and "finished")
        wait_until(running.running)
        queued = loop.submit(lambda: "never")
        loop.stop()
        gate.set()
        assert running.result(timeout=10) == "finished"
        with pytest.raises(CancelledError):
            queued.result(timeout=10)
    assert loop.submit(lambda: "after").cancelled()


def test_a_read_runs_between_two_pages_of_a_full_step_and_other_calls_wait_for_its_end(
        tmp_path: Path, memory_keyring: Any) -> None:
    """A photo opened during a long first sync arrives after the page in flight, not after the whole province;
    a login or logout never runs inside a step (it would change who the step syncs for)."""
    server = sandbox_server.SandboxServer(db=tmp_path / "paged.sqlite3", reports=40, dossiers=4, seed=7,
                                          max_page=3, fault_seed=1).start()  # a first sync of many pages
    database = open_database(tmp_path / "small-pages", key=TEST_KEY)
    engine = build_sync_service(Store(database), CredentialStore(backend=memory_keyring))
    engine.login(server.url, "lanhdao", PASSWORD)
    photo = next(a for r in server.all_aggregates("report") for a in r["attachments"])
    events: list[str] = []
    submitted: list[Any] = []

    class FirstPage(Recorder):
        def progressed(self, progress: SyncProgress) -> None:
            if progress.phase == "pull" and not submitted:  # the officer clicks while the first pages come in
                submitted.append(loop.submit(lambda: events.append("between steps")))
                submitted.append(loop.submit(lambda: events.append("photo") or engine.attachment(photo["id"]),
                                             between_pages=True))

        def step_done(self, report: SyncReport) -> None:
            events.append("step done")
            super().step_done(report)

    loop = ContinuousSync(engine, FirstPage(), wait_seconds=1)
    try:
        with lane(loop, loop.run):
            wait_until(lambda: len(submitted) == 2 and all(f.done() for f in submitted))
        assert events[:3] == ["photo", "step done", "between steps"]
        assert len(submitted[1].result()) == photo["size"]
    finally:
        database.dispose()
        server.stop()
