"""`triage-desktop print KIND ID FORM` (issue 13): separate processes, the sandbox over loopback, one profile.
The PDF holds the dossier's code, applicant, procedure and dates; a form that does not fit the item's state or
kind is one line and exit 2; a receipt prints right after "Tiếp nhận" was queued offline; the default file is
"<code>-<form>.pdf" in the current folder; each print is in the audit trail."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.cli_sandbox import run_cli, sign_in_and_sync
from tests.support.file_keyring import file_keyring_env, profile_keyring
from tests.support.papers import pdf_text, squeezed
from tests.support.unwritable import unwritable_folder
from triage_desktop.core.workdays import VN
from triage_desktop.sandbox import seed
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.ui.whole_file import why_not_written

EXIT_ERROR = 2


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a generator fixture
    with SandboxServer(db=tmp_path_factory.mktemp("server") / "server.sqlite3", reports=12, dossiers=16,
                       seed=3) as srv:
        yield srv


@pytest.fixture(scope="module")
def profile(server: SandboxServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("officer") / "profile"
    sign_in_and_sync(folder, server.url, "motcua")
    return folder


def _dossier(server: SandboxServer, *statuses: str) -> dict:  # type: ignore[type-arg]
    return next(d for d in server.all_aggregates("dossier") if d["status"] in statuses and d.get("received_at"))


def test_print_writes_the_receipt_of_a_received_dossier(server: SandboxServer, profile: Path,
                                                        tmp_path: Path) -> None:
    dossier = _dossier(server, "received", "processing")
    out = tmp_path / "biên nhận.pdf"
    done = run_cli(profile, "print", "dossier", dossier["id"], "receipt", "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    text = pdf_text(out.read_bytes())
    received = datetime.fromisoformat(dossier["received_at"]).astimezone(VN)
    for words in (dossier["code"], dossier["applicant"]["name"], seed.PROCEDURE_BY_CODE[dossier["procedure_code"]]["name"],
                  "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", f"ngày {received:%d/%m/%Y}", "Phạm Thị Thu Trang"):
        assert squeezed(words) in squeezed(text), (words, text)
    audit = run_cli(profile, "audit")
    assert any("printed" in line and dossier["id"] in line and "receipt" in line for line in audit.stdout.splitlines())


def test_a_form_that_does_not_fit_is_one_line_and_exit_2(server: SandboxServer, profile: Path,
                                                         tmp_path: Path) -> None:
    submitted = next(d for d in server.all_aggregates("dossier") if d["status"] == "submitted")
    out = tmp_path / "x.pdf"
    done = run_cli(profile, "print", "dossier", submitted["id"], "refusal", "--output", str(out))
    assert done.returncode == EXIT_ERROR
    assert done.stderr.strip().splitlines() == [
        "triage-desktop: Không lập được Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ: Hồ sơ không bị từ chối "
        "tiếp nhận."]
    assert not out.exists()
    report = server.all_aggregates("report")[0]
    done = run_cli(profile, "print", "report", report["id"], "receipt", "--output", str(out))
    assert done.returncode == EXIT_ERROR and len(done.stderr.strip().splitlines()) == 1
    assert "chỉ dùng cho hồ sơ thủ tục hành chính" in done.stderr
    done = run_cli(profile, "print", "dossier", "d_nobody", "summary", "--output", str(out))
    assert done.returncode == EXIT_ERROR and len(done.stderr.strip().splitlines()) == 1


def test_a_receipt_prints_right_after_tiep_nhan_is_queued_offline(server: SandboxServer, profile: Path,
                                                                  tmp_path: Path) -> None:
    submitted = [d for d in server.all_aggregates("dossier") if d["status"] == "submitted"][-1]
    refused = run_cli(profile, "print", "dossier", submitted["id"], "receipt", "--output", str(tmp_path / "a.pdf"))
    assert refused.returncode == EXIT_ERROR and "Hồ sơ chưa được tiếp nhận" in refused.stderr
    server.stop()  # offline from here
    try:
        queued = run_cli(profile, "act", "dossier", submitted["id"], "acknowledge")
        assert queued.returncode == 0, queued.stderr
        done = run_cli(profile, "print", "dossier", submitted["id"], "receipt", "--output", str(tmp_path / "a.pdf"))
        assert done.returncode == 0, done.stderr
        assert squeezed(submitted["code"]) in squeezed(pdf_text((tmp_path / "a.pdf").read_bytes()))
    finally:
        server.start()


def test_the_default_file_is_the_code_and_the_form_in_the_current_folder(server: SandboxServer, profile: Path,
                                                                          tmp_path: Path) -> None:
    report = server.all_aggregates("report")[0]
    done = subprocess.run([sys.executable, "-m", "triage_desktop", "print", "report", report["id"], "summary",
                           "--profile", str(profile)], cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8", timeout=60, check=False, env=file_keyring_env(profile_keyring(profile)))
    assert done.returncode == 0, done.stderr
    written = tmp_path / f"{report['code']}-summary.pdf"
    assert [p.name for p in tmp_path.iterdir()] == [written.name]
    assert squeezed(report["title"]) in squeezed(pdf_text(written.read_bytes()))


def test_a_pdf_that_cannot_be_written_says_why_in_the_shared_sentence(server: SandboxServer, profile: Path,
                                                                      tmp_path: Path) -> None:
    dossier = _dossier(server, "received", "processing")
    with unwritable_folder(tmp_path) as folder:
        out = folder / "biên nhận.pdf"
        done = run_cli(profile, "print", "dossier", dossier["id"], "receipt", "--output", str(out))
    assert done.returncode == EXIT_ERROR
    refused = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    assert done.stderr.strip().splitlines() == [f"triage-desktop: {why_not_written(refused, out)}"]
    assert "Không có quyền ghi vào thư mục" in done.stderr
