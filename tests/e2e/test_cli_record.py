"""`triage-desktop record` (issue 13): the dashboard's numbers from the command line, as a separate process on a
profile logged in and synced against the sandbox, with the hand-counted March of tests/support/record_seed
written into its cache the way a sync writes it. JSON, CSV (BOM) and Excel (read back with openpyxl) all say the
hand count."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.support import record_seed as seed
from tests.support.cli_sandbox import run_cli, sign_in_and_sync
from tests.support.file_keyring import cache_key_of
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.storage.database import CACHE_FILE_NAME, Database
from triage_desktop.storage.store import Store

MARCH = ("--from", "2026-03-01", "--to", "2026-03-31")


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("officer") / "profile"
    with SandboxServer(db=tmp_path_factory.mktemp("server") / "server.sqlite3", reports=10, dossiers=4,
                       seed=3) as server:
        sign_in_and_sync(folder, server.url, "lanhdao")
    db = Database(folder / CACHE_FILE_NAME, key=cache_key_of(folder))
    try:
        seed.seed(Store(db), login=False)
    finally:
        db.dispose()
    yield folder


def test_json_is_the_hand_count(profile: Path) -> None:
    done = run_cli(profile, "record", *MARCH, "--kind", "dossier")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert (answer["kind"], answer["from"], answer["to"]) == ("dossier", "2026-03-01", "2026-03-31")
    assert answer["cutoff"] == "2026-03-31T17:00:00Z"
    [whole] = answer["tables"]["summary"]
    for key, expected in seed.EXPECTED_DOSSIERS.items():
        assert whole[key] == pytest.approx(expected), key
    by_code = {row["code"]: row for row in answer["tables"]["by_category"]}
    assert by_code["CT-BS"]["name"] == "Chứng thực bản sao từ bản chính"
    assert (by_code["CT-BS"]["late"], by_code["CT-BS"]["open_late"]) == (1, 1)


def test_reports_json(profile: Path) -> None:
    done = run_cli(profile, "record", *MARCH, "--kind", "report")
    assert done.returncode == 0, done.stderr
    rows = {row["code"]: row for row in json.loads(done.stdout)["tables"]["reports"]}
    trees = seed.EXPECTED_REPORTS["CAY_XANH"]
    assert rows["CAY_XANH"]["resolution_median_days"] == pytest.approx(trees["resolution"])
    assert rows["CAY_XANH"]["target_share"] == pytest.approx(trees["share"])
    assert rows["CAY_XANH"]["closed"] == 1 and rows["CHIEU_SANG"]["rejected"] == 1


def test_csv_has_a_bom_and_the_same_numbers(profile: Path, tmp_path: Path) -> None:
    target = tmp_path / "thong-ke.csv"
    done = run_cli(profile, "record", *MARCH, "--format", "csv", "--output", str(target))
    assert done.returncode == 0, done.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert lines[0] == ["Tổng hợp"] and lines[1][:3] == ["Phạm vi", "Tiếp nhận trong kỳ", "Tồn kỳ trước"]
    assert lines[2][:8] == ["Toàn đơn vị", "9", "1", "3", "2", "2", "2", "1"]
    assert lines[2][9] == "44,4%"


def test_excel_reads_back_with_the_same_numbers(profile: Path, tmp_path: Path) -> None:
    target = tmp_path / "thong-ke.xlsx"
    done = run_cli(profile, "record", *MARCH, "--format", "xlsx", "--output", str(target))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Tổng hợp", "Theo cán bộ", "Theo thủ tục"]
    values = [row for row in book["Tổng hợp"].iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(values) if row[0] == "Phạm vi")
    whole = dict(zip(values[header_at], values[header_at + 1], strict=False))
    assert (whole["Đã giải quyết đúng hạn"], whole["Đã giải quyết trễ hạn"], whole["Đang giải quyết quá hạn"]) == (
        3, 2, 2)
    assert whole["Tỷ lệ đúng hạn"] == pytest.approx(5 / 9)


def test_xlsx_needs_a_file_and_dates_must_be_in_order(profile: Path) -> None:
    done = run_cli(profile, "record", *MARCH, "--format", "xlsx")
    assert done.returncode == 2 and "--output" in done.stderr
    done = run_cli(profile, "record", "--from", "2026-03-31", "--to", "2026-03-01")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "không được trước" in done.stderr


def test_a_file_that_cannot_be_written_says_why_in_one_line(profile: Path, tmp_path: Path) -> None:
    target = tmp_path / "khong-co" / "thong-ke.xlsx"  # a folder that does not exist
    done = run_cli(profile, "record", *MARCH, "--format", "xlsx", "--output", str(target))
    assert done.returncode != 0 and not target.exists()
    [line] = done.stderr.strip().splitlines()
    assert "thong-ke.xlsx" in line and "Traceback" not in done.stderr
