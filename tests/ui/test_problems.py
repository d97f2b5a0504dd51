"""The server's refusals in the officer's words: by problem type, by status for a server that sends none."""

from __future__ import annotations

from typing import Any

import pytest

from triage_desktop.core.entities import ActionState, OutboxAction
from triage_desktop.ui import problems

BASE = "https://triage.example/problems/"


def refused(status: int, problem: dict[str, Any] | None, kind: str = "dossier",
            state: ActionState = ActionState.CONFLICT) -> OutboxAction:
    return OutboxAction(local_id=1, kind=kind, aggregate_id="d_1", type="set_status", payload={"status": "resolved"},
                        idempotency_key="k", base_version=3, state=state, created_at="2026-03-02T02:00:00Z",
                        error_status=status, problem=problem)


@pytest.mark.parametrize(("status", "problem", "kind", "expected"), [
    (412, {"type": BASE + "version-conflict", "title": "Precondition Failed"}, "dossier",
     "Hồ sơ đã được người khác cập nhật"),
    (412, {"type": BASE + "version-conflict"}, "report", "Phản ánh đã được người khác cập nhật"),
    (409, {"type": BASE + "invalid-transition"}, "dossier", "Trạng thái hiện tại không cho phép thao tác này"),
    (403, {"type": BASE + "forbidden"}, "dossier", "Vai trò của bạn không được phép thực hiện thao tác này"),
    (404, {"type": BASE + "not-found"}, "report", "Không còn thuộc đơn vị (đã chuyển đi, gộp, rút hoặc xóa)"),
    (404, {"type": BASE + "gone", "title": "deleted"}, "report",
     "Không còn thuộc đơn vị (đã chuyển đi, gộp, rút hoặc xóa)"),
    # Another server's problem types or none at all: the HTTP status decides.
    (412, {"type": "about:blank"}, "dossier", "Hồ sơ đã được người khác cập nhật"),
    (409, None, "report", "Trạng thái hiện tại không cho phép thao tác này"),
    (403, {}, "report", "Vai trò của bạn không được phép thực hiện thao tác này"),
    (418, {"type": BASE + "teapot"}, "report", "Máy chủ từ chối thao tác (mã 418)"),
])
def test_conflicts_are_explained_in_vietnamese(status: int, problem: dict[str, Any] | None, kind: str,
                                               expected: str) -> None:
    assert problems.reason_text(refused(status, problem, kind)) == expected


def test_validation_names_the_fields_in_words() -> None:
    action = refused(422, {"type": BASE + "validation", "detail": "reason_text: required",
                           "errors": [{"field": "reason_text", "message": "bắt buộc"},
                                      {"field": "x_new_field", "message": ""}]}, state=ActionState.FAILED)
    assert problems.reason_text(action) == "Dữ liệu không hợp lệ: nội dung lý do (bắt buộc); x_new_field"
    no_errors = refused(422, {"type": BASE + "validation", "detail": "body: quá dài"}, state=ActionState.FAILED)
    assert problems.reason_text(no_errors) == "Dữ liệu không hợp lệ: body: quá dài"
    bare = refused(422, {}, state=ActionState.FAILED)
    assert problems.reason_text(bare) == "Dữ liệu không hợp lệ"


def test_only_a_vanished_item_cannot_be_reapplied() -> None:
    assert problems.is_gone(refused(404, {"type": BASE + "gone"}))
    assert problems.is_gone(refused(404, None))
    assert not problems.is_gone(refused(412, {"type": BASE + "version-conflict"}))
    assert not problems.is_gone(refused(404, None, state=ActionState.FAILED))


def test_a_waiting_action_has_no_reason() -> None:
    assert problems.reason_text(refused(0, None, state=ActionState.PENDING)) == ""


def test_the_servers_words_are_kept_for_the_details() -> None:
    action = refused(412, {"type": BASE + "version-conflict", "title": "Phiên bản đã cũ",
                           "detail": "phiên bản hiện tại là 7"})
    assert problems.server_words(action) == "Phiên bản đã cũ — phiên bản hiện tại là 7 (HTTP 412)"
