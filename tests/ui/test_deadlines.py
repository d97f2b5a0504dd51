"""Working time left before a deadline, as the list and the detail pane say it (central-api.md §4)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QLabel

from triage_desktop.core.workdays import VN, WorkCalendar
from triage_desktop.storage.store import Store
from triage_desktop.ui.deadlines import due_text, is_late, time_left_text
from triage_desktop.ui.formatting import format_datetime
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import COL_DUE

TET = WorkCalendar.from_published([{"days_off": ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                                                 "2026-02-20"]}])
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=VN)


@pytest.mark.parametrize(("due", "short", "reads"), [
    ("2026-03-04T17:00:00+07:00", False, "còn 2 ngày 6 giờ làm việc"),
    ("2026-03-04T17:00:00+07:00", True, "còn 2 ngày làm việc"),
    ("2026-03-02T16:00:00+07:00", False, "còn 5 giờ làm việc"),
    ("2026-02-27T17:00:00+07:00", False, "quá hạn 2 giờ làm việc"),  # Friday evening → Monday 9:00
    ("2026-02-25T17:00:00+07:00", False, "quá hạn 2 ngày 2 giờ làm việc"),
    ("2026-03-02T09:00:00+07:00", False, "đến hạn"),
])
def test_time_left_text(due: str, short: bool, reads: str) -> None:
    assert time_left_text(TET, due, MONDAY_9, short=short) == reads


def test_tet_does_not_count() -> None:
    # Due the Friday before Tết, read on the Monday after: one working morning late, not a week.
    assert time_left_text(TET, "2026-02-13T17:00:00+07:00", datetime(2026, 2, 23, 9, 0, tzinfo=VN)) == \
        "quá hạn 2 giờ làm việc"


def test_the_list_and_the_detail_pane_show_time_left(qtbot, window: MainWindow, store: Store) -> None:
    assert window.select_item("report", "r_0001")  # open, due 09/03/2026: long past
    due_row = window.model.row_of(("report", "r_0001"))
    assert window.model.index(due_row, COL_DUE).data().startswith("Quá hạn ")  # "Quá hạn 194 ngày"
    texts = [label.text() for label in window.detail.findChildren(QLabel)]
    assert any(text.startswith("09/03/2026") and "quá hạn" in text and "làm việc" in text for text in texts)


@pytest.mark.parametrize(("kind", "status", "after_the_date"), [
    ("report", "in_progress", " (còn 2 ngày làm việc)"),
    ("report", "resolved", ""),  # done: the clock stopped
    ("dossier", "awaiting_supplement", " (tạm dừng, chờ công dân)"),
    ("dossier", "returned", ""),
])
def test_the_clock_runs_only_while_the_unit_owes_the_work(kind: str, status: str, after_the_date: str) -> None:
    due = "2026-03-04T17:00:00+07:00"
    reads = format_datetime(due) + after_the_date  # the date in the computer's time zone
    assert due_text(TET, kind, status, due, short=True, now=MONDAY_9) == reads
    assert is_late(kind, status, due, now=datetime(2026, 3, 9, 9, 0, tzinfo=VN)) == (status == "in_progress")


def test_a_due_date_that_is_not_a_timestamp_is_shown_as_sent() -> None:
    assert due_text(TET, "report", "in_progress", "sớm nhất có thể", now=MONDAY_9) == "sớm nhất có thể"
    assert due_text(TET, "report", "in_progress", None, now=MONDAY_9) == ""
