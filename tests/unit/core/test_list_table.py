"""core.list_table: the list's rows as the officer reads them — names for ids, words for codes, the phone masked
unless IT allows full exports, and the working days left as a number that turns negative once overdue and is
empty while the clock does not run."""

from __future__ import annotations

from datetime import UTC, datetime

from triage_desktop.core import list_table as lt
from triage_desktop.core.list_table import ListedItem, ListNames, list_rows, list_table
from triage_desktop.core.tables import CellType
from triage_desktop.core.workdays import WorkCalendar

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # Tuesday 09:00 in Vietnam
NAMES = ListNames(categories={"CAY_XANH": "Cây xanh"}, procedures={"HT-KS": "Đăng ký khai sinh"},
                  members={"u_17": "Trần Văn Bình"}, units={"w_0101": "UBND Phường 1"})


class Words:
    def header(self, key: str, kind: str | None) -> str:
        return f"{key}:{kind}"

    def kind(self, kind: str) -> str:
        return kind.upper()

    def status(self, kind: str, status: str) -> str:
        return f"<{kind}.{status}>"

    def priority(self, priority: str) -> str:
        return f"<{priority}>"

    def channel(self, channel: str) -> str:
        return f"<{channel}>"


def item(**changes: object) -> ListedItem:
    fields: dict[str, object] = dict(
        kind="report", id="r_1", code="PA-2026-000001", title="Cây đổ", status="in_progress", priority="high",
        category="CAY_XANH", assignee_id="u_17", channel="zalo_mini_app", person="Lê Đình Tâm",
        phone="0905 123 456", address="12 Đường 30/4", unit_id="w_0101",
        submitted_at=datetime(2026, 11, 30, 1, 15, tzinfo=UTC), due_at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    fields.update(changes)
    return ListedItem(**fields)  # type: ignore[arg-type]


def row(table_kind: str | None = "report", full: bool = False, **changes: object) -> dict[str, object]:
    table = list_table(table_kind, Words(), title="t")
    cells = next(list_rows([item(**changes)], table_kind, Words(), NAMES, WorkCalendar(), NOW, full_numbers=full))
    return dict(zip(table.keys(), cells, strict=True))


def test_columns_are_typed_and_say_their_kind() -> None:
    table = list_table("dossier", Words(), title="Danh sách hồ sơ", note="ghi chú")
    keys = table.keys()
    assert keys[0] == lt.CODE and lt.KIND not in keys
    assert table.columns[1].header == "title:dossier"
    types = {c.key: c.type for c in table.columns}
    assert types[lt.SUBMITTED] is types[lt.DUE] is CellType.DATETIME
    assert types[lt.DAYS_LEFT] is CellType.DECIMAL
    assert list_table(None, Words(), title="t").keys()[0] == lt.KIND  # both kinds: which one each row is


def test_a_row_in_words() -> None:
    cells = row()
    assert cells[lt.STATUS] == "<report.in_progress>" and cells[lt.PRIORITY] == "<high>"
    assert cells[lt.CATEGORY] == "Cây xanh" and cells[lt.ASSIGNEE] == "Trần Văn Bình"
    assert cells[lt.CHANNEL] == "<zalo_mini_app>" and cells[lt.UNIT] == "UBND Phường 1"
    assert cells[lt.PHONE] == "0905•••456"
    assert row(full=True)[lt.PHONE] == "0905 123 456"
    assert row("dossier", kind="dossier", category="HT-KS")[lt.CATEGORY] == "Đăng ký khai sinh"
    assert row(None)[lt.KIND] == "REPORT"
    # unknown ids and codes show as they are; nothing shows for nothing
    unknown = row(assignee_id="u_99", category="MOI", unit_id=None, code="")
    assert (unknown[lt.ASSIGNEE], unknown[lt.CATEGORY], unknown[lt.UNIT], unknown[lt.CODE]) == ("u_99", "MOI", "", "r_1")


def test_working_days_left_count_down_and_past_zero() -> None:
    # Tuesday 09:00 → Thursday 17:00: the rest of Tuesday (6 of 8 office hours), Wednesday, Thursday.
    assert row()[lt.DAYS_LEFT] == 2.8
    # Monday 11:30: its afternoon (3.5 h) and Tuesday's first 2 h have passed since.
    assert row(due_at=datetime(2026, 11, 30, 4, 30, tzinfo=UTC))[lt.DAYS_LEFT] == -0.7
    assert row(due_at=datetime(2026, 12, 1, 2, 1, tzinfo=UTC))[lt.DAYS_LEFT] == 0.0  # never "-0,0"
    assert row(due_at=None)[lt.DAYS_LEFT] is None
    assert row(status="resolved")[lt.DAYS_LEFT] is None  # the clock stopped
    assert row("dossier", kind="dossier", status="awaiting_supplement")[lt.DAYS_LEFT] is None  # paused
