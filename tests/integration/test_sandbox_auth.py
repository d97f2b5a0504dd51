"""Sandbox accounts, reference data, attachments and seed data over real HTTP."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage

from triage_desktop.core import vocabulary as v
from triage_desktop.sandbox.server import SandboxServer

PROBLEMS = "https://triage.example/problems/"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "sandbox.sqlite3", reports=30, dossiers=10, seed=2) as srv:
        yield srv


def login(server: SandboxServer, username: str = "lanhdao", password: str = "demo123") -> requests.Response:
    return requests.post(f"{server.url}/auth/login", json={"username": username, "password": password,
                                                           "device": {"id": "d-1", "name": "PC-01",
                                                                      "app_version": "0.1.0"}}, timeout=30)


def get(server: SandboxServer, path: str, token: str, **headers: str) -> requests.Response:
    return requests.get(f"{server.url}{path}", headers={"Authorization": f"Bearer {token}", **headers}, timeout=30)


@pytest.fixture
def token(server: SandboxServer) -> str:
    return login(server).json()["access_token"]


# --- accounts -----------------------------------------------------------------------------------------

def test_meta_needs_no_login(server: SandboxServer) -> None:
    meta = requests.get(f"{server.url}/meta", timeout=30).json()
    assert meta["province"] == {"code": "72", "name": "Tây Ninh"}
    assert meta["limits"] == {"max_page": 1000, "max_upload_bytes": 20971520, "idempotency_retention_days": 30}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", meta["server_time"])


def test_login_answers_tokens_and_the_user(server: SandboxServer) -> None:
    answer = login(server, "canbo1")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    body = answer.json()
    assert body["expires_in"] == 900 and body["access_token"] and body["refresh_token"]
    assert body["user"] == {"id": "u_02", "username": "canbo1", "full_name": "Trần Văn Bình", "unit_id": "w_0101",
                            "roles": ["officer"]}
    assert get(server, "/me", body["access_token"]).json() == body["user"]


def test_wrong_password_is_401_and_five_failures_lock_the_account(server: SandboxServer) -> None:
    for _ in range(5):
        answer = login(server, "canbo2", "sai")
        assert answer.status_code == 401 and answer.json()["type"] == PROBLEMS + "unauthorized"
    locked = login(server, "canbo2", "demo123")
    assert locked.status_code == 423 and locked.json()["type"] == PROBLEMS + "account-locked"
    assert login(server, "canbo1").status_code == 200  # only that username is locked
    assert login(server, "nobody", "x").status_code == 401


def test_a_success_resets_the_failure_count(server: SandboxServer) -> None:
    for _ in range(4):
        login(server, "motcua", "sai")
    assert login(server, "motcua").status_code == 200
    for _ in range(4):
        login(server, "motcua", "sai")
    assert login(server, "motcua").status_code == 200


def test_refresh_rotates_and_the_old_token_dies_at_once(server: SandboxServer) -> None:
    first = login(server).json()
    url = f"{server.url}/auth/refresh"
    second = requests.post(url, json={"refresh_token": first["refresh_token"]}, timeout=30)
    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"] and rotated["user"]["id"] == "u_01"
    assert requests.post(url, json={"refresh_token": first["refresh_token"]}, timeout=30).status_code == 401
    assert get(server, "/me", rotated["access_token"]).status_code == 200
    assert requests.post(url, json={"refresh_token": rotated["refresh_token"]}, timeout=30).status_code == 200


def test_revoked_refresh_tokens_and_logout(server: SandboxServer) -> None:
    a, b = login(server).json(), login(server, "canbo1").json()
    server.revoke_refresh_tokens()
    url = f"{server.url}/auth/refresh"
    assert requests.post(url, json={"refresh_token": a["refresh_token"]}, timeout=30).status_code == 401
    c = login(server).json()
    out = requests.post(f"{server.url}/auth/logout", headers={"Authorization": f"Bearer {c['access_token']}"},
                        timeout=30)
    assert out.status_code == 204 and out.content == b""
    assert requests.post(url, json={"refresh_token": c["refresh_token"]}, timeout=30).status_code == 401
    assert get(server, "/me", b["access_token"]).status_code == 200  # other sessions live on


def test_expired_or_missing_access_token_is_401(tmp_path: Path) -> None:
    with SandboxServer(db=tmp_path / "s.sqlite3", reports=2, dossiers=1, access_ttl=0) as srv:
        body = login(srv).json()
        assert body["expires_in"] == 0
        expired = get(srv, "/me", body["access_token"])
        assert expired.status_code == 401 and expired.headers["WWW-Authenticate"].startswith("Bearer")
        assert requests.get(f"{srv.url}/me", timeout=30).status_code == 401
        fresh = requests.post(f"{srv.url}/auth/refresh", json={"refresh_token": body["refresh_token"]}, timeout=30)
        assert fresh.status_code == 200


# --- reference data ----------------------------------------------------------------------------------------

def test_reference_lists(server: SandboxServer, token: str) -> None:
    members = get(server, "/members", token).json()
    assert {m["username"] for m in members} == {"lanhdao", "canbo1", "canbo2", "motcua"}
    units = get(server, "/units", token).json()
    assert {"id": "w_0101", "name": "Phường 1", "parent_id": "p_72", "kind": "ward"} in units
    assert {u["kind"] for u in units} == {"province", "ward", "commune", "department"}
    categories = {c["code"]: c for c in get(server, "/categories", token).json()}
    assert categories["CAY_XANH"]["name"] == "Cây xanh" and categories["VE_SINH_MT"]["sla_working_days"] > 0
    procedures = {p["code"]: p for p in get(server, "/procedures", token).json()}
    assert procedures["HT-KS"]["name"] == "Đăng ký khai sinh"
    assert {"CT-XNCT", "CT-BS", "HKD-DK"} <= set(procedures)
    templates = get(server, "/templates", token).json()
    assert {t["kind"] for t in templates} == {"reply", "supplement", "rejection", "apology"}
    assert all("{code}" in t["body"] and "{citizen_name}" in t["body"] for t in templates)


def test_calendar(server: SandboxServer, token: str) -> None:
    cal = get(server, "/calendar?year=2026", token).json()
    assert cal["year"] == 2026 and "2026-01-01" in cal["days_off"] and "2026-02-17" in cal["days_off"]
    assert cal["office_hours"] == [["07:00", "11:30"], ["13:30", "17:00"]]
    assert cal["extra_working_days"]
    assert get(server, "/calendar?year=2099", token).status_code == 404
    assert get(server, "/calendar?year=hai", token).status_code == 422


def test_etag_and_if_none_match(server: SandboxServer, token: str) -> None:
    for path in ("/me", "/members", "/units", "/categories", "/procedures", "/templates", "/calendar?year=2026"):
        first = get(server, path, token)
        etag = first.headers["ETag"]
        again = get(server, path, token, **{"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"", path
        assert get(server, path, token, **{"If-None-Match": '"other"'}).status_code == 200


def test_unknown_paths_and_methods(server: SandboxServer, token: str) -> None:
    missing = get(server, "/nowhere", token)
    assert missing.status_code == 404 and missing.json()["type"] == PROBLEMS + "not-found"
    wrong = requests.delete(f"{server.url}/meta", timeout=30)
    assert wrong.status_code == 405 and wrong.headers["Allow"] == "GET"
    outside = requests.get(server.url.replace("/triage/v1", "/other"), timeout=30)
    assert outside.status_code == 404


# --- attachments ------------------------------------------------------------------------------------------

def test_attachments_are_real_images_with_digest_and_disposition(server: SandboxServer, token: str) -> None:
    attachments = [a for r in server.all_aggregates("report") for a in r["attachments"]]
    kinds = {a["content_type"] for a in attachments}
    assert kinds == {"image/png", "image/jpeg"}
    for meta in {a["content_type"]: a for a in attachments}.values():
        answer = get(server, f"/attachments/{meta['id']}", token)
        assert answer.status_code == 200 and answer.headers["Content-Type"] == meta["content_type"]
        assert hashlib.sha256(answer.content).hexdigest() == meta["sha256"] and len(answer.content) == meta["size"]
        assert answer.headers["ETag"] == f'"{meta["sha256"]}"'
        assert answer.headers["Content-Disposition"].startswith("attachment; filename=")
        image = QImage.fromData(QByteArray(answer.content))
        assert not image.isNull() and image.width() > 0
        assert get(server, f"/attachments/{meta['id']}", token,
                   **{"If-None-Match": answer.headers["ETag"]}).status_code == 304


def test_hostile_file_names_cannot_break_the_header(server: SandboxServer, token: str) -> None:
    name = 'x"\r\nX-Injected: 1\r\n\\..\\ảnh.png'
    created = requests.post(f"{server.url}/uploads", data=b"\x89PNG", timeout=30, headers={
        "Authorization": f"Bearer {token}", "Idempotency-Key": "u-1", "Content-Type": "image/png",
        "X-Filename": requests.utils.quote(name, safe="")}).json()
    assert created["filename"] == name
    answer = get(server, f"/attachments/{created['id']}", token)
    assert "X-Injected" not in answer.headers
    assert "\r" not in answer.headers["Content-Disposition"] and '"x_' in answer.headers["Content-Disposition"]


def test_other_units_attachments_are_404(server: SandboxServer) -> None:
    theirs = login(server, "lanhdao_p2").json()["access_token"]
    ours = server.all_aggregates("report")[0]["attachments"][0]
    assert get(server, f"/attachments/{ours['id']}", theirs).status_code == 404


# --- seed data ----------------------------------------------------------------------------------------------

def test_seeded_reports_look_like_the_contract(server: SandboxServer) -> None:
    reports = server.all_aggregates("report")
    assert len(reports) == 30
    keys = {"id", "code", "kind", "version", "channel", "category_code", "title", "description", "location",
            "citizen", "status", "priority", "assignee_id", "unit_id", "submitted_at", "updated_at", "due_at",
            "closed_at", "citizen_rating", "attachments", "events"}
    for r in reports:
        assert keys <= set(r), keys - set(r)
        assert re.fullmatch(r"PA-\d{4}-\d{6}", r["code"]) and r["channel"] in v.REPORT_CHANNELS
        assert r["status"] in v.REPORT_STATUSES and r["priority"] in v.PRIORITIES
        assert 1 <= len(r["attachments"]) <= 2 and r["version"] == len(r["events"])
        assert r["due_at"] > r["submitted_at"] and r["submitted_at"].endswith("+07:00")
        assert abs(r["location"]["lat"] - 11.31) < 0.05 and abs(r["location"]["lon"] - 106.10) < 0.05
        ats = [e["at"] for e in r["events"]]
        assert ats == sorted(ats) and r["events"][0]["type"] == "submitted"
        assert {e["type"] for e in r["events"]} <= set(v.EVENT_TYPES)
    names = " ".join(r["citizen"]["name"] for r in reports)
    assert "đ" in names.lower()
    assert len({r["status"] for r in reports}) >= 4 and any(r["status"] == "new" for r in reports)


def test_seeded_dossiers_are_consistent(server: SandboxServer) -> None:
    dossiers = server.all_aggregates("dossier")
    assert len(dossiers) == 10
    for d in dossiers:
        assert d["dvc_code"] == v.DVC_CODES[d["status"]]
        assert re.fullmatch(r"\d{12}", d["applicant"]["id_number"])
        assert re.fullmatch(r"000\.00\.23\.H57-\d{6}-\d{4}", d["code"]) and d["step"]
        assert (d["received_at"] is None) == (d["status"] in ("submitted", "rejected"))


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    def snapshot(seed: int, name: str) -> list[dict[str, Any]]:
        with SandboxServer(db=tmp_path / name, reports=15, dossiers=5, seed=seed) as srv:
            return srv.all_aggregates()

    assert snapshot(3, "a.sqlite3") == snapshot(3, "b.sqlite3")
    assert snapshot(3, "a2.sqlite3") != snapshot(4, "c.sqlite3")
