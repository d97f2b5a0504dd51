"""LocalWorkspace: queues, counts, pages, sorting, filters, positions, items and queued actions."""

from __future__ import annotations

import json
import random

import pytest

from tests.unit.storage.factories import dossier, report, upsert
from triage_desktop.core.entities import ActionState, ItemQuery, User
from triage_desktop.core.errors import InvalidAction, NotFound
from triage_desktop.core.text import fold
from triage_desktop.storage.listing import SORT_COLUMNS
from triage_desktop.storage.rows import list_columns
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

ME = User(id="u_17", username="tam.le", full_name="Lê Minh Tâm", unit_id="w_0101", roles=("officer",))
STATUSES = ["new", "acknowledged", "in_progress", "resolved", "closed", "rejected"]
PRIORITIES = ["low", "normal", "high", "urgent"]
SERVER = "https://api.example-province.vn/triage/v1"


def _reports(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = rng.randint(1, 28)
        out.append(report(
            f"r_{i:03d}", rng.randint(1, 5), code=f"PA-2026-{rng.randint(1, 999999):06d}",
            title=rng.choice(["Đèn đường hỏng", "Cây đổ", "Rác thải", "ổ gà", "Ngập nước", "ánh sáng"]),
            status=rng.choice(STATUSES), priority=rng.choice(PRIORITIES),
            category_code=rng.choice(["CAY_XANH", "CHIEU_SANG", None]),
            assignee_id=rng.choice([None, "u_17", "u_03"]),
            submitted_at=f"2026-02-{day:02d}T{rng.randint(0, 23):02d}:00:00+07:00",
            due_at=rng.choice([None, f"2026-03-{day:02d}T17:00:00+07:00"]),
            updated_at=f"2026-03-{rng.randint(1, 2):02d}T08:00:00Z"))
    return out


@pytest.fixture
def many(store: Store) -> list[dict]:
    reports = _reports(120)
    dossiers = [dossier(f"d_{i}", 1, status=s, assignee_id=a)
                for i, (s, a) in enumerate([("submitted", None), ("processing", "u_17"), ("returned", "u_17"),
                                            ("received", None), ("suspended", None)])]
    store.apply_page([upsert(d) for d in reports + dossiers], "c1")
    _log_in(store)
    return reports


def _log_in(store: Store, user: User = ME) -> None:
    """What a login leaves in the cache: who, and on which server (the author of every action queued)."""
    store.set_state("user", json.dumps(user.to_json()))
    store.set_state("server_url", SERVER)


def _expected_count(reports: list[dict], queue: str) -> int:
    final = {"closed", "transferred", "rejected"}
    rules = {
        "mine": lambda r: r["assignee_id"] == "u_17" and r["status"] not in final,
        "unassigned": lambda r: r["assignee_id"] is None and r["status"] not in final,
        "new": lambda r: r["status"] == "new",
        "open": lambda r: r["status"] not in final,
        "all": lambda r: True,
    }
    return sum(1 for r in reports if rules[queue](r))


def test_queue_counts(workspace: LocalWorkspace, many: list[dict]) -> None:
    counts = workspace.queue_counts("u_17")
    assert set(counts) == {(k, q) for k in ("report", "dossier")
                           for q in ("mine", "unassigned", "new", "due_soon", "overdue", "waiting", "open", "all")}
    for queue in ("mine", "unassigned", "new", "open", "all"):
        assert counts[("report", queue)] == _expected_count(many, queue), queue
        assert workspace.count(ItemQuery(kind="report", queue=queue, user_id="u_17")) == counts[("report", queue)]
    assert counts[("dossier", "mine")] == 1  # "returned" is final
    assert counts[("dossier", "unassigned")] == 2  # "suspended" is final
    assert counts[("dossier", "new")] == 1
    assert counts[("dossier", "all")] == 5
    assert workspace.queue_counts(None)[("report", "mine")] == 0


def _sort_value(r: dict, key: str) -> object:
    """The value the list is expected to sort by, computed in Python."""
    columns = list_columns("report", r)
    return {"title": fold(r["title"])[:100], "status": columns["status_rank"],
            "priority": columns["priority_rank"], "category": columns["category"]}.get(key, columns.get(key))


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("sort_key", sorted(SORT_COLUMNS))
def test_pages_follow_the_sort_and_positions_agree(workspace: LocalWorkspace, many: list[dict], sort_key: str,
                                                   descending: bool) -> None:
    query = ItemQuery(kind="report", sort_key=sort_key, descending=descending)
    rows = [row for offset in range(0, 120, 25) for row in workspace.page(query, offset, 25)]
    assert len(rows) == 120 and len({r.id for r in rows}) == 120  # pages neither overlap nor skip
    by_id = {r["id"]: r for r in many}
    values = [_sort_value(by_id[row.id], sort_key) for row in rows]
    non_null = [v for v in values if v is not None]
    assert non_null == sorted(non_null, reverse=descending)
    nulls = [i for i, v in enumerate(values) if v is None]
    if nulls:  # SQLite: NULL is lowest, so first ascending and last descending
        assert nulls == (list(range(len(values) - len(nulls), len(values))) if descending
                         else list(range(len(nulls))))
    for index in (0, 1, 37, 60, 119):
        assert workspace.position_of(query, "report", rows[index].id) == index


def test_default_order_is_newest_first(workspace: LocalWorkspace, many: list[dict]) -> None:
    rows = workspace.page(ItemQuery(kind="report"), 0, 120)
    submitted = [r.submitted_at for r in rows]
    assert submitted == sorted(submitted, reverse=True)
    assert submitted[0].endswith("Z")


def test_filters_combine_with_queue_and_search(workspace: LocalWorkspace, many: list[dict]) -> None:
    query = ItemQuery(kind="report", queue="mine", user_id="u_17", status="in_progress", category="CAY_XANH",
                      text="den duong")
    expected = {r["id"] for r in many if r["assignee_id"] == "u_17" and r["status"] == "in_progress"
                and r["category_code"] == "CAY_XANH" and r["title"] == "Đèn đường hỏng"}
    assert {r.id for r in workspace.page(query, 0, 200)} == expected
    assert workspace.count(query) == len(expected)
    assignee = ItemQuery(kind="report", assignee_id="u_03")
    assert workspace.count(assignee) == sum(1 for r in many if r["assignee_id"] == "u_03")


def test_position_of_an_item_the_query_does_not_show(workspace: LocalWorkspace, many: list[dict]) -> None:
    new_only = ItemQuery(kind="report", queue="new")
    not_new = next(r["id"] for r in many if r["status"] != "new")
    assert workspace.position_of(new_only, "report", not_new) is None
    assert workspace.position_of(new_only, "dossier", "d_0") is None
    assert workspace.position_of(new_only, "report", "r_missing") is None


def test_page_rows_carry_outbox_counts(workspace: LocalWorkspace, store: Store, many: list[dict]) -> None:
    target = many[0]["id"]
    store.enqueue("report", target, "note", {"type": "note", "body": "a"}, 1)
    store.enqueue("report", target, "note", {"type": "note", "body": "b"}, 1)
    failed = store.enqueue("report", target, "note", {"type": "note", "body": "c"}, 1)
    store.fail_action(failed.local_id, 422, {"title": "bad"})
    query = ItemQuery(kind="report")
    position = workspace.position_of(query, "report", target)
    assert position is not None
    [row] = workspace.page(query, position, 1)
    assert (row.id, row.unsent, row.conflicts) == (target, 2, 1)
    others = [r for r in workspace.page(query, 0, 200) if r.id != target]
    assert all(r.unsent == 0 and r.conflicts == 0 for r in others)


def test_bad_query_values_are_bugs(workspace: LocalWorkspace) -> None:
    with pytest.raises(ValueError):
        workspace.count(ItemQuery(kind="report", queue="favourites"))
    with pytest.raises(ValueError):
        workspace.page(ItemQuery(kind="report", sort_key="raw; DROP"), 0, 10)


def test_item_has_raw_data_and_its_actions(workspace: LocalWorkspace, store: Store) -> None:
    data = report("r_1", 4, x_new_field=True, status="acknowledged")
    store.apply_page([upsert(data)], "c1")
    _log_in(store)
    action = workspace.queue_action("report", "r_1", "set_status", {"status": "in_progress"})
    assert action.base_version == 4 and action.payload == {"type": "set_status", "status": "in_progress"}
    item = workspace.item("report", "r_1")
    assert item is not None
    assert item.data == data and item.version == 4
    assert [a.local_id for a in item.pending] == [action.local_id]
    assert item.effective_status == "in_progress"
    assert workspace.item("report", "r_nope") is None


def test_queue_action_validates_against_the_effective_status(workspace: LocalWorkspace, store: Store) -> None:
    store.apply_page([upsert(report("r_1", 2, status="resolved"))], "c1")
    _log_in(store)
    with pytest.raises(InvalidAction, match="reason_text"):
        workspace.queue_action("report", "r_1", "set_status", {"status": "in_progress"})  # reopen needs a reason
    with pytest.raises(InvalidAction):
        workspace.queue_action("report", "r_1", "assign", {"assignee_id": "u_03"})  # officers assign themselves
    with pytest.raises(NotFound):
        workspace.queue_action("report", "r_missing", "note", {"body": "x"})
    note = workspace.queue_action("report", "r_1", "note", {"body": "  Đã xử lý  "})
    assert note.payload["body"] == "Đã xử lý"
    assert note.base_version == 2  # kept for the §7 rebase even though notes carry no If-Match
    assert [a.state for a in workspace.outbox()] == [ActionState.PENDING]
    assert workspace.outbox_summary() == (1, 0)
    workspace.discard_action(note.local_id)
    assert workspace.outbox() == []


def test_user_server_members_reference(workspace: LocalWorkspace, store: Store) -> None:
    store.set_state("user", None)
    store.set_state("server_url", None)
    assert workspace.current_user() is None and workspace.server_url() is None
    assert workspace.members() == [] and workspace.reference("units") is None
    store.set_state("user", json.dumps(ME.to_json()))
    store.set_state("server_url", "https://api.example-province.vn/triage/v1")
    store.set_state("last_sync_at", "2026-03-02T01:15:00Z")
    store.put_reference("members", '"m1"', [ME.to_json(), {"id": "u_03", "full_name": "Trần Thị Hà"}, "junk"])
    store.put_reference("units", None, [{"id": "w_0101", "name": "Phường 1"}])
    assert workspace.current_user() == ME
    assert workspace.server_url() == "https://api.example-province.vn/triage/v1"
    assert workspace.last_sync_at() == "2026-03-02T01:15:00Z"
    assert [m.id for m in workspace.members()] == ["u_17", "u_03"]
    assert workspace.reference("units") == [{"id": "w_0101", "name": "Phường 1"}]
    store.set_state("user", "{not json")
    assert workspace.current_user() is None
