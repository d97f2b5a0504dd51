"""Encryption at rest: a wrong key is never damage, a plain cache is encrypted in place without losing unsent work
(whenever it is killed), and backups and quarantine copies are encrypted and pruned."""

from __future__ import annotations

import os
import shutil
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.cache_damage import damage_outside
from tests.support.keys import OTHER_KEY, TEST_KEY, downgrade, is_encrypted, keyed
from tests.unit.storage.factories import report, upsert
from triage_desktop.core.errors import CacheLocked
from triage_desktop.storage import encrypt_in_place, retention
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store

PHONE = "0905123456"


def _filled(path: Path, key: bytes | None, actions: int = 5) -> list[tuple[int, str]]:
    db = Database(path, key=key)
    try:
        store = Store(db)
        store.apply_page([upsert(report(f"r_{i}", 2)) for i in range(5)], "c1")
        queued = [store.enqueue("report", f"r_{i}", "note", {"body": f"gọi {PHONE} số {i}"}, 2) for i in range(actions)]
    finally:
        db.dispose()
    return [(a.local_id, a.idempotency_key) for a in queued]


def _outbox(path: Path) -> list[tuple[int, str]]:
    db = Database(path, key=TEST_KEY)
    try:
        return [(a.local_id, a.idempotency_key) for a in Store(db).outbox()]
    finally:
        db.dispose()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.endswith(".lock")}


def test_a_wrong_key_is_cache_locked_and_nothing_is_moved_or_changed(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _filled(path, TEST_KEY)
    live = Database(path, key=TEST_KEY)  # a WAL beside it, as after a kill: the WAL check must not run first
    Store(live).set_state("cursor", "c2")
    shutil.copytree(tmp_path, tmp_path.parent / "killed")
    live.dispose()
    killed = tmp_path.parent / "killed" / "cache.sqlite3"
    before = _files(killed.parent)
    assert (killed.parent / "cache.sqlite3-wal").exists()
    with pytest.raises(CacheLocked) as raised:
        Database(killed, key=OTHER_KEY)
    assert raised.value.detail == "wrong_key"
    after = _files(killed.parent)
    assert {n: b for n, b in after.items() if "marker" not in n} == {n: b for n, b in before.items() if "marker" not in n}
    assert not [n for n in after if "corrupt" in n or "recovering" in n]
    assert Store(db := Database(killed, key=TEST_KEY)).cursor() == "c2"  # the right key still opens all of it
    db.dispose()


def test_an_encrypted_cache_without_a_key_is_locked_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _filled(path, TEST_KEY)
    with pytest.raises(CacheLocked) as raised:
        Database(path, key=None)
    assert raised.value.detail == "encrypted"
    assert not list(tmp_path.glob("*corrupt*")) and is_encrypted(path)


def test_the_cache_on_disk_is_ciphertext(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _filled(path, TEST_KEY)
    data = path.read_bytes()
    assert is_encrypted(path) and PHONE.encode() not in data and b"SQLite format 3" not in data
    plain = tmp_path / "plain" / "cache.sqlite3"
    plain.parent.mkdir()
    _filled(plain, None)  # the same with key=None (deployments that allow it): readable, as before
    assert PHONE.encode() in plain.read_bytes()


def test_a_plain_cache_is_encrypted_in_place_with_its_unsent_actions(tmp_path: Path) -> None:
    live = tmp_path / "live"
    live.mkdir()
    queued = _filled(live / "cache.sqlite3", None)
    db = Database(live / "cache.sqlite3", key=None)
    queued += _outbox_tail(db)
    profile = tmp_path / "profile"
    shutil.copytree(live, profile)  # as a kill leaves it: the latest actions only in the WAL
    db.dispose()
    path = profile / "cache.sqlite3"
    assert Path(f"{path}-wal").stat().st_size > 0
    assert _outbox(path) == queued
    assert is_encrypted(path)
    for name, data in _files(profile).items():
        assert PHONE.encode() not in data, name
    assert sorted(p.name for p in profile.iterdir() if "cache" in p.name) == ["cache.sqlite3"]


def _outbox_tail(db: Database) -> list[tuple[int, str]]:
    action = Store(db).enqueue("report", "r_1", "note", {"body": f"sau cùng {PHONE}"}, 2)
    return [(action.local_id, action.idempotency_key)]


class Killed(BaseException):
    """Stands for SIGKILL at one step (BaseException: nothing on the way catches it)."""


@pytest.mark.parametrize("step", ["export", "rename plain", "rename encrypted", "shred"])
def test_a_kill_at_any_step_of_the_encryption_leaves_one_openable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       step: str) -> None:
    path = tmp_path / "cache.sqlite3"
    queued = _filled(path, None)
    real_replace, real_shred, calls = os.replace, encrypt_in_place.shred, []

    def replace(source: os.PathLike[str], target: os.PathLike[str]) -> None:
        calls.append(source)
        if (step, len(calls)) in (("rename plain", 1), ("rename encrypted", 2)):
            raise Killed
        real_replace(source, target)

    def shred(target: Path) -> None:
        if step == "shred" and target.name.endswith(".plain"):
            raise Killed
        real_shred(target)

    def export(*_args: object) -> None:
        Path(f"{path}.encrypting").write_bytes(b"half a file")
        raise Killed

    monkeypatch.setattr(encrypt_in_place.os, "replace", replace)
    monkeypatch.setattr(encrypt_in_place, "shred", shred)
    if step == "export":
        monkeypatch.setattr(encrypt_in_place, "encrypt", export)
        monkeypatch.setattr("triage_desktop.storage.database.encrypt_in_place.encrypt", export)
    with pytest.raises(Killed):
        Database(path, key=TEST_KEY)
    monkeypatch.undo()
    left = sorted(p.name for p in tmp_path.iterdir() if "cache" in p.name and "marker" not in p.name)
    assert "cache.sqlite3" in left or {"cache.sqlite3.plain", "cache.sqlite3.encrypting"} <= set(left), left
    assert _outbox(path) == queued  # the next start finishes (or redoes) it
    assert is_encrypted(path)
    assert sorted(p.name for p in tmp_path.iterdir() if "cache" in p.name and "marker" not in p.name) == [
        "cache.sqlite3"]


def test_a_migration_backup_is_encrypted_and_old_copies_are_pruned(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _filled(path, TEST_KEY)
    downgrade(path, "0003")
    old_stamp = (datetime.now(UTC) - timedelta(days=8)).strftime("%Y%m%dT%H%M%SZ")
    recent_stamp = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y%m%dT%H%M%SZ")
    stale = tmp_path / f"cache.sqlite3.corrupt-{old_stamp}"
    stale.write_bytes(os.urandom(8192))
    older = tmp_path / f"cache.sqlite3.corrupt-{(datetime.now(UTC) - timedelta(days=2)).strftime('%Y%m%dT%H%M%SZ')}"
    older.write_bytes(os.urandom(8192))
    newest = tmp_path / f"cache.sqlite3.corrupt-{recent_stamp}"
    newest.write_bytes(os.urandom(8192))
    plain_backup = tmp_path / "cache.sqlite3.before-0001.bak"
    with closing(keyed(plain_backup, None)) as conn:  # from before encryption: citizens' data in clear
        conn.execute("CREATE TABLE t (phone TEXT)")
        conn.execute("INSERT INTO t VALUES (?)", (PHONE,))
        conn.commit()
    os.utime(plain_backup, (0, datetime.now(UTC).timestamp() - 3600))
    Database(path, key=TEST_KEY).dispose()  # upgrades 0003 -> head: backs up first, then prunes
    backup = tmp_path / "cache.sqlite3.before-0003.bak"
    assert is_encrypted(backup) and PHONE.encode() not in backup.read_bytes()
    with closing(keyed(backup)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
    assert not plain_backup.exists()
    assert sorted(p.name for p in tmp_path.glob("*.corrupt-*")) == [newest.name]
    later = datetime.now(UTC) + timedelta(days=8)
    retention.prune(path, TEST_KEY, now=later)
    assert not list(tmp_path.glob("*.corrupt-*")) and not backup.exists()


def test_a_damaged_encrypted_cache_is_salvaged_into_an_encrypted_one(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    queued = _filled(path, TEST_KEY, actions=30)
    damage_outside(path)  # ciphertext scribbled on pages of other tables: they fail their HMAC
    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from is not None and db.recovery is not None
        assert [(a.local_id, a.idempotency_key) for a in Store(db).outbox()] == queued
        quarantined = db.recovered_from
    finally:
        db.dispose()
    assert is_encrypted(path) and is_encrypted(quarantined)  # the fresh cache and the kept copy alike
    for name, data in _files(tmp_path).items():
        assert PHONE.encode() not in data, name


def test_a_damaged_plain_cache_opened_with_a_key_is_salvaged_and_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    queued = _filled(path, None, actions=30)
    damage_outside(path)
    db = Database(path, key=TEST_KEY)
    try:
        assert db.recovered_from is not None
        assert [(a.local_id, a.idempotency_key) for a in Store(db).outbox()] == queued
    finally:
        db.dispose()
    assert is_encrypted(path)
    assert sorted(p.name for p in tmp_path.iterdir() if "cache" in p.name and "open" not in p.name) == [
        "cache.sqlite3"]
    for name, data in _files(tmp_path).items():
        assert PHONE.encode() not in data, name
