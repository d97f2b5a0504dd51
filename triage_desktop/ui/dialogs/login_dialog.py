"""LoginDialog: server address (preset by IT), username, password; the login runs off the GUI thread.

Errors are one clear Vietnamese sentence each: wrong password, locked account, server unreachable or a wrong
address, an answer that is not this API. The password is never kept after the attempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.entities import User
from triage_desktop.core.errors import (
    AccountLocked,
    ApiError,
    BadServerResponse,
    CertificateUntrusted,
    ClientTooOld,
    InsecureServer,
    Offline,
    ServerBusy,
    WrongCredentials,
)
from triage_desktop.core.ports import SyncService
from triage_desktop.ui.messages import error_message
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.styling import bold, text_color


class LoginDialog(QDialog):
    loggedIn = Signal(object)  # User

    def __init__(self, sync: SyncService, runner: TaskRunner, server_url: str = "", username: str = "",
                 parent: QWidget | None = None, *, lock_server: bool = False) -> None:
        super().__init__(parent)
        self._sync = sync
        self._runner = runner
        self._busy = False
        self._finished = False
        self.user: User | None = None
        self.setWindowTitle(self.tr("Đăng nhập — Tiếp nhận phản ánh, hồ sơ"))

        intro = QLabel(self.tr("Đăng nhập bằng tài khoản cán bộ do đơn vị cấp."), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.server = QLineEdit(server_url, self)
        self.server.setPlaceholderText("https://…/triage/v1")
        self.server.setReadOnly(lock_server and bool(server_url))
        self.username = QLineEdit(username, self)
        self.username.setPlaceholderText(self.tr("Tên đăng nhập"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Mật khẩu"))
        self.status = QLabel(self)
        self.status.setObjectName("loginStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        bold(self.status)
        self.status.hide()
        self.login_button = QPushButton(self.tr("Đăng nhập"), self)
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self._submit)
        self.cancel_button = QPushButton(self.tr("Hủy"), self)  # it closes this dialog; the program stays open
        self.cancel_button.setAutoDefault(False)  # Enter in any field logs in; it must never cancel
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self._caption(self.tr("Máy chủ")), self.server)
        form.addRow(self._caption(self.tr("Tên đăng nhập")), self.username)
        form.addRow(self._caption(self.tr("Mật khẩu")), self.password)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 50)
        (self.password if username else self.username).setFocus()

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    @property
    def busy(self) -> bool:
        return self._busy

    def _submit(self) -> None:
        if self._busy:
            return
        fields = read_login_fields(self.server, self.username, self.password)
        if isinstance(fields, FieldProblem):
            self._show_error(fields.message, fields.field)
            return
        url, username, password = fields
        self._set_busy(True)
        sync = self._sync
        self._runner.run(lambda: sync.login(url, username, password), self._on_done, self._on_error,
                         lane="network")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.server, self.username, self.password, self.login_button):
            widget.setEnabled(not busy)
        self.login_button.setText(self.tr("Đang đăng nhập…") if busy else self.tr("Đăng nhập"))
        if busy:
            self.status.setPalette(self.palette())
            self.status.setText(self.tr("Đang kết nối máy chủ, vui lòng chờ…"))
            self.status.show()
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _on_done(self, user: User) -> None:
        if self._finished:
            return
        self._set_busy(False)
        self.password.clear()
        self.user = user
        self.loggedIn.emit(user)
        self.accept()

    def _on_error(self, error: BaseException) -> None:
        if self._finished:
            return
        self._set_busy(False)
        self._show_error(login_error_message(error), self._field_to_fix(error))

    def _field_to_fix(self, error: BaseException) -> QLineEdit:
        """Where the officer's next keystroke should go: the fields were disabled while busy, so focus had left
        them (and Enter then pressed whatever button held it)."""
        if (isinstance(error, Offline | BadServerResponse | ApiError | InsecureServer | CertificateUntrusted)
                and not self.server.isReadOnly()):
            return self.server  # unreachable, or not this API: most often a mistyped address
        if isinstance(error, AccountLocked):
            return self.username
        return self.password

    def _show_error(self, text: str, field: QLineEdit) -> None:
        text_color(self.status, styling.CONFLICT_FG)
        self.status.setText(text)
        self.status.show()
        self._grow_to_fit()
        field.selectAll()
        field.setFocus()

    def _grow_to_fit(self) -> None:
        """Grow taller to show a long error whole (a wrapped label's height depends on its width, which Qt's
        minimum-size constraints do not follow), rather than cutting its last lines at 200% text."""
        layout = self.layout()
        assert layout is not None  # typed Optional; the dialog gets its layout in __init__
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def done(self, result: int) -> None:
        self._finished = True  # a login still in flight must not touch this dialog afterwards
        self.password.clear()
        super().done(result)


@dataclass(frozen=True)
class FieldProblem:
    message: str
    field: QLineEdit  # where the officer is taken to fix it


def read_login_fields(server: QLineEdit, username: QLineEdit,
                      password: QLineEdit) -> tuple[str, str, str] | FieldProblem:
    """(server URL, username, password) as typed, or what is wrong with them: the dialog's and the gate's form's
    one check before a login leaves."""
    url, name, secret = server.text().strip().rstrip("/"), username.text().strip(), password.text()
    if not valid_server_url(url):
        return FieldProblem(QCoreApplication.translate(
            "LoginDialog", "Địa chỉ máy chủ không hợp lệ. Địa chỉ phải bắt đầu bằng https:// (http:// chỉ với máy chủ "
                           "tập huấn trên chính máy này), ví dụ do bộ phận CNTT cung cấp."), server)
    if not name or not secret:
        return FieldProblem(QCoreApplication.translate("LoginDialog", "Vui lòng nhập tên đăng nhập và mật khẩu."),
                            username if not name else password)
    return url, name, secret


def valid_server_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def login_error_message(error: BaseException) -> str:
    """What to tell an official whose login failed."""
    if isinstance(error, WrongCredentials):
        return QCoreApplication.translate("LoginDialog", "Sai tên đăng nhập hoặc mật khẩu. Vui lòng kiểm tra lại "
                              "(chú ý chữ hoa, chữ thường và bộ gõ tiếng Việt).")
    if isinstance(error, AccountLocked):
        return QCoreApplication.translate("LoginDialog", "Tài khoản đang bị khóa do nhập sai mật khẩu nhiều lần. "
                              "Vui lòng chờ ít phút hoặc liên hệ bộ phận CNTT để mở khóa.")
    if isinstance(error, Offline):
        return QCoreApplication.translate("LoginDialog", "Không kết nối được máy chủ. Kiểm tra mạng và địa chỉ máy chủ "
                              "(có thể địa chỉ bị gõ sai).")
    if isinstance(error, BadServerResponse):
        return QCoreApplication.translate("LoginDialog", "Địa chỉ này không phải máy chủ tiếp nhận phản ánh, hồ sơ, hoặc máy chủ trả lời "
                              "không đúng. Kiểm tra lại địa chỉ máy chủ.")
    if isinstance(error, ServerBusy):
        return QCoreApplication.translate("LoginDialog", "Máy chủ đang bận. Vui lòng thử lại sau ít phút.")
    if isinstance(error, ClientTooOld):
        return QCoreApplication.translate("LoginDialog", "Phiên bản phần mềm đã cũ, máy chủ không cho đăng nhập. "
                              "Vui lòng liên hệ bộ phận CNTT để cài bản cập nhật.")
    if isinstance(error, ApiError) and error.status == 404:
        return QCoreApplication.translate("LoginDialog", "Không tìm thấy dịch vụ ở địa chỉ này. Kiểm tra lại địa chỉ máy chủ.")
    return error_message(error)
