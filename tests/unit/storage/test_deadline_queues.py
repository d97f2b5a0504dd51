"""The deadline queues and filters as an officer meets them (issue 11): counts that roll over when the clock
moves, the officer's own unsent work moving an item between them, "mine" by time left, the channel filter,
saved views kept per officer, and the work calendar the cache holds."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, text

from tests.unit.storage.factories import dossier, report, upsert
from triage_desktop.core.deadlines import DeadlineBounds
from triage_desktop.core.entities import ItemQuery, SavedView
from triage_desktop.storage import listing
from triage_desktop.storage.database import Database
from triage_desktop.storage.schema import AGGREGATES
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

ME, BINH = "u_17", "u_03"
MORNING = DeadlineBounds(now="2026-03-09T02:00:00Z", soon_until="2026-03-10T02:00:00Z")  # Mon 09:00 VN
AFTERNOON = DeadlineBounds(now="2026-03-09T10:30:00Z", soon_until="2026-03-10T09:00:00Z")  # Mon 17:30 VN
NEXT_DAY = DeadlineBounds(now="2026-03-10T02:00:00Z", soon_until="2026-03-11T02:00:00Z")


def _cache(store: Store) -> None:
    store.apply_page([
        upsert(report("r_late", status="in_progress", assignee_id=ME, due_at="2026-03-06T17:00:00+07:00")),
        upsert(report("r_today", status="acknowledged", assignee_id=ME, due_at="2026-03-09T17:00:00+07:00",
                      channel="hotline")),
        upsert(report("r_week", status="new", assignee_id=BINH, due_at="2026-03-13T17:00:00+07:00")),
        upsert(report("r_done", status="closed", assignee_id=ME, due_at="2026-03-02T17:00:00+07:00")),
        upsert(dossier("d_wait", status="awaiting_supplement", assignee_id=ME, due_at="2026-03-04T17:00:00+07:00")),
        upsert(dossier("d_late", status="processing", assignee_id=BINH, due_at="2026-03-06T17:00:00+07:00")),
    ], "c1")


def _ids(workspace: LocalWorkspace, query: ItemQuery) -> list[str]:
    return [row.id for row in workspace.page(query, 0, 100)]


def test_the_deadline_counts_roll_over_when_the_clock_passes_a_deadline(store: Store,
                                                                         workspace: LocalWorkspace) -> None:
    _cache(store)
    morning = workspace.queue_counts(ME, MORNING)
    assert (morning[("report", "overdue")], morning[("report", "due_soon")]) == (1, 1)
    # 17:00 passed: r_today is late now, with nothing written to the cache in between.
    afternoon = workspace.queue_counts(ME, AFTERNOON)
    assert (afternoon[("report", "overdue")], afternoon[("report", "due_soon")]) == (2, 0)
    assert _ids(workspace, ItemQuery(kind="report", queue="overdue", bounds=AFTERNOON,
                                     sort_key="due_at", descending=False)) == ["r_late", "r_today"]
    # Paused (waiting for the citizen) and settled items are never late; the dossier queue "waiting" holds one.
    assert (morning[("dossier", "overdue")], morning[("dossier", "waiting")], morning[("report", "waiting")]) == (1, 1, 0)
    assert _ids(workspace, ItemQuery(kind="dossier", queue="waiting")) == ["d_wait"]
    assert workspace.count(ItemQuery(kind="dossier", deadline="paused", bounds=NEXT_DAY)) == 1


def test_work_closed_offline_leaves_the_overdue_queue_at_once(store: Store, workspace: LocalWorkspace) -> None:
    _cache(store)
    overdue = ItemQuery(kind="report", queue="overdue", bounds=MORNING)
    assert _ids(workspace, overdue) == ["r_late"]
    workspace.queue_action("report", "r_late", "set_status", {"status": "resolved"})  # not sent yet
    assert _ids(workspace, overdue) == [] and workspace.queue_counts(ME, MORNING)[("report", "overdue")] == 0
    workspace.queue_action("dossier", "d_late", "request_supplement",
                           {"body": "Xin bổ sung giấy tờ", "documents": ["Bản sao CCCD"]})
    counts = workspace.queue_counts(ME, MORNING)
    assert (counts[("dossier", "overdue")], counts[("dossier", "waiting")]) == (0, 2)


def test_mine_by_time_left_and_the_filter_row(store: Store, workspace: LocalWorkspace) -> None:
    _cache(store)
    mine = ItemQuery(kind="report", queue="mine", user_id=ME, sort_key="due_at", descending=False, bounds=MORNING)
    assert _ids(workspace, mine) == ["r_late", "r_today"]  # the least time left first; closed work is gone
    assert workspace.position_of(mine, "report", "r_today") == 1
    assert _ids(workspace, ItemQuery(kind="report", channel="hotline")) == ["r_today"]
    assert workspace.count(ItemQuery(kind="report", channel="hotline")) == 1
    # A leader's "what Bình has, overdue first".
    binh = ItemQuery(kind="dossier", assignee_id=BINH, deadline="overdue", bounds=MORNING)
    assert _ids(workspace, binh) == ["d_late"] and workspace.count(binh) == 1
    on_track = ItemQuery(kind="report", status="new", assignee_id=BINH, deadline="on_track", bounds=MORNING)
    assert _ids(workspace, on_track) == ["r_week"] and workspace.count(on_track) == 1


def test_saved_views_are_kept_per_officer(store: Store, workspace: LocalWorkspace) -> None:
    late = SavedView(name="Bình — quá hạn", kind="dossier", assignee_id=BINH, deadline="overdue",
                     sort_key="due_at", descending=False)
    calls = SavedView(name="Đường dây nóng", kind="report", queue="new", channel="hotline")
    workspace.save_view(ME, late)
    workspace.save_view(ME, calls)
    workspace.save_view(BINH, calls)
    assert workspace.saved_views(ME) == [late, calls]  # by name
    assert workspace.saved_views("u_99") == []
    changed = SavedView(name="Đường dây nóng", kind="report", queue="all", channel="hotline", status="new")
    workspace.save_view(ME, changed)  # same name: replaced, not doubled
    assert workspace.saved_views(ME) == [late, changed]
    workspace.delete_view(ME, "Bình — quá hạn")
    assert workspace.saved_views(ME) == [changed]
    assert workspace.saved_views(BINH) == [calls]  # another officer's views are her own


def test_a_saved_view_that_does_not_read_is_skipped(store: Store, db: Database, workspace: LocalWorkspace) -> None:
    workspace.save_view(ME, SavedView(name="Mới", kind="report", queue="new"))
    with db.write() as conn:
        conn.execute(text("INSERT INTO saved_views (user_id, name, view) VALUES "
                          "(:u, 'hỏng', 'not json'), (:u, 'lạ', '{\"kind\": \"report\", \"status\": 3}')"), {"u": ME})
    assert [view.name for view in workspace.saved_views(ME)] == ["Mới"]


def test_the_work_calendar_is_the_cached_published_years(store: Store, workspace: LocalWorkspace) -> None:
    year = date.today().year
    store.put_reference(f"calendar:{year}", None, {"year": year, "days_off": [f"{year}-09-02"],
                                                   "extra_working_days": [f"{year}-04-26"]})
    calendar = workspace.work_calendar()
    assert not calendar.is_working_day(date(year, 9, 2)) and calendar.is_working_day(date(year, 4, 26))


def _plan(db: Database, statement: object) -> str:
    with db.read() as conn:
        compiled = statement.compile(conn, compile_kwargs={"literal_binds": True})  # type: ignore[attr-defined]
        return " | ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))


def test_the_deadline_paths_read_an_index_at_any_size(store: Store, db: Database) -> None:
    """At 10^6 rows the badges and lists stay fast only through their indexes: the clock queues are counted on the
    (kind, clock, due_at) index alone, an officer's deadline list reads her due_at range, never the table."""
    _cache(store)
    for queue in ("overdue", "due_soon"):
        where = listing._filters(ItemQuery(kind="report", queue=queue, bounds=MORNING))
        plan = _plan(db, select(func.count()).select_from(AGGREGATES).where(*where))
        assert "COVERING INDEX ix_aggregates_kind_clock_due_at" in plan, plan
    mine = ItemQuery(kind="report", queue="mine", user_id=ME, sort_key="due_at", descending=False, bounds=MORNING)
    plan = _plan(db, listing.ordered(mine, listing._filters(mine)).limit(50))
    assert "ix_aggregates_kind_is_open_assignee_id_due_at" in plan and "TEMP B-TREE" not in plan, plan
    binh = ItemQuery(kind="report", status="new", category="CAY_XANH", assignee_id=BINH, deadline="overdue",
                     bounds=MORNING)
    plan = _plan(db, listing.ordered(binh, listing._filters(binh)).limit(50))
    # The filter row narrows far more than "every late item" or "all of Bình's open work": its index drives.
    assert "ix_aggregates_kind_status_category_assignee_id_submitted_at" in plan and "TEMP B-TREE" not in plan, plan
