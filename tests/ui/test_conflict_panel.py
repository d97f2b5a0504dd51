"""ConflictPanel on its own: who changed the item and when, in every shape the timeline can take."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QFrame, QLabel

from triage_desktop.core.entities import ActionState, Item, OutboxAction
from triage_desktop.ui.conflict_panel import ConflictPanel, two_lines
from triage_desktop.ui.formatting import format_datetime

MEMBERS = {"u_01": "Nguyễn Thị Hồng", "u_03": "Lê Minh Châu"}


def action(state: ActionState = ActionState.CONFLICT, status: int = 412, kind: str = "dossier",
           problem: dict[str, Any] | None = None) -> OutboxAction:
    return OutboxAction(local_id=7, kind=kind, aggregate_id="d_1", type="set_status",
                        payload={"status": "resolved", "reason_text": "Đã ký <b>"}, idempotency_key="k",
                        base_version=3, state=state, created_at="2026-03-02T01:00:00Z", error_status=status,
                        problem=problem if problem is not None else {"type": "x/version-conflict"})


def event(at: str, author: str | None, type_: str = "note") -> dict[str, Any]:
    return {"id": f"e_{at}", "at": at, "author_id": author, "type": type_, "visibility": "internal",
            "body": None, "data": {}}


def dossier(events: list[dict[str, Any]], **fields: Any) -> Item:
    data = {"id": "d_1", "code": "000.00.23.H57-260302-0001", "status": "processing", "assignee_id": "u_03",
            "step": "Trình ký lãnh đạo", "events": events, **fields}
    return Item("dossier", "d_1", 4, data)


def panel(qtbot, item: Item | None, refused: OutboxAction | None = None) -> ConflictPanel:
    widget = ConflictPanel(refused or action(), item, MEMBERS)
    qtbot.addWidget(widget)
    return widget


def updated_by(widget: ConflictPanel) -> str:
    return widget.findChild(QLabel, "conflictUpdatedBy").text()


def test_the_newest_event_names_the_colleague_whatever_the_offsets(qtbot) -> None:
    # 09:15+07:00 is 02:15Z: later than 02:00Z although it sorts first as text.
    item = dossier([event("2026-03-02T02:00:00Z", "u_03"), event("2026-03-02T09:15:00+07:00", "u_01")])
    widget = panel(qtbot, item)
    assert updated_by(widget) == f"Hồ sơ đã được Nguyễn Thị Hồng cập nhật lúc {format_datetime('2026-03-02T02:15:00Z')}"
    server = [label.text() for label in widget.findChild(QFrame, "conflictServer").findChildren(QLabel)]
    assert server[1:] == [updated_by(widget), "Trạng thái: Đang xử lý", "Người xử lý: Lê Minh Châu",
                          "Bước xử lý: Trình ký lãnh đạo"]
    wanted = [label.text() for label in widget.findChild(QFrame, "conflictWanted").findChildren(QLabel)]
    assert "→ Đã xử lý xong\nĐã ký <b>" in wanted
    assert all(label.textFormat().name == "PlainText" for label in widget.findChildren(QLabel))


@pytest.mark.parametrize(("events", "fields", "expected"), [
    ([event("2026-03-02T02:00:00Z", None, "supplement_received")], {}, "Hồ sơ đã được công dân cập nhật lúc {t}"),
    ([event("2026-03-02T02:00:00Z", None, "status_changed")], {}, "Hồ sơ đã được hệ thống cập nhật lúc {t}"),
    ([event("2026-03-02T02:00:00Z", "u_99")], {}, "Hồ sơ đã được u_99 cập nhật lúc {t}"),
    ([event("2026-03-02T02:00:00Z", None, "submitted")], {}, "Hồ sơ được gửi lúc {t}, chưa có cập nhật nào"),
    ([event("not a time", "u_01")], {"updated_at": "2026-03-02T02:00:00Z"}, "Hồ sơ đã được cập nhật lúc {t}"),
    ([], {}, "Hồ sơ đã được cập nhật"),
])
def test_who_and_when_in_every_case(qtbot, events: list[dict[str, Any]], fields: dict[str, Any],
                                    expected: str) -> None:
    widget = panel(qtbot, dossier(events, **fields))
    assert updated_by(widget) == expected.format(t=format_datetime("2026-03-02T02:00:00Z"))


def test_a_vanished_item_can_only_be_discarded(qtbot) -> None:
    widget = panel(qtbot, None, action(status=404, problem={"type": "https://triage.example/problems/gone"}))
    assert widget.retry_button is None and widget.discard_button.isEnabled()
    assert widget.findChild(QLabel, "conflictReason").text() == \
        "Không còn thuộc đơn vị (đã chuyển đi, gộp, rút hoặc xóa)"
    assert widget.findChild(QLabel, "conflictUpdatedBy") is None


def test_the_buttons_ask_for_this_action(qtbot) -> None:
    widget = panel(qtbot, dossier([]), action(state=ActionState.FAILED, status=422, problem={}))
    assert widget.findChild(QLabel, "stateBadge").text() == "Lỗi"
    with qtbot.waitSignal(widget.retryRequested) as retried:
        widget.retry_button.click()
    with qtbot.waitSignal(widget.discardRequested) as discarded:
        widget.discard_button.click()
    assert retried.args == [7] and discarded.args == [7]


def test_long_labels_break_near_the_middle() -> None:
    assert two_lines("Áp dụng lại trên phiên bản mới") == "Áp dụng lại trên\nphiên bản mới"
    assert two_lines("Re-apply on the new version") == "Re-apply on the\nnew version"
    assert two_lines("Discard") == "Discard"
