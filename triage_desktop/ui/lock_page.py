"""LockPage: what the window shows while locked (idle, or the OS session locked): the signed-in official's name,
a password field, "Mở khóa", and "Đăng xuất" for a colleague who needs the PC.

The page holds no citizen data; the window empties its list and detail panel before showing it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from triage_desktop.ui.messages import error_message
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.styling import bold, relative_font, text_color


class LockPage(QWidget):
    unlockRequested = Signal(str)  # the password typed
    logoutRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        self._busy = False
        box = self._box = QWidget(self)
        self.heading = QLabel(self.tr("Đã khóa — nhập mật khẩu để tiếp tục"), box)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.who = QLabel(box)
        self.who.setObjectName("lockedUser")
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.who.setWordWrap(True)
        self.password = QLineEdit(box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Mật khẩu"))
        self.password.setAccessibleName(self.tr("Mật khẩu"))
        self.password.returnPressed.connect(self._submit)
        self.status = QLabel(box)
        self.status.setObjectName("unlockStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        bold(self.status)
        self.status.hide()
        self.unlock_button = QPushButton(self.tr("Mở khóa"), box)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        self.logout_button = QPushButton(self.tr("Đăng xuất"), box)
        self.logout_button.setFlat(True)  # a link: the secondary way out
        self.logout_button.setAutoDefault(False)
        self.logout_button.clicked.connect(self.logoutRequested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(box)
        inner.addWidget(self.heading)
        inner.addWidget(self.who)
        inner.addWidget(self.password)
        inner.addWidget(self.status)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom
            self._fit()

    def reset(self, display_name: str) -> None:
        """Shown anew: whose session it is, an empty field with the focus, no old message."""
        self.who.setText(self.tr("Đang đăng nhập: {name}").format(name=display_name) if display_name else "")
        self.password.clear()
        self.status.clear()
        self.status.hide()
        self.set_busy(False)
        self._fit()
        self.password.setFocus()

    def _fit(self) -> None:
        """A width taken at the text size of the moment (at 200% the box grows with the text) and the height its
        wrapped lines need at that width: a centred box sized from its hint would cut them."""
        self.heading.setFont(relative_font(self.font(), 1.4, is_bold=True))
        width = self.fontMetrics().horizontalAdvance("0") * 52
        self._box.setFixedWidth(width)
        layout = self._box.layout()
        assert layout is not None  # set in __init__
        layout.activate()
        self._box.setFixedHeight(layout.totalHeightForWidth(width))

    @property
    def busy(self) -> bool:
        return self._busy

    def _submit(self) -> None:
        password = self.password.text()
        if self._busy or not password:
            return
        self.password.clear()
        self.unlockRequested.emit(password)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.password, self.unlock_button, self.logout_button):
            widget.setEnabled(not busy)
        self.unlock_button.setText(self.tr("Đang kiểm tra…") if busy else self.tr("Mở khóa"))
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def show_error(self, error: BaseException) -> None:
        self.set_busy(False)
        text_color(self.status, styling.CONFLICT_FG)
        self.status.setText(error_message(error))
        self.status.show()
        self._fit()
        self.password.setFocus()
