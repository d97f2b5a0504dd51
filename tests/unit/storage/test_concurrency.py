"""Threads and a second program on one cache file: writers queue up, readers run beside them, none fails."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.keys import TEST_KEY
from tests.unit.storage.conftest import SERVER_URL, USER_JSON
from tests.unit.storage.factories import report, upsert
from triage_desktop.core.entities import ItemQuery
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

pytestmark = pytest.mark.slow  # threads and a second program racing on one file: left out of `make test-fast`

ROUNDS = 40


def _run_all(*jobs: Callable[[], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def wrapped(job: Callable[[], None]) -> None:
        try:
            start.wait()
            job()
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread
            errors.append(exc)

    threads = [threading.Thread(target=wrapped, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def _puller(store: Store, prefix: str) -> Callable[[], None]:
    def job() -> None:
        for i in range(ROUNDS):
            # read-then-write inside one transaction: the pattern that dies of SQLITE_BUSY_SNAPSHOT when deferred
            store.apply_page([upsert(report(f"{prefix}_{i % 7}", i + 1, title=f"Vòng {i}"))], f"{prefix}-{i}")
    return job


def _queuer(store: Store, prefix: str) -> Callable[[], None]:
    def job() -> None:
        for i in range(ROUNDS):
            action = store.enqueue("report", f"{prefix}_0", "note", {"type": "note", "body": f"{i}"}, None)
            store.mark_sending(action.local_id)
            store.note_attempt_error(action.local_id, "offline")
    return job


def test_threads_sharing_one_database_never_see_locked(store: Store) -> None:
    workspace = LocalWorkspace(store)

    def reader() -> None:
        for _ in range(ROUNDS):
            workspace.page(ItemQuery(kind="report", text="vong"), 0, 50)
            workspace.queue_counts("u_17")

    assert _run_all(_puller(store, "a"), _puller(store, "b"), _queuer(store, "a"), reader) == []
    assert len(store.outbox()) == ROUNDS
    assert workspace.count(ItemQuery(kind="report")) == 14


def test_two_programs_on_one_file_wait_for_each_other(tmp_path: Path) -> None:
    # Two Database objects have separate engines and locks, like the window and the CLI side by side:
    # only BEGIN IMMEDIATE plus busy_timeout keeps them from failing.
    first, second = Database(tmp_path / "cache.sqlite3", key=TEST_KEY), Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
    try:
        one, two = Store(first), Store(second)
        one.set_state("user", USER_JSON)  # the officer both programs queue for
        one.set_state("server_url", SERVER_URL)
        assert _run_all(_puller(one, "a"), _puller(two, "b"), _queuer(one, "a"), _queuer(two, "b")) == []
        assert len(one.outbox()) == 2 * ROUNDS
        assert len(list(two.export_raw())) == 14
    finally:
        first.dispose()
        second.dispose()
