"""The cache file itself: permissions, pragmas, odd paths, refusing unusable files, mapping sqlite errors."""

from __future__ import annotations

import os
import stat
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from tests.support.keys import TEST_KEY, keyed
from triage_desktop.core.errors import StorageError
from triage_desktop.storage.database import CACHE_FILE_NAME, Database, is_network_path, open_database
from triage_desktop.storage.store import Store

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_new_file_and_its_wal_are_owner_only(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        db = Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
        Store(db).set_state("device_id", "abc")  # a write, so -wal and -shm exist
        try:
            for name in ("cache.sqlite3", "cache.sqlite3-wal", "cache.sqlite3-shm"):
                assert _mode(tmp_path / name) == 0o600, name
        finally:
            db.dispose()
    finally:
        os.umask(old_umask)


@posix_only
def test_existing_loose_file_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Database(path, key=TEST_KEY).dispose()
    path.chmod(0o644)
    Database(path, key=TEST_KEY).dispose()
    assert _mode(path) == 0o600


@posix_only
def test_open_database_creates_private_profile_folder(tmp_path: Path) -> None:
    profile = tmp_path / "profiles" / "u_17"
    db = open_database(profile, key=TEST_KEY)
    try:
        assert db.path == profile / CACHE_FILE_NAME
        assert _mode(profile) == 0o700
        assert db.path.is_file()
    finally:
        db.dispose()


def test_connections_use_wal_full_sync_busy_timeout_and_foreign_keys(db: Database) -> None:
    for context in (db.read, db.write):
        with context() as conn:
            pragmas = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                       for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")}
        assert pragmas == {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 5000, "foreign_keys": 1}


def test_read_connections_cannot_write(db: Database) -> None:
    with pytest.raises(StorageError, match="readonly"), db.read() as conn:
        conn.exec_driver_sql("INSERT INTO sync_state (key, value) VALUES ('x', 'y')")


def test_path_with_vietnamese_letters_and_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "Hồ sơ Phường Đông Hoà" / "cán bộ tiếp dân"
    folder.mkdir(parents=True)
    path = folder / "bộ nhớ đệm.sqlite3"
    db = Database(path, key=TEST_KEY)
    try:
        Store(db).set_state("server_url", "https://api.example-province.vn/triage/v1")
    finally:
        db.dispose()
    db = Database(path, key=TEST_KEY)
    try:
        assert Store(db).get_state("server_url") == "https://api.example-province.vn/triage/v1"
    finally:
        db.dispose()
    assert path.is_file()


def test_a_file_that_is_not_a_database_is_moved_aside_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    junk = b"This is a Word document, not SQLite. " * 200
    path.write_bytes(junk)
    db = Database(path, key=TEST_KEY)  # quarantined and replaced (more in test_quarantine.py)
    try:
        assert db.recovered_from is not None and db.recovered_from.read_bytes() == junk
    finally:
        db.dispose()


def test_a_damaged_database_fails_the_check_at_open(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = Database(path, key=TEST_KEY)
    store = Store(db)
    for i in range(300):
        store.put_reference(f"r{i}", None, {"text": "x" * 500})
    db.dispose()
    with closing(keyed(path)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):  # scribble over every other page
        data[offset + 8:offset + 64] = b"\xff" * 56
    path.write_bytes(bytes(data))
    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from is not None
        assert Store(db).reference("r1") is None  # a fresh file; the server's data comes again
    finally:
        db.dispose()


def test_disk_full_becomes_storage_error_and_nothing_is_half_written(db: Database) -> None:
    store = Store(db)
    with db.write() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages + 1}")  # per connection: the single writer
    with pytest.raises(StorageError, match="full"):
        store.put_reference("big", None, ["x" * 100_000])
    with db.write() as conn:
        conn.exec_driver_sql("PRAGMA max_page_count = 1073741823")
    assert store.reference("big") is None
    store.put_reference("big", None, ["x" * 100_000])
    assert store.reference("big") is not None


def test_a_lock_held_too_long_by_another_program_becomes_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = Database(path, busy_timeout_ms=100, key=TEST_KEY)
    other = keyed(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageError, match="busy"):
            Store(db).set_state("cursor", "c1")
        other.execute("ROLLBACK")
        Store(db).set_state("cursor", "c1")
        assert Store(db).cursor() == "c1"
    finally:
        other.close()
        db.dispose()


def test_programming_errors_are_not_disguised_as_storage_errors(db: Database) -> None:
    with pytest.raises(OperationalError, match="no such table"), db.write() as conn:
        conn.exec_driver_sql("SELECT * FROM no_such_table")


def test_nested_write_transaction_is_a_bug_not_a_deadlock(db: Database) -> None:
    with pytest.raises(RuntimeError, match="nested"), db.write(), db.write():
        pass


def test_failed_write_rolls_back(db: Database) -> None:
    store = Store(db)
    with pytest.raises(ZeroDivisionError), db.write() as conn:
        conn.exec_driver_sql("INSERT INTO sync_state (key, value) VALUES ('cursor', 'c9')")
        _ = 1 / 0
    assert store.cursor() is None


@pytest.mark.parametrize(("path", "network"), [
    (r"\\fileserver\share\triage\cache.sqlite3", True),
    (r"\\?\UNC\fileserver\share\cache.sqlite3", True),
    (r"\\?\C:\Users\can_bo\AppData\Local\triage\cache.sqlite3", False),
    (r"C:\Users\can_bo\AppData\Local\triage\cache.sqlite3", False),
    ("/home/can_bo/.local/share/triage/cache.sqlite3", False),
])
def test_network_paths_are_recognised(path: str, network: bool) -> None:
    assert is_network_path(path) is network
