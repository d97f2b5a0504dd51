"""An item's fields read from its raw JSON: the contract's shapes (central-api.md §4), and whatever else arrives."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_desktop.core import fields
from triage_desktop.core.entities import Item

# §4's examples, filled in.
REPORT: dict[str, Any] = {
    "id": "r_1", "code": "PA-2026-004211", "kind": "report", "version": 7, "channel": "zalo_mini_app",
    "category_code": "CAY_XANH", "title": "Cây đổ chắn đường", "description": "Cây xanh trước số 12 ...",
    "location": {"lat": 11.3101, "lon": 106.0982, "address": "12 Đường 30/4, Phường 1"},
    "citizen": {"name": "Lê Đình Tâm", "phone": "0905xxx123", "contact_allowed": True},
    "status": "in_progress", "priority": "normal", "assignee_id": "u_17", "unit_id": "w_0101",
    "due_at": "2026-03-09T17:00:00+07:00",
}
DOSSIER: dict[str, Any] = {
    "id": "d_1", "code": "000.00.23.H57-260302-0001", "kind": "dossier", "version": 3, "procedure_code": "HT-KS",
    "applicant": {"name": "Nguyễn Thị Hoà", "id_number": "0720001", "phone": "0276 3822 111",
                  "address": "5 Trần Hưng Đạo"},
    "summary": "Đăng ký khai sinh cho con", "status": "processing", "step": "Trình ký lãnh đạo",
    "unit_id": "w_0101", "due_at": "2026-03-05T17:00:00+07:00",
}
TEXT_FIELDS = ("code", "title", "description", "category", "priority", "unit_id", "step", "due_at", "person_name",
               "phone", "id_number", "address")


def read(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    item = Item(kind, str(data.get("id", "x")), 1, data)
    return {name: getattr(item, name) for name in (*TEXT_FIELDS, "contact_allowed", "coordinates")}


def test_a_report_reads_as_the_contract_says() -> None:
    assert read("report", REPORT) == {
        "code": "PA-2026-004211", "title": "Cây đổ chắn đường", "description": "Cây xanh trước số 12 ...",
        "category": "CAY_XANH", "priority": "normal", "unit_id": "w_0101", "step": "",
        "due_at": "2026-03-09T17:00:00+07:00", "person_name": "Lê Đình Tâm", "phone": "0905xxx123",
        "id_number": "", "address": "12 Đường 30/4, Phường 1", "contact_allowed": True,
        "coordinates": (11.3101, 106.0982),
    }


def test_a_dossier_reads_as_the_contract_says() -> None:
    assert read("dossier", DOSSIER) == {
        "code": "000.00.23.H57-260302-0001", "title": "Đăng ký khai sinh cho con", "description": "",
        "category": "HT-KS", "priority": "", "unit_id": "w_0101", "step": "Trình ký lãnh đạo",
        "due_at": "2026-03-05T17:00:00+07:00", "person_name": "Nguyễn Thị Hoà", "phone": "0276 3822 111",
        "id_number": "0720001", "address": "5 Trần Hưng Đạo", "contact_allowed": True, "coordinates": None,
    }


def test_each_kind_reads_only_its_own_keys() -> None:
    """A report's citizen never answers for a dossier's applicant, nor a title for a summary."""
    both = {**REPORT, **{k: v for k, v in DOSSIER.items() if k not in REPORT}}
    assert read("report", both)["title"] == "Cây đổ chắn đường"
    assert read("dossier", both)["title"] == "Đăng ký khai sinh cho con"
    assert read("report", both)["address"] == "12 Đường 30/4, Phường 1"
    assert read("dossier", both)["address"] == "5 Trần Hưng Đạo"
    assert read("report", both)["step"] == "" and read("report", both)["id_number"] == ""
    assert read("dossier", both)["description"] == "" and read("dossier", both)["coordinates"] is None


def test_only_an_explicit_no_refuses_contact() -> None:
    assert fields.contact_allowed("report", {"citizen": {"phone": "1", "contact_allowed": False}}) is False
    for citizen in ({"phone": "1"}, {"contact_allowed": None}, {"contact_allowed": 0}, None, "x"):
        assert fields.contact_allowed("report", {"citizen": citizen}) is True
    assert fields.contact_allowed("dossier", {"applicant": {"phone": "1", "contact_allowed": False}}) is True


@pytest.mark.parametrize("bad", [None, 5, 1.5, True, ["x"], {"what": "x"}, ""])
@pytest.mark.parametrize("kind", ["report", "dossier"])
def test_a_wrong_type_reads_as_absent(kind: str, bad: Any) -> None:
    data = {key: bad for key in (*REPORT, *DOSSIER)}
    values = read(kind, data)
    assert all(values[name] == "" for name in TEXT_FIELDS), values
    assert values["contact_allowed"] is True and values["coordinates"] is None


# Which fields each part of the JSON holds, per kind.
PARTS = {("report", "citizen"): ("person_name", "phone"), ("report", "location"): ("address",),
         ("dossier", "applicant"): ("person_name", "phone", "id_number", "address")}


@pytest.mark.parametrize(("kind", "part"), list(PARTS))
@pytest.mark.parametrize("bad", [{"name": None, "phone": 84905, "address": ["a"], "id_number": {}, "lat": "1",
                                  "lon": None, "contact_allowed": "no"}, "12 Đường 30/4", ["x"], 7, None])
def test_a_bad_person_or_place_empties_its_own_fields_only(kind: str, part: str, bad: Any) -> None:
    good = read(kind, REPORT if kind == "report" else DOSSIER)
    values = read(kind, {**(REPORT if kind == "report" else DOSSIER), part: bad})
    emptied = {name: "" for name in PARTS[kind, part]}
    if part == "location":
        emptied["coordinates"] = None
    assert values == {**good, **emptied}


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=8)
KEYS = st.sampled_from(["code", "title", "summary", "description", "category_code", "procedure_code", "priority",
                        "unit_id", "step", "due_at", "citizen", "applicant", "location", "name", "phone",
                        "id_number", "address", "contact_allowed", "lat", "lon"])


@given(st.sampled_from(["report", "dossier", "unknown"]),
       st.dictionaries(KEYS, JSON | st.dictionaries(KEYS, JSON, max_size=6), max_size=12))
def test_any_json_reads_without_raising_and_with_the_promised_types(kind: str, data: dict[str, Any]) -> None:
    values = read(kind, data)
    assert all(isinstance(values[name], str) for name in TEXT_FIELDS)
    assert isinstance(values["contact_allowed"], bool)
    assert values["coordinates"] is None or all(isinstance(c, int | float) for c in values["coordinates"])
