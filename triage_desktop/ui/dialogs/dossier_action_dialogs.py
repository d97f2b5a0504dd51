"""Dossier actions offered under "Thao tác khác": ask for the fee, and extend the due date with an apology.

Both messages go to the applicant. An extension must carry an apology letter (central-api.md §4; the
one-stop "văn bản xin lỗi và hẹn lại ngày trả kết quả"), so the dialog offers the unit's apology templates,
filled with the *new* date and kept in step with it until the officer writes her own words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QSpinBox, QWidget

from triage_desktop.core.entities import Item, User
from triage_desktop.core.timestamps import parse_timestamp
from triage_desktop.core.workdays import WorkCalendar, add_working_time
from triage_desktop.ui.dialogs.action_dialogs import TemplatedDialog
from triage_desktop.ui.formatting import format_date, format_datetime, format_vnd
from triage_desktop.ui.safe_text import value_label

translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings

MAX_FEE_VND = 2_000_000_000  # QSpinBox holds a 32-bit int; no one-stop fee comes near it
# The default new date is a short, concrete promise: a dossier that runs late usually waits on one step (a
# signature, another office's answer), and a letter that promises the procedure's whole processing time again
# would push the citizen weeks out. The officer lengthens it when the work needs more.
DEFAULT_EXTENSION_WORKING_DAYS = 3
QT_DATE_TIME_FORMAT = "dd/MM/yyyy HH:mm"


def procedure_fee(procedures: Any, code: object) -> int:
    """The procedure's published fee (GET /procedures), 0 when unknown."""
    for procedure in procedures or ():
        if isinstance(procedure, Mapping) and procedure.get("code") == code:
            try:
                return max(0, int(procedure.get("fee_vnd") or 0))
            except (TypeError, ValueError):
                return 0
    return 0


class FeeDialog(TemplatedDialog):
    action_type = "request_fee"

    def __init__(self, item: Item, user: User | None, procedures: Any = (), context: Mapping[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        self._fee = procedure_fee(procedures, item.category or None)
        super().__init__(item, user, (), context, parent)

    def _title(self) -> str:
        return self.tr("Yêu cầu nộp phí, lệ phí")

    def _ok_text(self) -> str:
        return self.tr("Gửi yêu cầu")

    def _build(self) -> None:
        self.amount = QSpinBox(self)
        self.amount.setRange(0, MAX_FEE_VND)
        self.amount.setSingleStep(1_000)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setSuffix(" ₫")
        self.amount.setValue(self._fee)
        self.form.addRow(self._caption(self.tr("Số tiền")), self.amount)
        self._add_public_body(self.tr("Nội dung thông báo cho công dân…"))
        self.amount.valueChanged.connect(self._suggest_body)
        self._suggest_body()

    def _suggest_body(self) -> None:
        if self.body.document().isModified():
            return  # the officer's own words are never overwritten
        self.body.setPlainText(self.tr(
            "Hồ sơ {code} cần thực hiện nghĩa vụ tài chính. Đề nghị ông/bà nộp {amount} để cơ quan tiếp tục "
            "giải quyết hồ sơ.").format(code=self._context.get("code", ""), amount=format_vnd(self.amount.value())))
        self.body.document().setModified(False)

    def fields(self) -> dict[str, Any]:
        return {"amount_vnd": self.amount.value(), "body": self.body.toPlainText()}

    def _restore_choices(self, fields: Mapping[str, Any]) -> None:
        amount = fields.get("amount_vnd")
        if isinstance(amount, int) and not isinstance(amount, bool):
            self.amount.setValue(amount)


def default_new_due(calendar: WorkCalendar, due: datetime | None, now: datetime,
                    working_days: float = DEFAULT_EXTENSION_WORKING_DAYS) -> datetime:
    """`working_days` of office time after the current due date, or after now when that date has already passed
    (a promise must lie ahead): core.workdays.add_working_time on the province's calendar, in Vietnam time, up to
    the next whole minute (the date field shows minutes; a promise is never earlier than the count)."""
    start = max(due, now) if due is not None else now
    moment = add_working_time(start, working_days, calendar)
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + timedelta(minutes=1)


def extension_problem(new_due: datetime, due: datetime | None, now: datetime) -> str | None:
    """Why `new_due` cannot be promised, in words; None when it can. It must be later than the current due date
    (the contract) and still ahead of us (a date already gone is no promise)."""
    if due is not None and due >= now:
        if new_due <= due:
            return translate("ExtendDialog", "Hạn mới phải muộn hơn hạn hiện tại ({due}).").format(
                due=format_datetime(due))
        return None
    if new_due <= now:
        return translate("ExtendDialog", "Hạn mới đã qua. Hãy chọn một thời điểm sau {now}.").format(
            now=format_datetime(now))
    return None


class ExtendDialog(TemplatedDialog):
    action_type = "extend"
    template_kind = "apology"

    def __init__(self, item: Item, user: User | None, templates: Any = (), context: Mapping[str, str] | None = None,
                 parent: QWidget | None = None, *, calendar: WorkCalendar | None = None,
                 now: datetime | None = None, clock: Callable[[], datetime] | None = None,
                 new_due: datetime | None = None, apology: bool = False) -> None:
        """`now` pins the clock, `clock` is read at each check (the window's); `new_due` is the date proposed
        (else default_new_due); `apology`: the unit's first apology template is chosen and filled at once (the
        detail pane's extension proposal)."""
        self._calendar = calendar or WorkCalendar()
        self._fixed_now = now
        self._clock = clock
        self._proposed = new_due
        self._due = parse_timestamp(item.due_at)
        super().__init__(item, user, templates, context, parent)
        if apology and self._templates:
            self.template.setCurrentIndex(1)  # filled with the new date by _on_template

    def _title(self) -> str:
        return self.tr("Gia hạn và xin lỗi công dân")

    def _ok_text(self) -> str:
        return self.tr("Gia hạn")

    def _build(self) -> None:
        self.form.addRow(self._caption(self.tr("Hạn hiện tại")),
                         value_label(format_datetime(self._due) or self.tr("Chưa có"), self))
        self.new_due = QDateTimeEdit(self)
        self.new_due.setDisplayFormat(QT_DATE_TIME_FORMAT)
        self.new_due.setCalendarPopup(True)
        if self._due is not None:  # the contract: later than the current due date
            self.new_due.setMinimumDateTime(_qt(self._due).addSecs(60))
        self.new_due.setDateTime(_qt(self._proposed or default_new_due(self._calendar, self._due, self._now())))
        self.form.addRow(self._caption(self.tr("Hạn mới")), self.new_due)
        self._add_public_body(self.tr("Văn bản xin lỗi và hẹn lại ngày trả kết quả…"))
        self.new_due.dateTimeChanged.connect(self._on_new_due)
        self._on_new_due()

    def _now(self) -> datetime:
        if self._fixed_now is not None:
            return self._fixed_now
        return self._clock() if self._clock is not None else datetime.now(UTC)

    def chosen_due(self) -> datetime:
        return datetime.fromtimestamp(self.new_due.dateTime().toSecsSinceEpoch(), UTC)

    def _on_new_due(self) -> None:
        """The letter's {due_date} is the new date; a template text the officer has not touched follows it."""
        self._context["due_date"] = format_date(self.chosen_due())
        template = self.template.currentData()
        if template and not self.body.document().isModified():
            self._on_template(self.template.currentIndex())
        problem = extension_problem(self.chosen_due(), self._due, self._now())
        if problem:
            self.show_error(problem)
        else:
            self.error.hide()

    def _on_ok(self) -> None:
        problem = extension_problem(self.chosen_due(), self._due, self._now())
        if problem:
            self.show_error(problem)
            return
        super()._on_ok()

    def new_due_at(self) -> str:
        """The chosen moment as RFC 3339 with the computer's offset (the screen shows local time)."""
        return self.chosen_due().astimezone().isoformat(timespec="seconds")

    def fields(self) -> dict[str, Any]:
        return {"new_due_at": self.new_due_at(), "apology_letter": self.body.toPlainText()}

    def _restore_choices(self, fields: Mapping[str, Any]) -> None:
        moment = parse_timestamp(fields.get("new_due_at"))
        if moment is not None:
            self.new_due.setDateTime(_qt(moment))


def _qt(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
