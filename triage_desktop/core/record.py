"""The ward's record (issue 13): what a ward leader reports upwards each month, defined once for the dashboard,
the command line (`triage-desktop record`) and the list a clicked number opens.

Period: the chosen first and last local dates (Vietnam time, +07:00), both included, as the UTC half-open range
[start, end). Cutoff = min(end, now): the moment the period is judged at (a period still running is judged now).

On-time record (dossiers; reports the same way on their `due_at`), over the items received before `end` whose
work had not ended before `start` (storage.record_facts: `settled_at` is when the work ended, done or stopped):
- Tiếp nhận trong kỳ: received in [start, end); Tồn kỳ trước: received before start, still open at start.
- Each such item is in exactly one outcome at the cutoff:
  stopped (Dừng/rút/từ chối: refused, suspended; a report rejected) when it stopped before the cutoff — left out of both rates; settled on time (ended done before the cutoff, no later than its
  appointment); settled late (after it); open on time (not ended before the cutoff, appointment not passed or
  none, or a dossier waiting for the citizen at the cutoff: supplement or fee, its clock paused, vocabulary.
  CLOCK_PAUSED — the server moves due_at only when the citizen answers, §4); open late (appointment before the
  cutoff, not waiting for the citizen).
- The appointment in force decides: the `due_at` the server holds now, which it moves for pauses (supplement,
  fee) and for each extension with an apology letter. Items with an extension and with a pause are counted too.
- Late rate = (settled late + open late) ÷ (settled + open), as national statistics count it (all that had to
  be settled); on-time rate = 1 − late rate. No rate when nothing had to be settled.

Items that leave the feed (central-api.md §5 `op: "delete"`: a dossier withdrawn by the citizen, a report
transferred to another unit or merged into another) leave the cache and their facts with them: they are in no
number, not even "stopped", and a period already closed counts fewer received items after one leaves.

Reports received in the period, per category: counts by status; median working days (the province's calendar,
office hours only) from submission to the first public word from staff and to resolution, among those that
had them before the cutoff; share within the category's target (`sla_working_days` of /categories) = resolved
within the target ÷ (resolved + still open past the target at the cutoff). Open ones still inside the target
are not judged yet; stopped ones are left out; a category without a target has no share.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta

from triage_desktop.core.deadlines import utc_text
from triage_desktop.core.workdays import VN

OUTCOMES = ("on_time", "late", "open_on_time", "open_late", "stopped")
# What one number of the record counts (RecordCell.measure): an outcome, or one of these.
MEASURES = ("received", "carried", *OUTCOMES, "extended", "paused", "all")
UNASSIGNED = ""  # the officer key of items nobody was given; also "no category"


@dataclass(frozen=True, slots=True)
class Period:
    """From `first` to `last` (local dates, both included)."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"period ends before it starts: {self.first} > {self.last}")

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), VN).astimezone(UTC)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(0), VN).astimezone(UTC)

    def cutoff(self, now: datetime) -> datetime:
        return min(self.end, now.astimezone(UTC))

    @classmethod
    def month_of(cls, day: date) -> Period:
        following = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
        return cls(day.replace(day=1), following - timedelta(days=1))

    @classmethod
    def this_month(cls, now: datetime) -> Period:
        return cls.month_of(now.astimezone(VN).date())

    @classmethod
    def last_month(cls, now: datetime) -> Period:
        return cls.month_of(now.astimezone(VN).date().replace(day=1) - timedelta(days=1))

    @classmethod
    def this_year(cls, now: datetime) -> Period:
        year = now.astimezone(VN).year
        return cls(date(year, 1, 1), date(year, 12, 31))


@dataclass(frozen=True, slots=True)
class RecordCell:
    """The items behind one number of the record, for the list (core.entities.ItemQuery.record): counted and
    listed by the same SQL predicate (storage.record_query). `None` means any; UNASSIGNED means none."""

    kind: str
    start: str  # UTC text (core.deadlines.utc_text)
    end: str
    cutoff: str
    measure: str = "all"  # one of MEASURES
    officer: str | None = None
    category: str | None = None
    status: str | None = None  # the server's status (the reports table's columns)
    label: str = ""  # what the list's filter line says ("Từ Thống kê: …"), made by the front end

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise ValueError(f"record measure {self.measure!r}")

    @classmethod
    def of(cls, kind: str, period: Period, now: datetime, **narrowed: object) -> RecordCell:
        return cls(kind, utc_text(period.start), utc_text(period.end), utc_text(period.cutoff(now)),
                   **narrowed)  # type: ignore[arg-type]


@dataclass(slots=True)
class Counts:
    """One row of the on-time record (see the module docstring)."""

    received: int = 0
    carried: int = 0
    on_time: int = 0
    late: int = 0
    open_on_time: int = 0
    open_late: int = 0
    stopped: int = 0
    extended: int = 0
    paused: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def settled(self) -> int:
        return self.on_time + self.late

    @property
    def open(self) -> int:
        return self.open_on_time + self.open_late

    @property
    def due(self) -> int:
        """All that had to be settled: settled + open (stopped ones are not)."""
        return self.settled + self.open

    @property
    def late_rate(self) -> float | None:
        return (self.late + self.open_late) / self.due if self.due else None

    @property
    def on_time_rate(self) -> float | None:
        late = self.late_rate
        return None if late is None else 1.0 - late


@dataclass(frozen=True, slots=True)
class Group:
    """A fact group as SQL counts it: who, which procedure/category, which outcome, and how many."""

    officer: str  # UNASSIGNED for none
    category: str
    outcome: str
    fresh: bool  # received in the period (else carried over)
    extended: bool
    paused: bool
    n: int


def tally(groups: Iterable[Group]) -> tuple[Counts, dict[str, Counts], dict[str, Counts]]:
    """(all, per officer, per category) from the grouped counts."""
    total = Counts()
    officers: dict[str, Counts] = {}
    categories: dict[str, Counts] = {}
    for group in groups:
        one = Counts(received=group.n if group.fresh else 0, carried=0 if group.fresh else group.n,
                     extended=group.n if group.extended else 0, paused=group.n if group.paused else 0)
        setattr(one, group.outcome, getattr(one, group.outcome) + group.n)
        total.add(one)
        officers.setdefault(group.officer, Counts()).add(one)
        categories.setdefault(group.category, Counts()).add(one)
    return total, officers, categories


@dataclass(slots=True)
class CategoryReports:
    """Reports received in the period in one category (module docstring)."""

    by_status: dict[str, int] = field(default_factory=dict)
    response_days: list[float] = field(default_factory=list)
    resolution_days: list[float] = field(default_factory=list)
    within_target: int = 0
    past_target: int = 0  # resolved later than the target, or open past it at the cutoff
    target_days: float | None = None

    @property
    def received(self) -> int:
        return sum(self.by_status.values())

    @property
    def response_median(self) -> float | None:
        return statistics.median(self.response_days) if self.response_days else None

    @property
    def resolution_median(self) -> float | None:
        return statistics.median(self.resolution_days) if self.resolution_days else None

    @property
    def target_share(self) -> float | None:
        judged = self.within_target + self.past_target
        return self.within_target / judged if judged and self.target_days is not None else None

    def merged(self, other: CategoryReports) -> CategoryReports:
        by_status = dict(self.by_status)
        for status, n in other.by_status.items():
            by_status[status] = by_status.get(status, 0) + n
        # A sum of categories has no one target: it is marked judged (0) when any of them had one.
        judged = self.target_days is not None or other.target_days is not None
        return CategoryReports(by_status, self.response_days + other.response_days,
                               self.resolution_days + other.resolution_days,
                               self.within_target + other.within_target, self.past_target + other.past_target,
                               0.0 if judged else None)


@dataclass(frozen=True, slots=True)
class WardRecord:
    """The record of one kind over one period, as at `cutoff`."""

    kind: str
    period: Period
    cutoff: datetime
    now: datetime
    total: Counts
    by_officer: Mapping[str, Counts]
    by_category: Mapping[str, Counts]
    reports: Mapping[str, CategoryReports] | None = None  # reports only: per category code

    def cell(self, measure: str = "all", **narrowed: object) -> RecordCell:
        """The RecordCell of one of this record's numbers."""
        return RecordCell.of(self.kind, self.period, self.now, measure=measure, **narrowed)

    def reports_total(self) -> CategoryReports:
        """All categories together; the share over those that have a target (the others judged nothing)."""
        total = CategoryReports()
        for one in (self.reports or {}).values():
            total = total.merged(one)
        return total


def sla_targets(categories: object) -> dict[str, float]:
    """{category code: sla_working_days} from the cached /categories list (odd entries skipped)."""
    targets: dict[str, float] = {}
    for entry in categories if isinstance(categories, Sequence) and not isinstance(categories, str) else ():
        if not isinstance(entry, Mapping):
            continue
        code, days = entry.get("code"), entry.get("sla_working_days")
        if isinstance(code, str) and isinstance(days, int | float) and not isinstance(days, bool) and days > 0:
            targets[code] = float(days)
    return targets
