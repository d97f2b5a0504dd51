"""The list columns follow what the officer sees (issue 8, items 5 and 6): her unsent actions move items
between queues, and the name columns sort by the names shown. Checked in the cache file, at every step that
changes either: a page, an action's life in the outbox, a new reference list, and the upgrade of an old cache."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from tests.support.keys import TEST_KEY, keyed_engine
from tests.unit.storage.factories import dossier, report, upsert
from triage_desktop.core.entities import ItemQuery
from triage_desktop.storage import migrate
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

MEMBERS = [{"id": "u_01", "full_name": "Hoàng Thị Hồng"}, {"id": "u_17", "full_name": "Đỗ Văn Bình"}]
CONFLICT = {"type": "https://triage.example/problems/version-conflict", "title": "Precondition failed"}


def ids(workspace: LocalWorkspace, query: ItemQuery) -> list[str]:
    return [row.id for row in workspace.page(query, 0, 100)]


def test_each_outbox_step_moves_the_item_between_queues(store: Store) -> None:
    workspace = LocalWorkspace(store)
    store.apply_page([upsert(report("r_1", 3))], "c1")
    mine = ItemQuery(kind="report", queue="mine", user_id="u_17")
    new = ItemQuery(kind="report", queue="new")
    action = store.enqueue("report", "r_1", "assign", {"assignee_id": "u_17"}, 3)
    assert ids(workspace, mine) == ["r_1"] and workspace.count(mine) == 1
    store.conflict_action(action.local_id, 412, CONFLICT, None)
    assert ids(workspace, mine) == [] and workspace.count(mine) == 0
    again = store.retry_action(action.local_id)
    assert ids(workspace, mine) == ["r_1"]
    # A page from the feed while the action waits keeps the overlay on the new server copy.
    store.apply_page([upsert(report("r_1", 4, priority="high"))], "c2")
    assert ids(workspace, mine) == ["r_1"] and ids(workspace, new) == ["r_1"]
    store.mark_sending(again.local_id)
    answer = report("r_1", 5, priority="high", assignee_id="u_17", status="acknowledged")
    store.complete_action(again.local_id, answer, None)
    assert ids(workspace, mine) == ["r_1"] and ids(workspace, new) == []  # now the server's own word
    action = store.enqueue("report", "r_1", "set_status", {"status": "closed", "note": "Đã xử lý"}, 5)
    assert ids(workspace, mine) == []  # closed is final: no longer open work
    store.fail_action(action.local_id, 422, {"title": "invalid"})
    assert ids(workspace, mine) == ["r_1"]
    store.discard_action(action.local_id)
    assert workspace.queue_counts("u_17")[("report", "mine")] == 1


def test_a_new_reference_list_rekeys_only_the_changed_names(store: Store) -> None:
    workspace = LocalWorkspace(store)
    store.apply_page([upsert(report("r_1", assignee_id="u_01")), upsert(report("r_2", assignee_id="u_17")),
                      upsert(report("r_3", assignee_id="u_99")), upsert(report("r_4")),
                      upsert(dossier("d_1", procedure_code="HT-KS"))], "c1")
    by_assignee = ItemQuery(kind="report", sort_key="assignee_id", descending=False)
    assert ids(workspace, by_assignee) == ["r_4", "r_1", "r_2", "r_3"]  # by id while no names are known
    store.put_reference("members", None, MEMBERS)
    assert ids(workspace, by_assignee) == ["r_4", "r_2", "r_1", "r_3"]  # Đỗ < Hoàng < "u_99" (not a member)
    store.put_reference("members", None, [{"id": "u_01", "full_name": "An Thị Hồng"}])
    assert ids(workspace, by_assignee) == ["r_4", "r_1", "r_2", "r_3"]  # An < u_17 < u_99 (names gone)
    # A category list never re-keys dossiers: their column shows procedure names.
    store.put_reference("categories", None, [{"code": "HT-KS", "name": "Zzz"}])
    store.put_reference("procedures", None, [{"code": "HT-KS", "name": "Đăng ký khai sinh"}])
    assert workspace.page(ItemQuery(kind="dossier", sort_key="category"), 0, 1)[0].id == "d_1"


def test_an_old_cache_is_upgraded_with_keys_and_pending_effects(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = Database(path, key=TEST_KEY)
    store = Store(db)
    store.set_state("user", '{"id": "u_17"}')
    store.set_state("server_url", "https://api.example-province.vn/triage/v1")
    store.put_reference("members", None, MEMBERS)
    store.apply_page([upsert(report("r_1", assignee_id="u_01")), upsert(report("r_2", assignee_id="u_17")),
                      upsert(report("r_3"))], "c1")
    store.enqueue("report", "r_3", "acknowledge", {}, 1)
    db.dispose()
    engine = keyed_engine(path)
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0003")
            conn.exec_driver_sql("UPDATE aggregates SET status = 'new', status_rank = 0")  # as 0003 left it
    finally:
        engine.dispose()
    db = Database(path, key=TEST_KEY)  # upgrades
    try:
        workspace = LocalWorkspace(Store(db))
        assert ids(workspace, ItemQuery(kind="report", sort_key="assignee_id", descending=True)) == [
            "r_1", "r_2", "r_3"]  # Hoàng, Đỗ, unassigned
        assert ids(workspace, ItemQuery(kind="report", queue="new")) == ["r_2", "r_1"]
    finally:
        db.dispose()
