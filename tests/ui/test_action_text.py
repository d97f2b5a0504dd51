"""How a queued action reads in the timeline and the conflict panel: where it points, then what was written."""

from __future__ import annotations

from typing import Any

import pytest

from triage_desktop.core.entities import ActionState, OutboxAction
from triage_desktop.ui.action_text import payload_summary
from triage_desktop.ui.formatting import format_datetime, format_vnd

MEMBERS = {"u_17": "Trần Văn Bình"}
UNITS = {"d_dl": "Điện lực Tây Ninh"}


def action(action_type: str, **payload: Any) -> OutboxAction:
    return OutboxAction(1, "report", "r_1", action_type, {"type": action_type, **payload}, "key", 3,
                        ActionState.PENDING, "2026-03-02T01:00:00Z")


@pytest.mark.parametrize(("queued", "reads"), [
    (action("assign", assignee_id="u_17"), "→ Trần Văn Bình"),
    (action("transfer", unit_id="d_dl", reason_text="Thuộc Điện lực"), "→ Điện lực Tây Ninh\nThuộc Điện lực"),
    (action("transfer", unit_id="w_9", reason_text="Khác"), "→ w_9\nKhác"),  # a unit the cache does not know
    (action("request_fee", amount_vnd=20000, body="Đề nghị nộp lệ phí"), f"{format_vnd(20000)}\nĐề nghị nộp lệ phí"),
    (action("extend", new_due_at="2026-03-20T10:00:00+07:00", apology_letter="Xin lỗi ông/bà"),
     f"→ {format_datetime('2026-03-20T10:00:00+07:00')}\nXin lỗi ông/bà"),
    (action("note", body="Đã gọi điện"), "Đã gọi điện"),
])
def test_summaries(queued: OutboxAction, reads: str) -> None:
    assert payload_summary(queued, "report", MEMBERS, UNITS) == reads


def test_a_merge_names_the_original_by_its_code() -> None:
    def code_of(kind: str, item_id: str) -> str | None:
        return {("report", "r_9"): "PA-2026-000009"}.get((kind, item_id))

    assert payload_summary(action("merge", into_id="r_9"), "report", MEMBERS, UNITS, code_of) == "→ PA-2026-000009"
    assert payload_summary(action("merge", into_id="r_x"), "report", MEMBERS, UNITS, code_of) == "→ r_x"
