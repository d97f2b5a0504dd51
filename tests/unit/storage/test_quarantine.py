"""Durability of the cache file: the pragmas that make an acknowledged action survive a power cut, and the
start-up recovery of a damaged file (quarantine, salvage of the unsent actions, fresh file, full resync)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.cache_damage import damage_outside, damage_table, write_garbage
from tests.support.keys import TEST_KEY, dbapi2, keyed
from tests.unit.storage.factories import report, upsert
from triage_desktop.core.entities import ActionState, OutboxAction
from triage_desktop.core.errors import StorageError
from triage_desktop.storage import plain_read, process_marker, quarantine
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store

pytestmark = pytest.mark.slow  # damages caches and salvages them: left out of `make test-fast`


def _filled(path: Path, items: int = 120, actions: int = 60) -> tuple[Store, list[OutboxAction]]:
    """A cache as an officer leaves it: a pulled feed, a cursor, a login, and unsent actions in every state."""
    store = Store(Database(path, key=TEST_KEY))
    store.apply_page([upsert(report(f"r_{i}", version=3, description="Cây đổ " * 40)) for i in range(items)],
                     "cursor-1")
    store.set_state("server_url", "https://api.example-province.vn/triage/v1")
    store.set_state("user", '{"id": "u_17", "username": "canbo1"}')
    store.set_state("device_id", "dev-1")
    queued = [store.enqueue("report", f"r_{i % items}", "note", {"body": f"Ghi chú số {i}"}, 3)
              for i in range(actions)]
    store.mark_sending(queued[0].local_id)  # on the wire when the power went
    store.conflict_action(queued[1].local_id, 412, {"type": "https://triage.example/problems/version-conflict"},
                          None)
    store.db.dispose()
    return store, store_outbox(path)


def store_outbox(path: Path) -> list[OutboxAction]:
    db = Database(path, key=TEST_KEY)
    try:
        return Store(db).outbox()
    finally:
        db.dispose()


def _identity(action: OutboxAction) -> tuple[object, ...]:
    return (action.local_id, action.kind, action.aggregate_id, action.type, dict(action.payload),
            action.idempotency_key, action.base_version, action.state, action.created_at, action.error_status)


def test_the_write_connection_is_wal_full_sync_and_begins_immediate(tmp_path: Path) -> None:
    db = Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
    try:
        with db.write() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            # BEGIN IMMEDIATE took the write lock before any statement wrote: another writer is refused now.
            with (closing(keyed(db.path, timeout=0, isolation_level=None)) as other,
                  pytest.raises(dbapi2.OperationalError, match="locked")):
                other.execute("BEGIN IMMEDIATE")
        with closing(keyed(db.path, timeout=0, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")  # released at commit
            other.execute("ROLLBACK")
        assert db.recovered_from is None
    finally:
        db.dispose()


def test_damaged_pages_quarantine_the_file_and_keep_every_unsent_action(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _, before = _filled(path)
    assert damage_outside(path) > 5
    damaged = path.read_bytes()

    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from is not None and db.recovered_from.parent == tmp_path
        assert db.recovered_from.name.startswith("cache.sqlite3.corrupt-")
        assert db.recovered_from.read_bytes() == damaged  # kept as found, for whoever investigates
        store = Store(db)
        after = store.outbox()
        assert [_identity(a) for a in after] == [_identity(b) for b in before]
        assert {a.state for a in after} == {ActionState.SENDING, ActionState.CONFLICT, ActionState.PENDING}
        # A full resync: no cursor and no cached items; still logged in as the same officer on the same server.
        assert store.cursor() is None and not list(store.export_raw())
        assert store.get_state("user") == '{"id": "u_17", "username": "canbo1"}'
        assert store.get_state("server_url") == "https://api.example-province.vn/triage/v1"
        assert store.get_state("device_id") == "dev-1"
        assert store.get_state(quarantine.RECOVERED_FROM) == db.recovered_from.name
        # The fresh file is a working cache: new actions get new ids after the salvaged ones.
        store.apply_page([upsert(report("r_1", version=4))], "cursor-2")
        newest = store.enqueue("report", "r_1", "note", {"body": "sau khi khôi phục"}, 4)
        assert newest.local_id > max(b.local_id for b in before)
    finally:
        db.dispose()
    again = Database(path, key=TEST_KEY)  # the next start finds a healthy file: nothing more to do
    try:
        assert again.recovered_from is None
    finally:
        again.dispose()


def test_a_file_that_is_not_a_database_is_quarantined_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    junk = write_garbage(path)
    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from is not None and db.recovered_from.read_bytes() == junk
        assert Store(db).outbox() == [] and Store(db).cursor() is None
    finally:
        db.dispose()


def test_salvage_keeps_what_it_can_read_when_the_outbox_itself_is_hit(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _, before = _filled(path, items=40, actions=150)
    damage_table(path, "outbox")
    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from is not None
        after, report = Store(db).outbox(), db.recovery
    finally:
        db.dispose()
    # SQLite loses the rows of the scribbled page; the page reader carves them out of its cells.
    assert [_identity(a) for a in after] == [_identity(b) for b in before]
    assert report is not None and report.found["plain"] < len(before) == report.found["pages"] == report.kept
    assert report.not_found == [] and report.outbox_intact is False


def test_a_recovery_cut_off_before_the_final_rename_is_finished_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _, before = _filled(path, items=20, actions=5)
    damage_outside(path)
    db = Database(path, key=TEST_KEY)
    quarantined = db.recovered_from
    db.dispose()
    assert quarantined is not None
    # As if killed between moving the damaged file aside and moving the fresh one into place.
    quarantine.move_with_sidecars(path, quarantine.recovering_path(path))
    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from == quarantined
        assert [a.idempotency_key for a in Store(db).outbox()] == [b.idempotency_key for b in before]
        assert not quarantine.recovering_path(path).exists()
    finally:
        db.dispose()


def test_a_recovery_cut_off_while_building_is_redone(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _, before = _filled(path, items=20, actions=5)
    damage_outside(path)
    half_built = quarantine.recovering_path(path)
    half_built.write_bytes(b"half a file")
    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from is not None
        assert [a.idempotency_key for a in Store(db).outbox()] == [b.idempotency_key for b in before]
        assert not half_built.exists()
    finally:
        db.dispose()


def test_only_corruption_counts_as_damage() -> None:
    def error(code: int) -> sqlite3.DatabaseError:
        exc = sqlite3.DatabaseError("x")
        exc.sqlite_errorcode = code  # type: ignore[attr-defined]
        return exc

    assert quarantine.is_corruption(error(11)) and quarantine.is_corruption(error(26))
    assert quarantine.is_corruption(error(11 | (1 << 8)))  # SQLITE_CORRUPT_VTAB: an extended code
    for healthy in (5, 6, 8, 10, 13, 14):  # busy, locked, readonly, io, full, cantopen: never quarantine
        assert not quarantine.is_corruption(error(healthy))
    assert not quarantine.is_corruption(ValueError("x"))


def test_a_damaged_file_busy_in_another_program_is_left_alone(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plain_read, "BUSY_TIMEOUT_S", 0.05)
    path = tmp_path / "cache.sqlite3"
    _filled(path, items=20, actions=5)
    damage_outside(path)
    damaged = path.read_bytes()
    with closing(keyed(path, isolation_level=None)) as other:  # e.g. the window, still open
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(quarantine.InUse):
            quarantine.salvage(path)
        with pytest.raises(StorageError, match="busy"):
            Database(path, busy_timeout_ms=50, key=TEST_KEY)
        other.execute("ROLLBACK")
    assert path.read_bytes() == damaged and not list(tmp_path.glob("*.corrupt-*"))


def test_a_big_cache_is_checked_after_an_unclean_stop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A province's million-item cache is not read end to end at every start, only after a crash."""
    from triage_desktop.storage import database

    path = tmp_path / "cache.sqlite3"
    _, before = _filled(path)
    monkeypatch.setattr(database, "FULL_CHECK_BELOW", 0)  # every file counts as big
    assert process_marker.markers(path) == []  # dispose() marked the stop as clean

    clean = Database(path, key=TEST_KEY)
    assert len(process_marker.markers(path)) == 1  # from now on until dispose()
    assert not clean.integrity_checked
    clean.dispose()

    damage_outside(path)
    path.with_name(path.name + ".open").touch()  # an older version's marker: killed while the file was open
    db = Database(path, key=TEST_KEY)
    try:
        assert db.unclean_stop and db.integrity_checked
        assert db.recovered_from is not None
        assert [a.idempotency_key for a in Store(db).outbox()] == [a.idempotency_key for a in before]
    finally:
        db.dispose()
