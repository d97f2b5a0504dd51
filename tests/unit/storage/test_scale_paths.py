"""The paths that keep the list instant at 10^6 rows, checked for correctness on small caches.

Counters against real counts, pages read from the far end against pages read from the start, positions
counted from either end, the ranked and limited search, and the search index built in bulk after an initial
sync (and kept consistent meanwhile) — FTS5's own integrity-check compares the index with its content.
"""

from __future__ import annotations

import dataclasses
import random

import pytest
from sqlalchemy import func, select

from tests.unit.storage.factories import delete, dossier, report, upsert
from triage_desktop.core.entities import ItemQuery
from triage_desktop.storage import listing, search_index
from triage_desktop.storage.database import Database
from triage_desktop.storage.schema import AGGREGATES
from triage_desktop.storage.search import match_cascade
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

pytestmark = pytest.mark.slow  # caches big enough for the paths meant for scale: left out of `make test-fast`

STATUSES = ["new", "acknowledged", "in_progress", "resolved", "closed", "rejected"]
TITLES = ["Đèn đường hỏng", "Cây đổ chắn đường", "Rác thải ùn ứ", "Ngập nước", "Ổ gà", "Đường đất lầy lội"]


def _random_report(rng: random.Random, n: int, version: int = 1) -> dict:
    return report(f"r_{n:03d}", version, status=rng.choice(STATUSES), title=rng.choice(TITLES),
                  category_code=rng.choice(["CAY_XANH", "CHIEU_SANG", None]),
                  assignee_id=rng.choice([None, "u_17", "u_03"]), priority=rng.choice(["low", "normal", "urgent"]),
                  submitted_at=f"2026-02-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z",
                  due_at=rng.choice([None, f"2026-03-{rng.randint(1, 28):02d}T10:00:00Z"]))


def _integrity(db: Database) -> None:
    with db.write() as conn:  # raises when the FTS5 index and its content disagree
        conn.exec_driver_sql("INSERT INTO item_search (item_search, rank) VALUES ('integrity-check', 1)")


@pytest.fixture
def churned(store: Store) -> random.Random:
    """120 reports and 3 dossiers, then updates (status, assignee, text) and deletes, page after page."""
    rng = random.Random(11)
    store.apply_page([upsert(_random_report(rng, n)) for n in range(120)]
                     + [upsert(dossier(f"d_{n}", 1, status=s)) for n, s in enumerate(["submitted", "received",
                                                                                         "returned"])], "c1")
    for page in range(2, 6):
        changes = [upsert(_random_report(rng, rng.randrange(120), version=page)) for _ in range(30)]
        changes += [delete("report", f"r_{rng.randrange(120):03d}", page) for _ in range(5)]
        store.apply_page(changes, f"c{page}")
    return rng


def _slow_count(store: Store, query: ItemQuery) -> int:
    with store.db.read() as conn:
        return conn.execute(select(func.count()).select_from(AGGREGATES).where(*listing._filters(query))).scalar_one()


@pytest.mark.usefixtures("churned")
@pytest.mark.parametrize("queue", ["mine", "unassigned", "new", "all"])
@pytest.mark.parametrize("kind", ["report", "dossier"])
def test_counters_match_real_counts(store: Store, workspace: LocalWorkspace, kind: str, queue: str) -> None:
    counts = workspace.queue_counts("u_17")
    for extra in ({}, {"status": "in_progress"}, {"category": "CAY_XANH", "assignee_id": "u_03"}):
        query = ItemQuery(kind=kind, queue=queue, user_id="u_17", **extra)
        assert workspace.count(query) == _slow_count(store, query)
    assert counts[(kind, queue)] == _slow_count(store, ItemQuery(kind=kind, queue=queue, user_id="u_17"))


@pytest.mark.usefixtures("churned")
def test_counters_follow_a_new_owner_and_are_never_negative(store: Store, db: Database) -> None:
    store.clear_for_new_owner()
    with db.read() as conn:
        assert conn.exec_driver_sql("SELECT coalesce(sum(n), 0), coalesce(min(n), 0) FROM list_counts").one() == (0, 0)
    _integrity(db)


@pytest.mark.usefixtures("churned")
@pytest.mark.parametrize("sort_key", ["submitted_at", "due_at", "title", "assignee_id", "category"])
@pytest.mark.parametrize("descending", [True, False])
def test_pages_read_from_the_end_equal_pages_read_from_the_start(
        workspace: LocalWorkspace, monkeypatch: pytest.MonkeyPatch, sort_key: str, descending: bool) -> None:
    query = ItemQuery(kind="report", sort_key=sort_key, descending=descending)
    forward = [row.id for offset in range(0, 200, 7) for row in workspace.page(query, offset, 7)]
    monkeypatch.setattr(listing, "REVERSE_FROM", 0)
    backward = [row.id for offset in range(0, 200, 7) for row in workspace.page(query, offset, 7)]
    assert backward == forward
    assert len(forward) == workspace.count(query)


@pytest.mark.usefixtures("churned")
@pytest.mark.parametrize("sort_key", ["due_at", "assignee_id", "code"])
@pytest.mark.parametrize("descending", [True, False])
def test_positions_counted_from_either_end(workspace: LocalWorkspace, monkeypatch: pytest.MonkeyPatch,
                                           sort_key: str, descending: bool) -> None:
    monkeypatch.setattr(listing, "POSITION_CAP", 4)  # caps 4, 32, 256: both ends get used
    query = ItemQuery(kind="report", sort_key=sort_key, descending=descending)
    rows = workspace.page(query, 0, 500)
    for index, row in enumerate(rows):
        assert workspace.position_of(query, "report", row.id) == index


def test_search_ranks_whole_words_first_and_keeps_the_limit(store: Store, workspace: LocalWorkspace,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    plain = {"description": "", "location": None, "citizen": None}
    store.apply_page([upsert(report(f"r_{n}", 1, title="Đường làng", **plain)) for n in range(4)]
                     + [upsert(report(f"r_x{n}", 1, title="Đườngx lạ", **plain)) for n in range(3)], "c1")
    monkeypatch.setattr(listing, "SEARCH_LIMIT", 5)
    query = ItemQuery(kind="report", text="duong", sort_key="code")
    with store.db.read() as conn:
        found = listing.search_pks(conn, query)
    assert found is not None and len(found) == 5
    with store.db.read() as conn:
        ids = dict(conn.execute(select(AGGREGATES.c.pk, AGGREGATES.c.id)).all())
    assert [ids[pk] for pk in found[:4]] == ["r_3", "r_2", "r_1", "r_0"]  # whole word, newest first
    assert ids[found[4]].startswith("r_x")  # then a prefix-only match
    assert workspace.count(query) == 5 == len(workspace.page(query, 0, 50))


def test_match_cascade_tries_the_cheap_expression_first() -> None:
    assert match_cascade("đổ") == ['"do"*']  # a short word being typed: its prefix is indexed, one query
    assert match_cascade("cây đổ") == ['"cay" AND "do"*', '"cay"* AND "do"*']
    assert match_cascade("duong 30/4") == ['"duong" AND "30 4"*', '"duong"* AND "30 4"*']
    assert match_cascade("duong ") == ['"duong"', '"duong"*']  # a space ends the word
    assert match_cascade("0905123") == ['"0905123"', '"0905123"*']
    assert match_cascade(" - ") == []


def test_initial_sync_builds_the_index_in_bulk_and_in_chunks(store: Store, db: Database,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "BUILD_CHUNK", 7)
    store.begin_snapshot()
    with db.read() as conn:
        assert search_index.built_to(conn) == 0
    store.apply_page([upsert(report(f"r_{n:02d}", 1, title=f"Cây đổ số {n}")) for n in range(30)], "s1")
    workspace = LocalWorkspace(store)
    assert workspace.count(ItemQuery(kind="report", text="cay do")) == 0  # not indexed yet: deferred
    store.apply_page([upsert(report("r_00", 2, title="Đèn đường hỏng")), delete("report", "r_01", 2)], "s2")
    assert store.finish_snapshot() == set()
    with db.read() as conn:
        assert search_index.built_to(conn) is None
    assert workspace.count(ItemQuery(kind="report", text="cay do")) == 28
    assert [r.id for r in workspace.page(ItemQuery(kind="report", text="den duong"), 0, 10)] == ["r_00"]
    _integrity(db)


def test_writes_during_a_bulk_build_keep_the_index_consistent(store: Store, db: Database,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store.begin_snapshot()
    store.apply_page([upsert(report(f"r_{n:02d}", 1)) for n in range(20)], "s1")
    with db.write() as conn:  # half built, as if a chunk had just committed
        assert not search_index.build_step(conn, chunk=10)
    # An action's answer and a feed page touch rows on both sides of the built part.
    store.replace_aggregate("report", report("r_02", 5, title="Rác thải ùn ứ"))
    store.replace_aggregate("report", report("r_15", 5, title="Rác thải ùn ứ"))
    store.apply_page([delete("report", "r_03", 6), delete("report", "r_16", 6)], "s2")
    store.finish_snapshot()
    _integrity(db)
    assert {r.id for r in LocalWorkspace(store).page(ItemQuery(kind="report", text="rac thai"), 0, 10)} == {
        "r_02", "r_15"}


def test_a_resync_of_a_filled_cache_keeps_search_working(store: Store, workspace: LocalWorkspace) -> None:
    store.apply_page([upsert(report("r_1", 1, title="Cây đổ", description=""))], "c1")
    store.begin_snapshot()
    store.apply_page([upsert(report("r_1", 2, title="Ổ gà", description=""))], "s1")
    assert [r.id for r in workspace.page(ItemQuery(kind="report", text="o ga"), 0, 5)] == ["r_1"]
    store.finish_snapshot()
    assert workspace.count(ItemQuery(kind="report", text="cay")) == 0


@pytest.mark.usefixtures("churned")
def test_sort_and_filter_queries_read_through_an_index(store: Store) -> None:
    """No plan for a list page or a filter walks the wide table (a full scan at 10^6 rows costs seconds)."""
    base = ItemQuery(kind="report")
    queries = [dataclasses.replace(base, sort_key=key, descending=d) for key in listing.SORT_COLUMNS
               for d in (True, False)]
    queries.append(dataclasses.replace(base, status="new", category="CAY_XANH", assignee_id="u_17"))
    with store.db.read() as conn:
        for query in queries:
            statement = listing.ordered(query, listing.conditions(conn, query)).limit(256)
            compiled = statement.compile(conn, compile_kwargs={"literal_binds": True})
            plan = " | ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
            assert "INDEX" in plan and "USE TEMP B-TREE FOR ORDER BY" not in plan, (query, plan)
