""""Thông tin đơn vị trên giấy tờ": how the unit signs its papers, typed once (what /units does not give)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from triage_desktop.core.papers import Letterhead
from triage_desktop.core.papers.letterhead import FIELDS


class LetterheadDialog(QDialog):
    def __init__(self, current: Letterhead, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterheadDialog")
        self.setWindowTitle(self.tr("Thông tin đơn vị trên giấy tờ"))
        captions = {
            "authority": self.tr("Cơ quan chủ quản"), "unit_name": self.tr("Tên đơn vị"),
            "address": self.tr("Địa chỉ"), "phone": self.tr("Điện thoại"),
            "leader_name": self.tr("Họ tên người ký"), "leader_title": self.tr("Chức danh người ký"),
            "place": self.tr("Địa danh ghi ở dòng ngày tháng"),
        }
        values = current.to_json()
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in FIELDS:
            edit = QLineEdit(values[name], self)
            edit.setObjectName(f"letterhead_{name}")
            edit.setMaxLength(200)
            form.addRow(captions[name], edit)
            self.edits[name] = edit
        note = QLabel(self.tr("Nhập một lần cho đơn vị; mọi giấy tờ in sau đó dùng các thông tin này."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def fields(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()}
