"""Action building refuses what the contract refuses, identically for the window and the CLI."""

from __future__ import annotations

import unicodedata

import pytest

from triage_desktop.core.actions import build_payload
from triage_desktop.core.entities import User
from triage_desktop.core.errors import InvalidAction

LEADER = User("u_01", "lanhdao", "Nguyễn Thị Hồng", "w_0101", ("leader",))
OFFICER = User("u_02", "canbo1", "Trần Văn Bình", "w_0101", ("officer",))
CLERK = User("u_04", "motcua", "Phạm Thu", "w_0101", ("clerk",))


def test_note_body_is_nfc_and_trimmed() -> None:
    typed = unicodedata.normalize("NFD", "Đã liên hệ điện lực")  # what Unikey's "tổ hợp" mode sends
    body = build_payload(OFFICER, "report", "note", {"body": f"  {typed} "})
    assert body == {"type": "note", "body": "Đã liên hệ điện lực"}


def test_reply_limit_counts_code_points() -> None:
    assert build_payload(OFFICER, "report", "reply", {"body": "ạ" * 5000})["body"] == "ạ" * 5000
    with pytest.raises(InvalidAction, match="too_long:body:5000"):
        build_payload(OFFICER, "report", "reply", {"body": "ạ" * 5001})


def test_reply_is_for_reports_only() -> None:
    with pytest.raises(InvalidAction, match="type_for_kind"):
        build_payload(LEADER, "dossier", "reply", {"body": "x"})


def test_officer_assigns_only_self_leader_anyone() -> None:
    assert build_payload(OFFICER, "report", "assign", {"assignee_id": "u_02"})["assignee_id"] == "u_02"
    with pytest.raises(InvalidAction, match="assign_others"):
        build_payload(OFFICER, "report", "assign", {"assignee_id": "u_03"})
    assert build_payload(LEADER, "report", "assign", {"assignee_id": "u_03"})["assignee_id"] == "u_03"


def test_clerk_limited_to_intake_statuses() -> None:
    assert build_payload(CLERK, "dossier", "set_status", {"status": "received"})["status"] == "received"
    with pytest.raises(InvalidAction, match="forbidden"):
        build_payload(CLERK, "dossier", "set_status", {"status": "processing"})
    with pytest.raises(InvalidAction, match="forbidden"):
        build_payload(CLERK, "report", "assign", {"assignee_id": "u_04"})


def test_report_rejection_needs_reason_and_text() -> None:
    with pytest.raises(InvalidAction, match="missing:reason"):
        build_payload(LEADER, "report", "set_status", {"status": "rejected", "reason_text": "trùng"})
    with pytest.raises(InvalidAction, match="missing:reason_text"):
        build_payload(LEADER, "report", "set_status", {"status": "rejected", "reason": "duplicate"})
    body = build_payload(LEADER, "report", "set_status",
                         {"status": "rejected", "reason": "duplicate", "reason_text": "Trùng PA-1"})
    assert body == {"type": "set_status", "status": "rejected", "reason": "duplicate", "reason_text": "Trùng PA-1"}


def test_reopen_needs_reason_text_only_from_resolved() -> None:
    assert build_payload(LEADER, "report", "set_status", {"status": "in_progress"}, current_status="acknowledged")
    with pytest.raises(InvalidAction, match="missing:reason_text"):
        build_payload(LEADER, "report", "set_status", {"status": "in_progress"}, current_status="resolved")


def test_set_status_cannot_reach_action_only_statuses() -> None:
    with pytest.raises(InvalidAction, match="status_target"):
        build_payload(LEADER, "dossier", "set_status", {"status": "awaiting_supplement"})
    with pytest.raises(InvalidAction, match="status_target"):
        build_payload(LEADER, "report", "set_status", {"status": "transferred"})


def test_supplement_needs_documents() -> None:
    with pytest.raises(InvalidAction, match="missing:documents"):
        build_payload(LEADER, "dossier", "request_supplement", {"body": "Bổ sung", "documents": [" "]})
    body = build_payload(LEADER, "dossier", "request_supplement",
                         {"body": "Bổ sung giấy tờ", "documents": ["Bản sao CCCD"]})
    assert body["documents"] == ["Bản sao CCCD"]
