"""The pure-Python reader of the SQLite file format (page_recovery, wal_file): it reads what SQLite reads, finds the
page size without a header, notices WAL commits SQLite would drop (and nothing else), and never brings back rows
the outbox no longer holds."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.cache_damage import scribble_root, zero_header
from tests.support.keys import TEST_KEY, keyed
from tests.unit.storage.conftest import SERVER_URL, USER_JSON
from tests.unit.storage.factories import report, upsert
from triage_desktop.core.entities import OutboxAction
from triage_desktop.storage import page_recovery, quarantine, wal_file
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store

pytestmark = pytest.mark.slow  # damages and reads whole cache files page by page: left out of `make test-fast`


def _cache(path: Path, actions: int = 120, key: bytes | None = TEST_KEY) -> tuple[Database, list[OutboxAction]]:
    path.parent.mkdir(exist_ok=True)
    db = Database(path, key=key)
    store = Store(db)
    store.apply_page([upsert(report(f"r_{i}", 3)) for i in range(10)], "c1")
    store.set_state("user", USER_JSON)
    store.set_state("server_url", SERVER_URL)
    # Bodies from a few bytes to several pages: local cells and overflow chains.
    queued = [store.enqueue("report", f"r_{i % 10}", "note", {"body": "Đèn đường hỏng. " * (1 + (i * 37) % 900)}, 3)
              for i in range(actions)]
    return db, queued


def _as_rows(findings: page_recovery.PageFindings) -> list[tuple[int, str, str]]:
    return [(f.rowid, f.values[5], f.values[4]) for f in findings.outbox]


@pytest.mark.parametrize("key", [TEST_KEY, None], ids=["encrypted", "plain"])
def test_the_reader_reads_every_row_sqlite_reads(tmp_path: Path, key: bytes | None) -> None:
    db, queued = _cache(tmp_path / "cache.sqlite3", key=key)
    db.dispose()
    findings = page_recovery.read(tmp_path / "cache.sqlite3", key)
    assert findings.header_ok and findings.tree_complete and findings.page_size == 4096
    with closing(keyed(tmp_path / "cache.sqlite3", key)) as conn:
        expected = conn.execute("SELECT local_id, idempotency_key, payload FROM outbox ORDER BY local_id").fetchall()
    assert _as_rows(findings) == expected and len(expected) == len(queued)
    assert findings.outbox_seq == len(queued)
    assert findings.state["user"].values[1] == USER_JSON


@pytest.mark.parametrize("page_size", [1024, 8192])
def test_the_page_size_is_found_without_the_header(tmp_path: Path, page_size: int) -> None:
    """Plain caches only: an encrypted cache's page size is SQLCipher's fixed 4096."""
    path = tmp_path / "cache.sqlite3"
    with closing(keyed(path, None)) as conn:
        conn.execute(f"PRAGMA page_size = {page_size}")
        conn.execute("VACUUM")
    db, queued = _cache(path, actions=40, key=None)
    db.dispose()
    zero_header(path)
    findings = page_recovery.read(path)
    assert findings.page_size == page_size and not findings.header_ok
    assert [f.rowid for f in findings.outbox] == [a.local_id for a in queued]


def test_a_healthy_or_torn_wal_is_not_damage(tmp_path: Path) -> None:
    db, _ = _cache(tmp_path / "live" / "cache.sqlite3")
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "live", copy)  # as a kill now would leave it: all of it in the WAL
    db.dispose()
    cache = copy / "cache.sqlite3"
    assert wal_file.read(cache) is not None and wal_file.lost_commits(cache) == 0
    wal = wal_file.wal_path(cache)
    with open(wal, "r+b") as handle:  # the last transaction torn mid-frame, as a power cut leaves it
        handle.truncate(wal.stat().st_size - 1000)
    assert wal_file.lost_commits(cache) == 0
    reopened = Database(cache, key=TEST_KEY)
    try:
        assert reopened.recovered_from is None
    finally:
        reopened.dispose()


def test_an_encrypted_cache_without_its_salt_is_still_read_with_its_key(tmp_path: Path) -> None:
    """The first 100 bytes zeroed: no page authenticates any more, but the raw key still decrypts every page."""
    path = tmp_path / "cache.sqlite3"
    db, queued = _cache(path, actions=40)
    db.dispose()
    with closing(keyed(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    zero_header(path)
    findings = page_recovery.read(path, TEST_KEY)
    assert findings.page_size == 4096 and not findings.header_ok
    assert [f.rowid for f in findings.outbox] == [a.local_id for a in queued]
    assert page_recovery.read(path, bytes(32)).outbox == []  # a wrong key reads nothing


@pytest.mark.parametrize("key", [TEST_KEY, None], ids=["encrypted", "plain"])
def test_rows_outside_an_intact_outbox_are_not_brought_back(tmp_path: Path, key: bytes | None) -> None:
    path = tmp_path / "cache.sqlite3"
    db, queued = _cache(path, actions=200, key=key)
    db.dispose()
    with closing(keyed(path, key, isolation_level=None)) as conn:
        conn.execute("PRAGMA secure_delete = OFF")  # freed pages keep their old rows, as most builds leave them
        conn.execute("DELETE FROM outbox WHERE local_id <= 150")  # sent: they must never be sent again
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # Plain: its header zeroed. Encrypted: that would garble page 1 (the schema) with it, so other pages instead.
    zero_header(path) if key is None else scribble_root(path, "aggregates")
    found = quarantine.salvage(path, "notadb", key)
    assert [a["local_id"] for a in found.actions] == [a.local_id for a in queued[150:]]
    assert found.report.outbox_intact and found.report.not_found == [[1, 150]]
