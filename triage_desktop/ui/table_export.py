"""TableExporter: "Xuất Excel" / "Xuất CSV" for tables the window shows (the ward's record, issue 13).

The officer picks a file name; the tables are written on the write lane (never on the GUI thread), whole or not at
all (ui.whole_file). Excel: one workbook, a sheet per table. CSV: one table per file (a CSV has no
sheets), named "<chosen name> - <table title>.csv" when there are several. Every export is recorded in the audit
trail (words and counts only).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pathvalidate import sanitize_filename
from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from triage_desktop.core import spreadsheet
from triage_desktop.core.tables import Table
from triage_desktop.core.workdays import VN
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.whole_file import whole_file

log = logging.getLogger(__name__)

Format = Literal["xlsx", "csv"]
TITLE_IN_NAME = 60  # characters of a table's title in a CSV file's name
Recorder = Callable[[str, str | None, str | None, Mapping[str, Any]], None]  # Workspace.record


def write_tables(tables: Sequence[Table], path: Path, fmt: Format) -> list[Path]:
    """Write the tables to `path` (several CSV files beside it for several tables), each whole or not at all;
    returns the files written."""
    if fmt == "xlsx":
        with whole_file(path) as out:
            spreadsheet.write_xlsx(tables, out)
        return [path]
    targets = [path] if len(tables) == 1 else [csv_path(path, table.title) for table in tables]
    for table, target in zip(tables, targets, strict=True):
        # utf-8-sig: Excel reads Vietnamese right only with the BOM.
        with whole_file(target, "w", encoding="utf-8-sig", newline="") as out:
            spreadsheet.write_csv(table, out)
    return targets


def csv_path(path: Path, title: str) -> Path:
    """"Thống kê.csv" + "Theo cán bộ" → "Thống kê - Theo cán bộ.csv" (the title cleaned as a file name)."""
    part = sanitize_filename(" ".join(title.split())[:TITLE_IN_NAME], platform="universal").strip(" .") or "bang"
    return path.with_name(f"{path.stem} - {part}.csv")


class TableExporter(QObject):
    """`save(tables, stem=…, what=…)`: ask where, write on the write lane, tell the officer, record it."""

    def __init__(self, runner: TaskRunner, window: QWidget, *, record: Recorder,
                 show_error: Callable[[str], None], show_status: Callable[[str], None]) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._record = record
        self._show_error = show_error
        self._show_status = show_status

    def save(self, tables: Sequence[Table], *, stem: str, what: str, kind: str | None = None,
             fmt: Format = "xlsx") -> None:
        """`stem`: the suggested file name without date or extension; `what`: the audit word (e.g. "record")."""
        path = self.ask_path(stem, fmt)
        if path is not None:
            self.write(tables, path, "csv" if path.suffix.lower() == ".csv" else "xlsx", what=what, kind=kind)

    def ask_path(self, stem: str, fmt: Format) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        today = datetime.now(VN).strftime("%d-%m-%Y")
        suggested = Path(folder) / f"{stem}-{today}.{fmt}"
        excel, csv = self.tr("Excel (*.xlsx)"), self.tr("CSV (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(self._window, self.tr("Lưu bảng số liệu"), str(suggested),
                                                   ";;".join((excel, csv) if fmt == "xlsx" else (csv, excel)))
        if not path:
            return None
        wanted = ".csv" if chosen == csv else ".xlsx"
        target = Path(path)
        return target if target.suffix.lower() == wanted else target.with_name(target.name + wanted)

    def write(self, tables: Sequence[Table], path: Path, fmt: Format, *, what: str, kind: str | None = None) -> None:
        frozen = list(tables)
        self._show_status(self.tr("Đang lưu “{name}”…").format(name=path.name))
        self._runner.run(functools.partial(write_tables, frozen, path, fmt),
                         functools.partial(self._saved, frozen, fmt, what, kind), self._failed)

    def _saved(self, tables: list[Table], fmt: Format, what: str, kind: str | None, files: list[Path]) -> None:
        self._record("exported", kind, None, {"what": what, "format": fmt, "tables": len(tables),
                                              "count": sum(len(t.rows) for t in tables), "files": len(files)})
        names = ", ".join(f"“{f.name}”" for f in files)
        self._show_status(self.tr("Đã lưu {names}").format(names=names))

    def _failed(self, error: BaseException) -> None:
        log.warning("exporting tables failed: %s", type(error).__name__)
        self._show_status("")
        self._show_error(self.tr("Không lưu được tệp (ổ đĩa đầy hoặc không có quyền ghi vào thư mục này). "
                                 "Hãy chọn nơi khác."))
