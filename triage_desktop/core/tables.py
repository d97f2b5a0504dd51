"""A table as people read it (issue 13): Vietnamese headers, labels instead of codes, typed cells.

The list export, every table of the ward's record and the CLI's `record` build a `Table`; core.spreadsheet
writes it to Excel (real dates and numbers) or CSV. Cells are already labels: no writer looks a code up.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime


class CellType(enum.StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"  # one decimal place shown (working days)
    PERCENT = "percent"  # a share in 0..1, shown as 97,5 %
    DATETIME = "datetime"  # an aware datetime, written in Vietnam time as dd/MM/yyyy HH:mm


@dataclass(frozen=True, slots=True)
class Column:
    header: str  # translated by the caller
    type: CellType = CellType.TEXT
    width: int = 16  # characters, for Excel
    key: str = ""  # a stable machine name (json output, tests); the header is for people


Cell = str | int | float | datetime | None


@dataclass(frozen=True, slots=True)
class Table:
    title: str  # the sheet's name and the heading above it
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]] = field(default_factory=list)
    note: str = ""  # one line under the title: period, filters, when it was made

    def keys(self) -> list[str]:
        return [c.key or c.header for c in self.columns]
