"""The ward's record (issue 13) on a seeded month with every case: the numbers equal a hand count, a clicked
number lists exactly that many items, and the r0008 backfill writes a facts row for every stored aggregate."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support import record_seed as seed
from tests.support.keys import TEST_KEY, downgrade, keyed
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.record import OUTCOMES, Period, RecordCell
from triage_desktop.storage import record_facts, record_query
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[LocalWorkspace]:
    db = Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
    seed.seed(Store(db))
    yield LocalWorkspace(Store(db))
    db.dispose()


def _outcomes(counts: object) -> tuple[int, ...]:
    return tuple(getattr(counts, name) for name in OUTCOMES)


def test_dossier_record_equals_the_hand_count(workspace: LocalWorkspace) -> None:
    record = workspace.ward_record("dossier", seed.PERIOD, seed.NOW)
    total = record.total
    for name, expected in seed.EXPECTED_DOSSIERS.items():
        assert getattr(total, name) == pytest.approx(expected), name
    assert total.received + total.carried == sum(_outcomes(total))  # each item in exactly one outcome
    assert {k: _outcomes(c) for k, c in record.by_officer.items()} == seed.EXPECTED_BY_OFFICER
    assert {k: _outcomes(c) for k, c in record.by_category.items()} == seed.EXPECTED_BY_PROCEDURE
    assert record.by_officer["u_21"].late_rate == pytest.approx(1 / 4)  # d_13 of d_06, d_03, d_14, d_13
    assert record.cutoff == seed.PERIOD.end  # judged at the period's end, not now


def test_report_record_equals_the_hand_count(workspace: LocalWorkspace) -> None:
    record = workspace.ward_record("report", seed.PERIOD, seed.NOW)
    assert record.reports is not None
    for code, expected in seed.EXPECTED_REPORTS.items():
        one = record.reports[code]
        assert one.by_status == expected["by_status"]
        assert one.response_median == pytest.approx(expected["response"])
        assert one.resolution_median == (None if expected["resolution"] is None
                                         else pytest.approx(expected["resolution"]))
        assert (one.within_target, one.past_target) == (expected["within"], expected["past"])
        assert one.target_share == (None if expected["share"] is None else pytest.approx(expected["share"]))
    total = record.reports_total()
    assert total.received == seed.EXPECTED_REPORTS_TOTAL["received"]
    assert total.response_median == pytest.approx(seed.EXPECTED_REPORTS_TOTAL["response"])
    assert total.resolution_median == pytest.approx(seed.EXPECTED_REPORTS_TOTAL["resolution"])
    assert total.target_share == pytest.approx(seed.EXPECTED_REPORTS_TOTAL["share"])


def test_a_period_still_running_is_judged_now(workspace: LocalWorkspace) -> None:
    """On 12/03 at 10:00, d_04 (due 13/03) is still on time and d_02 (resolved 10/03, due 06/03) is late."""
    now = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)  # 12/03 10:00 in Vietnam
    record = workspace.ward_record("dossier", seed.PERIOD, now)
    assert record.cutoff == now
    assert record.by_category["CT-BS"].late == 1 and record.by_category["CT-BS"].open_on_time == 1


@pytest.mark.parametrize("kind", ["dossier", "report"])
def test_a_clicked_number_lists_exactly_its_items(workspace: LocalWorkspace, kind: str) -> None:
    record = workspace.ward_record(kind, seed.PERIOD, seed.NOW)
    cells: list[tuple[RecordCell, int]] = []
    for measure in ("received", "carried", *OUTCOMES, "extended", "paused", "all"):
        cells.append((record.cell(measure), _value(record.total, measure)))
        for officer, counts in record.by_officer.items():
            cells.append((record.cell(measure, officer=officer), _value(counts, measure)))
        for category, counts in record.by_category.items():
            cells.append((record.cell(measure, category=category), _value(counts, measure)))
    for category, one in (record.reports or {}).items():
        for status, n in one.by_status.items():
            cells.append((record.cell("received", category=category, status=status), n))
    for cell, expected in cells:
        query = ItemQuery(kind=kind, record=cell)
        assert workspace.count(query) == expected, cell
        assert len(workspace.page(query, 0, 100)) == expected, cell


def _value(counts: object, measure: str) -> int:
    if measure == "all":
        return int(counts.received + counts.carried)  # type: ignore[attr-defined]
    return int(getattr(counts, measure))


def test_the_late_dossiers_are_the_ones_counted(workspace: LocalWorkspace) -> None:
    record = workspace.ward_record("dossier", seed.PERIOD, seed.NOW)
    late = workspace.page(ItemQuery(kind="dossier", record=record.cell("late")), 0, 10)
    assert sorted(row.id for row in late) == ["d_02", "d_07"]
    open_late = workspace.page(ItemQuery(kind="dossier", record=record.cell("open_late", officer="")), 0, 10)
    assert [row.id for row in open_late] == ["d_04"]
    open_late = workspace.page(ItemQuery(kind="dossier", record=record.cell("open_late")), 0, 10)
    assert sorted(row.id for row in open_late) == ["d_04", "d_13"]
    waiting = workspace.page(ItemQuery(kind="dossier", record=record.cell("open_on_time")), 0, 10)
    assert sorted(row.id for row in waiting) == ["d_03", "d_14"]  # d_14 waits for the citizen: paused, on time


def test_counted_over_index_ranges_only(workspace: LocalWorkspace) -> None:
    """Every part of a period's population is an index search, never a scan of record_facts."""
    cell = RecordCell.of("dossier", seed.PERIOD, seed.NOW)
    db = workspace._db
    with db.read() as conn:
        for part in record_query._parts(cell):
            statement = record_query.select(record_query.f.id).where(*part).compile(
                compile_kwargs={"literal_binds": True})
            plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}"))
            assert plan.startswith("SEARCH record_facts USING COVERING INDEX"), plan


def test_the_backfill_reaches_every_stored_aggregate(tmp_path: Path) -> None:
    """Plumbing only: r0008 reads each aggregate's stored JSON and writes its row. Both sides call the same
    record_facts.facts, so this cannot catch a wrong fact (the hand-counted tests do), nor a facts() changed
    after r0008 ran (record_facts' rule: such a change ships with a migration that recomputes the facts)."""
    path = tmp_path / "cache.sqlite3"
    db = Database(path, key=TEST_KEY)
    seed.seed(Store(db))
    db.dispose()
    with closing(keyed(path)) as conn:
        written = conn.execute("SELECT * FROM record_facts ORDER BY kind, id").fetchall()
    assert len(written) == len(seed.dossiers()) + len(seed.reports())
    downgrade(path, "0007")
    Database(path, key=TEST_KEY).dispose()  # upgrades again: r0008 backfills from the stored JSON
    with closing(keyed(path)) as conn:
        assert conn.execute("SELECT * FROM record_facts ORDER BY kind, id").fetchall() == written


def test_facts_go_with_their_item(workspace: LocalWorkspace) -> None:
    store = workspace._store
    store.apply_page([{"kind": "dossier", "op": "delete", "id": "d_02", "version": 4}], "cursor-2")
    record = workspace.ward_record("dossier", seed.PERIOD, seed.NOW)
    assert record.by_category["CT-BS"].late == 0


def test_period_bounds_are_vietnam_days() -> None:
    period = Period.month_of(seed.PERIOD.first)
    assert period == seed.PERIOD
    assert period.start.isoformat() == "2026-02-28T17:00:00+00:00"
    assert period.end.isoformat() == "2026-03-31T17:00:00+00:00"
    with pytest.raises(ValueError):
        Period(seed.PERIOD.last, seed.PERIOD.first)


@pytest.mark.parametrize("kind", ["dossier", "report"])
def test_an_old_period_reads_other_ranges_for_the_same_items(workspace: LocalWorkspace, kind: str) -> None:
    """Far back in a cache, items spanning the period are read from the received_at index: same counts."""
    cell = RecordCell.of(kind, seed.PERIOD, seed.NOW)
    with workspace._db.read() as conn:
        plain = record_query.tally(record_query._groups(conn, cell, record_query._parts(cell)))
        old = record_query.tally(record_query._groups(conn, cell, record_query._parts(cell, old=True)))
        for part in record_query._parts(cell, old=True):
            statement = record_query.select(record_query.f.id).where(*part).compile(
                compile_kwargs={"literal_binds": True})
            plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}"))
            assert plan.startswith("SEARCH record_facts USING COVERING INDEX"), plan
    assert old == plain


def test_facts_read_the_end_of_the_work_from_the_timeline() -> None:
    """§4 aggregates: a result ready before it is handed over, a reopened report, a trimmed timeline."""
    [returned] = [d for d in seed.dossiers() if d["id"] == "d_01"]
    assert record_facts.facts("dossier", "d_01", returned)["settled_at"] == "2026-03-04T03:00:00Z"  # resolved
    [reopened] = [r for r in seed.reports() if r["id"] == "r_06"]
    assert record_facts.facts("report", "r_06", reopened)["settled_at"] == "2026-03-09T01:00:00Z"  # 2nd resolution
    assert record_facts.facts("report", "r_06", reopened)["responded_at"] == "2026-03-04T03:00:00Z"
    trimmed = {**reopened, "status": "closed", "events": [], "closed_at": "2026-03-10T08:00:00+07:00"}
    assert record_facts.facts("report", "r_06", trimmed)["settled_at"] == "2026-03-10T01:00:00Z"  # §4 closed_at
    open_again = {**reopened, "status": "in_progress"}
    assert record_facts.facts("report", "r_06", open_again)["settled_at"] is None
    [paused] = [d for d in seed.dossiers() if d["id"] == "d_05"]
    assert record_facts.facts("dossier", "d_05", paused)["paused"] == 1
