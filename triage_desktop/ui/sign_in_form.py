"""SignInForm: server address (fixed when IT locked it), username, password and "Đăng nhập", as a page of the
empty, locked window (ui/gate_window.py) rather than a dialog: there is nothing behind it to go back to.

The form only collects and checks what was typed; the window's gate runs the sign-in off the GUI thread and
tells the form when it is busy and what went wrong. The password is cleared after every attempt.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from triage_desktop.core.errors import AccountLocked, ApiError, BadServerResponse, Offline
from triage_desktop.ui.dialogs.login_dialog import FieldProblem, login_error_message, read_login_fields
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.styling import bold, relative_font, text_color


class SignInForm(QWidget):
    submitted = Signal(str, str, str)  # server URL, username, password

    def __init__(self, server_url: str = "", username: str = "", parent: QWidget | None = None, *,
                 lock_server: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("signInForm")
        self._busy = False
        heading = self._heading = QLabel(self.tr("Đăng nhập"), self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        intro = QLabel(self.tr("Đăng nhập bằng tài khoản cán bộ do đơn vị cấp để xem phản ánh, hồ sơ."), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.server = QLineEdit(server_url, self)
        self.server.setPlaceholderText("https://…/triage/v1")
        self.server.setAccessibleName(self.tr("Máy chủ"))
        self.server.setReadOnly(lock_server and bool(server_url))  # IT's server: deployment.toml
        self.username = QLineEdit(username, self)
        self.username.setPlaceholderText(self.tr("Tên đăng nhập"))
        self.username.setAccessibleName(self.tr("Tên đăng nhập"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Mật khẩu"))
        self.password.setAccessibleName(self.tr("Mật khẩu"))
        self.status = QLabel(self)
        self.status.setObjectName("signInStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        bold(self.status)
        self.status.hide()
        self.button = QPushButton(self.tr("Đăng nhập"), self)
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        for field in (self.server, self.username, self.password):
            field.returnPressed.connect(self._submit)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self._caption(self.tr("Máy chủ")), self.server)
        form.addRow(self._caption(self.tr("Tên đăng nhập")), self.username)
        form.addRow(self._caption(self.tr("Mật khẩu")), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self._fit_text_size()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom: the heading and the width follow the text size
            self._fit_text_size()

    def _fit_text_size(self) -> None:
        self._heading.setFont(relative_font(self.font(), 1.4, is_bold=True))
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("0") * 52)
        self._fit_height()

    def _fit_height(self) -> None:
        """The height the wrapped lines need at this width: centred in the window, the form is sized from its
        hint, which knows nothing of wrapping, and a long error would squash the fields."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        self.setFixedHeight(layout.totalHeightForWidth(self.width()))

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    @property
    def busy(self) -> bool:
        return self._busy

    def focus_first_empty(self) -> None:
        field = self.server if not self.server.text() else self.username if not self.username.text() else self.password
        field.setFocus()

    def _submit(self) -> None:
        if self._busy:
            return
        fields = read_login_fields(self.server, self.username, self.password)
        if isinstance(fields, FieldProblem):
            self.show_message(fields.message, fields.field)
            return
        url, username, password = fields
        self.password.clear()  # the gate has it now; nothing keeps it in a widget
        self.submitted.emit(url, username, password)

    def set_busy(self, busy: bool) -> None:
        """While the gate checks the password: fields disabled, a busy cursor and a line saying so."""
        self._busy = busy
        for widget in (self.server, self.username, self.password, self.button):
            widget.setEnabled(not busy)
        self.button.setText(self.tr("Đang đăng nhập…") if busy else self.tr("Đăng nhập"))
        if busy:
            self.status.setPalette(self.palette())
            self.status.setText(self.tr("Đang kiểm tra mật khẩu và mở dữ liệu, vui lòng chờ…"))
            self.status.show()
            self._fit_height()
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def show_error(self, error: BaseException) -> None:
        self.set_busy(False)
        self.show_message(login_error_message(error), self._field_to_fix(error))

    def _field_to_fix(self, error: BaseException) -> QLineEdit:
        if isinstance(error, Offline | BadServerResponse | ApiError) and not self.server.isReadOnly():
            return self.server  # unreachable, or not this API: most often a mistyped address
        if isinstance(error, AccountLocked):
            return self.username
        return self.password

    def show_message(self, text: str, field: QLineEdit | None = None) -> None:
        text_color(self.status, styling.CONFLICT_FG)
        self.status.setText(text)
        self.status.show()
        self._fit_height()
        if field is not None:
            field.selectAll()
            field.setFocus()

    def clear_message(self) -> None:
        self.status.clear()
        self.status.hide()
        self._fit_height()
