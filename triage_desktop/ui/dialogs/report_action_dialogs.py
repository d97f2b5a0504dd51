"""Report actions offered under "Thao tác khác": change priority, transfer to another unit, merge a duplicate.

Like the everyday dialogs, each only collects the contract's fields and lets `core.actions.build_payload`
check them before it closes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from triage_desktop.core.entities import Item, ItemRow, User
from triage_desktop.core.vocabulary import PRIORITIES
from triage_desktop.ui import labels
from triage_desktop.ui.dialogs.action_dialogs import ActionDialog, public_notice, select_data
from triage_desktop.ui.formatting import sorted_vietnamese
from triage_desktop.ui.safe_text import one_line

MERGE_CANDIDATES = 30  # rows shown while searching for the original report


class PriorityDialog(ActionDialog):
    action_type = "set_priority"

    def _title(self) -> str:
        return self.tr("Đổi mức độ ưu tiên")

    def _ok_text(self) -> str:
        return self.tr("Đổi mức độ")

    def _build(self) -> None:
        self.priority = QComboBox(self)
        for code in PRIORITIES:
            self.priority.addItem(labels.label(labels.PRIORITY, code), code)
        current = self.priority.findData(self.item.priority or "normal")
        self.priority.setCurrentIndex(max(0, current))
        self.form.addRow(self._caption(self.tr("Mức độ")), self.priority)

    def fields(self) -> dict[str, Any]:
        return {"priority": self.priority.currentData()}


class TransferDialog(ActionDialog):
    """Hand a report to the unit that is competent for it; the reason is shown to the citizen."""

    action_type = "transfer"

    def __init__(self, item: Item, user: User | None, units: Any, parent: QWidget | None = None) -> None:
        own = item.unit_id
        self._units = [u for u in units or () if isinstance(u, Mapping) and u.get("id") and u.get("id") != own]
        super().__init__(item, user, parent)

    def _title(self) -> str:
        return self.tr("Chuyển đơn vị khác xử lý")

    def _ok_text(self) -> str:
        return self.tr("Chuyển đi")

    def _build(self) -> None:
        self.form.addRow(public_notice(self._caption(self.tr("Công dân sẽ nhìn thấy lý do chuyển"))))
        self.unit = QComboBox(self)
        self.unit.addItem(self.tr("— Chọn đơn vị nhận —"), None)  # no default: a wrong unit delays the citizen
        for unit in sorted_vietnamese(self._units, lambda u: str(u.get("name") or "")):
            self.unit.addItem(str(unit.get("name") or unit["id"]), str(unit["id"]))
        self.form.addRow(self._caption(self.tr("Đơn vị nhận")), self.unit)
        self.reason_text = self._editor(self.tr("Ví dụ: Nội dung thuộc thẩm quyền của Điện lực, không thuộc phường."))
        self.form.addRow(self._caption(self.tr("Lý do (bắt buộc)")), self.reason_text)
        self.ok_button.setEnabled(self.unit.count() > 1)

    def fields(self) -> dict[str, Any]:
        return {"unit_id": self.unit.currentData(), "reason_text": self.reason_text.toPlainText()}

    def _restore_choices(self, fields: Mapping[str, Any]) -> None:
        select_data(self.unit, fields.get("unit_id"))


class MergeDialog(ActionDialog):
    """Merge this report into the original it repeats: the officer finds the original by code or words.

    `find(text)` returns report rows from the cache (the list's own search); with no text, reports of the same
    category are suggested, because a duplicate usually shares it.
    """

    action_type = "merge"

    def __init__(self, item: Item, user: User | None, find: Callable[[str, str | None], Sequence[ItemRow]],
                 parent: QWidget | None = None) -> None:
        self._find = find
        super().__init__(item, user, parent)

    def _title(self) -> str:
        return self.tr("Gộp vào phản ánh trùng")

    def _ok_text(self) -> str:
        return self.tr("Gộp")

    def _build(self) -> None:
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)  # a code and a title per line
        self.form.addRow(self._caption(self.tr(
            "Phản ánh này sẽ được gộp vào phản ánh gốc và rời khỏi danh sách; phản ánh gốc ghi lại việc gộp.")))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Mã hoặc nội dung phản ánh gốc…"))
        self.search.setClearButtonEnabled(True)
        self.form.addRow(self._caption(self.tr("Tìm")), self.search)
        self.candidates = QListWidget(self)
        self.candidates.setMinimumHeight(self.candidates.fontMetrics().lineSpacing() * 8)
        self.form.addRow(self._caption(self.tr("Phản ánh gốc")), self.candidates)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._refresh)
        self.search.textChanged.connect(self._timer.start)
        self.candidates.currentItemChanged.connect(lambda *_: self.ok_button.setEnabled(self._chosen() is not None))
        self._refresh()

    def _refresh(self) -> None:
        text = self.search.text().strip()
        category = None if text else self.item.category or None
        self.candidates.clear()
        for row in self._find(text, category):
            if row.id == self.item.id or row.kind != "report":
                continue
            # Citizen text, shown in a list cell: QListWidgetItem renders plain text only.
            line = f"{row.code} · {one_line(row.title, 120)} · {labels.status_label('report', row.status)}"
            entry = QListWidgetItem(line)
            entry.setData(Qt.ItemDataRole.UserRole, row.id)
            self.candidates.addItem(entry)
            if self.candidates.count() >= MERGE_CANDIDATES:
                break
        self.ok_button.setEnabled(self._chosen() is not None)

    def _chosen(self) -> str | None:
        entry = self.candidates.currentItem()
        return str(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else None

    def fields(self) -> dict[str, Any]:
        return {"into_id": self._chosen()}
