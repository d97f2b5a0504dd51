"""An unclean stop is noticed whatever else had the cache open (issue 7): each process holds its own locked marker,
so a CLI `act` that closes cleanly beside a `sync` that is killed no longer hides the kill."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.cache_damage import damage_outside
from tests.support.keys import TEST_KEY
from tests.unit.storage.factories import report, upsert
from triage_desktop.storage import database, process_marker
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store

HOLD = """
import sys, time
from pathlib import Path
from triage_desktop.storage.database import Database
from tests.support.keys import TEST_KEY
db = Database(Path(sys.argv[1]), key=TEST_KEY)
print("READY", flush=True)
time.sleep(120)
"""


@contextmanager
def other_process(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another program with the cache open (the `sync` beside the window or `act`), until killed."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "READY"
        yield process
    finally:
        process.kill()
        process.communicate()  # also closes the pipe


@pytest.fixture(autouse=True)
def big_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as big: checked only after an unclean stop, which makes that verdict observable."""
    monkeypatch.setattr(database, "FULL_CHECK_BELOW", 0)


def test_a_killed_process_is_noticed_though_another_one_closed_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Database(path, key=TEST_KEY).dispose()
    with other_process(path) as sync:
        act = Database(path, key=TEST_KEY)  # the CLI's act beside the running sync
        assert not act.unclean_stop  # the sync's marker is held: it is alive, not a crash
        sync.kill()
        sync.wait()
        act.dispose()  # closes cleanly: must not wipe out the evidence of the kill
    after = Database(path, key=TEST_KEY)
    try:
        assert after.unclean_stop and after.integrity_checked
    finally:
        after.dispose()
    again = Database(path, key=TEST_KEY)  # the check was done: the next start is an ordinary one
    try:
        assert not again.unclean_stop and not again.integrity_checked
    finally:
        again.dispose()
    assert process_marker.markers(path) == []


def test_clean_stops_leave_no_marker_and_need_no_check(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Database(path, key=TEST_KEY).dispose()
    first, second = Database(path, key=TEST_KEY), Database(path, key=TEST_KEY)
    assert len(process_marker.markers(path)) == 2 and not second.unclean_stop
    first.dispose()
    second.dispose()
    assert process_marker.markers(path) == []
    db = Database(path, key=TEST_KEY)
    try:
        assert not db.unclean_stop and not db.integrity_checked
    finally:
        db.dispose()


def test_the_shared_marker_of_older_versions_counts_as_an_unclean_stop(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Database(path, key=TEST_KEY).dispose()
    path.with_name("cache.sqlite3.open").touch()
    db = Database(path, key=TEST_KEY)
    try:
        assert db.unclean_stop and db.integrity_checked
        assert not path.with_name("cache.sqlite3.open").exists()
    finally:
        db.dispose()


def test_damage_after_a_kill_is_found_though_another_process_closed_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = Database(path, key=TEST_KEY)
    Store(db).apply_page([upsert(report(f"r_{i}", 2, description="Cây đổ " * 40)) for i in range(60)], "c1")
    db.dispose()
    with other_process(path) as sync:
        act = Database(path, key=TEST_KEY)
        sync.kill()
        sync.wait()
        act.dispose()
    damage_outside(path, ("outbox", "sync_state", "sqlite_sequence", "alembic_version"))  # the power cut's damage
    after = Database(path, key=TEST_KEY)
    try:
        assert after.recovered_from is not None  # the check ran, found the damage, and recovered
    finally:
        after.dispose()
