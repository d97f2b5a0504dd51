"""A ward's March 2026, shaped as central-api.md §4 aggregates, for the record's tests (issue 13).

Every case of the on-time record is here once (see the comments), with a hand-counted EXPECTED beside it: the
tests compare the dashboard, the command line and the Excel file with these numbers, never with the code's.
Written into a real cache through the feed path (Store.apply_page), as a sync writes it.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from tests.ui.seed import CATEGORIES, MEMBERS, UNIT, event, upsert
from triage_desktop.core.record import Period
from triage_desktop.storage.store import Store

PERIOD = Period(date(2026, 3, 1), date(2026, 3, 31))
NOW = datetime(2026, 4, 10, 3, 0, tzinfo=UTC)  # after the period: judged at its end, 31/03 24:00 (+07:00)
PROCEDURES = [
    {"code": "HT-KS", "name": "Đăng ký khai sinh", "processing_working_days": 3, "fee_vnd": 0, "active": True},
    {"code": "CT-BS", "name": "Chứng thực bản sao từ bản chính", "processing_working_days": 3, "fee_vnd": 2000,
     "active": True},
]


def _t(day: str, hour: str = "08:00") -> str:
    return f"2026-{day}T{hour}:00+07:00"


def _dossier(item_id: str, n: int, received: str | None, due: str, status: str, events: list[dict[str, Any]],
             assignee: str | None = None, procedure: str = "HT-KS", **extra: Any) -> dict[str, Any]:
    return {
        "id": item_id, "code": f"000.00.23.H57-2603{n:02d}-{n:04d}", "kind": "dossier", "version": 3,
        "procedure_code": procedure, "channel": "walk_in",
        "applicant": {"name": "Nguyễn Thị Hoà", "id_number": "072190001234", "phone": "0276 3822 111",
                      "address": "5 Trần Hưng Đạo"},
        "summary": f"Hồ sơ số {n}", "status": status, "step": "", "assignee_id": assignee, "unit_id": UNIT,
        "submitted_at": received or _t("03-01"), "received_at": received, "due_at": due,
        "updated_at": events[-1]["at"] if events else _t("03-01"), "paused_working_days": 0, "returned_at": None,
        "fee_vnd": 0, "attachments": [], "events": events, **extra,
    }


def _ack(n: int, at: str) -> dict[str, Any]:
    return event(n, at, "u_21", "acknowledged", {"from": "submitted", "to": "received"}, visibility="public")


def _resolved(n: int, at: str, author: str = "u_17") -> dict[str, Any]:
    return event(n, at, author, "resolved", {"from": "processing", "to": "resolved"}, visibility="public")


def dossiers() -> list[dict[str, Any]]:
    return [
        # On time, although the applicant came for the result after the appointment: the result was ready first.
        _dossier("d_01", 1, _t("03-02"), _t("03-05", "17:00"), "returned", [
            _ack(1, _t("03-02")), _resolved(2, _t("03-04", "10:00")),
            event(3, _t("03-06", "09:00"), "u_21", "result_returned", {"from": "resolved", "to": "returned"},
                  visibility="public")], "u_17", returned_at=_t("03-06", "09:00")),
        # Late: resolved after the appointment.
        _dossier("d_02", 2, _t("03-03"), _t("03-06", "17:00"), "resolved", [
            _ack(1, _t("03-03")), _resolved(2, _t("03-10", "10:00"))], "u_17", "CT-BS"),
        # Open, appointment after the period: open on time.
        _dossier("d_03", 3, _t("03-25"), _t("04-03", "17:00"), "processing", [_ack(1, _t("03-25"))], "u_21"),
        # Open past its appointment, nobody assigned: open late.
        _dossier("d_04", 4, _t("03-10"), _t("03-13", "17:00"), "processing", [_ack(1, _t("03-10"))], None,
                 "CT-BS"),
        # Paused for a supplement: the server moved the appointment from 10/03 to 12/03; resolved 11/03: on time.
        _dossier("d_05", 5, _t("03-05"), _t("03-12", "17:00"), "resolved", [
            _ack(1, _t("03-05")),
            event(2, _t("03-06"), "u_17", "supplement_requested", {"documents": ["Tờ khai"]}, "Bổ sung tờ khai",
                  visibility="public"),
            event(3, _t("03-09"), None, "supplement_received", {"from": "awaiting_supplement", "to": "processing",
                                                                 "paused_working_days": 1}, visibility="public"),
            _resolved(4, _t("03-11", "15:00"))], "u_17", paused_working_days=1),
        # Extended with an apology letter from 19/03 to 24/03, resolved 23/03: on time against the new date.
        _dossier("d_06", 6, _t("03-16"), _t("03-24", "17:00"), "resolved", [
            _ack(1, _t("03-16")),
            event(2, _t("03-18"), "u_21", "extended", {"from": "2026-03-19T10:00:00Z", "to": "2026-03-24T10:00:00Z"},
                  "Xin lỗi ông/bà…", visibility="public"),
            _resolved(3, _t("03-23", "09:00"), "u_21")], "u_21"),
        # Carried over from February, resolved in March after its appointment: late, carried.
        _dossier("d_07", 7, _t("02-25"), _t("03-02", "17:00"), "resolved", [
            _ack(1, _t("02-25")), _resolved(2, _t("03-03", "10:00"))], "u_17"),
        # Settled in February: not in March's record.
        _dossier("d_08", 8, _t("02-10"), _t("02-13", "17:00"), "resolved", [
            _ack(1, _t("02-10")), _resolved(2, _t("02-12"))], "u_17"),
        # Suspended in March: stopped, out of the rates.
        _dossier("d_09", 9, _t("03-12"), _t("03-17", "17:00"), "suspended", [
            _ack(1, _t("03-12")),
            event(2, _t("03-13"), "u_21", "suspended", {"from": "processing", "to": "suspended"}, "Dừng xử lý",
                  visibility="public")], "u_21"),
        # Refused at intake, never received: not counted.
        _dossier("d_10", 10, None, _t("03-20", "17:00"), "rejected", [
            event(1, _t("03-17"), "u_21", "rejected", {"from": "submitted", "to": "rejected"}, "Sai thủ tục",
                  visibility="public")], "u_21"),
        # Received after the period: not counted.
        _dossier("d_11", 11, _t("04-02"), _t("04-07", "17:00"), "received", [_ack(1, _t("04-02"))], "u_21"),
        # Suspended in February: not counted in March.
        _dossier("d_12", 12, _t("02-20"), _t("02-25", "17:00"), "suspended", [
            _ack(1, _t("02-20")),
            event(2, _t("02-21"), "u_21", "suspended", {"from": "processing", "to": "suspended"}, "Dừng",
                  visibility="public")], "u_21"),
        # Resolved only after the period, appointment in it: open late at the period's end.
        _dossier("d_13", 13, _t("03-20"), _t("03-25", "17:00"), "resolved", [
            _ack(1, _t("03-20")), _resolved(2, _t("04-03"), "u_21")], "u_21"),
        # Still waiting for a supplement at the period's end, its appointment (26/03) before it: the clock is
        # paused (§4: the server moves due_at only when the citizen answers), so open on time, not late.
        _dossier("d_14", 14, _t("03-23"), _t("03-26", "17:00"), "awaiting_supplement", [
            _ack(1, _t("03-23")),
            event(2, _t("03-24"), "u_21", "supplement_requested", {"documents": ["Tờ khai"]}, "Bổ sung tờ khai",
                  visibility="public")], "u_21"),
    ]


def _report(item_id: str, n: int, category: str, submitted: str, status: str, events: list[dict[str, Any]],
            due: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": item_id, "code": f"PA-2026-{n:06d}", "kind": "report", "version": 2, "channel": "hotline",
        "category_code": category, "title": f"Phản ánh số {n}", "description": "Đèn đường hỏng.",
        "location": {"lat": 11.31, "lon": 106.09, "address": "12 Đường 30/4"},
        "citizen": {"name": "Lê Đình Tâm", "phone": "0905 123 456", "contact_allowed": True},
        "status": status, "priority": "normal", "assignee_id": "u_17", "unit_id": UNIT,
        "submitted_at": submitted, "updated_at": events[-1]["at"], "due_at": due, "closed_at": None,
        "citizen_rating": None, "attachments": [],
        "events": [event(0, submitted, None, "submitted", visibility="public"), *events], **extra,
    }


def reports() -> list[dict[str, Any]]:
    """Office hours 07:00–11:30, 13:30–17:00 (8 h a working day); no holiday in March 2026."""
    return [
        # Acknowledged after 2 h (0.25 day), resolved after 8 working hours (1.0 day): within 2 days.
        _report("r_01", 1, "CAY_XANH", _t("03-02"), "closed", [
            event(1, _t("03-02", "10:00"), "u_17", "acknowledged", {"to": "acknowledged"}, visibility="public"),
            event(2, _t("03-02", "10:30"), "u_17", "note", body="Đã gọi đội cây xanh"),
            event(3, _t("03-03"), "u_17", "resolved", {"to": "resolved"}, visibility="public"),
            event(4, _t("03-05"), "u_17", "status_changed", {"from": "resolved", "to": "closed"},
                  visibility="public")], _t("03-04", "17:00"), closed_at=_t("03-05")),
        # First reply after 1 day, resolved after 4 days: past the 2-day target.
        _report("r_02", 2, "CAY_XANH", _t("03-02"), "resolved", [
            event(1, _t("03-03"), "u_17", "reply", {"attachment_ids": []}, "Đã tiếp nhận", visibility="public"),
            event(2, _t("03-06"), "u_17", "resolved", {"to": "resolved"}, visibility="public")],
            _t("03-04", "17:00")),
        # No answer, still new at the period's end after 4.875 working days: past the target.
        _report("r_03", 3, "CAY_XANH", _t("03-25"), "new", [
            event(1, _t("03-25", "08:05"), "u_01", "note", body="Chuyển tổ cây xanh")], _t("03-27", "17:00")),
        # Acknowledged after 1 h (0.125 day), open 1.875 days at the end: inside its 3 days, not judged yet.
        _report("r_04", 4, "CHIEU_SANG", _t("03-30"), "acknowledged", [
            event(1, _t("03-30", "09:00"), "u_17", "acknowledged", {"to": "acknowledged"}, visibility="public")],
            _t("04-02", "17:00")),
        # Rejected after 1 h: a response (0.125 day), but stopped: out of the target share.
        _report("r_05", 5, "CHIEU_SANG", _t("03-10", "09:00"), "rejected", [
            event(1, _t("03-10", "10:00"), "u_17", "rejected", {"to": "rejected", "reason": "duplicate"},
                  "Trùng phản ánh", visibility="public")], _t("03-13", "17:00")),
        # Resolved after 2 h, reopened, resolved again after 3 working days: past the 2-day target.
        _report("r_06", 6, "CAY_XANH", _t("03-04"), "resolved", [
            event(1, _t("03-04", "10:00"), "u_17", "resolved", {"to": "resolved"}, visibility="public"),
            event(2, _t("03-05"), "u_01", "status_changed", {"from": "resolved", "to": "in_progress"},
                  "Chưa xử lý triệt để", visibility="public"),
            event(3, _t("03-09"), "u_17", "resolved", {"to": "resolved"}, visibility="public")],
            _t("03-06", "17:00")),
    ]


# Hand-counted from the comments above (dossiers, March 2026, judged at 31/03 24:00):
# received in March: d_01–d_06, d_09, d_13, d_14 (9; d_10 never received, d_11 in April); carried: d_07 (1).
# on time d_01, d_05, d_06 (3); late d_02, d_07 (2); open on time d_03, d_14 (2: d_14's clock is paused);
# open late d_04, d_13 (2); stopped d_09 (1); extended d_06 (1); paused d_05, d_14 (2).
# Late rate (late + open late) ÷ (settled + open) = 4 ÷ 9.
EXPECTED_DOSSIERS = {
    "received": 9, "carried": 1, "on_time": 3, "late": 2, "open_on_time": 2, "open_late": 2, "stopped": 1,
    "extended": 1, "paused": 2, "late_rate": 4 / 9, "on_time_rate": 5 / 9,
}
EXPECTED_BY_OFFICER = {  # (on time, late, open on time, open late, stopped)
    "u_17": (2, 2, 0, 0, 0), "u_21": (1, 0, 2, 1, 1), "": (0, 0, 0, 1, 0),
}
EXPECTED_BY_PROCEDURE = {"HT-KS": (3, 1, 2, 1, 1), "CT-BS": (0, 1, 0, 1, 0)}
EXPECTED_REPORTS = {  # per category: statuses, medians (working days), within and past the target
    "CAY_XANH": {"by_status": {"closed": 1, "resolved": 2, "new": 1}, "response": 0.25, "resolution": 3.0,
                 "within": 1, "past": 3, "share": 0.25},
    "CHIEU_SANG": {"by_status": {"acknowledged": 1, "rejected": 1}, "response": 0.125, "resolution": None,
                   "within": 0, "past": 0, "share": None},
}
EXPECTED_REPORTS_TOTAL = {"received": 6, "response": 0.25, "resolution": 3.0, "share": 0.25}


def seed(store: Store, *, login: bool = True) -> None:
    """The month's items and reference lists, written as a sync writes them; `login`: a leader logged in."""
    store.apply_page([upsert(item) for item in [*dossiers(), *reports()]], "cursor-record")
    for name, data in (("members", MEMBERS), ("categories", CATEGORIES), ("procedures", PROCEDURES)):
        store.put_reference(name, None, data)
    if not login:
        return
    store.set_state("user", json.dumps(MEMBERS[0], ensure_ascii=False))
    store.set_state("server_url", "http://127.0.0.1:9/triage/v1")
