"""LoginDialog against the real sandbox over loopback: the right sentence for each way a login fails."""

from __future__ import annotations

import socket

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from triage_desktop.core.errors import AccountLocked, ApiError, BadServerResponse, Offline, WrongCredentials
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services
from triage_desktop.ui.dialogs.login_dialog import LoginDialog, login_error_message
from triage_desktop.ui.tasks import TaskRunner


def make_dialog(qtbot, services: Services, runner: TaskRunner, url: str) -> LoginDialog:
    dialog = LoginDialog(services.sync, runner, url)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def attempts(dialog: LoginDialog) -> list[bool]:
    """The dialog's busy changes as they happen: an answer that comes back at once (a refused connection) may
    end the attempt before the test looks, so the history, not the state, says that one went off."""
    history: list[bool] = []
    original = dialog._set_busy

    def spy(busy: bool) -> None:
        history.append(busy)
        original(busy)

    dialog._set_busy = spy  # type: ignore[method-assign]
    return history


def attempt(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    history = attempts(dialog)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert history[:1] == [True]  # the login went to a worker, the dialog waiting meanwhile
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def test_wrong_password_says_so(qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, services, runner, sandbox.url)
    attempt(qtbot, dialog, "lanhdao", "sai-mat-khau")
    assert dialog.status.text() == login_error_message(WrongCredentials())
    assert dialog.status.text().startswith("Sai tên đăng nhập hoặc mật khẩu")
    assert dialog.isVisible() and dialog.user is None
    assert dialog.login_button.isEnabled()


def test_right_password_logs_in(qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, services, runner, sandbox.url)
    with qtbot.waitSignal(dialog.loggedIn, timeout=20_000) as logged_in:
        dialog.username.setText("lanhdao")
        dialog.password.setText("demo123")
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert logged_in.args[0].full_name == "Nguyễn Thị Hồng"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.password.text() == ""  # the password is not kept
    assert services.workspace.current_user().username == "lanhdao"


def test_locked_account_says_so(qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, services, runner, sandbox.url)
    for _ in range(6):
        attempt(qtbot, dialog, "canbo2", "sai")
    assert dialog.status.text() == login_error_message(AccountLocked())


def test_unreachable_server_says_so(qtbot, services: Services, runner: TaskRunner) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dialog = make_dialog(qtbot, services, runner, f"http://127.0.0.1:{port}/triage/v1")
    attempt(qtbot, dialog, "lanhdao", "demo123")
    assert dialog.status.text() == login_error_message(Offline())


def test_a_wrong_address_on_a_live_server_says_so(qtbot, sandbox: SandboxServer, services: Services,
                                                  runner: TaskRunner) -> None:
    wrong = sandbox.url.replace("/triage/v1", "/khong-phai-api")
    dialog = make_dialog(qtbot, services, runner, wrong)
    attempt(qtbot, dialog, "lanhdao", "demo123")
    # The sandbox answers 404 there; a web server answering HTML would be a BadServerResponse.
    assert dialog.status.text() == login_error_message(ApiError(404))
    assert dialog.status.text().startswith("Không tìm thấy dịch vụ ở địa chỉ này")
    assert login_error_message(BadServerResponse()).startswith("Địa chỉ này không phải máy chủ")


def test_a_malformed_address_is_refused_before_any_request(qtbot, services: Services, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, services, runner, "may-chu-tinh")
    dialog.username.setText("lanhdao")
    dialog.password.setText("demo123")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert dialog.status.text().startswith("Địa chỉ máy chủ không hợp lệ")


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_after_a_network_error_focus_returns_to_the_address_and_enter_tries_again(
        qtbot, services: Services, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, services, runner, f"http://127.0.0.1:{unused_port()}/triage/v1")
    attempt(qtbot, dialog, "lanhdao", "demo123")
    assert dialog.status.text() == login_error_message(Offline())
    assert dialog.focusWidget() is dialog.server and dialog.server.selectedText() == dialog.server.text()
    history = attempts(dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # the officer presses Enter, as she would
    assert dialog.isVisible() and history[:1] == [True]  # it tried again instead of closing
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def test_the_button_that_only_closes_the_dialog_says_huy(qtbot, services: Services, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, services, runner, "https://example.invalid/triage/v1")
    assert dialog.cancel_button.text() == "Hủy"
    assert not dialog.cancel_button.autoDefault() and dialog.login_button.isDefault()


def test_a_long_error_is_shown_whole_at_200_percent_text(qtbot, services: Services, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, services, runner, "")
    font = dialog.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    dialog.setFont(font)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)  # no address: the longest sentence we have
    qtbot.waitUntil(lambda: dialog.status.isVisible())
    qtbot.wait(50)  # the layout settles on the next event-loop turn
    status = dialog.status
    assert status.height() >= status.heightForWidth(status.width())  # every wrapped line fits
    assert dialog.focusWidget() is dialog.server
