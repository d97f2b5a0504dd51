"""Dossier actions offered under "Thao tác khác": ask for the fee, and extend the due date with an apology.

Both messages go to the applicant. An extension must carry an apology letter (central-api.md §4; the
one-stop "văn bản xin lỗi và hẹn lại ngày trả kết quả"), so the dialog starts from the unit's apology
template when there is one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QSpinBox, QWidget

from triage_desktop.core.entities import Item, User
from triage_desktop.ui.dialogs.action_dialogs import TemplatedDialog
from triage_desktop.ui.formatting import format_datetime, format_vnd, parse_timestamp
from triage_desktop.ui.safe_text import value_label

MAX_FEE_VND = 2_000_000_000  # QSpinBox holds a 32-bit int; no one-stop fee comes near it
DEFAULT_EXTENSION_DAYS = 5
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
        self._fee = procedure_fee(procedures, item.data.get("procedure_code"))
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


class ExtendDialog(TemplatedDialog):
    action_type = "extend"
    template_kind = "apology"

    def _title(self) -> str:
        return self.tr("Gia hạn và xin lỗi công dân")

    def _ok_text(self) -> str:
        return self.tr("Gia hạn")

    def _build(self) -> None:
        due = parse_timestamp(self.item.data.get("due_at"))
        self.form.addRow(self._caption(self.tr("Hạn hiện tại")),
                         value_label(format_datetime(self.item.data.get("due_at")) or self.tr("Chưa có"), self))
        self.new_due = QDateTimeEdit(self)
        self.new_due.setDisplayFormat(QT_DATE_TIME_FORMAT)
        self.new_due.setCalendarPopup(True)
        start = QDateTime.fromSecsSinceEpoch(int(due.timestamp())) if due else QDateTime.currentDateTime()
        self.new_due.setMinimumDateTime(start.addSecs(60))  # the contract: later than the current due date
        self.new_due.setDateTime(start.addDays(DEFAULT_EXTENSION_DAYS))
        self.form.addRow(self._caption(self.tr("Hạn mới")), self.new_due)
        self._add_public_body(self.tr("Văn bản xin lỗi và hẹn lại ngày trả kết quả…"))

    def new_due_at(self) -> str:
        """The chosen moment as RFC 3339 with the computer's offset (the screen shows local time)."""
        moment = datetime.fromtimestamp(self.new_due.dateTime().toSecsSinceEpoch(), UTC).astimezone()
        return moment.isoformat(timespec="seconds")

    def fields(self) -> dict[str, Any]:
        return {"new_due_at": self.new_due_at(), "apology_letter": self.body.toPlainText()}
