"""The list export's file (issue 13): core.list_table's table, streamed to Excel or CSV, whole or not at all.

Shared by the window ("Xuất danh sách…", ui.list_export) and the command line (`export --labels vi`,
`--format xlsx`), so both write the same columns, words and formats. The file is written whole or not at all
(ui.whole_file).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Literal

from triage_desktop.core import spreadsheet
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.list_table import ListedItem, ListNames, list_rows, list_table
from triage_desktop.core.ports import Workspace
from triage_desktop.core.tables import Cell, Table
from triage_desktop.core.vocabulary import KINDS
from triage_desktop.ui.list_words import FixedListWords, list_note, list_title
from triage_desktop.ui.whole_file import whole_file

Format = Literal["xlsx", "csv"]


def write_list_file(path: Path, fmt: Format, table: Table, rows: Iterable[Sequence[Cell]]) -> int:
    """`table` with `rows` (streamed) to `path` as Excel or CSV (UTF-8 with BOM), whole or not at all
    (ui.whole_file: a Cancelled from the rows or an OSError from the disk leaves `path` as it was)."""
    if fmt == "xlsx":
        with whole_file(path) as binary:
            return spreadsheet.write_xlsx([table], binary, rows_of={0: rows})[0]
    # utf-8-sig: Excel reads Vietnamese right only with the BOM.
    with whole_file(path, "w", encoding="utf-8-sig", newline="") as text:
        return spreadsheet.write_csv(table, text, rows)


def export_everything(workspace: Workspace, kind: str | None, fmt: Format, path: Path | None, *, full_numbers: bool,
                      now: datetime, seen: list[int], stream: IO[str] | None = None,
                      clean: Callable[[str], str] | None = None) -> int:
    """`triage-desktop export --labels vi` / `--format xlsx`: every cached item of `kind` (both kinds, one after
    the other, when None) as the window's list export writes them, newest first, to `path` or (CSV only) to
    `stream`, each text cell through `clean` (a terminal's). Counts the items read into seen[0] (the audit's)."""
    names = ListNames.from_reference(workspace.reference)
    calendar = workspace.work_calendar()
    kinds = [kind] if kind is not None else list(KINDS)
    note = list_note(ItemQuery(kind=kind) if kind is not None else None, names, now)
    words = FixedListWords()
    table = list_table(kind, words, title=list_title(kind), note=note)
    items = counted(itertools.chain.from_iterable(workspace.listed(ItemQuery(kind=k)) for k in kinds), seen)
    rows: Iterable[Sequence[Cell]] = list_rows(items, kind, words, names, calendar, now,
                                               full_numbers=full_numbers)
    if clean is not None:
        rows = ([clean(cell) if isinstance(cell, str) else cell for cell in row] for row in rows)
    if path is not None:
        return write_list_file(path, fmt, table, rows)
    if stream is None or fmt != "csv":
        raise ValueError("an Excel file needs a path")
    stream.write("\ufeff")  # the BOM, as a file gets it
    return spreadsheet.write_csv(table, stream, rows)


def counted(items: Iterator[ListedItem], seen: list[int]) -> Iterator[ListedItem]:
    """`items`, counting into seen[0] as they go (the audit entry counts what left, finished or not)."""
    for item in items:
        yield item
        seen[0] += 1
