"""ConflictPanel on its own: who changed the item and when, in every shape the timeline can take."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QFrame, QLabel

from triage_desktop.core.entities import ActionState, Item, OutboxAction, User
from triage_desktop.ui.conflict_panel import ConflictPanel, two_lines
from triage_desktop.ui.detail_panel import DetailPanel
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


OFFICER = "u_17"  # the officer whose action was refused
MEMBERS_AND_ME = {**MEMBERS, OFFICER: "Trần Văn Bình"}


def refused(base_version: int, current: dict[str, Any] | None = None, created_at: str = "2026-03-02T03:00:00Z"
            ) -> OutboxAction:
    """A status change queued on `base_version`, refused with 412 and the server's `current` (§6)."""
    problem: dict[str, Any] = {"type": "https://triage.example/problems/version-conflict", "status": 412}
    if current is not None:
        problem["current"] = current
    return OutboxAction(local_id=7, kind="dossier", aggregate_id="d_1", type="set_status",
                        payload={"type": "set_status", "status": "resolved"}, idempotency_key="k",
                        base_version=base_version, state=ActionState.CONFLICT, created_at=created_at,
                        error_status=412, problem=problem)


def officer_sees(qtbot, action: OutboxAction, item: Item) -> str:
    """Who the panel names, as the detail pane builds it for the logged-in officer."""
    detail = DetailPanel()
    qtbot.addWidget(detail)
    detail.set_reference(MEMBERS_AND_ME, {}, {})
    me = User(OFFICER, "canbo1", "Trần Văn Bình", "w_0101", ("officer",))
    detail.show_item(Item(item.kind, item.id, item.version, item.data, pending=(action,)), me)
    [panel] = detail.conflict_panels()
    return updated_by(panel)


def test_the_colleague_is_named_not_the_officer_whose_own_note_went_through(qtbot) -> None:
    # The officer saw version 4 and queued "resolved"; the leader moved the step (version 5); the officer's note,
    # sent without If-Match, went through (version 6); then "resolved" got 412 carrying version 6.
    events = [event("2026-03-02T01:00:00Z", "u_03"),  # seen: it is in version 4
              event("2026-03-02T02:00:00Z", "u_01", "status_changed"),
              event("2026-03-02T04:00:00Z", OFFICER)]
    current = {**dossier(events).data, "version": 6}
    shown = officer_sees(qtbot, refused(4, current), Item("dossier", "d_1", 6, current))
    assert shown == \
        f"Hồ sơ đã được Nguyễn Thị Hồng cập nhật lúc {format_datetime('2026-03-02T02:00:00Z')}"


def test_the_conflicts_own_current_names_the_colleague_when_the_cache_has_moved_on(qtbot) -> None:
    # The feed has since brought later lines (the officer's own note); the conflict's `current` says who caused it.
    current = {**dossier([event("2026-03-02T01:00:00Z", "u_03"), event("2026-03-02T02:00:00Z", "u_01")]).data,
               "version": 5}
    later = {**dossier([*current["events"], event("2026-03-02T05:00:00Z", OFFICER)]).data, "version": 6}
    shown = officer_sees(qtbot, refused(4, current), Item("dossier", "d_1", 6, later))
    assert shown.startswith("Hồ sơ đã được Nguyễn Thị Hồng cập nhật lúc ")


def test_a_change_made_after_queueing_is_named_even_with_an_odd_version_step(qtbot) -> None:
    # A server may raise the version by more than one per change: what came after the officer queued still counts.
    current = {**dossier([event("2026-03-02T01:00:00Z", "u_03"), event("2026-03-02T04:00:00Z", "u_01")]).data,
               "version": 40}
    shown = officer_sees(qtbot, refused(30, current, created_at="2026-03-02T03:00:00Z"),
                           Item("dossier", "d_1", 40, current))
    assert shown.startswith("Hồ sơ đã được Nguyễn Thị Hồng cập nhật lúc ")


def test_when_nobody_else_can_be_named_it_says_so_neutrally(qtbot) -> None:
    # Only the officer's own line is new (whatever else changed left no timeline line): blame no one.
    current = {**dossier([event("2026-03-02T01:00:00Z", "u_03"), event("2026-03-02T04:00:00Z", OFFICER)]).data,
               "version": 6, "updated_at": "2026-03-02T04:30:00Z"}
    shown = officer_sees(qtbot, refused(5, current), Item("dossier", "d_1", 6, current))
    assert shown == f"Hồ sơ đã được cập nhật lúc {format_datetime('2026-03-02T04:30:00Z')}"
