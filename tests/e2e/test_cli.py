"""The command line as a script uses it: separate processes, real sandbox over HTTP, one profile folder."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import threading
import time
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
    # No OS keyring either for the cache key: each command that opens the encrypted cache reads the password.
    queued = run(profile, "act", "report", report["id"], "note", "--body", "Đã cử tổ công tác đến hiện trường",
                 "--password-stdin", stdin="demo123\n")
    assert queued.returncode == 0, queued.stderr
    local_id = int(queued.stdout.strip())
    self_assign = run(profile, "act", "report", report["id"], "assign", "--assignee", "u_02", "--password-stdin",
                      stdin="demo123\n")
    assert self_assign.returncode == 0, self_assign.stderr

    outbox = json.loads(run(profile, "outbox", "--json", "--password-stdin", stdin="demo123\n").stdout)
    assert [(a["id"], a["kind"], a["aggregate_id"], a["type"], a["state"]) for a in outbox][0] == (
        local_id, "report", report["id"], "note", "pending")
    assert len(outbox) == 2

    offline = run(profile, "sync", "--once", "--password-stdin", stdin="demo123\n")
    assert offline.returncode != 0
    assert len(offline.stderr.strip().splitlines()) == 1, offline.stderr

    server.start()
    again = run(profile, "sync", "--once", "--password-stdin", stdin="demo123\n")
    assert again.returncode == 0, again.stderr
    assert json.loads(run(profile, "outbox", "--json", "--password-stdin", stdin="demo123\n").stdout) == []
    assert server.aggregate("report", report["id"])["assignee_id"] == "u_02"

    jsonl = tmp_path / "cache.jsonl"
    assert run(profile, "export", "--format", "jsonl", "--output", str(jsonl), "--password-stdin",
               stdin="demo123\n").returncode == 0
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert {(r["kind"], r["id"]) for r in lines} == {(r["kind"], r["id"]) for r in server.all_aggregates()}

    table = tmp_path / "cache.csv"
    assert run(profile, "export", "--format", "csv", "--kind", "report", "--output", str(table), "--password-stdin",
               stdin="demo123\n").returncode == 0
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


class Running:
    """`triage-desktop sync` (no --once) in the background, its output collected line by line."""

    def __init__(self, profile: Path) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "triage_desktop", "sync", "--password-stdin", "--profile", str(profile)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write("demo123\n")
        self.process.stdin.close()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, after: int = 0, timeout: float = 60) -> int:
        """Index of the first line from `after` on that holds `text`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index, line in enumerate(self.lines[after:], start=after):
                if text in line:
                    return index
            assert self.process.poll() is None, "\n".join(self.lines)
            time.sleep(0.05)
        raise AssertionError(f"no {text!r} in:\n" + "\n".join(self.lines))

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(30)
        self._reader.join(5)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is a POSIX signal")
def test_continuous_sync_rides_out_an_outage_and_sends_what_act_queued(server: SandboxServer,
                                                                        tmp_path: Path) -> None:
    profile = tmp_path / "p"
    assert run(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
               stdin="demo123\n").returncode == 0
    syncing = Running(profile)
    try:
        first = syncing.wait_for("Đã đồng bộ")
        server.stop()
        outage = syncing.wait_for("Chưa đồng bộ được", after=first)
        report = next(raw for raw in server.all_aggregates("report") if raw["status"] == "new")
        queued = run(profile, "act", "report", report["id"], "note", "--body", "Ghi chú trong lúc mất mạng",
                     "--password-stdin", stdin="demo123\n")
        assert queued.returncode == 0, queued.stderr
        server.start()
        syncing.wait_for("1 thao tác đã gửi", after=outage)
        assert [entry["aggregate_id"] for entry in server.ledger()] == [report["id"]]
    finally:
        code = syncing.interrupt()
    assert code == 0, "\n".join(syncing.lines)
