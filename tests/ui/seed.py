"""Server-shaped data for the window tests, written into a real cache through the feed path (Store.apply_page)."""

from __future__ import annotations

import json
from typing import Any

from triage_desktop.storage.store import Store

UNIT = "w_0101"
LEADER = {"id": "u_01", "username": "lanhdao", "full_name": "Nguyễn Thị Hồng", "unit_id": UNIT, "roles": ["leader"]}
OFFICER = {"id": "u_17", "username": "canbo1", "full_name": "Trần Văn Bình", "unit_id": UNIT, "roles": ["officer"]}
CLERK = {"id": "u_21", "username": "motcua", "full_name": "Lê Thị Mai", "unit_id": UNIT, "roles": ["clerk"]}
MEMBERS = [LEADER, OFFICER, CLERK]
CATEGORIES = [{"code": "CAY_XANH", "name": "Cây xanh", "sla_working_days": 2, "active": True},
              {"code": "CHIEU_SANG", "name": "Chiếu sáng công cộng", "sla_working_days": 3, "active": True}]
PROCEDURES = [{"code": "HT-KS", "name": "Đăng ký khai sinh", "processing_working_days": 3, "fee_vnd": 0,
               "active": True}]
TEMPLATES = [{"id": "t_1", "kind": "reply", "title": "Đã tiếp nhận",
              "body": "Kính gửi {citizen_name}, phản ánh {code} đã được {unit_name} tiếp nhận, hạn {due_date}. "
                      "Cán bộ: {officer_name}. {unknown}"},
             {"id": "t_2", "kind": "supplement", "title": "Thiếu giấy tờ", "body": "Hồ sơ {code} cần bổ sung."}]
UNITS = [{"id": UNIT, "name": "UBND Phường 1", "parent_id": "p_72", "kind": "ward"}]

HOSTILE_TITLE = "<b>x</b><img src=x>"


def report(item_id: str, n: int, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item_id, "code": f"PA-2026-{n:06d}", "kind": "report", "version": 1, "channel": "zalo_mini_app",
        "category_code": "CAY_XANH" if n % 2 else "CHIEU_SANG",
        "title": f"Cây đổ chắn đường số {n}", "description": "Cây xanh trước số 12 bị gió quật ngã, chắn lối đi.",
        "location": {"lat": 11.3101, "lon": 106.0982, "address": f"{n} Đường 30/4, Phường 1"},
        "citizen": {"name": "Lê Đình Tâm", "phone": "0905 123 456", "contact_allowed": True},
        "status": "new", "priority": "normal", "assignee_id": None, "unit_id": UNIT,
        "submitted_at": f"2026-03-{1 + n % 28:02d}T08:{n % 60:02d}:00+07:00",
        "updated_at": f"2026-03-{1 + n % 28:02d}T08:{n % 60:02d}:00+07:00",
        "due_at": "2026-03-09T17:00:00+07:00", "closed_at": None, "citizen_rating": None,
        "attachments": [], "events": [
            {"id": "e_1", "at": "2026-03-02T08:15:00+07:00", "author_id": None, "type": "submitted",
             "visibility": "public", "body": None, "data": {}}],
    }
    data.update(fields)
    return data


def dossier(item_id: str, n: int, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item_id, "code": f"000.00.23.H57-260302-{n:04d}", "kind": "dossier", "version": 1,
        "procedure_code": "HT-KS", "channel": "online",
        "applicant": {"name": "Nguyễn Thị Hoà", "id_number": "072190001234", "phone": "0276 3822 111",
                      "address": "5 Trần Hưng Đạo"},
        "summary": f"Đăng ký khai sinh cho con ({n})", "status": "submitted", "dvc_code": 1, "step": "",
        "assignee_id": None, "unit_id": UNIT, "submitted_at": "2026-03-02T09:00:00+07:00", "received_at": None,
        "due_at": "2026-03-05T17:00:00+07:00", "updated_at": "2026-03-02T09:00:00+07:00",
        "paused_working_days": 0, "returned_at": None, "fee_vnd": 0, "attachments": [], "events": [],
    }
    data.update(fields)
    return data


def event(n: int, at: str, author: str | None, type_: str, data: dict[str, Any] | None = None,
          body: str | None = None, visibility: str = "internal") -> dict[str, Any]:
    """One timeline line shaped like central-api.md §4's Event example; `data` as the contract's actions fill it
    (an assignment is {"from", "to"} user ids, never the action's own `assignee_id`)."""
    return {"id": f"e_{n}", "at": at, "author_id": author, "type": type_, "visibility": visibility,
            "body": body, "data": data or {}}


def featured_report() -> dict[str, Any]:
    """The one the tests open: hostile title, photos, internal note and public reply in the timeline."""
    return report(
        "r_featured", 999, title=HOSTILE_TITLE, status="in_progress", priority="high", assignee_id="u_17",
        description="Mô tả <i>có thẻ</i> & ký tự đặc biệt",
        citizen={"name": "<b>Công dân</b>", "phone": "0905 000 111", "contact_allowed": True},
        attachments=[
            {"id": "a_1", "filename": "<img src=x>ảnh hiện trường.jpg", "content_type": "image/jpeg", "size": 245_760,
             "sha256": "0" * 64, "uploaded_at": "2026-03-02T08:15:00+07:00", "origin": "citizen"},
            {"id": "a_2", "filename": "..\\..\\Windows\\CON.png", "content_type": "image/png", "size": 1200,
             "sha256": "1" * 64, "uploaded_at": "2026-03-02T08:16:00+07:00", "origin": "citizen"}],
        events=[
            event(1, "2026-03-02T08:15:00+07:00", None, "submitted", visibility="public"),
            event(2, "2026-03-02T09:00:00+07:00", "u_01", "assigned", {"from": None, "to": "u_17"}),
            event(3, "2026-03-02T10:00:00+07:00", "u_17", "note", body="Đã liên hệ Điện lực <script>"),
            event(4, "2026-03-02T11:00:00+07:00", "u_17", "reply", {"attachment_ids": []},
                  body="Cảm ơn ông/bà đã phản ánh.", visibility="public"),
            event(5, "2026-03-02T12:00:00+07:00", None, "teleported", body="Một loại sự kiện mới",
                  visibility="public"),
        ])


def upsert(data: dict[str, Any]) -> dict[str, Any]:
    return {"kind": data["kind"], "op": "upsert", "id": data["id"], "version": data["version"], "data": data}


def seed_store(store: Store, reports: int = 30, dossiers: int = 8, user: dict[str, Any] = LEADER) -> None:
    """Fill a real cache the way a sync would: feed pages, reference data, the logged-in user."""
    items = [featured_report()]
    for n in range(reports):
        fields: dict[str, Any] = {}
        if n % 3 == 1:
            fields = {"status": "in_progress", "assignee_id": "u_17"}
        elif n % 3 == 2:
            fields = {"status": "acknowledged", "assignee_id": "u_01"}
        items.append(report(f"r_{n:04d}", n, **fields))
    items += [dossier(f"d_{n:04d}", n, **({"status": "processing", "dvc_code": 4, "assignee_id": "u_17"}
                                          if n % 2 else {})) for n in range(dossiers)]
    store.apply_page([upsert(item) for item in items], "cursor-1")
    for name, data in (("members", MEMBERS), ("categories", CATEGORIES), ("procedures", PROCEDURES),
                       ("templates", TEMPLATES), ("units", UNITS)):
        store.put_reference(name, None, data)
    store.set_state("user", json.dumps(user, ensure_ascii=False))
    store.set_state("server_url", "http://127.0.0.1:9/triage/v1")
    store.set_state("last_sync_at", "2026-03-02T03:42:00Z")
