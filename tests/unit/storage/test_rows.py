"""Timestamps from any conforming server sort in time order once stored."""

from __future__ import annotations

import pytest

from tests.unit.storage.factories import dossier, report, upsert
from triage_desktop.core.entities import ItemQuery
from triage_desktop.storage.rows import utc_iso
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace


@pytest.mark.parametrize(("sent", "stored"), [
    ("2026-03-02T08:15:00+07:00", "2026-03-02T01:15:00Z"),
    ("2026-03-02T01:15:00Z", "2026-03-02T01:15:00Z"),
    ("2026-03-02t01:15:00z", "2026-03-02T01:15:00Z"),  # RFC 3339 allows lower case
    ("2026-03-02T01:15:00.123456789Z", "2026-03-02T01:15:00Z"),  # more digits than Python keeps
    ("2026-03-01T20:15:00.5-05:00", "2026-03-02T01:15:00Z"),
])
def test_any_offset_becomes_sortable_utc(sent: str, stored: str) -> None:
    assert utc_iso(sent) == stored


def test_unparseable_time_is_left_to_the_raw_json() -> None:
    assert utc_iso("hôm qua") is None


def test_wrong_typed_fields_never_stop_a_page_and_stay_in_the_raw_json(store: Store, workspace: LocalWorkspace) -> None:
    """A server that sends a number for a title or text for a person: the item is stored, listed and found by
    what is readable, its list columns empty where the field is unreadable, the raw JSON as it came."""
    store.apply_page([
        upsert(report("r_1", 1, title=42, category_code=["CAY_XANH"], priority=None, due_at=20260309,
                      citizen="Lê Đình Tâm", location={"address": {"street": "12"}, "lat": "11"})),
        upsert(dossier("d_1", 1, summary=None, procedure_code={"code": "HT-KS"}, applicant=["Nguyễn Thị Hoà"],
                       due_at=False, priority=[], unit_id=7)),
    ], "c1")
    for kind, item_id in (("report", "r_1"), ("dossier", "d_1")):
        (row,) = workspace.page(ItemQuery(kind=kind), 0, 10)
        assert (row.id, row.title, row.category, row.priority, row.due_at) == (item_id, "", "", "", None)
        assert {r.id for r in workspace.page(ItemQuery(kind=kind, text=row.code), 0, 10)} == {item_id}
    report_item = workspace.item("report", "r_1")
    dossier_item = workspace.item("dossier", "d_1")
    assert report_item is not None and dossier_item is not None
    assert (report_item.data["title"], report_item.data["citizen"]) == (42, "Lê Đình Tâm")
    assert (report_item.title, report_item.person_name, report_item.address) == ("", "", "")
    assert report_item.coordinates is None
    assert (dossier_item.data["applicant"], dossier_item.unit_id) == (["Nguyễn Thị Hoà"], "")
