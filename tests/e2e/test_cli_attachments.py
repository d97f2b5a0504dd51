"""Files both ways through the command line (issue 12): `act … reply --attach FILE` queued offline, the originals
deleted, the first upload's answer lost after the server stored it; then a file the server finds too large.

Separate processes over one profile folder, the real sandbox over HTTP, as a script would use them.
"""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from triage_desktop.sandbox.images import make_png
from triage_desktop.sandbox.server import SandboxServer

PASSWORD = "demo123\n"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def run(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triage_desktop", *args, "--profile", str(profile), "--password-stdin"],
        input=PASSWORD, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )


class LoseFirstUploadAnswer:
    """Fault hook: the server stores the first uploaded file, then the line drops before its 201 leaves."""

    def __init__(self) -> None:
        self.lost: list[str] = []

    def on_request(self, handler: Any, request: Any) -> None:
        return None

    def on_response(self, handler: Any, request: Any, response: Any) -> None:
        if request.path == "/uploads" and not self.lost and response.status == 201:
            self.lost.append(json.loads(response.body)["id"])
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
        return None


@pytest.fixture
def server(tmp_path: Path):
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=20, dossiers=5, seed=7) as srv:
        yield srv


@pytest.fixture
def profile(server: SandboxServer, tmp_path: Path) -> Path:
    folder = tmp_path / "hồ sơ"
    login = subprocess.run([sys.executable, "-m", "triage_desktop", "login", "--server", server.url, "--username",
                            "canbo1", "--password-stdin", "--profile", str(folder)],
                           input=PASSWORD, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert login.returncode == 0, login.stderr
    synced = run(folder, "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    return folder


def _outbox(profile: Path) -> list[dict[str, Any]]:
    listed = run(profile, "outbox", "--json")
    assert listed.returncode == 0, listed.stderr
    result: list[dict[str, Any]] = json.loads(listed.stdout)
    return result


def _sync_until_done(profile: Path) -> None:
    """`sync --once` gives up after a few quick retries of a dropped line; a script simply runs it again."""
    for _ in range(3):
        if run(profile, "sync", "--once").returncode == 0 and not _outbox(profile):
            return
    raise AssertionError(_outbox(profile))


def test_reply_with_two_files_queued_offline_goes_out_once_each_in_order(server: SandboxServer, profile: Path,
                                                                        tmp_path: Path) -> None:
    report = server.all_aggregates("report")[0]
    photo = tmp_path / "đèn đường đã sửa.png"
    photo.write_bytes(make_png(40, 30, (250, 200, 0), (20, 20, 90)))
    scan = tmp_path / "biên bản nghiệm thu.pdf"
    scan.write_bytes(PDF * 40)
    originals = {photo.name: photo.read_bytes(), scan.name: scan.read_bytes()}

    server.stop()  # offline: the files are copied into the cache at once
    queued = run(profile, "act", "report", report["id"], "reply", "--body", "Đèn đã được thay, mời ông bà kiểm tra",
                 "--attach", str(photo), "--attach", str(scan))
    assert queued.returncode == 0, queued.stderr
    photo.unlink()
    scan.unlink()

    listed = run(profile, "outbox")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[1].split("\t")[1:] == [photo.name, str(len(originals[photo.name])), "đang chờ gửi"]
    assert lines[2].split("\t")[1:] == [scan.name, str(len(originals[scan.name])), "đang chờ gửi"]
    [action] = _outbox(profile)
    assert "_local_files" in action["payload"]  # kept here, stripped before sending

    hook = LoseFirstUploadAnswer()
    server._faults = hook
    server.start()
    _sync_until_done(profile)
    server._faults = None

    assert len(hook.lost) == 1  # the first upload really was stored and its answer lost
    uploads = server.uploads()
    assert [u["filename"] for u in uploads] == [photo.name, scan.name]  # each once, named as on disk
    assert uploads[0]["id"] == hook.lost[0]  # the lost answer was replayed, not stored again
    for upload in uploads:
        assert server.attachment_data(upload["id"]) == originals[upload["filename"]]  # byte-exact
        assert upload["sha256"] == hashlib.sha256(originals[upload["filename"]]).hexdigest()
        assert (upload["kind"], upload["aggregate_id"]) == ("report", report["id"])
    assert upload["content_type"] == "application/pdf" and uploads[0]["content_type"] == "image/png"
    replies = [e for e in server.aggregate("report", report["id"])["events"] if e["type"] == "reply"
               and e.get("body") == "Đèn đã được thay, mời ông bà kiểm tra"]
    assert len(replies) == 1
    assert replies[0]["data"]["attachment_ids"] == [u["id"] for u in uploads]  # exactly their ids, in order
    assert [e["type"] for e in server.ledger()].count("reply") == 1


def test_a_file_the_server_finds_too_large_becomes_a_problem_fixed_by_removing_it(server: SandboxServer,
                                                                                 profile: Path, tmp_path: Path) -> None:
    report = server.all_aggregates("report")[1]
    small = tmp_path / "ảnh nhỏ.png"
    small.write_bytes(make_png(8, 8, (0, 120, 0), (0, 0, 0)))
    big = tmp_path / "hồ sơ scan.pdf"
    big.write_bytes(PDF * 200)
    assert len(big.read_bytes()) > 5000 > len(small.read_bytes())

    queued = run(profile, "act", "report", report["id"], "reply", "--body", "Kết quả xử lý kèm theo",
                 "--attach", str(small), "--attach", str(big))
    assert queued.returncode == 0, queued.stderr
    server.max_upload_bytes = 5000  # IT lowered the limit after this computer last read /meta

    assert run(profile, "sync", "--once").returncode == 0
    [failed] = _outbox(profile)
    assert failed["state"] == "failed" and failed["error_status"] == 413
    assert failed["problem"]["local_file"]["filename"] == big.name
    assert [f["attachment_id"] is not None for f in failed["files"]] == [True, False]
    assert [u["filename"] for u in server.uploads()] == [small.name]

    assert run(profile, "outbox", "--remove-file", str(failed["id"]), "2").returncode == 0
    retried = run(profile, "outbox", "--retry", str(failed["id"]))
    assert retried.returncode == 0, retried.stderr
    [again] = _outbox(profile)
    assert [f["filename"] for f in again["files"]] == [small.name]
    assert again["files"][0]["attachment_id"] == failed["files"][0]["attachment_id"]  # not uploaded again

    _sync_until_done(profile)
    uploads = server.uploads()
    assert [u["filename"] for u in uploads] == [small.name]
    [reply] = [e for e in server.aggregate("report", report["id"])["events"]
               if e["type"] == "reply" and e.get("body") == "Kết quả xử lý kèm theo"]
    assert reply["data"]["attachment_ids"] == [uploads[0]["id"]]


def test_files_are_checked_before_queueing(server: SandboxServer, profile: Path, tmp_path: Path) -> None:
    report = server.all_aggregates("report")[2]
    text = tmp_path / "ghi chú.txt"
    text.write_text("không phải tệp được nhận", encoding="utf-8")
    refused = run(profile, "act", "report", report["id"], "reply", "--body", "x", "--attach", str(text))
    assert refused.returncode != 0 and "ghi chú.txt" in refused.stderr and "PDF" in refused.stderr

    fake = tmp_path / "ảnh.png"
    fake.write_bytes(b"MZ\x90\x00 not a picture")  # a program renamed to .png
    assert run(profile, "act", "report", report["id"], "reply", "--body", "x", "--attach", str(fake)).returncode != 0

    server.max_upload_bytes = 1000
    assert run(profile, "sync", "--once").returncode == 0  # /meta now says 1000 bytes
    big = tmp_path / "lớn.pdf"
    big.write_bytes(PDF * 40)
    too_big = run(profile, "act", "report", report["id"], "reply", "--body", "x", "--attach", str(big))
    assert too_big.returncode != 0 and "quá lớn" in too_big.stderr and "lớn.pdf" in too_big.stderr
    note = run(profile, "act", "report", report["id"], "note", "--body", "x", "--attach", str(fake.with_suffix(".pdf")))
    assert note.returncode != 0
    assert _outbox(profile) == []
