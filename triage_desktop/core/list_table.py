"""The window's list as a core.tables.Table (issue 13): the columns the officer sees, in words, typed.

Storage hands over every row of a list query as a `ListedItem` (Workspace.listed: the list's own order, in short
batches); `list_table` names the columns and `list_rows` turns each item into cells: labels instead of codes
(the caller's `ListWords`, translated in the front end), names from the cached reference lists (`ListNames`),
real datetimes, and the working days left before the deadline as a number (negative once it has passed). A
phone number is masked (core.masking) unless the deployment allows full exports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Protocol

from triage_desktop.core import names
from triage_desktop.core.masking import mask_phone
from triage_desktop.core.tables import Cell, CellType, Column, Table
from triage_desktop.core.vocabulary import deadline_clock
from triage_desktop.core.workdays import WorkCalendar, working_time_left


@dataclass(frozen=True, slots=True)
class ListedItem:
    """One row of a list as an export needs it: the list's columns (with the officer's unsent changes, as the
    list shows them) and the person and place from the server's JSON."""

    kind: str
    id: str
    code: str
    title: str
    status: str
    priority: str
    category: str  # category_code or procedure_code
    assignee_id: str | None
    channel: str | None
    person: str  # the citizen who sent a report, the applicant of a dossier
    phone: str  # as given: masked by list_rows unless told otherwise
    address: str
    unit_id: str | None
    submitted_at: datetime | None
    due_at: datetime | None


# (key, type, width in characters); the headers are the caller's words (ListWords.header).
KIND, CODE, TITLE, STATUS, PRIORITY, CATEGORY, ASSIGNEE = "kind", "code", "title", "status", "priority", "category", "assignee"
CHANNEL, PERSON, PHONE, ADDRESS, SUBMITTED, DUE, DAYS_LEFT, UNIT = (
    "channel", "person", "phone", "address", "submitted_at", "due_at", "working_days_left", "unit")
COLUMNS: Final[tuple[tuple[str, CellType, int], ...]] = (
    (KIND, CellType.TEXT, 10),
    (CODE, CellType.TEXT, 22),
    (TITLE, CellType.TEXT, 48),
    (STATUS, CellType.TEXT, 18),
    (PRIORITY, CellType.TEXT, 12),
    (CATEGORY, CellType.TEXT, 26),
    (ASSIGNEE, CellType.TEXT, 22),
    (CHANNEL, CellType.TEXT, 14),
    (PERSON, CellType.TEXT, 24),
    (PHONE, CellType.TEXT, 15),
    (ADDRESS, CellType.TEXT, 36),
    (SUBMITTED, CellType.DATETIME, 17),
    (DUE, CellType.DATETIME, 17),
    (DAYS_LEFT, CellType.DECIMAL, 14),
    (UNIT, CellType.TEXT, 22),
)


class ListWords(Protocol):
    """What the front end's language calls the columns and the codes (ui.list_words: Qt translations)."""

    def header(self, key: str, kind: str | None) -> str: ...  # kind None: a list of both kinds
    def kind(self, kind: str) -> str: ...
    def status(self, kind: str, status: str) -> str: ...
    def priority(self, priority: str) -> str: ...
    def channel(self, channel: str) -> str: ...


@dataclass(frozen=True, slots=True)
class ListNames:
    """Names of the codes and ids a row holds, from the cached reference lists (core.names)."""

    categories: dict[str, str] = field(default_factory=dict)
    procedures: dict[str, str] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_reference(cls, reference: Callable[[str], Any]) -> ListNames:
        """From Workspace.reference (categories, procedures, members, units as the last sync cached them)."""
        return cls(names.reference_names(reference("categories")), names.reference_names(reference("procedures")),
                   names.member_names(reference("members")), names.reference_names(reference("units"), key="id"))

    def category(self, kind: str, code: str) -> str:
        return (self.procedures if kind == "dossier" else self.categories).get(code, code)


def list_table(kind: str | None, words: ListWords, *, title: str, note: str = "") -> Table:
    """The columns of `kind`'s list ("Tiêu đề", "Lĩnh vực"…; a dossier's "Trích yếu", "Thủ tục"…); `kind` None:
    both kinds in one table, with a column saying which. Rows come from list_rows (streamed by the writer)."""
    columns = [Column(words.header(key, kind), cell_type, width, key)
               for key, cell_type, width in COLUMNS if key != KIND or kind is None]
    return Table(title=title, columns=columns, note=note)


def list_rows(items: Iterable[ListedItem], kind: str | None, words: ListWords, names_: ListNames,
              calendar: WorkCalendar, now: datetime, *, full_numbers: bool = False) -> Iterator[list[Cell]]:
    """Each item's cells, in list_table(kind)'s column order. `now`: the moment working days left count from
    (one moment for the whole file); `full_numbers`: the deployment allows phone numbers unmasked."""
    status = functools.cache(words.status)  # a few codes, 10^5 rows: each label is looked up once
    priority = functools.cache(words.priority)
    channel = functools.cache(words.channel)
    kind_word = functools.cache(words.kind)
    for item in items:
        cells: list[Cell] = [kind_word(item.kind)] if kind is None else []
        cells += [
            item.code or item.id,
            item.title,
            status(item.kind, item.status) if item.status else "",
            priority(item.priority) if item.priority else "",
            names_.category(item.kind, item.category) if item.category else "",
            names_.members.get(item.assignee_id, item.assignee_id) if item.assignee_id else "",
            channel(item.channel) if item.channel else "",
            item.person,
            item.phone if full_numbers else mask_phone(item.phone),
            item.address,
            item.submitted_at,
            item.due_at,
            working_days_left(item, calendar, now),
            names_.units.get(item.unit_id, item.unit_id) if item.unit_id else "",
        ]
        yield cells


def working_days_left(item: ListedItem, calendar: WorkCalendar, now: datetime) -> float | None:
    """Office time left before the deadline in working days, one decimal (negative: overdue by so much); None
    when there is no deadline or its clock does not run (paused for the citizen, or finished)."""
    if item.due_at is None or deadline_clock(item.kind, item.status) != "running":
        return None
    return round(working_time_left(now, item.due_at, calendar), 1) + 0.0  # + 0.0: never "-0,0"
