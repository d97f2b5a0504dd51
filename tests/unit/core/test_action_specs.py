"""The action table against the contract (central-api.md §2, §4, §6): one row per action type, each complete."""

from __future__ import annotations

import pytest

from triage_desktop.core import vocabulary as v
from triage_desktop.core.action_specs import ACTION_SPECS, ROLES, command_line_fields, needs_if_match
from triage_desktop.core.entities import with_pending

# §6's table: type → (kinds, fields, If-Match).
CONTRACT = {
    "acknowledge": ({"report", "dossier"}, (), True),
    "assign": ({"report", "dossier"}, ("assignee_id",), True),
    "note": ({"report", "dossier"}, ("body",), False),
    "reply": ({"report"}, ("body", "attachment_ids"), False),
    "set_status": ({"report", "dossier"}, ("status", "reason", "reason_text"), True),
    "set_priority": ({"report"}, ("priority",), True),
    "transfer": ({"report"}, ("unit_id", "reason_text"), True),
    "merge": ({"report"}, ("into_id",), True),
    "request_supplement": ({"dossier"}, ("body", "documents"), True),
    "request_fee": ({"dossier"}, ("amount_vnd", "body"), True),
    "return_result": ({"dossier"}, ("body", "attachment_ids"), True),
    "extend": ({"dossier"}, ("new_due_at", "apology_letter"), True),
}
# §2: what a one-stop clerk may do.
CLERK = {"acknowledge", "note", "reply", "request_fee", "return_result", "set_status"}
STATUSES = {"report": set(v.REPORT_STATUSES), "dossier": set(v.DOSSIER_STATUSES)}


def test_the_table_has_a_row_for_every_action_of_the_contract_and_no_other() -> None:
    assert set(ACTION_SPECS) == set(CONTRACT)


@pytest.mark.parametrize("action_type", sorted(CONTRACT))
def test_each_row_says_what_the_contract_says(action_type: str) -> None:
    spec = ACTION_SPECS[action_type]
    kinds, fields, if_match = CONTRACT[action_type]
    assert spec.type == action_type
    assert set(spec.kinds) == kinds
    assert tuple(f.name for f in spec.fields) == fields
    assert spec.if_match is if_match and needs_if_match(action_type) is if_match
    assert {"leader", "officer"} <= set(spec.roles) <= set(ROLES)  # leaders and officers may do every action
    assert ("clerk" in spec.roles) is (action_type in CLERK)


@pytest.mark.parametrize("action_type", sorted(CONTRACT))
def test_each_row_names_only_statuses_and_fields_that_exist(action_type: str) -> None:
    spec = ACTION_SPECS[action_type]
    for kind in spec.kinds:
        offered = {s for s in STATUSES[kind] if spec.offered_from.allows(kind, s)}
        assert offered, f"{action_type} is never offered for a {kind}"
    assert set(spec.sets_status) <= set(spec.kinds)
    for kind, status in spec.sets_status.items():
        assert status in STATUSES[kind]
    assert set(spec.copies) <= {f.name for f in spec.fields}
    assert spec.rebase_fields is None or "version" not in spec.rebase_fields
    for limit in spec.roles.values():
        assert limit is None or limit.field in {f.name for f in spec.fields}


def test_an_unknown_type_needs_if_match_and_changes_nothing() -> None:
    assert needs_if_match("future_action")
    data = {"status": "new"}
    assert with_pending("report", data, [("future_action", {"status": "closed"})]) is data


def test_the_overlay_follows_the_rows_in_creation_order() -> None:
    data = {"status": "new", "priority": "normal", "assignee_id": None}
    unsent = [("acknowledge", {}), ("assign", {"assignee_id": "u_1"}), ("set_priority", {"priority": "high"}),
              ("set_status", {"status": "in_progress"}), ("note", {"body": "x"})]
    assert with_pending("report", data, unsent) == {"status": "in_progress", "priority": "high", "assignee_id": "u_1"}
    assert with_pending("dossier", {"status": "submitted"}, [("acknowledge", {})])["status"] == "received"


def test_a_field_shared_by_several_actions_has_one_command_line_option() -> None:
    options = {}
    for spec in ACTION_SPECS.values():
        for field in spec.fields:
            options.setdefault(field.name, set()).add((field.option, field.many))
    assert all(len(found) == 1 for found in options.values()), options
    assert {f.name for f in command_line_fields()} == {name for name, found in options.items()
                                                       if next(iter(found))[0] is not None}
