"""The Alembic migrations shipped in the package: they build schema.py exactly, run once, and refuse
caches written by a newer program."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlcipher3 import dbapi2

from tests.support.keys import TEST_KEY, downgrade, keyed, keyed_engine
from triage_desktop.core.deadlines import DeadlineBounds
from triage_desktop.core.entities import ItemQuery, SavedView
from triage_desktop.core.errors import StorageError
from triage_desktop.storage import migrate
from triage_desktop.storage.database import Database
from triage_desktop.storage.migrate import include_name
from triage_desktop.storage.schema import Base
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace


def _revision(path: Path) -> str | None:
    with closing(keyed(path)) as conn:
        return migrate.current_revision(conn.cursor())


def test_head_constant_is_the_newest_shipped_revision() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_heads() == [migrate.HEAD]


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    Database(tmp_path / "cache.sqlite3", key=TEST_KEY).dispose()
    engine = keyed_engine(tmp_path / "cache.sqlite3")
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_new_file_is_migrated_and_reopening_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = Database(path, key=TEST_KEY)
    Store(db).set_state("cursor", "c1")
    db.dispose()
    assert _revision(path) == migrate.HEAD
    with closing(keyed(path)) as conn:
        schema_before = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    db = Database(path, key=TEST_KEY)
    try:
        assert Store(db).cursor() == "c1"
    finally:
        db.dispose()
    with closing(keyed(path)) as conn:
        assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema_before
    assert not list(tmp_path.glob("*.bak"))  # nothing to upgrade, so no backup


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Database(path, key=TEST_KEY).dispose()
    engine = keyed_engine(path)
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "base")
        with engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert names <= {"alembic_version", "sqlite_sequence"}
    finally:
        engine.dispose()
    db = Database(path, key=TEST_KEY)
    try:
        Store(db).set_state("cursor", "c2")
        assert _revision(path) == migrate.HEAD
    finally:
        db.dispose()


def test_a_cache_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Database(path, key=TEST_KEY).dispose()
    with closing(keyed(path, isolation_level=None)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(StorageError, match="newer_schema"):
        Database(path, key=TEST_KEY)
    assert _revision(path) == "9999_from_the_future"


def test_backup_is_a_private_consistent_copy(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = Database(path, key=TEST_KEY)
    Store(db).put_reference("members", None, [{"id": "u_1"}])
    try:
        copy = migrate.backup(path, "0001", TEST_KEY)  # while the cache is open, WAL not checkpointed
    finally:
        db.dispose()
    assert copy.name == "cache.sqlite3.before-0001.bak"
    assert copy.stat().st_mode & 0o077 == 0
    with closing(keyed(copy)) as conn:
        assert conn.execute("SELECT json FROM reference WHERE name = 'members'").fetchone() == ('[{"id": "u_1"}]',)


def test_a_0004_cache_gets_an_empty_append_only_audit_trail(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = Database(path, key=TEST_KEY)
    store = Store(db)
    store.set_state("user", '{"id": "u_17", "username": "tam.le"}')
    store.set_state("server_url", "https://api.example-province.vn/triage/v1")
    store.apply_page([{"kind": "report", "op": "upsert", "id": "r_1", "version": 3,
                       "data": {"id": "r_1", "kind": "report", "version": 3, "status": "new"}}], "c1")
    queued = store.enqueue("report", "r_1", "note", {"body": "Đã liên hệ"}, 3)
    db.dispose()
    downgrade(path, "0004")
    with closing(keyed(path)) as conn:
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name LIKE 'audit_log%'").fetchall()
    assert _revision(path) == "0004"

    db = Database(path, key=TEST_KEY)  # the upgrade runs at open
    try:
        store = Store(db)
        assert _revision(path) == migrate.HEAD
        assert [a.idempotency_key for a in store.outbox()] == [queued.idempotency_key]
        assert store.audit_entries() == [] and store.verify_audit() == []
        store.record("login")
        [entry] = store.audit_entries()
        assert (entry.seq, entry.actor, entry.action) == (1, "tam.le", "login")
    finally:
        db.dispose()
    with closing(keyed(path, isolation_level=None)) as conn:
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(dbapi2.IntegrityError, match="append-only"):
                conn.execute(statement)
    assert list(tmp_path.glob("*.before-0004.bak"))  # the upgrade kept its backup, as every schema change does


def test_a_0005_cache_gets_channel_clock_and_saved_views(tmp_path: Path) -> None:
    """Rows cached before r0006 join the channel filter and the deadline queues, their clock read from the status
    the list shows (an unsent action's included), without a resync."""
    path = tmp_path / "cache.sqlite3"
    db = Database(path, key=TEST_KEY)
    store = Store(db)
    store.set_state("user", '{"id": "u_17", "username": "tam.le"}')
    store.set_state("server_url", "https://api.example-province.vn/triage/v1")

    def item(kind: str, item_id: str, status: str, **extra: object) -> dict[str, object]:
        data = {"id": item_id, "kind": kind, "version": 1, "status": status, "due_at": "2026-03-06T10:00:00Z", **extra}
        return {"kind": kind, "op": "upsert", "id": item_id, "version": 1, "data": data}

    store.apply_page([item("report", "r_1", "in_progress", channel="hotline"), item("report", "r_2", "closed"),
                      item("report", "r_3", "new", channel=""), item("dossier", "d_1", "awaiting_fee", channel="post"),
                      item("report", "r_4", "new", channel=7)], "c1")
    store.enqueue("report", "r_3", "set_status", {"type": "set_status", "status": "closed"}, 1)  # unsent
    db.dispose()
    downgrade(path, "0005")
    db = Database(path, key=TEST_KEY)  # the upgrade runs at open
    try:
        assert _revision(path) == migrate.HEAD
        with db.read() as conn:
            rows = conn.exec_driver_sql("SELECT id, channel, clock FROM aggregates ORDER BY id").all()
        assert [tuple(row) for row in rows] == [("d_1", "post", "paused"), ("r_1", "hotline", "running"),
                                                ("r_2", None, "stopped"), ("r_3", None, "stopped"),
                                                ("r_4", None, "running")]
        store = Store(db)
        workspace = LocalWorkspace(store)
        bounds = DeadlineBounds(now="2026-03-09T02:00:00Z", soon_until="2026-03-10T02:00:00Z")
        counts = workspace.queue_counts("u_17", bounds)
        assert (counts[("report", "overdue")], counts[("dossier", "waiting")]) == (2, 1)
        assert workspace.count(ItemQuery(kind="report", channel="hotline")) == 1
        workspace.save_view("u_17", SavedView(name="Quá hạn", kind="report", queue="overdue"))
        assert [view.name for view in workspace.saved_views("u_17")] == ["Quá hạn"]
    finally:
        db.dispose()
    assert list(tmp_path.glob("*.before-0005.bak"))


def test_a_0006_cache_keeps_its_unsent_work_and_gets_files_photos_drafts(tmp_path: Path) -> None:
    """An action queued before r0007 keeps its key and goes out at once (no undo time); the new tables start
    empty and take rows."""
    path = tmp_path / "cache.sqlite3"
    db = Database(path, key=TEST_KEY)
    store = Store(db)
    store.set_state("user", '{"id": "u_17", "username": "tam.le"}')
    store.set_state("server_url", "https://api.example-province.vn/triage/v1")
    store.apply_page([{"kind": "report", "op": "upsert", "id": "r_1", "version": 1,
                       "data": {"id": "r_1", "kind": "report", "version": 1, "status": "new"}}], "c1")
    queued = store.enqueue("report", "r_1", "note", {"type": "note", "body": "Đã xác minh"}, 1)
    db.dispose()
    downgrade(path, "0006")
    db = Database(path, key=TEST_KEY)
    try:
        assert _revision(path) == migrate.HEAD
        store = Store(db)
        assert [a.idempotency_key for a in store.sendable()] == [queued.idempotency_key]
        with db.read() as conn:
            assert conn.exec_driver_sql("SELECT not_before FROM outbox").scalar_one() is None
            for table in ("outbox_files", "photos", "drafts"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one() == 0
        with db.write() as conn:
            conn.exec_driver_sql("INSERT INTO photos VALUES ('a_1', 'ab', 'image/jpeg', 3, x'ffd8ff', "
                                 "'2026-12-04T08:00:00Z', '2026-12-04T08:00:00Z')")
        with db.read() as conn:
            assert conn.exec_driver_sql("SELECT data FROM photos").scalar_one() == b"\xff\xd8\xff"
    finally:
        db.dispose()
    assert list(tmp_path.glob("*.before-0006.bak"))
