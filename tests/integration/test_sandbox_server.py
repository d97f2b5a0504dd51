"""The sandbox as a server: stop/start on the same port, dropped connections, keep-alive, gzip, run_sandbox."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from triage_desktop.core.errors import ApiError
from triage_desktop.sandbox.server import SandboxServer


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "sandbox.sqlite3", reports=12, dossiers=4, seed=9) as srv:
        yield srv


def token(server: SandboxServer, username: str = "lanhdao") -> str:
    answer = requests.post(f"{server.url}/auth/login", json={"username": username, "password": "demo123"}, timeout=30)
    return answer.json()["access_token"]


def note(server: SandboxServer, access: str, report_id: str, text: str, key: str | None = None) -> requests.Response:
    return requests.post(f"{server.url}/reports/{report_id}/actions", json={"type": "note", "body": text}, timeout=30,
                         headers={"Authorization": f"Bearer {access}", "Idempotency-Key": key or str(uuid.uuid4())})


def test_binds_loopback_on_a_free_port_by_default(server: SandboxServer) -> None:
    assert server.url == f"http://127.0.0.1:{server.port}/triage/v1" and server.port > 0


def test_stop_and_start_on_the_same_port_keep_data_and_sessions(server: SandboxServer) -> None:
    access = token(server)
    report = server.all_aggregates("report")[0]
    assert note(server, access, report["id"], "trước khi mất mạng").status_code == 200
    url = server.url
    server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/meta", timeout=5)
    assert server.aggregate("report", report["id"])["version"] == report["version"] + 1  # hooks work while down
    server.start()
    assert server.url == url
    assert note(server, access, report["id"], "sau khi có mạng lại").status_code == 200
    assert server.aggregate("report", report["id"])["version"] == report["version"] + 2


def test_stop_drops_open_keep_alive_connections(server: SandboxServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", "/triage/v1/meta")
        assert conn.getresponse().read()
        server.stop()
        with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
            conn.request("GET", "/triage/v1/meta")
            conn.getresponse().read()
    finally:
        conn.close()


def test_stop_ends_a_waiting_long_poll(server: SandboxServer) -> None:
    access = token(server)
    first = requests.get(f"{server.url}/changes", headers={"Authorization": f"Bearer {access}"}, timeout=30).json()
    outcome: dict[str, Any] = {}

    def poll() -> None:
        try:
            outcome["answer"] = requests.get(f"{server.url}/changes", params={"since": first["next"], "wait": 30},
                                             headers={"Authorization": f"Bearer {access}"}, timeout=60)
        except requests.RequestException as error:
            outcome["error"] = error

    poller = threading.Thread(target=poll)
    poller.start()
    server.stop()
    poller.join(timeout=20)
    assert not poller.is_alive()  # the poll did not sit out its 30 s against a dead server
    server.start()


def test_reopening_the_database_does_not_seed_again(tmp_path: Path) -> None:
    db = tmp_path / "keep.sqlite3"
    with SandboxServer(db=db, reports=5, dossiers=2, seed=1) as first:
        report = first.all_aggregates("report")[0]
        assert note(first, token(first), report["id"], "còn không?", key="k").status_code == 200
        before = first.all_aggregates()
    with SandboxServer(db=db, reports=50, dossiers=20, seed=2) as again:
        assert again.all_aggregates() == before
        assert [e["key"] for e in again.ledger()] == ["k"]


def test_keep_alive_content_length_and_gzip(server: SandboxServer) -> None:
    access = token(server)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        headers = {"Authorization": f"Bearer {access}", "Accept-Encoding": "gzip"}
        conn.request("GET", "/triage/v1/changes", headers=headers)
        zipped = conn.getresponse()
        raw = zipped.read()
        assert zipped.getheader("Content-Encoding") == "gzip" and int(zipped.getheader("Content-Length")) == len(raw)
        page = json.loads(gzip.decompress(raw))
        sock = conn.sock
        conn.request("GET", "/triage/v1/changes", headers={**headers, "Accept-Encoding": "identity"})
        plain = conn.getresponse()
        body = plain.read()
        assert conn.sock is sock  # the same connection served both
        assert plain.getheader("Content-Encoding") is None and int(plain.getheader("Content-Length")) == len(body)
        assert json.loads(body)["changes"] == page["changes"]
    finally:
        conn.close()


def test_ledger_lists_applied_actions_only(server: SandboxServer) -> None:
    access = token(server, "canbo1")
    report = server.all_aggregates("report")[0]
    note(server, access, report["id"], "một", key="a")
    note(server, access, report["id"], "một", key="a")  # replay
    note(server, access, "r_missing", "hai", key="b")  # 404: answered, kept for replay, not applied
    [entry] = server.ledger()
    assert entry["key"] == "a" and entry["user_id"] == "u_02" and entry["kind"] == "report"
    assert entry["aggregate_id"] == report["id"] and entry["type"] == "note" and entry["status"] == 200
    assert entry["at"].endswith("+07:00")


def test_add_report_and_server_act_hooks(server: SandboxServer) -> None:
    added = server.add_report(title="Ổ gà lớn", priority="urgent")
    assert added["status"] == "new" and added["priority"] == "urgent" and added["version"] == 1
    assert server.aggregate("report", added["id"]) == added
    assert added["id"] in {a["id"] for a in server.all_aggregates("report")}
    acted = server.server_act("report", added["id"], "acknowledge")
    assert acted["status"] == "acknowledged" and acted["events"][-1]["author_id"] == "u_01"
    with pytest.raises(ApiError) as refused:
        server.server_act("report", added["id"], "acknowledge")
    assert refused.value.status == 409 and refused.value.problem_name == "invalid-transition"


def test_arrivals_add_reports_while_running(tmp_path: Path) -> None:
    with SandboxServer(db=tmp_path / "live.sqlite3", reports=3, dossiers=1, arrival_interval=0.05) as live:
        access = token(live)
        first = requests.get(f"{live.url}/changes", headers={"Authorization": f"Bearer {access}"}, timeout=30).json()
        later = requests.get(f"{live.url}/changes", params={"since": first["next"], "wait": 20}, timeout=30,
                             headers={"Authorization": f"Bearer {access}"}).json()
        arrived = [c["data"] for c in later["changes"]]
        assert arrived and all(r["status"] == "new" and r["unit_id"] == "w_0101" for r in arrived)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_run_sandbox_prints_its_url_and_accounts(tmp_path: Path) -> None:
    code = ("from triage_desktop.sandbox.server import run_sandbox; "
            f"run_sandbox(port=0, reports=3, dossiers=1, db={str(tmp_path / 'run.sqlite3')!r})")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, encoding="utf-8",
                            env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "demo123" in line and "lanhdao" in line and "motcua" in line
        url = next(word for word in line.split() if word.startswith("http://127.0.0.1:"))
        assert requests.get(f"{url}/meta", timeout=10).status_code == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
        proc.stdout.close()
