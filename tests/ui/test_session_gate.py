"""The gate before any data (issue 10), in the window: nothing of the cache is drawn until an official signed in in
this run; idle lock empties the window; logout asks first and returns to the empty window.

Real sandbox over loopback, a real cache synced before the window starts, real widgets offscreen; the gate is
ServicesGate (tests/ui/gate_support.py) over the real services.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from tests.ui.gate_support import (
    ServicesGate,
    all_widgets,
    citizen_strings,
    fast_lanes,
    leaked,
    widget_text,
    widgets_of,
)
from triage_desktop.core.work_settings import WorkSettings
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services
from triage_desktop.ui.dialogs.logout_dialog import LogoutDialog
from triage_desktop.ui.item_list_view import ItemListView
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.os_lock import OsLockWatcher
from triage_desktop.ui.session_shell import SessionShell

PASSWORD = "demo123"


class NoOsLock(OsLockWatcher):
    """The desktop's buses are not this test's business (the OS lock has tests of its own)."""

    def attach(self, window: object) -> None:
        return None


@pytest.fixture
def cached(sandbox: SandboxServer, services: Services) -> Services:
    """A cache that already holds the unit's reports and dossiers, with nobody signed in: the shared PC at start."""
    services.sync.login(sandbox.url, "lanhdao", PASSWORD)
    services.sync.sync_once()
    services.sync.logout()
    assert services.workspace.outbox_summary() == (0, 0)
    return services


def make_shell(qtbot, gate: ServicesGate, tmp_path: Path, url: str, idle_ms: int | None = None) -> SessionShell:
    shell = SessionShell(gate, fast_lanes, server_url=url, idle_lock_minutes=0 if idle_ms is None else 10,
                         idle_interval_ms=idle_ms, os_lock=NoOsLock(),
                         settings=QSettings(str(tmp_path / "gate.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(shell.gate_window)
    return shell


@pytest.fixture
def shell_of(qtbot, tmp_path: Path, sandbox: SandboxServer) -> Iterator:
    shells: list[SessionShell] = []

    def make(gate: ServicesGate, idle_ms: int | None = None) -> SessionShell:
        shell = make_shell(qtbot, gate, tmp_path, sandbox.url, idle_ms)
        shells.append(shell)
        return shell

    yield make
    for shell in shells:
        shell.shutdown()


def sign_in(qtbot, shell: SessionShell, password: str = PASSWORD) -> MainWindow:
    form = shell.gate_window.form
    form.username.setText("lanhdao")
    form.password.setText(password)
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)
    assert shell.window is not None
    return shell.window


def started(qtbot, shell: SessionShell) -> None:
    with qtbot.waitSignal(shell.signInShown, timeout=10_000):
        shell.start()


def test_a_window_started_without_sign_in_draws_no_item(qtbot, cached: Services, sandbox: SandboxServer,
                                                        shell_of) -> None:
    secrets = citizen_strings(sandbox)
    shell = shell_of(ServicesGate(cached))
    started(qtbot, shell)
    assert shell.gate_window.isVisible() and shell.window is None
    assert not [w for w in all_widgets() if isinstance(w, ItemListView)]  # no list at all, hence no rows
    assert leaked(secrets, widget_text(all_widgets())) == []
    form = shell.gate_window.form
    assert form.server.text() == sandbox.url and form.username.isEnabled()


def test_a_failed_or_abandoned_sign_in_leaves_the_window_empty(qtbot, cached: Services, sandbox: SandboxServer,
                                                               shell_of) -> None:
    secrets = citizen_strings(sandbox)
    shell = shell_of(ServicesGate(cached))
    started(qtbot, shell)
    form = shell.gate_window.form
    form.username.setText("lanhdao")
    form.password.setText("sai-mat-khau")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.busy and form.status.isVisible(), timeout=10_000)
    assert "Sai tên đăng nhập hoặc mật khẩu" in form.status.text()
    assert form.password.text() == ""  # never kept in a widget
    qtbot.keyClick(form.password, Qt.Key.Key_Escape)  # walking away from the form
    qtbot.wait(200)
    assert shell.window is None and shell.gate_window.isVisible()
    assert leaked(secrets, widget_text(all_widgets())) == []


def test_after_sign_in_the_list_shows(qtbot, cached: Services, sandbox: SandboxServer, shell_of) -> None:
    shell = shell_of(ServicesGate(cached))
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    assert window.isVisible() and not shell.gate_window.isVisible()
    reports = len(sandbox.all_aggregates("report"))
    qtbot.waitUntil(lambda: window.model.rowCount() == reports, timeout=10_000)
    assert not window.unencrypted_band.isVisible()


def test_an_unencrypted_cache_is_said_permanently(qtbot, cached: Services, shell_of) -> None:
    shell = shell_of(ServicesGate(cached, encrypted=False))
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    band = window.unencrypted_band
    assert band.isVisible() and "KHÔNG được mã hóa" in band.text()
    window.lock()  # still there when locked: it is about the PC, not the list
    assert band.isVisible()


def test_idle_lock_empties_the_window_and_only_the_right_password_brings_it_back(
        qtbot, cached: Services, sandbox: SandboxServer, shell_of) -> None:
    secrets = citizen_strings(sandbox)
    gate = ServicesGate(cached)
    shell = shell_of(gate, idle_ms=400)
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    reports = len(sandbox.all_aggregates("report"))
    qtbot.waitUntil(lambda: window.model.rowCount() == reports, timeout=10_000)
    chosen = window.model.key_at(3)
    assert chosen is not None and window.select_item(*chosen)
    qtbot.waitUntil(lambda: window.detail.shown_key() == chosen)
    window.search.setText("")  # typing counts as activity …
    qtbot.keyClicks(window.search, "")
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)  # … and then nothing for 0.4 s
    assert window.model.rowCount() == 0 and window.detail.item() is None
    assert window.lock_page.isVisible() and not window.splitter.isVisible()
    assert "Đã khóa — nhập mật khẩu để tiếp tục" in window.lock_page.heading.text()
    assert window.user is not None and window.user.display_name in window.lock_page.who.text()
    assert not window.menuBar().isEnabled() and not window.sync_action.isEnabled() and not window.find_action.isEnabled()
    assert all(not a.isEnabled() for a in window.findChildren(QAction) if a.shortcut().toString())
    assert leaked(secrets, widget_text(widgets_of(window))) == []  # hidden ones too
    # The audit entry is written on the window's write lane, after whatever it was doing.
    qtbot.waitUntil(lambda: bool(gate.records) and gate.records[-1] == ("lock", {"reason": "idle"}), timeout=5_000)

    window.lock_page.password.setText("khong-dung")
    qtbot.mouseClick(window.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.lock_page.status.isVisible() and not window.lock_page.busy, timeout=10_000)
    assert window.locked and window.model.rowCount() == 0
    assert "Mật khẩu không đúng" in window.lock_page.status.text()

    window.lock_page.password.setText(PASSWORD)
    qtbot.mouseClick(window.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    assert window.model.rowCount() == reports and window.menuBar().isEnabled()
    assert window.list_view.current_key() == chosen and window.detail.shown_key() == chosen


def test_the_os_session_locking_locks_the_window(qtbot, cached: Services, shell_of) -> None:
    gate = ServicesGate(cached)
    shell = shell_of(gate)
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    shell.os_lock.locked.emit()  # what the D-Bus or WTS listener says (tests/ui/test_os_lock.py)
    assert window.locked and window.model.rowCount() == 0
    qtbot.waitUntil(lambda: bool(gate.records) and gate.records[-1] == ("lock", {"reason": "os_session"}),
                    timeout=5_000)


def test_a_dialog_open_at_the_lock_is_hidden_and_comes_back(qtbot, cached: Services, shell_of) -> None:
    shell = shell_of(ServicesGate(cached))
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    key = window.model.key_at(0)
    assert key is not None and window.select_item(*key)
    qtbot.waitUntil(lambda: window.detail.item() is not None)
    window.detail.button("note").click()
    dialog = window.active_dialog
    assert dialog is not None and dialog.isVisible()
    shell.lock("os_session")
    assert not dialog.isVisible()
    shell.unlock(PASSWORD)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    assert dialog.isVisible()
    dialog.reject()


def test_logout_warns_by_number_then_returns_to_the_empty_window(qtbot, cached: Services, sandbox: SandboxServer,
                                                                 shell_of) -> None:
    secrets = citizen_strings(sandbox)
    gate = ServicesGate(cached)
    shell = shell_of(gate)
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 and window.controller.state == "online", timeout=10_000)
    sandbox.set_faults(1.0, ["http_503"])  # the server is busy: what is queued now stays unsent
    key = window.model.key_at(0)
    assert key is not None
    for body in ("Đã gọi điện cho công dân", "Hẹn kiểm tra hiện trường"):
        window.queue_action(key[0], key[1], "note", {"body": body})
    qtbot.waitUntil(lambda: cached.workspace.outbox_summary()[0] == 2, timeout=10_000)

    window.logout_action.trigger()
    qtbot.waitUntil(lambda: shell._logout_dialog is not None, timeout=5_000)
    dialog = shell._logout_dialog
    assert isinstance(dialog, LogoutDialog) and dialog.isVisible()
    assert dialog.warning.isVisible() and "Còn 2 thao tác chưa gửi" in dialog.warning.text()
    assert not dialog.wipe.isChecked() and dialog.cancel.isDefault()
    dialog.wipe.setChecked(True)
    assert "mất 2 thao tác" in dialog.confirm.text()
    dialog.wipe.setChecked(False)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: gate.signed_out == [False] and not shell.gate_window.form.busy, timeout=15_000)
    assert shell.window is None and shell.gate_window.isVisible()
    assert shell.gate_window.form.username.text() == "lanhdao" and shell.gate_window.form.password.text() == ""
    assert not [w for w in all_widgets() if isinstance(w, MainWindow | ItemListView)]
    assert leaked(secrets, widget_text(all_widgets())) == []
    assert cached.workspace.outbox_summary()[0] == 2  # logging out without the wipe keeps the work


def test_logout_can_be_cancelled(qtbot, cached: Services, shell_of) -> None:
    gate = ServicesGate(cached)
    shell = shell_of(gate)
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: shell._logout_dialog is not None, timeout=5_000)
    dialog = shell._logout_dialog
    assert dialog is not None and not dialog.warning.isVisible()  # nothing unsent: nothing to warn about
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter is "Hủy"
    qtbot.waitUntil(lambda: shell._logout_dialog is None)
    assert shell.window is window and window.isVisible() and gate.signed_out == []


def test_logout_from_the_lock_page(qtbot, cached: Services, shell_of) -> None:
    gate = ServicesGate(cached)
    shell = shell_of(gate)
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    shell.lock()
    qtbot.mouseClick(window.lock_page.logout_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell._logout_dialog is not None, timeout=5_000)
    dialog = shell._logout_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.wipe.setChecked(True)
    dialog.confirm.click()
    qtbot.waitUntil(lambda: gate.signed_out == [True], timeout=15_000)
    qtbot.waitUntil(lambda: shell.gate_window.isVisible() and shell.window is None)


def test_an_expired_session_goes_back_through_the_gate_showing_nothing_meanwhile(
        qtbot, cached: Services, sandbox: SandboxServer, shell_of) -> None:
    secrets = citizen_strings(sandbox)
    gate = ServicesGate(cached)
    shell = shell_of(gate)
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: window.controller.state == "online", timeout=10_000)
    key = window.model.key_at(0)
    assert key is not None
    sandbox.set_faults(1.0, ["http_503"])
    window.queue_action(key[0], key[1], "note", {"body": "Đã gọi điện cho công dân"})
    qtbot.waitUntil(lambda: cached.workspace.outbox_summary()[0] == 1, timeout=10_000)
    cached.sync.logout()  # the server no longer takes this login (revoked, expired)
    sandbox.set_faults(0.0)
    window.sync_now()  # the next step meets LoginRequired
    qtbot.waitUntil(lambda: shell.window is None and shell.gate_window.isVisible(), timeout=15_000)
    form = shell.gate_window.form
    assert form.username.text() == "lanhdao" and "Phiên đăng nhập đã hết hạn" in form.status.text()
    assert leaked(secrets, widget_text(all_widgets())) == []
    again = sign_in(qtbot, shell)  # through the gate, as at start
    qtbot.waitUntil(lambda: cached.workspace.outbox_summary()[0] == 0, timeout=15_000)  # the note went out
    assert again.model.rowCount() > 0


def test_nothing_runs_on_the_gui_thread_while_signing_in(qtbot, cached: Services, shell_of) -> None:
    """The form says it is busy, and the event loop keeps turning, while the gate checks the password."""
    import threading

    seen: list[str] = []
    gate = ServicesGate(cached)
    original = gate.sign_in

    def slow(url: str, username: str, password: str):  # noqa: ANN202
        seen.append(threading.current_thread().name)
        return original(url, username, password)

    gate.sign_in = slow  # type: ignore[method-assign]
    shell = shell_of(gate)
    started(qtbot, shell)
    form = shell.gate_window.form
    form.username.setText("lanhdao")
    form.password.setText(PASSWORD)
    form.button.click()
    assert form.busy and not form.button.isEnabled()
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)
    assert seen and seen[0] != threading.main_thread().name
    assert QApplication.instance() is not None


def test_the_empty_window_keeps_the_officers_text_size_and_a_logout_does_not_compound_it(
        qtbot, qapp, cached: Services, tmp_path: Path, sandbox: SandboxServer) -> None:
    base = qapp.font().pointSizeF()
    settings = QSettings(str(tmp_path / "gate.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/zoom", 2.0)  # chosen with "Chữ to hơn" in an earlier session
    settings.sync()
    shell = make_shell(qtbot, ServicesGate(cached), tmp_path, sandbox.url)
    try:
        started(qtbot, shell)
        assert shell.gate_window.form.password.font().pointSizeF() == pytest.approx(2 * base)
        window = sign_in(qtbot, shell)
        assert qapp.font().pointSizeF() == pytest.approx(2 * base)  # the main window scales the application
        shell.sign_out(wipe=False)
        qtbot.waitUntil(lambda: shell.window is None and not shell.gate_window.form.busy, timeout=15_000)
        del window
        assert qapp.font().pointSizeF() == pytest.approx(base)
        assert shell.gate_window.form.password.font().pointSizeF() == pytest.approx(2 * base)
    finally:
        shell.shutdown()
        font = qapp.font()
        font.setPointSizeF(base)
        qapp.setFont(font)


def test_a_session_expiring_while_locked_asks_for_the_sign_in_after_the_unlock(qtbot, cached: Services,
                                                                               shell_of) -> None:
    shell = shell_of(ServicesGate(cached))
    started(qtbot, shell)
    window = sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: window.controller.state == "online", timeout=10_000)
    shell.lock()
    cached.sync.logout()
    window.controller.kick()  # sync goes on while locked, and meets LoginRequired
    qtbot.waitUntil(lambda: window.controller.state == "login_required", timeout=10_000)
    qtbot.wait(200)
    assert shell.window is window and window.locked  # the lock page stays: nothing else is asked meanwhile
    shell.unlock(PASSWORD)
    qtbot.waitUntil(lambda: shell.window is None and shell.gate_window.isVisible(), timeout=10_000)
    assert "Phiên đăng nhập đã hết hạn" in shell.gate_window.form.status.text()


def test_the_deployment_sets_how_soon_a_deadline_turns_amber(qtbot, cached: Services, sandbox: SandboxServer,
                                                              tmp_path: Path) -> None:
    """deployment.toml's due_soon_working_days reaches the window's deadline clock (issue 11)."""
    shell = SessionShell(ServicesGate(cached), fast_lanes, server_url=sandbox.url, idle_lock_minutes=0,
                         os_lock=NoOsLock(), work=WorkSettings(due_soon_working_days=0.5),
                         settings=QSettings(str(tmp_path / "gate.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(shell.gate_window)
    try:
        started(qtbot, shell)
        window = sign_in(qtbot, shell)
        assert window.deadline_clock.soon_working_days() == 0.5
    finally:
        shell.shutdown()
