"""core.spreadsheet at its edges: numbers are never made formula-safe text, and a workbook that cannot be written
raises the OSError behind it (what the officer is told depends on it: disk full, no right to write)."""

from __future__ import annotations

import errno
import gc
import io
import warnings
from pathlib import Path

import pytest

from triage_desktop.core import spreadsheet
from triage_desktop.core.tables import CellType, Column, Table


def test_a_negative_number_stays_a_number_and_text_stays_inert() -> None:
    table = Table("t", [Column("Số", CellType.INTEGER), Column("Ngày", CellType.DECIMAL), Column("Tiêu đề")])
    out = io.StringIO(newline="")
    spreadsheet.write_csv(table, out, [[-3, -1.25, "-3 cây đổ"], [4, 0.0, "=1+1"]])
    assert out.getvalue().splitlines() == ["Số,Ngày,Tiêu đề", "-3,\"-1,2\",'-3 cây đổ", "4,\"0,0\",'=1+1"]


def test_a_workbook_that_cannot_be_written_raises_the_os_error(tmp_path: Path) -> None:
    missing = tmp_path / "không có" / "x.xlsx"  # XlsxWriter opens the file only when it closes the workbook
    with warnings.catch_warnings():
        # XlsxWriter leaves its row files to the garbage collector when the workbook cannot be written.
        warnings.simplefilter("ignore", ResourceWarning)
        with pytest.raises(OSError) as raised:
            spreadsheet.write_xlsx([Table("t", [Column("Mã")], [["PA-1"]])], str(missing))
        code = raised.value.errno
        del raised  # its traceback holds the workbook and its open row files
        gc.collect()
    assert code == errno.ENOENT
