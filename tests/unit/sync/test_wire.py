"""Wire models: good server JSON passes with unknown fields kept; anything off-contract fails the whole answer."""

from __future__ import annotations

import json

import pytest

from tests.unit.sync import samples
from triage_desktop.core.errors import BadServerResponse
from triage_desktop.sync import wire


def decode(value: object) -> object:
    return wire.decode_json(json.dumps(value).encode())


def test_a_good_page_passes_and_keeps_unknown_fields_raw() -> None:
    report = samples.report(x_future={"nested": [1, 2]})
    report["events"][0]["x_reaction"] = "👍"
    raw = decode(samples.page(samples.upsert(report), samples.upsert(samples.dossier()),
                              samples.delete("report", "r_9", 12), more=True))
    changes, next_cursor, more = wire.check_page(raw)
    assert (next_cursor, more) == ("c+1/a=b&c", True)
    assert changes[0]["data"]["x_future"] == {"nested": [1, 2]}
    assert changes[0]["data"]["events"][0]["x_reaction"] == "👍"
    assert changes[2] == {"kind": "report", "op": "delete", "id": "r_9", "version": 12}


@pytest.mark.parametrize("field", ["id", "version", "code", "status", "submitted_at", "events", "kind"])
def test_a_missing_required_field_fails_the_page(field: str) -> None:
    bad = samples.report()
    del bad[field]
    raw = decode(samples.page(samples.upsert(samples.dossier()), {**samples.upsert(samples.report()), "data": bad}))
    with pytest.raises(BadServerResponse):
        wire.check_page(raw)


@pytest.mark.parametrize(("field", "value"), [
    ("version", "7"), ("version", 7.0), ("version", True), ("version", -1), ("version", 2**53),
    ("title", 5), ("attachments", {}), ("submitted_at", "2026-03-02 08:15"),
    ("submitted_at", "2026-03-02T08:15:00"),  # no offset: not RFC 3339
    ("citizen_rating", 6), ("assignee_id", "u 17"),
])
def test_a_wrong_type_or_range_fails(field: str, value: object) -> None:
    data = samples.report(**{field: value})
    change = {**samples.upsert(samples.report()), "data": data}
    if field == "version":
        change["version"] = value
    with pytest.raises(BadServerResponse):
        wire.check_page(decode(samples.page(change)))


@pytest.mark.parametrize("item_id", ["", "a b", "r/1", "r%2F1", "ä", "r_1\n", "x" * 65, "../r"])
def test_ids_must_be_1_to_64_unreserved_characters(item_id: str) -> None:
    data = samples.report(item_id=item_id)
    with pytest.raises(BadServerResponse):
        wire.check_page(decode(samples.page(samples.upsert(data))))


def test_ids_use_the_whole_unreserved_alphabet() -> None:
    item_id = "Az09-._~" + "x" * 56
    changes, _, _ = wire.check_page(decode(samples.page(samples.upsert(samples.report(item_id=item_id)))))
    assert changes[0]["id"] == item_id


def test_change_and_data_must_agree() -> None:
    change = samples.upsert(samples.report(version=4))
    change["version"] = 5
    with pytest.raises(BadServerResponse, match="version"):
        wire.check_page(decode(samples.page(change)))
    change = samples.upsert(samples.report())
    change["kind"] = "dossier"
    with pytest.raises(BadServerResponse):
        wire.check_page(decode(samples.page(change)))


def test_an_upsert_needs_data_and_an_unknown_op_fails() -> None:
    with pytest.raises(BadServerResponse):
        wire.check_page(decode(samples.page({"kind": "report", "op": "upsert", "id": "r_1", "version": 1})))
    with pytest.raises(BadServerResponse):
        wire.check_page(decode(samples.page({"kind": "report", "op": "purge", "id": "r_1", "version": 1})))


@pytest.mark.parametrize("body", [b'{"changes": [', b"", b"<html>502</html>", b'{"changes": []} trailing'])
def test_truncated_or_non_json_bodies_are_bad_responses(body: bytes) -> None:
    with pytest.raises(BadServerResponse):
        wire.decode_json(body)


def test_a_page_needs_next_and_more() -> None:
    with pytest.raises(BadServerResponse):
        wire.check_page(decode({"changes": [], "more": False}))
    with pytest.raises(BadServerResponse):
        wire.check_page(decode({"changes": [], "next": "", "more": False}))


def test_action_answer_returns_raw_aggregate_and_event() -> None:
    raw = decode({"aggregate": samples.dossier(x_new=1), "event": samples.event()})
    aggregate, event = wire.check_action_answer(raw, "dossier", "d_1")
    assert aggregate["x_new"] == 1 and event["id"] == "e_9"
    with pytest.raises(BadServerResponse):
        wire.check_action_answer(raw, "report", "d_1")
    with pytest.raises(BadServerResponse):
        wire.check_action_answer(raw, "dossier", "d_2")


def test_problem_current_is_used_only_when_valid() -> None:
    assert wire.current_from_problem({"current": samples.report()}, "report") == samples.report()
    assert wire.current_from_problem({"current": {"id": "r_1"}}, "report") is None
    assert wire.current_from_problem({}, "report") is None


def test_reference_shapes() -> None:
    wire.check(decode(samples.meta()), wire.Meta)
    wire.check(decode({"year": 2026, "days_off": ["2026-01-01"], "extra_working_days": [],
                       "office_hours": [["07:00", "11:30"], ["13:30", "17:00"]]}), wire.Calendar)
    with pytest.raises(BadServerResponse):
        wire.check(decode({"year": 2026, "days_off": ["01/01/2026"]}), wire.Calendar)
    with pytest.raises(BadServerResponse):
        wire.check(decode([{"id": "u_1", "username": "a", "full_name": "A", "unit_id": "w", "roles": "leader"}]),
                   list[wire.User])


def test_a_change_of_an_unknown_kind_is_skipped_and_the_page_still_counts() -> None:
    # A newer server's kind, in a shape none of our models knows: failing the page would stall the feed.
    future = {"kind": "appointment", "op": "upsert", "id": "not an id/", "version": "soon", "data": {"room": 2}}
    gone = {"kind": "appointment", "op": "delete", "id": "A.1", "version": 4}
    raw = decode(samples.page(future, samples.upsert(samples.report()), gone, next_cursor="c2", more=True))
    changes, next_cursor, more = wire.check_page(raw)
    assert [(c["kind"], c["id"]) for c in changes] == [("report", "r_1")]
    assert (next_cursor, more) == ("c2", True)
    with pytest.raises(BadServerResponse):  # a change without a kind is still malformed
        wire.check_page(decode(samples.page({"op": "delete", "id": "x", "version": 1})))


def test_a_dossier_needs_no_updated_at() -> None:
    # §4's Dossier lists no `updated_at` (only the Report does): a server may leave it out.
    data = samples.dossier()
    del data["updated_at"]
    changes, _, _ = wire.check_page(decode(samples.page(samples.upsert(data))))
    assert "updated_at" not in changes[0]["data"]
    with pytest.raises(BadServerResponse):
        wire.check_page(decode(samples.page(samples.upsert(samples.dossier(updated_at="yesterday")))))
