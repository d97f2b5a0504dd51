"""One rule per queue (core.queues): on any cache, each queue's list, its count and its badge agree with it.

The list filters `aggregates` (its stored `is_open` and `clock`), the count sums the trigger-kept `list_counts`
(or counts the deadline range on its index), and the badges read the counters in Python; each is made from
QUEUE_RULES. The deadline queues and filters are checked against core.deadlines.state_of at the same bounds.
Random caches in a real SQLite file: items of every status (and one the vocabulary does not know), due before,
at, between and after the bounds (or never), updated and deleted by later pages, some carrying the officer's
unsent actions (the list columns show their effect) or a conflict (they no longer do).
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.keys import TEST_KEY
from tests.unit.storage.conftest import SERVER_URL, USER_JSON
from tests.unit.storage.factories import delete, dossier, report, upsert
from triage_desktop.core import queues
from triage_desktop.core import vocabulary as v
from triage_desktop.core.deadlines import DEADLINE_FILTERS, DeadlineBounds, state_of
from triage_desktop.core.entities import ItemQuery, ItemRow
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

ME, OTHER = "u_17", "u_03"
CONFLICT = {"type": "https://triage.example/problems/version-conflict", "title": "Precondition failed"}
STATUSES = {"report": (*v.REPORT_STATUSES, "archived"), "dossier": (*v.DOSSIER_STATUSES, "archived")}
ACTIONS = [("assign", {"assignee_id": ME}), ("assign", {"assignee_id": OTHER}), ("acknowledge", {}),
           ("set_status", {"status": "closed"}), ("set_status", {"status": "rejected"}), ("transfer", {}),
           ("set_priority", {"priority": "urgent"})]
BOUNDS = DeadlineBounds(now="2026-03-05T03:00:00Z", soon_until="2026-03-06T03:00:00Z")
LATER = DeadlineBounds(now="2026-03-06T03:00:00Z", soon_until="2026-03-09T03:00:00Z")  # the clock moved on
# Due moments around both bounds, exactly on them, in another offset, and none.
DUE = [None, "2026-03-01T00:00:00Z", "2026-03-05T02:59:59Z", "2026-03-05T03:00:00Z", "2026-03-05T17:00:00+07:00",
       "2026-03-06T03:00:00Z", "2026-03-06T10:00:00+07:00", "2026-03-20T00:00:00Z"]
CHANNELS = {"report": [None, "zalo_mini_app", "hotline"], "dossier": ["online", "walk_in"]}


@st.composite
def items(draw: st.DrawFn) -> dict:
    kind = draw(st.sampled_from(v.KINDS))
    fields = {"status": draw(st.sampled_from(STATUSES[kind])), "assignee_id": draw(st.sampled_from([None, ME, OTHER])),
              "due_at": draw(st.sampled_from(DUE)), "channel": draw(st.sampled_from(CHANNELS[kind]))}
    if kind == "report":
        fields["category_code"] = draw(st.sampled_from([None, "CAY_XANH", "CHIEU_SANG"]))
    else:
        fields["procedure_code"] = draw(st.sampled_from(["HT-KS", "HT-KH"]))
    return {"kind": kind, "fields": fields,
            "later": draw(st.sampled_from(["stays", "deleted", "updated"])),
            "unsent": draw(st.lists(st.sampled_from(ACTIONS), max_size=2)),
            "conflict": draw(st.booleans())}


def _build(store: Store, drawn: list[dict]) -> None:
    first, later = [], []
    for i, item in enumerate(drawn):
        make = report if item["kind"] == "report" else dossier
        item_id = f"{item['kind'][0]}_{i}"
        first.append(upsert(make(item_id, 1, **item["fields"])))
        if item["later"] == "deleted":
            later.append(delete(item["kind"], item_id, 2))
        elif item["later"] == "updated":
            later.append(upsert(make(item_id, 2, **{**item["fields"], "status": STATUSES[item["kind"]][i % 5],
                                                  "assignee_id": [None, ME, OTHER][i % 3]})))
    store.apply_page(first, "c1")
    for i, item in enumerate(drawn):
        if item["later"] == "deleted":
            continue
        for n, (action_type, payload) in enumerate(item["unsent"]):
            action = store.enqueue(item["kind"], f"{item['kind'][0]}_{i}", action_type, payload, 1)
            if item["conflict"] and n == 0:
                store.conflict_action(action.local_id, 412, CONFLICT, None)
    store.apply_page(later, "c2")


def _every_row(workspace: LocalWorkspace, query: ItemQuery) -> list[ItemRow]:
    rows = workspace.page(query, 0, 10_000)
    assert len(rows) < 10_000
    return rows


def _filtered(query: ItemQuery, rows: list[ItemRow], channels: dict[str, str | None]) -> set[str]:
    """What the query holds, by the queue's rule in Python on the list columns that "all" shows."""
    def state(row: ItemRow) -> str:
        assert query.bounds is not None
        return state_of(row.kind, row.status, row.due_at, query.bounds)

    deadline = queues.rule(query.queue).deadline
    return {row.id for row in rows
            if queues.holds(query.queue, query.kind, row.status, row.assignee_id, query.user_id)
            and (deadline is None or state(row) == deadline)
            and query.status in (None, row.status) and query.category in (None, row.category)
            and query.assignee_id in (None, row.assignee_id) and query.channel in (None, channels[row.id])
            and query.deadline in (None, state(row) if query.deadline else None)}


def _check_every_queue(workspace: LocalWorkspace, user_id: str | None, bounds: DeadlineBounds,
                       without: dict[tuple[str, str], int]) -> None:
    badges = workspace.queue_counts(user_id, bounds)
    assert set(badges) == {(kind, queue) for kind in v.KINDS for queue in queues.QUEUES}
    assert {q: n for q, n in badges.items() if q[1] not in queues.CLOCK_QUEUES} == {
        q: n for q, n in without.items() if q[1] not in queues.CLOCK_QUEUES}
    for kind in v.KINDS:
        everything = _every_row(workspace, ItemQuery(kind=kind))
        channels = {row.id: _channel(workspace, kind, row.id) for row in everything}
        for queue in queues.QUEUES:
            query = ItemQuery(kind=kind, queue=queue, user_id=user_id, bounds=bounds)
            listed = _every_row(workspace, query)
            assert workspace.count(query) == len(listed) == badges[(kind, queue)], (kind, queue, user_id)
            assert {row.id for row in listed} == _filtered(query, everything, channels), (kind, queue, user_id)
            if queue not in queues.queues_of(kind):
                assert not listed
            for filters in ({"status": STATUSES[kind][0]}, {"status": "archived"}, {"assignee_id": ME},
                            {"category": "CAY_XANH"}, {"category": "HT-KS", "assignee_id": OTHER},
                            {"channel": CHANNELS[kind][1]}, *({"deadline": state} for state in DEADLINE_FILTERS),
                            {"status": STATUSES[kind][1], "assignee_id": ME, "deadline": "overdue"}):
                narrowed = dataclasses.replace(query, **filters)
                rows = _every_row(workspace, narrowed)
                assert workspace.count(narrowed) == len(rows), (kind, queue, user_id, filters)
                assert {row.id for row in rows} == _filtered(narrowed, everything, channels), filters
                for row in rows[:3]:  # "where is this row" agrees with the page
                    assert workspace.position_of(narrowed, kind, row.id) == rows.index(row)


def _channel(workspace: LocalWorkspace, kind: str, item_id: str) -> str | None:
    item = workspace.item(kind, item_id)
    assert item is not None
    return item.data.get("channel")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=st.lists(items(), max_size=24))
def test_every_queue_counts_what_it_lists_on_a_random_cache(drawn: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "cache.sqlite3", key=TEST_KEY)
        try:
            store = Store(db)
            store.set_state("user", USER_JSON)
            store.set_state("server_url", SERVER_URL)
            _build(store, drawn)
            workspace = LocalWorkspace(store)
            for user_id in (ME, None):
                without = workspace.queue_counts(user_id)
                assert {without[(kind, queue)] for kind in v.KINDS for queue in queues.CLOCK_QUEUES} == {0}
                for bounds in (BOUNDS, LATER):
                    _check_every_queue(workspace, user_id, bounds, without)
        finally:
            db.dispose()


def test_the_open_column_is_the_rule_of_the_open_queues(store: Store, workspace: LocalWorkspace) -> None:
    """A status the vocabulary does not know is open work: it shows in "mine" until the server says otherwise."""
    store.apply_page([upsert(report("r_1", status="archived", assignee_id=ME)),
                      upsert(report("r_2", status="closed", assignee_id=ME))], "c1")
    mine = ItemQuery(kind="report", queue="mine", user_id=ME)
    assert [row.id for row in workspace.page(mine, 0, 10)] == ["r_1"]
    assert workspace.count(mine) == workspace.queue_counts(ME)[("report", "mine")] == 1


def test_an_unknown_queue_is_refused_everywhere(workspace: LocalWorkspace) -> None:
    query = ItemQuery(kind="report", queue="later")
    for attempt in (lambda: workspace.count(query), lambda: workspace.page(query, 0, 10),
                    lambda: queues.holds("later", "report", "new", None, ME)):
        with pytest.raises(ValueError, match="later"):
            attempt()


@pytest.mark.parametrize("query", [ItemQuery(kind="report", queue="overdue"), ItemQuery(kind="report", queue="due_soon"),
                                   *(ItemQuery(kind="dossier", deadline=state) for state in DEADLINE_FILTERS)])
def test_a_deadline_queue_or_filter_without_bounds_is_refused(workspace: LocalWorkspace, query: ItemQuery) -> None:
    """Without the moment, "overdue" has no meaning: refused rather than answered against some clock."""
    for attempt in (lambda: workspace.count(query), lambda: workspace.page(query, 0, 10),
                    lambda: workspace.position_of(query, query.kind, "r_1")):
        with pytest.raises(ValueError, match="bounds"):
            attempt()
