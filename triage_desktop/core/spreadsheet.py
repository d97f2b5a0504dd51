"""Writing core.tables.Table to Excel (XlsxWriter) and CSV, as an officer opens them in Excel.

Excel: one sheet per table, a bold frozen header row, column widths, real numbers and dates (Vietnam time,
dd/MM/yyyy HH:mm), percentages as numbers with a % format. CSV: UTF-8 with a BOM (Excel garbles Vietnamese
without it), dates as dd/MM/yyyy HH:mm. Both make citizens' text inert where a spreadsheet would run it as a
formula (= + - @ at the start).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import IO, Any

from triage_desktop.core.tables import Cell, CellType, Table
from triage_desktop.core.workdays import VN

DATE_FORMAT = "%d/%m/%Y %H:%M"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LIMIT = 31  # Excel's own limit


def inert(text: str) -> str:
    """Text a spreadsheet shows as typed: a leading ' stops = + - @ from starting a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def local_text(moment: datetime) -> str:
    return moment.astimezone(VN).strftime(DATE_FORMAT)


def csv_cell(value: Cell, cell_type: CellType) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local_text(value)
    if cell_type is CellType.PERCENT and isinstance(value, int | float):
        return f"{value * 100:.1f}%".replace(".", ",")
    if cell_type is CellType.DECIMAL and isinstance(value, int | float):
        return f"{value:.1f}".replace(".", ",")
    return inert(str(value))


def write_csv(table: Table, out: IO[str], rows: Iterable[Sequence[Cell]] | None = None) -> int:
    """The header and rows to a text stream opened with newline=""; the caller writes the BOM (utf-8-sig).
    `rows` overrides table.rows (a generator for a long list). Returns the number of rows written."""
    writer = csv.writer(out)
    writer.writerow([c.header for c in table.columns])
    types = [c.type for c in table.columns]
    count = 0
    for row in table.rows if rows is None else rows:
        writer.writerow([csv_cell(value, t) for value, t in zip(row, types, strict=False)])
        count += 1
    return count


def sheet_name(title: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title).strip("' ")[:SHEET_NAME_LIMIT] or "Sheet"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[:SHEET_NAME_LIMIT - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def write_xlsx(tables: Sequence[Table], target: str | IO[bytes],
               rows_of: dict[int, Iterable[Sequence[Cell]]] | None = None) -> list[int]:
    """Each table on its own sheet of one workbook at `target` (a path or a binary stream). `rows_of` maps a
    table's index to a row iterator that replaces its rows (a long list, streamed). Returns rows per sheet."""
    import xlsxwriter  # imported on use: start-up never pays for it

    # constant_memory: rows go to disk as written, so a 100k-row list stays small in memory.
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "remove_timezone": True,
                                            "strings_to_formulas": False, "strings_to_urls": False})
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 13}),
        "note": workbook.add_format({"italic": True}),
        "header": workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4",
                                       "border": 1}),
        CellType.TEXT: workbook.add_format({"valign": "top"}),
        CellType.INTEGER: workbook.add_format({"num_format": "#,##0", "valign": "top"}),
        CellType.DECIMAL: workbook.add_format({"num_format": "0.0", "valign": "top"}),
        CellType.PERCENT: workbook.add_format({"num_format": "0.0%", "valign": "top"}),
        CellType.DATETIME: workbook.add_format({"num_format": "dd/mm/yyyy hh:mm", "valign": "top"}),
    }
    counts: list[int] = []
    taken: set[str] = set()
    try:
        for index, table in enumerate(tables):
            sheet = workbook.add_worksheet(sheet_name(table.title, taken))
            sheet.write_string(0, 0, table.title, formats["title"])
            first = 1
            if table.note:
                sheet.write_string(1, 0, table.note, formats["note"])
                first = 2
            header_row = first  # right under the title (and note): the header is the first thing read
            for col, column in enumerate(table.columns):
                sheet.set_column(col, col, column.width)
                sheet.write_string(header_row, col, column.header, formats["header"])
            sheet.freeze_panes(header_row + 1, 0)
            count = 0
            rows = rows_of.get(index, table.rows) if rows_of else table.rows
            for row_number, row in enumerate(rows, start=header_row + 1):
                for col, (value, column) in enumerate(zip(row, table.columns, strict=False)):
                    _write(sheet, row_number, col, value, column.type, formats)
                count += 1
            if table.columns:
                sheet.autofilter(header_row, 0, header_row + count, len(table.columns) - 1)
            counts.append(count)
    finally:
        workbook.close()
    return counts


def _write(sheet: Any, row: int, col: int, value: Cell, cell_type: CellType, formats: dict[Any, Any]) -> None:
    if value is None:
        return
    if isinstance(value, datetime):
        # Excel has no time zones: the wall-clock time in Vietnam, which is what the officer reads everywhere.
        sheet.write_datetime(row, col, value.astimezone(VN).replace(tzinfo=None), formats[CellType.DATETIME])
    elif isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, col, value, formats.get(cell_type, formats[CellType.INTEGER]))
    else:
        sheet.write_string(row, col, str(value), formats[CellType.TEXT])
