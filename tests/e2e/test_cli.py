"""The command line as a script uses it: separate processes, real sandbox over HTTP, one profile folder."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from triage_desktop.sandbox.server import SandboxServer


def run(profile: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triage_desktop", *args, "--profile", str(profile)],
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )


@pytest.fixture
def server(tmp_path: Path):
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=30, dossiers=10, seed=3) as srv:
        yield srv


def test_login_sync_act_outbox_export(server: SandboxServer, tmp_path: Path) -> None:
    profile = tmp_path / "profile cán bộ"
    login = run(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                stdin="demo123\n")
    assert login.returncode == 0, login.stderr
    assert "Trần Văn Bình" in login.stdout

    # No OS keyring here: the tokens lived only in that process, so sync logs in for its own run.
    synced = run(profile, "sync", "--once", "--password-stdin", stdin="demo123\n")
    assert synced.returncode == 0, synced.stderr

    report = next(raw for raw in server.all_aggregates("report") if raw["status"] == "new")
    server.stop()
    queued = run(profile, "act", "report", report["id"], "note", "--body", "Đã cử tổ công tác đến hiện trường")
    assert queued.returncode == 0, queued.stderr
    local_id = int(queued.stdout.strip())
    self_assign = run(profile, "act", "report", report["id"], "assign", "--assignee", "u_02")
    assert self_assign.returncode == 0, self_assign.stderr

    outbox = json.loads(run(profile, "outbox", "--json").stdout)
    assert [(a["id"], a["kind"], a["aggregate_id"], a["type"], a["state"]) for a in outbox][0] == (
        local_id, "report", report["id"], "note", "pending")
    assert len(outbox) == 2

    offline = run(profile, "sync", "--once", "--password-stdin", stdin="demo123\n")
    assert offline.returncode != 0
    assert len(offline.stderr.strip().splitlines()) == 1, offline.stderr

    server.start()
    again = run(profile, "sync", "--once", "--password-stdin", stdin="demo123\n")
    assert again.returncode == 0, again.stderr
    assert json.loads(run(profile, "outbox", "--json").stdout) == []
    assert server.aggregate("report", report["id"])["assignee_id"] == "u_02"

    jsonl = tmp_path / "cache.jsonl"
    assert run(profile, "export", "--format", "jsonl", "--output", str(jsonl)).returncode == 0
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert {(r["kind"], r["id"]) for r in lines} == {(r["kind"], r["id"]) for r in server.all_aggregates()}

    table = tmp_path / "cache.csv"
    assert run(profile, "export", "--format", "csv", "--kind", "report", "--output", str(table)).returncode == 0
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Vietnamese
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == len(server.all_aggregates("report"))
    assert {row["kind"] for row in rows} == {"report"}


def test_wrong_password_is_one_clear_line(server: SandboxServer, tmp_path: Path) -> None:
    result = run(tmp_path / "p", "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                 stdin="sai-mat-khau\n")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["triage-desktop: Sai tên đăng nhập hoặc mật khẩu."]


def test_unreachable_server_is_one_clear_line(tmp_path: Path) -> None:
    result = run(tmp_path / "p", "login", "--server", "http://127.0.0.1:9/triage/v1", "--username", "x",
                 "--password-stdin", stdin="y\n")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Không kết nối được máy chủ" in result.stderr


def test_sync_before_login_asks_for_login(tmp_path: Path) -> None:
    result = run(tmp_path / "p", "sync", "--once")
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1
