"""Saving the tables the window shows as Excel or CSV (ui.table_export, issue 13): read back as Excel would."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QWidget

from triage_desktop.core.tables import CellType, Column, Table
from triage_desktop.ui.table_export import TableExporter, csv_path, write_tables
from triage_desktop.ui.tasks import TaskRunner

BY_OFFICER = Table(
    "Theo cán bộ", [Column("Cán bộ", width=24), Column("Tiếp nhận", CellType.INTEGER),
                    Column("Tỷ lệ đúng hạn", CellType.PERCENT), Column("Hạn gần nhất", CellType.DATETIME)],
    [["Trần Thị Ngọc Hằng", 12, 0.75, datetime(2026, 12, 4, 2, 30, tzinfo=UTC)],
     ["=HYPERLINK(\"http://x\")", 3, 1.0, None]],
    note="Tháng 12/2026")
BY_PROCEDURE = Table("Theo thủ tục", [Column("Thủ tục"), Column("Tiếp nhận", CellType.INTEGER)], [["Đăng ký khai sinh", 7]])


def test_excel_has_a_sheet_per_table_with_real_numbers_and_vietnam_times(tmp_path: Path) -> None:
    target = tmp_path / "thống kê.xlsx"
    assert write_tables([BY_OFFICER, BY_PROCEDURE], target, "xlsx") == [target]
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Theo cán bộ", "Theo thủ tục"]
    sheet = book["Theo cán bộ"]
    assert [c.value for c in sheet[3]] == ["Cán bộ", "Tiếp nhận", "Tỷ lệ đúng hạn", "Hạn gần nhất"]
    assert sheet.freeze_panes == "A4"  # the header stays in view
    assert [c.value for c in sheet[4]] == ["Trần Thị Ngọc Hằng", 12, 0.75, datetime(2026, 12, 4, 9, 30)]
    assert sheet["C4"].number_format == "0.0%" and sheet["D4"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["A5"].data_type == "s"  # a citizen's "=…" stays text, never a formula
    assert sheet.column_dimensions["A"].width > 20
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_csv_is_one_file_per_table_with_bom_and_inert_formulas(tmp_path: Path) -> None:
    target = tmp_path / "thong-ke.csv"
    files = write_tables([BY_OFFICER, BY_PROCEDURE], target, "csv")
    assert files == [tmp_path / "thong-ke - Theo cán bộ.csv", tmp_path / "thong-ke - Theo thủ tục.csv"]
    first = files[0].read_bytes()
    assert first.startswith(b"\xef\xbb\xbf")
    lines = first.decode("utf-8-sig").splitlines()
    assert lines[1] == "Trần Thị Ngọc Hằng,12,\"75,0%\",04/12/2026 09:30"
    assert lines[2].startswith("\"'=HYPERLINK(")
    assert write_tables([BY_PROCEDURE], target, "csv") == [target]  # a single table keeps the chosen name


def test_a_title_never_becomes_a_path(tmp_path: Path) -> None:
    assert csv_path(tmp_path / "a.csv", "../../etc/passwd").parent == tmp_path


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cu.xlsx"
    target.write_bytes(b"old")

    def full_disk(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("triage_desktop.core.spreadsheet.write_xlsx", full_disk)
    with pytest.raises(OSError):
        write_tables([BY_OFFICER], target, "xlsx")
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]


def test_the_window_is_told_and_the_export_recorded(qtbot, runner: TaskRunner, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    recorded: list[tuple[Any, ...]] = []
    statuses: list[str] = []
    errors: list[str] = []
    exporter = TableExporter(runner, window, record=lambda *entry: recorded.append(entry),
                             show_error=errors.append, show_status=statuses.append)
    exporter.write([BY_OFFICER, BY_PROCEDURE], tmp_path / "tk.xlsx", "xlsx", what="record", kind="dossier")
    qtbot.waitUntil(lambda: bool(recorded))
    assert recorded == [("exported", "dossier", None, {"what": "record", "format": "xlsx", "tables": 2,
                                                       "count": 3, "files": 1})]
    assert statuses[-1] == "Đã lưu “tk.xlsx”" and not errors

    exporter.write([BY_OFFICER], tmp_path / "missing-folder" / "tk.xlsx", "xlsx", what="record")
    qtbot.waitUntil(lambda: bool(errors))
    assert "không có quyền ghi" in errors[0] and len(recorded) == 1
