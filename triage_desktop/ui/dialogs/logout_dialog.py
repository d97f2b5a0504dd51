"""LogoutDialog: "Đăng xuất?" with "Xóa dữ liệu trên máy này", saying first, and by number, what a wipe loses.

Logging out keeps the cache (encrypted; the next sign-in sends what is still queued). Wiping deletes it, and
with it every action not yet sent: the warning comes before the checkbox, and the button says what it does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.styling import bold, text_color


class LogoutDialog(QDialog):
    def __init__(self, unsent: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unsent = unsent
        self.setWindowTitle(self.tr("Đăng xuất"))
        question = QLabel(self.tr("Đăng xuất khỏi máy này? Lần sau cần nhập lại mật khẩu để xem dữ liệu."), self)
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setObjectName("unsentWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        bold(self.warning)
        text_color(self.warning, styling.CONFLICT_FG)
        if unsent > 0:
            self.warning.setText(self.tr(
                "Còn %n thao tác chưa gửi lên máy chủ. Nếu xóa dữ liệu trên máy này, các thao tác đó sẽ bị mất; "
                "hãy đồng bộ để gửi trước khi xóa.", "", unsent))
        else:
            self.warning.hide()
        self.wipe = QCheckBox(self.tr("Xóa dữ liệu trên máy này"), self)
        self.wipe.setToolTip(self.tr("Xóa bản sao phản ánh, hồ sơ trên máy; lần đăng nhập sau sẽ tải lại từ máy chủ."))
        self.wipe.toggled.connect(self._on_wipe)
        self.confirm = QPushButton(self.tr("Đăng xuất"), self)
        self.confirm.setAutoDefault(False)
        self.confirm.clicked.connect(self.accept)
        self.cancel = QPushButton(self.tr("Hủy"), self)
        self.cancel.setDefault(True)  # Enter keeps the session: leaving, and above all wiping, takes a click
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.warning)
        layout.addWidget(self.wipe)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 50)

    def _on_wipe(self, wipe: bool) -> None:
        if wipe and self.unsent > 0:
            label = self.tr("Xóa và mất %n thao tác chưa gửi", "", self.unsent)
        elif wipe:
            label = self.tr("Xóa dữ liệu và đăng xuất")
        else:
            label = self.tr("Đăng xuất")
        self.confirm.setText(label)

    def wipe_requested(self) -> bool:
        return self.wipe.isChecked()
