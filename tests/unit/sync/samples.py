"""Contract-shaped JSON for the sync tests (central-api.md §4), built fresh on every call."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

PNG = b"\x89PNG\r\n\x1a\n" + b"tiny"


def report(item_id: str = "r_1", version: int = 3, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item_id, "code": "PA-2026-004211", "kind": "report", "version": version,
        "channel": "zalo_mini_app", "category_code": "CAY_XANH",
        "title": "Cây đổ chắn đường", "description": "Cây xanh trước số 12 đổ chắn ngang đường",
        "location": {"lat": 11.3101, "lon": 106.0982, "address": "12 Đường 30/4, Phường 1"},
        "citizen": {"name": "Lê Đình Tâm", "phone": "0905123123", "contact_allowed": True},
        "status": "new", "priority": "normal", "assignee_id": None, "unit_id": "w_0101",
        "submitted_at": "2026-03-02T08:15:00+07:00", "updated_at": "2026-03-02T08:15:00.250+07:00",
        "due_at": "2026-03-05T17:00:00+07:00", "closed_at": None, "citizen_rating": None,
        "attachments": [{"id": "a_1", "filename": "../../etc/passwd.png", "content_type": "image/png",
                         "size": len(PNG), "sha256": hashlib.sha256(PNG).hexdigest(),
                         "uploaded_at": "2026-03-02T01:15:00Z", "origin": "citizen"}],
        "events": [{"id": "e_1", "at": "2026-03-02T08:15:00+07:00", "author_id": None, "type": "submitted",
                    "visibility": "public", "body": None, "data": {}}],
    }
    data.update(changes)
    return copy.deepcopy(data)


def dossier(item_id: str = "d_1", version: int = 2, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item_id, "code": "000.00.23.H57-260302-0001", "kind": "dossier", "version": version,
        "procedure_code": "HT-KS", "channel": "online",
        "applicant": {"name": "Phạm Thị Đào", "id_number": "072012345678", "phone": "0912345678",
                      "address": "5 Trần Hưng Đạo"},
        "summary": "Đăng ký khai sinh cho con", "status": "processing", "step": "Trình ký lãnh đạo",
        "assignee_id": "u_17", "unit_id": "w_0101", "submitted_at": "2026-03-02T08:15:00+07:00",
        "received_at": "2026-03-02T09:00:00+07:00", "updated_at": "2026-03-02T09:00:00+07:00",
        "due_at": "2026-03-06T17:00:00+07:00", "paused_working_days": 0, "returned_at": None, "fee_vnd": 0,
        "dvc_code": 4, "attachments": [], "events": [],
    }
    data.update(changes)
    return copy.deepcopy(data)


def event(event_id: str = "e_9", kind: str = "note", **changes: Any) -> dict[str, Any]:
    data = {"id": event_id, "at": "2026-03-03T10:00:00Z", "author_id": "u_17", "type": kind,
            "visibility": "internal", "body": "Đã liên hệ điện lực", "data": {}}
    data.update(changes)
    return data


def user(username: str = "canbo1") -> dict[str, Any]:
    return {"id": "u_17", "username": username, "full_name": "Trần Văn Bình", "unit_id": "w_0101",
            "roles": ["officer"]}


def meta(min_client_version: str = "0.1.0") -> dict[str, Any]:
    return {"api_version": "1.3", "server_time": "2026-03-02T08:15:00+07:00",
            "min_client_version": min_client_version, "province": {"code": "72", "name": "Tây Ninh"},
            "limits": {"max_page": 1000, "max_upload_bytes": 20971520, "idempotency_retention_days": 30}}


def login_answer(access: str = "acc-1", refresh: str = "ref-1") -> dict[str, Any]:
    return {"access_token": access, "refresh_token": refresh, "expires_in": 900, "user": user()}


def page(*changes: dict[str, Any], next_cursor: str = "c+1/a=b&c", more: bool = False) -> dict[str, Any]:
    return {"changes": list(changes), "next": next_cursor, "more": more}


def upsert(data: dict[str, Any]) -> dict[str, Any]:
    return {"kind": data["kind"], "op": "upsert", "id": data["id"], "version": data["version"], "data": data}


def delete(kind: str, item_id: str, version: int) -> dict[str, Any]:
    return {"kind": kind, "op": "delete", "id": item_id, "version": version}
