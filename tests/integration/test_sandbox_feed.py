"""The sandbox's change feed over real HTTP: snapshot, paging, cursors, long polling, deletes, 410."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from triage_desktop.sandbox.server import SandboxServer

PROBLEMS = "https://triage.example/problems/"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "sandbox.sqlite3", reports=40, dossiers=12, seed=11) as srv:
        yield srv


def session(server: SandboxServer, username: str = "lanhdao") -> requests.Session:
    http = requests.Session()
    answer = http.post(f"{server.url}/auth/login", json={"username": username, "password": "demo123"}, timeout=30)
    http.headers["Authorization"] = "Bearer " + answer.json()["access_token"]
    return http


@pytest.fixture
def http(server: SandboxServer) -> Iterator[requests.Session]:
    with session(server) as s:
        yield s


def changes(http: requests.Session, server: SandboxServer, **params: Any) -> requests.Response:
    return http.get(f"{server.url}/changes", params=params, timeout=60)


def drain(http: requests.Session, server: SandboxServer, since: str | None = None, limit: int = 500
          ) -> tuple[list[dict[str, Any]], str, int]:
    """Every change up to the first page with more: false; returns (changes, last cursor, pages)."""
    seen: list[dict[str, Any]] = []
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": limit}
        if since is not None:
            params["since"] = since
        answer = changes(http, server, **params)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        seen += page["changes"]
        since, pages = page["next"], pages + 1
        if not page["more"]:
            return seen, since, pages


def act(http: requests.Session, server: SandboxServer, kind: str, item: dict[str, Any], body: dict[str, Any]
        ) -> dict[str, Any]:
    answer = http.post(f"{server.url}/{kind}s/{item['id']}/actions", json=body, timeout=30,
                       headers={"Idempotency-Key": str(uuid.uuid4()), "If-Match": f'"{item["version"]}"'})
    assert answer.status_code == 200, answer.text
    return answer.json()["aggregate"]


def test_snapshot_in_small_pages_is_every_live_aggregate_once(server: SandboxServer, http: requests.Session) -> None:
    seen, _, pages = drain(http, server, limit=7)
    live = server.all_aggregates()
    assert pages == -(-len(live) // 7)
    assert all(c["op"] == "upsert" for c in seen)
    assert sorted((c["kind"], c["id"]) for c in seen) == sorted((a["kind"], a["id"]) for a in live)
    assert {(c["kind"], c["id"]): c["data"] for c in seen} == {(a["kind"], a["id"]): a for a in live}
    assert all(c["version"] == c["data"]["version"] for c in seen)
    assert {c["data"]["unit_id"] for c in seen} == {"w_0101"}


def test_hidden_items_never_appear_in_a_snapshot(server: SandboxServer, http: requests.Session,
                                                 tmp_path: Path) -> None:
    with contextlib.closing(sqlite3.connect(tmp_path / "sandbox.sqlite3")) as db:
        hidden = set(db.execute("SELECT kind, id FROM aggregates WHERE live = 0 OR unit_id != 'w_0101'"))
    assert len(hidden) >= 4  # the seed's merged and transferred-away reports, another ward's items
    seen = {(c["kind"], c["id"]) for c in drain(http, server)[0]}
    assert seen and seen.isdisjoint(hidden)
    with session(server, "lanhdao_p2") as other:
        theirs = drain(other, server)[0]
    assert theirs and {c["data"]["unit_id"] for c in theirs} == {"w_0102"}


def test_cursor_needs_percent_encoding_and_survives_it(server: SandboxServer, http: requests.Session) -> None:
    page = changes(http, server, limit=3).json()
    cursor = page["next"]
    assert all(ch in cursor for ch in "+/=&")
    encoded = changes(http, server, since=cursor, limit=3)  # requests percent-encodes the value
    assert encoded.status_code == 200
    raw = http.get(f"{server.url}/changes?limit=3&since={cursor}", timeout=30)  # a client that forgot to
    assert raw.status_code == 410 and raw.json()["type"] == PROBLEMS + "cursor-expired"
    assert changes(http, server, since="made-up").status_code == 410
    assert changes(http, server, since=cursor[:-6] + "AAAAAA").status_code == 410


def test_cursor_of_one_unit_is_refused_for_another(server: SandboxServer, http: requests.Session) -> None:
    cursor = changes(http, server, limit=2).json()["next"]
    with session(server, "lanhdao_p2") as other:
        assert changes(other, server, since=cursor).status_code == 410


def test_limit_validation_default_and_clamp(tmp_path: Path) -> None:
    with SandboxServer(db=tmp_path / "big.sqlite3", reports=1001, dossiers=0) as big, session(big) as http:
        for bad in ("0", "-1", "abc", "1.5", ""):
            answer = changes(http, big, limit=bad)
            assert answer.status_code == 422, bad
            assert answer.json()["errors"][0]["field"] == "limit"
        assert len(changes(http, big).json()["changes"]) == 500
        clamped = changes(http, big, limit=5000).json()
        assert len(clamped["changes"]) == 1000 and clamped["more"] is True


def test_wait_validation(server: SandboxServer, http: requests.Session) -> None:
    for bad in ("-1", "soon", "nan"):
        assert changes(http, server, wait=bad).status_code == 422, bad


def test_actions_appear_in_the_feed_after_the_snapshot(server: SandboxServer, http: requests.Session) -> None:
    _, cursor, _ = drain(http, server)
    empty = changes(http, server, since=cursor).json()
    assert empty["changes"] == [] and empty["more"] is False
    report = next(a for a in server.all_aggregates("report") if a["status"] == "new")
    after = act(http, server, "report", report, {"type": "set_priority", "priority": "urgent"})
    page = changes(http, server, since=empty["next"]).json()
    assert page["changes"] == [{"kind": "report", "op": "upsert", "id": report["id"], "version": after["version"],
                                "data": after}]


def test_transfer_merge_and_withdrawal_are_deletes_with_the_new_version(server: SandboxServer,
                                                                       http: requests.Session) -> None:
    _, cursor, _ = drain(http, server)
    new = [a for a in server.all_aggregates("report") if a["status"] == "new"]
    moved = act(http, server, "report", new[0], {"type": "transfer", "unit_id": "w_0103", "reason_text": "Sai địa bàn"})
    dup = act(http, server, "report", new[1], {"type": "merge", "into_id": new[2]["id"]})
    waiting = next(a for a in server.all_aggregates("dossier") if a["status"] == "processing")
    waiting = act(http, server, "dossier", waiting, {"type": "request_supplement", "body": "Bổ sung",
                                                     "documents": ["CCCD"]})
    withdrawn = server.server_act("dossier", waiting["id"], "withdraw")
    page, _, _ = drain(http, server, since=cursor)
    by_id: dict[str, list[dict[str, Any]]] = {}
    for change in page:
        by_id.setdefault(change["id"], []).append(change)
    assert by_id[moved["id"]] == [{"kind": "report", "op": "delete", "id": moved["id"], "version": moved["version"]}]
    assert by_id[dup["id"]] == [{"kind": "report", "op": "delete", "id": dup["id"], "version": dup["version"]}]
    assert by_id[new[2]["id"]][-1]["data"]["events"][-1]["type"] == "merged"
    assert by_id[waiting["id"]][-1] == {"kind": "dossier", "op": "delete", "id": waiting["id"],
                                        "version": withdrawn["version"]}
    fresh, _, _ = drain(http, server)
    assert {moved["id"], dup["id"], waiting["id"]}.isdisjoint({c["id"] for c in fresh})
    with session(server, "lanhdao_p2") as p2:
        assert moved["id"] not in {c["id"] for c in drain(p2, server)[0]}  # it went to w_0103, not here


def test_long_poll_is_woken_by_a_new_report(server: SandboxServer, http: requests.Session) -> None:
    _, cursor, _ = drain(http, server)
    result: dict[str, Any] = {}
    started = threading.Event()

    def poll() -> None:
        with session(server) as own:
            started.set()
            result["page"] = changes(own, server, since=cursor, wait=30).json()

    poller = threading.Thread(target=poll)
    poller.start()
    started.wait(10)
    arrived = server.add_report(title="Cây đổ trước chợ")
    poller.join(timeout=25)
    assert not poller.is_alive()
    assert [c["id"] for c in result["page"]["changes"]] == [arrived["id"]]
    assert result["page"]["changes"][0]["data"]["title"] == "Cây đổ trước chợ"


def test_long_poll_ends_empty_when_nothing_changes(server: SandboxServer, http: requests.Session) -> None:
    _, cursor, _ = drain(http, server)
    server.add_report(unit_id="w_0102")  # another unit's news does not answer this poll
    page = changes(http, server, since=cursor, wait="0.3").json()
    assert page["changes"] == [] and page["more"] is False
    assert changes(http, server, since=page["next"]).status_code == 200


def test_expired_cursors_answer_410_and_a_new_snapshot_works(server: SandboxServer, http: requests.Session) -> None:
    _, cursor, _ = drain(http, server, limit=10)
    middle = changes(http, server, limit=5).json()["next"]
    server.expire_cursors()
    for old in (cursor, middle):
        answer = changes(http, server, since=old)
        assert answer.status_code == 410
        assert answer.json()["type"] == PROBLEMS + "cursor-expired"
    seen, fresh, _ = drain(http, server)
    assert len(seen) == len(server.all_aggregates())
    assert changes(http, server, since=fresh).status_code == 200


def test_changes_during_a_snapshot_are_not_lost(server: SandboxServer, http: requests.Session) -> None:
    first = changes(http, server, limit=5).json()
    late = server.add_report()  # arrives while the snapshot is being read
    rest, _, _ = drain(http, server, since=first["next"], limit=5)
    ids = [c["id"] for c in first["changes"] + rest]
    assert late["id"] in ids
    assert set(ids) == {a["id"] for a in server.all_aggregates()}
