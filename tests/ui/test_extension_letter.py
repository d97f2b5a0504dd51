"""The extension's apology letter promises the new date: the template is filled from "Hạn mới" and follows it
until the officer writes her own words; the new date starts a few working days out and is never in the past."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt

from tests.ui.seed import LEADER
from triage_desktop.core.entities import User
from triage_desktop.core.workdays import VN, WorkCalendar
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.dialogs.dossier_action_dialogs import ExtendDialog, extension_problem
from triage_desktop.ui.formatting import format_date, format_datetime

leader = User.from_json(LEADER)
APOLOGY = [{"id": "t_9", "kind": "apology", "title": "Xin lỗi",
            "body": "Kính gửi {citizen_name}, hồ sơ {code} chậm trả kết quả. Hẹn lại ngày {due_date}."}]
# The seeded dossier d_0001 is due Thursday 05/03/2026 17:00 (+07:00).
BEFORE_DUE = datetime(2026, 3, 2, 8, 0, tzinfo=VN)


def vn(text: str) -> QDateTime:
    """A moment typed as Vietnam time, e.g. "20/03/2026 10:00"."""
    moment = datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=VN)
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def shown(dialog: ExtendDialog) -> datetime:
    return datetime.fromtimestamp(dialog.new_due.dateTime().toSecsSinceEpoch(), VN)


def ok(qtbot, dialog: ExtendDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def open_dialog(qtbot, workspace: LocalWorkspace, calendar: WorkCalendar | None = None,
                now: datetime = BEFORE_DUE) -> ExtendDialog:
    dialog = ExtendDialog(workspace.item("dossier", "d_0001"), leader, APOLOGY, calendar=calendar, now=now)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_letter_promises_the_new_date_and_follows_it(qtbot, workspace: LocalWorkspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    dialog.template.setCurrentIndex(1)
    letter = dialog.body.toPlainText()
    assert f"Hẹn lại ngày {format_date(shown(dialog))}." in letter
    assert format_date("2026-03-05T17:00:00+07:00") not in letter  # not the date already missed
    dialog.new_due.setDateTime(vn("20/03/2026 10:00"))
    assert dialog.body.toPlainText().endswith(f"Hẹn lại ngày {format_date(shown(dialog))}.")
    # Once the officer writes her own words, nothing overwrites them.
    dialog.body.selectAll()
    dialog.body.insertPlainText("Xin lỗi ông/bà; hẹn trả kết quả ngày 20/03/2026.")
    dialog.new_due.setDateTime(vn("23/03/2026 10:00"))
    assert dialog.body.toPlainText() == "Xin lỗi ông/bà; hẹn trả kết quả ngày 20/03/2026."
    ok(qtbot, dialog)
    assert datetime.fromisoformat(dialog.payload["new_due_at"]) == datetime(2026, 3, 23, 10, 0, tzinfo=VN)


def test_the_new_date_defaults_to_three_working_days_on_the_province_calendar(qtbot,
                                                                             workspace: LocalWorkspace) -> None:
    # Thursday 05/03 17:00 → Friday 06, (weekend), Monday 09, Tuesday 10: three days of office time.
    assert shown(open_dialog(qtbot, workspace)) == datetime(2026, 3, 10, 17, 0, tzinfo=VN)
    day_off = WorkCalendar(days_off=frozenset({date(2026, 3, 9)}))
    assert shown(open_dialog(qtbot, workspace, day_off)) == datetime(2026, 3, 11, 17, 0, tzinfo=VN)


def test_an_overdue_dossier_gets_a_date_ahead_of_today(qtbot, workspace: LocalWorkspace) -> None:
    dialog = open_dialog(qtbot, workspace, now=datetime(2026, 3, 12, 9, 30, tzinfo=VN))  # a week late
    # Three working days of office time from now (core.workdays.add_working_time): Tuesday 17 at 09:30.
    assert shown(dialog) == datetime(2026, 3, 17, 9, 30, tzinfo=VN)


def test_a_date_already_past_is_refused_in_words(qtbot, workspace: LocalWorkspace) -> None:
    dialog = open_dialog(qtbot, workspace, now=datetime(2026, 3, 12, 9, 30, tzinfo=VN))
    dialog.template.setCurrentIndex(1)
    dialog.new_due.setDateTime(vn("06/03/2026 17:00"))  # after the old due date, but already gone
    assert dialog.error.isVisible()
    now = datetime(2026, 3, 12, 9, 30, tzinfo=VN)
    assert dialog.error.text() == f"Hạn mới đã qua. Hãy chọn một thời điểm sau {format_datetime(now)}."
    ok(qtbot, dialog)
    assert dialog.payload is None and dialog.error.isVisible()
    dialog.new_due.setDateTime(vn("16/03/2026 17:00"))
    assert not dialog.error.isVisible()  # the message goes as soon as the date is right
    ok(qtbot, dialog)
    assert dialog.payload is not None and dialog.payload["apology_letter"].endswith(
        f"Hẹn lại ngày {format_date(shown(dialog))}.")


def test_the_new_date_must_be_later_than_the_current_one() -> None:
    # The date field does not go below the current due date; the same rule in words backs it up.
    due = datetime(2026, 3, 5, 17, 0, tzinfo=VN)
    assert extension_problem(due, due, BEFORE_DUE) == \
        f"Hạn mới phải muộn hơn hạn hiện tại ({format_datetime(due)})."
    assert extension_problem(due + timedelta(minutes=1), due, BEFORE_DUE) is None
    assert extension_problem(due + timedelta(minutes=1), None, BEFORE_DUE) is None  # no due date yet
