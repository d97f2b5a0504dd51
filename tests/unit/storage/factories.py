"""Server-shaped reports, dossiers and feed changes for the storage tests (central-api.md §4, §5)."""

from __future__ import annotations

import zlib
from typing import Any


def report(item_id: str = "r_1", version: int = 1, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item_id, "code": f"PA-2026-{zlib.crc32(item_id.encode()) % 1_000_000:06d}", "kind": "report",
        "version": version, "channel": "zalo_mini_app", "category_code": "CAY_XANH",
        "title": "Cây đổ chắn đường", "description": "Cây xanh trước số 12 bị gió quật ngã.",
        "location": {"lat": 11.3101, "lon": 106.0982, "address": "12 Đường 30/4, Phường 1"},
        "citizen": {"name": "Lê Đình Tâm", "phone": "0905 123 456", "contact_allowed": True},
        "status": "new", "priority": "normal", "assignee_id": None, "unit_id": "w_0101",
        "submitted_at": "2026-03-02T08:15:00+07:00", "updated_at": "2026-03-02T08:15:00+07:00",
        "due_at": "2026-03-09T17:00:00+07:00", "closed_at": None, "citizen_rating": None,
        "attachments": [], "events": [{"id": "e_1", "at": "2026-03-02T08:15:00+07:00", "author_id": None,
                                       "type": "submitted", "visibility": "public", "body": None, "data": {}}],
    }
    data.update(fields)
    return data


def dossier(item_id: str = "d_1", version: int = 1, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item_id, "code": "000.00.23.H57-260302-0001", "kind": "dossier", "version": version,
        "procedure_code": "HT-KS", "channel": "online",
        "applicant": {"name": "Nguyễn Thị Hoà", "id_number": "072190001234", "phone": "0276 3822 111",
                      "address": "5 Trần Hưng Đạo"},
        "summary": "Đăng ký khai sinh cho con", "status": "submitted", "step": "", "assignee_id": None,
        "unit_id": "w_0101", "submitted_at": "2026-03-02T09:00:00+07:00", "received_at": None,
        "due_at": "2026-03-05T17:00:00+07:00", "updated_at": "2026-03-02T09:00:00+07:00",
        "paused_working_days": 0, "returned_at": None, "fee_vnd": 0, "attachments": [], "events": [],
    }
    data.update(fields)
    return data


def upsert(data: dict[str, Any]) -> dict[str, Any]:
    return {"kind": data["kind"], "op": "upsert", "id": data["id"], "version": data["version"], "data": data}


def delete(kind: str, item_id: str, version: int) -> dict[str, Any]:
    return {"kind": kind, "op": "delete", "id": item_id, "version": version}


def event(event_id: str, event_type: str = "note", **fields: Any) -> dict[str, Any]:
    return {"id": event_id, "at": "2026-03-02T10:00:00+07:00", "author_id": "u_17", "type": event_type,
            "visibility": "internal", "body": None, "data": {}, **fields}
