"""Sandbox actions over real HTTP: every action type, the error answers and their precedence, idempotent replay."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from triage_desktop.core.rebase import only_own_effect
from triage_desktop.sandbox.server import SandboxServer

PROBLEMS = "https://triage.example/problems/"


class Client:
    """A logged-in officer's view of the sandbox."""

    def __init__(self, server: SandboxServer, username: str) -> None:
        self.base = server.url
        self.http = requests.Session()
        answer = self.http.post(f"{self.base}/auth/login", json={"username": username, "password": "demo123"},
                                timeout=30)
        answer.raise_for_status()
        self.user = answer.json()["user"]
        self.http.headers["Authorization"] = "Bearer " + answer.json()["access_token"]

    def act(self, kind: str, item_id: str, body: dict[str, Any], version: int | None = None,
            key: str | None = None, headers: dict[str, str] | None = None) -> requests.Response:
        sent = {"Idempotency-Key": key or str(uuid.uuid4()), **(headers or {})}
        if version is not None:
            sent["If-Match"] = f'"{version}"'
        return self.http.post(f"{self.base}/{kind}s/{item_id}/actions", json=body, headers=sent, timeout=30)

    def upload(self, data: bytes, name: str, content_type: str = "image/png", key: str | None = None
               ) -> requests.Response:
        headers = {"Idempotency-Key": key or str(uuid.uuid4()), "Content-Type": content_type,
                   "X-Filename": requests.utils.quote(name, safe="")}
        return self.http.post(f"{self.base}/uploads", data=data, headers=headers, timeout=30)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "sandbox.sqlite3", reports=40, dossiers=12, seed=5) as srv:
        yield srv


@pytest.fixture
def login(server: SandboxServer) -> Iterator[Callable[[str], Client]]:
    clients: list[Client] = []

    def make(username: str = "lanhdao") -> Client:
        clients.append(Client(server, username))
        return clients[-1]

    yield make
    for client in clients:
        client.http.close()


def first(server: SandboxServer, kind: str, status: str) -> dict[str, Any]:
    return next(a for a in server.all_aggregates(kind) if a["status"] == status)


def ok(answer: requests.Response, before: dict[str, Any], action_type: str) -> dict[str, Any]:
    """Check a 200 the way a client relies on it: version up, one new event, and only that action's effect."""
    assert answer.status_code == 200, answer.text
    body = answer.json()
    after, event = body["aggregate"], body["event"]
    assert after["version"] > before["version"]
    assert after["events"][-1] == event and len(after["events"]) == len(before["events"]) + 1
    assert after["updated_at"] >= before["updated_at"]
    if action_type not in ("transfer", "merge"):
        assert only_own_effect(before, after, action_type, event), action_type
    return after


def problem(answer: requests.Response, status: int, name: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["Content-Type"].split(";")[0] == "application/problem+json"
    body = answer.json()
    assert body["type"] == PROBLEMS + name and body["status"] == status and body["title"]
    return body


# --- happy paths ----------------------------------------------------------------------------------------

def test_report_life_cycle_through_every_report_action(server: SandboxServer, login) -> None:
    leader, officer = login("lanhdao"), login("canbo1")
    report = first(server, "report", "new")
    rid = report["id"]
    report = ok(leader.act("report", rid, {"type": "acknowledge"}, report["version"]), report, "acknowledge")
    assert report["status"] == "acknowledged" and report["events"][-1]["visibility"] == "public"
    report = ok(officer.act("report", rid, {"type": "assign", "assignee_id": officer.user["id"]}, report["version"]),
                report, "assign")
    assert report["assignee_id"] == officer.user["id"]

    note = ok(officer.act("report", rid, {"type": "note", "body": "Đã liên hệ Điện lực"}), report, "note")
    assert note["events"][-1]["visibility"] == "internal" and note["events"][-1]["type"] == "note"
    photo = officer.upload(b"\x89PNG\r\n\x1a\n fake but accepted", "ảnh sau khi xử lý.png").json()
    report = ok(officer.act("report", rid, {"type": "reply", "body": "Cảm ơn ông/bà.", "attachment_ids": [photo["id"]]}),
                note, "reply")
    assert report["events"][-1]["visibility"] == "public"
    assert report["events"][-1]["data"]["attachment_ids"] == [photo["id"]]

    report = ok(officer.act("report", rid, {"type": "set_priority", "priority": "urgent"}, report["version"]),
                report, "set_priority")
    assert report["priority"] == "urgent"
    for status in ("in_progress", "resolved"):
        report = ok(officer.act("report", rid, {"type": "set_status", "status": status}, report["version"]),
                    report, "set_status")
    reopen = {"type": "set_status", "status": "in_progress"}
    problem(officer.act("report", rid, reopen, report["version"]), 422, "validation")  # reopening needs a reason
    report = ok(officer.act("report", rid, {**reopen, "reason_text": "Cây lại đổ tiếp"}, report["version"]),
                report, "set_status")
    assert report["events"][-1]["body"] == "Cây lại đổ tiếp"
    for status in ("resolved", "closed"):
        report = ok(leader.act("report", rid, {"type": "set_status", "status": status}, report["version"]),
                    report, "set_status")
    assert report["status"] == "closed" and report["closed_at"]
    assert server.aggregate("report", rid) == report


def test_report_rejection_needs_reason_and_text(server: SandboxServer, login) -> None:
    leader = login()
    report = first(server, "report", "new")
    answer = leader.act("report", report["id"], {"type": "set_status", "status": "rejected"}, report["version"])
    fields = {e["field"] for e in problem(answer, 422, "validation")["errors"]}
    assert fields == {"reason", "reason_text"}
    body = {"type": "set_status", "status": "rejected", "reason": "spam", "reason_text": "Nội dung quảng cáo"}
    rejected = ok(leader.act("report", report["id"], body, report["version"]), report, "set_status")
    assert rejected["status"] == "rejected" and rejected["events"][-1]["data"]["reason"] == "spam"


def test_dossier_life_cycle_through_every_dossier_action(server: SandboxServer, login) -> None:
    clerk, leader, officer = login("motcua"), login("lanhdao"), login("canbo2")
    dossier = first(server, "dossier", "submitted")
    did = dossier["id"]
    dossier = ok(clerk.act("dossier", did, {"type": "acknowledge"}, dossier["version"]), dossier, "acknowledge")
    assert (dossier["status"], dossier["dvc_code"]) == ("received", 2) and dossier["received_at"]
    dossier = ok(leader.act("dossier", did, {"type": "assign", "assignee_id": officer.user["id"]},
                            dossier["version"]), dossier, "assign")
    dossier = ok(officer.act("dossier", did, {"type": "set_status", "status": "processing"}, dossier["version"]),
                 dossier, "set_status")
    assert dossier["dvc_code"] == 4
    dossier = ok(officer.act("dossier", did, {"type": "request_supplement", "body": "Thiếu giấy tờ",
                                              "documents": ["Bản sao CCCD của cha"]}, dossier["version"]),
                 dossier, "request_supplement")
    assert (dossier["status"], dossier["dvc_code"]) == ("awaiting_supplement", 5)
    assert dossier["events"][-1]["type"] == "supplement_requested"

    dossier = server.server_act("dossier", did, "supplement_received")  # the citizen brings the papers
    assert dossier["status"] == "processing" and dossier["events"][-1]["author_id"] is None
    dossier = ok(clerk.act("dossier", did, {"type": "request_fee", "amount_vnd": 15000, "body": "Lệ phí"},
                           dossier["version"]), dossier, "request_fee")
    assert dossier["dvc_code"] == 6
    dossier = server.server_act("dossier", did, "fee_paid")

    later = "2099-01-05T17:00:00+07:00"
    dossier = ok(officer.act("dossier", did, {"type": "extend", "new_due_at": later,
                                              "apology_letter": "Xin lỗi ông/bà vì sự chậm trễ."}, dossier["version"]),
                 dossier, "extend")
    assert dossier["due_at"] == later and dossier["events"][-1]["visibility"] == "public"
    dossier = ok(officer.act("dossier", did, {"type": "set_status", "status": "resolved"}, dossier["version"]),
                 dossier, "set_status")
    result = clerk.upload(b"%PDF-1.4 ket qua", "Giấy khai sinh.pdf", "application/pdf").json()
    dossier = ok(clerk.act("dossier", did, {"type": "return_result", "body": "Đã trả kết quả",
                                            "attachment_ids": [result["id"]]}, dossier["version"]),
                 dossier, "return_result")
    assert (dossier["status"], dossier["dvc_code"]) == ("returned", 10) and dossier["returned_at"]
    assert result["id"] in [a["id"] for a in dossier["attachments"]]


def test_clerk_may_refuse_a_dossier_at_intake(server: SandboxServer, login) -> None:
    clerk = login("motcua")
    dossier = first(server, "dossier", "submitted")
    body = {"type": "set_status", "status": "rejected", "reason_text": "Không thuộc thẩm quyền"}
    rejected = ok(clerk.act("dossier", dossier["id"], body, dossier["version"]), dossier, "set_status")
    assert (rejected["status"], rejected["dvc_code"]) == ("rejected", 3)


def test_transfer_moves_the_report_out_of_the_unit(server: SandboxServer, login) -> None:
    leader = login()
    report = first(server, "report", "new")
    body = {"type": "transfer", "unit_id": "w_0102", "reason_text": "Địa điểm thuộc Phường Tân Ninh"}
    moved = ok(leader.act("report", report["id"], body, report["version"]), report, "transfer")
    assert moved["status"] == "transferred" and moved["unit_id"] == "w_0102"
    assert report["id"] not in {a["id"] for a in server.all_aggregates("report")}
    problem(leader.act("report", report["id"], {"type": "note", "body": "còn đó không?"}), 404, "not-found")
    elsewhere = login("lanhdao_p2")
    assert elsewhere.act("report", report["id"], {"type": "note", "body": "Đã nhận"}).status_code == 200


def test_merge_marks_the_duplicate_and_tells_the_original(server: SandboxServer, login) -> None:
    leader = login()
    dup, original = [a for a in server.all_aggregates("report") if a["status"] == "new"][:2]
    problem(leader.act("report", dup["id"], {"type": "merge", "into_id": dup["id"]}, dup["version"]), 422, "validation")
    merged = ok(leader.act("report", dup["id"], {"type": "merge", "into_id": original["id"]}, dup["version"]),
                dup, "merge")
    assert merged["merged_into_id"] == original["id"]
    after = server.aggregate("report", original["id"])
    assert after["version"] == original["version"] + 1
    assert after["events"][-1]["type"] == "merged" and after["events"][-1]["data"]["merged_id"] == dup["id"]
    problem(leader.act("report", dup["id"], {"type": "note", "body": "x"}), 404, "not-found")


# --- refusals -------------------------------------------------------------------------------------------

def test_stale_if_match_is_412_with_the_current_state(server: SandboxServer, login) -> None:
    leader = login()
    report = first(server, "report", "new")
    server.server_act("report", report["id"], "note", body="Đồng nghiệp ghi chú")
    body = problem(leader.act("report", report["id"], {"type": "acknowledge"}, report["version"]), 412,
                   "version-conflict")
    assert body["current"] == server.aggregate("report", report["id"])
    # A note without If-Match never conflicts; with a stale one it does.
    assert leader.act("report", report["id"], {"type": "note", "body": "ok"}).status_code == 200
    problem(leader.act("report", report["id"], {"type": "note", "body": "cũ"}, report["version"]), 412,
            "version-conflict")


def test_move_not_allowed_from_the_current_status_is_409(server: SandboxServer, login) -> None:
    leader = login()
    report = first(server, "report", "closed")
    body = problem(leader.act("report", report["id"], {"type": "acknowledge"}, report["version"]), 409,
                   "invalid-transition")
    assert body["current"]["version"] == report["version"]
    dossier = first(server, "dossier", "submitted")
    problem(leader.act("dossier", dossier["id"], {"type": "return_result", "body": "x"}, dossier["version"]), 409,
            "invalid-transition")


def test_role_rules(server: SandboxServer, login) -> None:
    clerk, officer, leader = login("motcua"), login("canbo1"), login("lanhdao")
    report = first(server, "report", "new")
    problem(officer.act("report", report["id"], {"type": "assign", "assignee_id": "u_03"}, report["version"]), 403,
            "forbidden")
    problem(clerk.act("report", report["id"], {"type": "set_priority", "priority": "high"}, report["version"]), 403,
            "forbidden")
    dossier = first(server, "dossier", "submitted")
    problem(clerk.act("dossier", dossier["id"], {"type": "set_status", "status": "processing"}, dossier["version"]),
            403, "forbidden")
    problem(leader.act("dossier", dossier["id"], {"type": "set_status", "status": "withdrawn"}, dossier["version"]),
            403, "forbidden")
    # Statuses reached only through their own action are not set_status targets.
    problem(leader.act("report", report["id"], {"type": "set_status", "status": "transferred"}, report["version"]),
            422, "validation")
    assert leader.act("report", report["id"], {"type": "assign", "assignee_id": "u_03"},
                      report["version"]).status_code == 200


def test_items_of_another_unit_and_unknown_ids_are_404(server: SandboxServer, login) -> None:
    leader = login()
    theirs = next(a for a in login("lanhdao_p2").http.get(f"{server.url}/changes", timeout=30).json()["changes"])
    problem(leader.act(theirs["kind"], theirs["id"], {"type": "note", "body": "x"}), 404, "not-found")
    problem(leader.act("report", "r_khong_co", {"type": "note", "body": "x"}), 404, "not-found")


def test_validation_lists_every_bad_field_and_missing_headers(server: SandboxServer, login) -> None:
    leader = login()
    dossier = first(server, "dossier", "processing")
    body = {"type": "request_fee", "amount_vnd": -5, "body": ""}
    errors = problem(leader.act("dossier", dossier["id"], body, dossier["version"]), 422, "validation")["errors"]
    assert {e["field"] for e in errors} == {"amount_vnd", "body"}
    no_if_match = leader.act("dossier", dossier["id"], {"type": "acknowledge"})
    assert [e["field"] for e in problem(no_if_match, 422, "validation")["errors"]] == ["If-Match"]
    answer = leader.http.post(f"{server.url}/dossiers/{dossier['id']}/actions", json={"type": "note", "body": "x"},
                              timeout=30)
    assert [e["field"] for e in problem(answer, 422, "validation")["errors"]] == ["Idempotency-Key"]
    problem(leader.act("report", first(server, "report", "new")["id"], {"type": "request_fee"}), 422, "validation")
    problem(leader.act("dossier", dossier["id"], {"type": "fly"}), 422, "validation")


def test_precedence_404_422_403_412_409(server: SandboxServer, login) -> None:
    clerk, leader = login("motcua"), login("lanhdao")
    # 404 beats 422: unknown item, no Idempotency-Key, nonsense body.
    answer = leader.http.post(f"{server.url}/reports/r_none/actions", data=b"{not json", timeout=30)
    problem(answer, 404, "not-found")
    report = first(server, "report", "acknowledged")
    stale = report["version"] - 1
    # 422 beats 403: a clerk may not assign, but the missing field is reported first.
    problem(clerk.act("report", report["id"], {"type": "assign"}, stale), 422, "validation")
    # 403 beats 412.
    problem(clerk.act("report", report["id"], {"type": "set_priority", "priority": "low"}, stale), 403, "forbidden")
    # 412 beats 409: acknowledging an acknowledged report with a stale version.
    problem(leader.act("report", report["id"], {"type": "acknowledge"}, stale), 412, "version-conflict")
    problem(leader.act("report", report["id"], {"type": "acknowledge"}, report["version"]), 409, "invalid-transition")


# --- idempotency ------------------------------------------------------------------------------------------

def test_same_key_same_body_replays_without_applying_again(server: SandboxServer, login) -> None:
    leader = login()
    report = first(server, "report", "new")
    url = f"{server.url}/reports/{report['id']}/actions"
    headers = {"Idempotency-Key": "k-1", "If-Match": f'"{report["version"]}"'}
    first_answer = leader.http.post(url, data='{"type": "set_priority", "priority": "high"}', headers=headers,
                                    timeout=30)
    assert first_answer.status_code == 200
    server.server_act("report", report["id"], "note", body="a colleague, meanwhile")
    again = leader.http.post(url, data='{"priority":"high","type":"set_priority"}', headers=headers, timeout=30)
    assert again.status_code == 200 and again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first_answer.json()  # the answer as it was then
    assert server.aggregate("report", report["id"])["version"] == report["version"] + 2
    entries = [e for e in server.ledger() if e["key"] == "k-1"]
    assert len(entries) == 1
    assert entries[0] == {**entries[0], "user_id": "u_01", "kind": "report", "aggregate_id": report["id"],
                          "type": "set_priority", "status": 200}


def test_a_final_4xx_is_replayed_even_when_it_would_now_succeed(server: SandboxServer, login) -> None:
    leader = login()
    report = first(server, "report", "new")
    body = {"type": "set_status", "status": "in_progress"}
    refused = leader.act("report", report["id"], body, report["version"], key="k-409")
    problem(refused, 409, "invalid-transition")
    acknowledged = server.server_act("report", report["id"], "acknowledge")
    replay = leader.act("report", report["id"], body, report["version"], key="k-409")
    assert replay.status_code == 409 and replay.json() == refused.json()
    assert server.aggregate("report", report["id"]) == acknowledged
    assert all(e["key"] != "k-409" for e in server.ledger())


def test_reusing_a_key_for_another_request_is_422(server: SandboxServer, login) -> None:
    leader = login()
    a, b = [r for r in server.all_aggregates("report") if r["status"] == "new"][:2]
    assert leader.act("report", a["id"], {"type": "note", "body": "một"}, key="k-2").status_code == 200
    problem(leader.act("report", a["id"], {"type": "note", "body": "hai"}, key="k-2"), 422, "idempotency-key-reused")
    problem(leader.act("report", b["id"], {"type": "note", "body": "một"}, key="k-2"), 422, "idempotency-key-reused")
    assert len(server.aggregate("report", a["id"])["events"]) == len(a["events"]) + 1


def test_keys_are_scoped_per_user_and_401_does_not_consume_them(server: SandboxServer, login) -> None:
    leader, officer = login("lanhdao"), login("canbo1")
    report = first(server, "report", "new")
    url = f"{server.url}/reports/{report['id']}/actions"
    denied = requests.post(url, json={"type": "note", "body": "x"}, timeout=30,
                           headers={"Idempotency-Key": "shared", "Authorization": "Bearer nope"})
    problem(denied, 401, "unauthorized")
    assert leader.act("report", report["id"], {"type": "note", "body": "x"}, key="shared").status_code == 200
    assert officer.act("report", report["id"], {"type": "note", "body": "x"}, key="shared").status_code == 200
    assert [e["user_id"] for e in server.ledger() if e["key"] == "shared"] == ["u_01", "u_02"]


def test_uploads_check_type_and_size_and_replay(server: SandboxServer, login) -> None:
    officer = login("canbo1")
    created = officer.upload(b"\xff\xd8\xff demo", "Ảnh \"hiện trường\".jpg", "image/jpeg", key="up-1")
    assert created.status_code == 201
    meta = created.json()
    assert meta["filename"] == 'Ảnh "hiện trường".jpg' and meta["size"] == 8 and meta["origin"] == "officer"
    assert officer.upload(b"\xff\xd8\xff demo", 'Ảnh "hiện trường".jpg', "image/jpeg", key="up-1").json() == meta
    problem(officer.upload(b"#!/bin/sh", "x.sh", "text/x-shellscript"), 415, "unsupported-media-type")
    problem(officer.upload(b"\0" * (20 * 1024 * 1024 + 1), "big.png"), 413, "payload-too-large")
    download = officer.http.get(f"{server.url}/attachments/{meta['id']}", timeout=30)
    assert download.content == b"\xff\xd8\xff demo" and download.headers["ETag"] == f'"{meta["sha256"]}"'
