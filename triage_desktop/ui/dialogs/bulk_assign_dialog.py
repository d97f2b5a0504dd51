"""BulkAssignDialog: "Phân công N mục" — one assignee for the items the leader selected in the list.

Who can be chosen follows the contract's roles (§2): a leader assigns anyone in the unit, an officer only
herself (she takes the items); a clerk cannot assign, and the window never offers her the dialog. The dialog
only collects the choice; the window queues one `assign` action per item.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from triage_desktop.core.entities import User
from triage_desktop.ui import labels
from triage_desktop.ui.dialogs.action_dialogs import MIN_WIDTH_CHARS
from triage_desktop.ui.formatting import sorted_vietnamese


def assignable(user: User | None, members: Sequence[User]) -> list[User]:
    """Whom `user` may assign items to: the whole unit for a leader, herself for an officer, nobody else."""
    if user is None:
        return []
    if user.is_leader:
        return sorted_vietnamese(members, lambda m: m.display_name)
    if user.is_officer:
        return [next((m for m in members if m.id == user.id), user)]
    return []


class BulkAssignDialog(QDialog):
    def __init__(self, count: int, user: User | None, members: Sequence[User], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = count
        self.setWindowTitle(self.tr("Phân công %n mục", "", count))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * MIN_WIDTH_CHARS)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Mỗi mục được phân công riêng và gửi lên máy chủ như một thao tác riêng; mục nào "
                               "đã bị người khác thay đổi sẽ hiện xung đột để xử lý riêng."), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.member = QComboBox(self)
        self.member.setObjectName("bulkAssignee")
        for member in assignable(user, members):
            roles = ", ".join(labels.label(labels.ROLE, r) for r in member.roles)
            self.member.addItem(f"{member.display_name} ({roles})" if roles else member.display_name, member.id)
        form.addRow(self.tr("Giao cho"), self.member)
        layout.addLayout(form)
        self.ok_button = QPushButton(self.tr("Phân công %n mục", "", count), self)
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(self.member.count() > 0)
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton(self.tr("Hủy"), self)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    def assignee_id(self) -> str | None:
        data = self.member.currentData()
        return str(data) if data else None

    def choose(self, member_id: str) -> bool:
        index = self.member.findData(member_id)
        if index >= 0:
            self.member.setCurrentIndex(index)
        return index >= 0
