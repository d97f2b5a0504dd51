"""The ward's record as tables people read (core.tables.Table): the dashboard's tables, its Excel/CSV exports and
the command line's `record` all come from here, so they show the same numbers under the same headers.

Each table carries, beside its rows, the RecordCell behind every count (`RecordTable.cells`): clicking a number
opens exactly those items in the list.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QCoreApplication

from triage_desktop.core import names
from triage_desktop.core.record import UNASSIGNED, CategoryReports, Counts, RecordCell, WardRecord
from triage_desktop.core.spreadsheet import inert, write_csv, write_xlsx
from triage_desktop.core.tables import Cell, CellType, Column, Table
from triage_desktop.core.text import terminal_safe
from triage_desktop.core.vocabulary import LEAVE_THE_FEED, REPORT_STATUSES
from triage_desktop.core.workdays import VN
from triage_desktop.ui.labels import status_label
from triage_desktop.ui.whole_file import whole_file

translate = QCoreApplication.translate  # by this bare name, so pyside6-lupdate extracts the strings
_CTX = "record"


@dataclass(frozen=True, slots=True)
class RecordTable:
    key: str  # summary, by_officer, by_category, reports (json, tests)
    table: Table
    cells: Sequence[Sequence[RecordCell | None]]  # per row and column: the items behind a count, else None
    footer: int = 0  # last rows that stay last when sorted (a total)


@dataclass(frozen=True, slots=True)
class Names:
    """What the tables call officers and codes, from the cached reference lists."""

    officers: Mapping[str, str]
    categories: Mapping[str, str]

    @classmethod
    def of(cls, kind: str, reference: Callable[[str], Any]) -> Names:
        return cls(names.member_names(reference("members")),
                   names.reference_names(reference("procedures" if kind == "dossier" else "categories")))

    def officer(self, key: str) -> str:
        if key == UNASSIGNED:
            return translate(_CTX, "Chưa phân công")
        return self.officers.get(key, key)

    def category(self, key: str) -> str:
        if key == UNASSIGNED:
            return translate(_CTX, "(Không có)")
        return self.categories.get(key, key)


# (key, header, type): the on-time record's columns, in the order of the national report.
def count_columns() -> list[Column]:
    return [
        Column(translate(_CTX, "Tiếp nhận trong kỳ"), CellType.INTEGER, 12, "received"),
        Column(translate(_CTX, "Tồn kỳ trước"), CellType.INTEGER, 12, "carried"),
        Column(translate(_CTX, "Đã giải quyết đúng hạn"), CellType.INTEGER, 14, "on_time"),
        Column(translate(_CTX, "Đã giải quyết trễ hạn"), CellType.INTEGER, 14, "late"),
        Column(translate(_CTX, "Đang giải quyết trong hạn"), CellType.INTEGER, 14, "open_on_time"),
        Column(translate(_CTX, "Đang giải quyết quá hạn"), CellType.INTEGER, 14, "open_late"),
        Column(translate(_CTX, "Dừng/rút/từ chối"), CellType.INTEGER, 12, "stopped"),
        Column(translate(_CTX, "Tỷ lệ đúng hạn"), CellType.PERCENT, 11, "on_time_rate"),
        Column(translate(_CTX, "Tỷ lệ trễ hạn"), CellType.PERCENT, 11, "late_rate"),
        Column(translate(_CTX, "Có gia hạn (xin lỗi)"), CellType.INTEGER, 12, "extended"),
        Column(translate(_CTX, "Có tạm dừng"), CellType.INTEGER, 11, "paused"),
    ]


_COUNTED = ("received", "carried", "on_time", "late", "open_on_time", "open_late", "stopped")


def _count_row(counts: Counts) -> list[Cell]:
    return [*(getattr(counts, key) for key in _COUNTED), counts.on_time_rate, counts.late_rate,
            counts.extended, counts.paused]


def _count_cells(record: WardRecord, **narrowed: object) -> list[RecordCell | None]:
    cells: list[RecordCell | None] = [record.cell(key, **narrowed) for key in _COUNTED]
    return [*cells, None, None, record.cell("extended", **narrowed), record.cell("paused", **narrowed)]


def period_note(record: WardRecord) -> str:
    first, last = record.period.first.strftime("%d/%m/%Y"), record.period.last.strftime("%d/%m/%Y")
    if record.cutoff >= record.period.end:  # a finished period: its end is 00:00 of the next day, said as its last day
        return translate(_CTX, "Từ {first} đến {last}; tính đến hết ngày {last}.").format(first=first, last=last)
    return translate(_CTX, "Từ {first} đến {last}; tính đến {cutoff}.").format(
        first=first, last=last, cutoff=record.cutoff.astimezone(VN).strftime("%d/%m/%Y %H:%M"))


def kind_words(kind: str) -> str:
    return translate(_CTX, "Hồ sơ") if kind == "dossier" else translate(_CTX, "Phản ánh")


def category_word(kind: str) -> str:
    return translate(_CTX, "Thủ tục") if kind == "dossier" else translate(_CTX, "Lĩnh vực")


def _grouped(record: WardRecord, key: str, title: str, header: str, groups: Mapping[str, Counts],
             name: Callable[[str], str], narrow: str) -> RecordTable:
    columns = [Column(header, CellType.TEXT, 28, "name"), Column(translate(_CTX, "Mã"), CellType.TEXT, 14, "code"),
               *count_columns()]
    ordered = sorted(groups.items(), key=lambda pair: (pair[0] == UNASSIGNED, name(pair[0]).casefold()))
    rows = [[name(code), code or None, *_count_row(counts)] for code, counts in ordered]
    cells = [[None, None, *_count_cells(record, **{narrow: code})] for code, _ in ordered]
    return RecordTable(key, Table(title, columns, rows, period_note(record)), cells)


def record_tables(record: WardRecord, labels: Names) -> list[RecordTable]:
    """Every table of the record: summary, per officer, per procedure (category), and for reports the
    reports by category and status with their working times."""
    kind = record.kind
    summary = RecordTable("summary", Table(
        translate(_CTX, "Tổng hợp"), [Column(translate(_CTX, "Phạm vi"), CellType.TEXT, 22, "name"),
                                      *count_columns()],
        [[translate(_CTX, "Toàn đơn vị"), *_count_row(record.total)]], period_note(record)),
        [[None, *_count_cells(record)]])
    tables = [
        summary,
        _grouped(record, "by_officer", translate(_CTX, "Theo cán bộ"), translate(_CTX, "Cán bộ"),
                 record.by_officer, labels.officer, "officer"),
        _grouped(record, "by_category",
                 translate(_CTX, "Theo thủ tục") if kind == "dossier" else translate(_CTX, "Theo lĩnh vực"),
                 category_word(kind), record.by_category, labels.category, "category"),
    ]
    if record.reports is not None:
        tables.append(_reports_table(record, labels))
    return tables


def _reports_table(record: WardRecord, labels: Names) -> RecordTable:
    statuses = [s for s in REPORT_STATUSES if s not in LEAVE_THE_FEED["report"]]  # never in the cache
    columns = [
        Column(translate(_CTX, "Lĩnh vực"), CellType.TEXT, 24, "name"),
        Column(translate(_CTX, "Mã"), CellType.TEXT, 14, "code"),
        Column(translate(_CTX, "Tiếp nhận trong kỳ"), CellType.INTEGER, 12, "received"),
        *(Column(status_label("report", status), CellType.INTEGER, 11, status) for status in statuses),
        Column(translate(_CTX, "Trung vị đến phản hồi đầu tiên (ngày làm việc)"), CellType.DECIMAL, 16,
               "response_median_days"),
        Column(translate(_CTX, "Trung vị đến khi giải quyết (ngày làm việc)"), CellType.DECIMAL, 16,
               "resolution_median_days"),
        Column(translate(_CTX, "Thời hạn (ngày làm việc)"), CellType.DECIMAL, 12, "target_days"),
        Column(translate(_CTX, "Trong thời hạn"), CellType.INTEGER, 11, "within_target"),
        Column(translate(_CTX, "Quá thời hạn"), CellType.INTEGER, 11, "past_target"),
        Column(translate(_CTX, "Tỷ lệ trong thời hạn"), CellType.PERCENT, 12, "target_share"),
    ]
    reports = record.reports or {}
    ordered = sorted(reports.items(), key=lambda pair: (pair[0] == UNASSIGNED, labels.category(pair[0]).casefold()))

    def row(name: str, code: str | None, one: CategoryReports, target: float | None) -> list[Cell]:
        return [name, code, one.received, *(one.by_status.get(s, 0) for s in statuses), one.response_median,
                one.resolution_median, target, one.within_target, one.past_target, one.target_share]

    def cells(category: str | None) -> list[RecordCell | None]:
        received = record.cell("received", category=category)
        per_status = [record.cell("received", category=category, status=s) for s in statuses]
        return [None, None, received, *per_status, None, None, None, None, None, None]

    rows = [row(labels.category(code), code or None, one, one.target_days) for code, one in ordered]
    rows.append(row(translate(_CTX, "Tất cả"), None, record.reports_total(), None))
    all_cells = [cells(code) for code, _ in ordered] + [cells(None)]
    return RecordTable("reports", Table(translate(_CTX, "Phản ánh theo lĩnh vực"), columns, rows,
                                        period_note(record)), all_cells, footer=1)


def as_json(record: WardRecord, tables: Sequence[RecordTable]) -> dict[str, Any]:
    """Machine keys and plain numbers (the command line's default output)."""

    def value(cell: Cell) -> Any:
        return cell.isoformat() if isinstance(cell, datetime) else cell

    return {
        "kind": record.kind, "from": record.period.first.isoformat(), "to": record.period.last.isoformat(),
        "cutoff": record.cutoff.isoformat().replace("+00:00", "Z"),
        "tables": {t.key: [dict(zip(t.table.keys(), map(value, row), strict=False)) for row in t.table.rows]
                   for t in tables},
    }


def write(fmt: str, tables: Sequence[RecordTable], output: Path | None, stream: IO[str] | None = None) -> None:
    """The tables as Excel (one sheet each; `output` required) or CSV (UTF-8 with BOM; one block per table, a
    blank line between). To `output` whole or not at all (ui.whole_file: a failed write keeps an earlier file of
    that name); else to `stream` (stdout), each text cell cleaned for a terminal (a server-supplied name may hold
    escape codes or bidi controls)."""
    if fmt == "xlsx":
        if output is None:
            raise ValueError("xlsx needs a file")
        with whole_file(output) as binary:
            write_xlsx([t.table for t in tables], binary)
        return
    if output is not None:
        with whole_file(output, "w", encoding="utf-8-sig", newline="") as out:
            _write_csv_blocks(tables, out, None)
        return
    out = stream or sys.stdout
    out.write("\ufeff")  # the BOM, as a file gets it
    _write_csv_blocks(tables, out, terminal_safe)


def _write_csv_blocks(tables: Sequence[RecordTable], out: IO[str], clean: Callable[[str], str] | None) -> None:
    for index, one in enumerate(tables):
        if index:
            out.write("\r\n")
        title = inert(one.table.title)
        out.write(f"{clean(title) if clean else title}\r\n")
        rows = one.table.rows if clean is None else (
            [clean(cell) if isinstance(cell, str) else cell for cell in row] for row in one.table.rows)
        write_csv(one.table, out, rows)
