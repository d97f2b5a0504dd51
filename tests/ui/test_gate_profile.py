"""The window's gate over the real ProfileSession (issue 10): an encrypted cache already holding the unit's data,
a PC without a secure keyring (the password unwraps the cache key), the sandbox over loopback.

The shell's other cases (dialogs hidden by a lock, an expired session, text size) run over ServicesGate in
test_session_gate.py, a stand-in over the real services; these, the ones that matter most, run through the
real gate.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from tests.support.keys import CHEAP_KDF
from tests.ui.gate_support import all_widgets, citizen_strings, fast_lanes, leaked, widget_text, widgets_of
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.session import ProfileSession
from triage_desktop.settings import Deployment
from triage_desktop.storage.database import CACHE_FILE_NAME
from triage_desktop.ui.dialogs.logout_dialog import LogoutDialog
from triage_desktop.ui.item_list_view import ItemListView
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.os_lock import OsLockWatcher
from triage_desktop.ui.session_shell import SessionShell

USER, PASSWORD = "lanhdao", "demo123"


class NoOsLock(OsLockWatcher):
    def attach(self, window: object) -> None:
        return None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=12, dossiers=4, seed=3) as srv:
        yield srv


@pytest.fixture
def profile(tmp_path: Path, server: SandboxServer) -> Path:
    """Yesterday's session on this PC: signed in, synced, program closed. Today nobody has signed in yet."""
    folder = tmp_path / "profile"
    earlier = ProfileSession(folder, Deployment(), CredentialStore.memory_only(), cost=CHEAP_KDF)
    earlier.sign_in(server.url, USER, PASSWORD).sync.sync_once()
    earlier.close()
    return folder


@pytest.fixture
def shell(qtbot, tmp_path: Path, profile: Path, server: SandboxServer) -> Iterator[SessionShell]:
    gate = ProfileSession(profile, Deployment(), CredentialStore.memory_only(), cost=CHEAP_KDF)
    made = SessionShell(gate, fast_lanes, server_url=server.url, idle_lock_minutes=10, idle_interval_ms=400,
                        os_lock=NoOsLock(), settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(made.gate_window)
    with qtbot.waitSignal(made.signInShown, timeout=15_000):
        made.start()
    yield made
    made.shutdown()
    gate.close()


def sign_in(qtbot, shell: SessionShell) -> MainWindow:
    form = shell.gate_window.form
    form.username.setText(USER)
    form.password.setText(PASSWORD)
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=15_000)
    assert shell.window is not None
    return shell.window


def test_the_window_starts_empty_and_shows_the_list_only_after_sign_in(qtbot, shell: SessionShell,
                                                                       server: SandboxServer) -> None:
    secrets = citizen_strings(server)
    assert shell.window is None and shell.gate_window.isVisible()
    assert not [w for w in all_widgets() if isinstance(w, ItemListView)]
    assert leaked(secrets, widget_text(all_widgets())) == []
    window = sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(server.all_aggregates("report")), timeout=15_000)
    assert not window.unencrypted_band.isVisible()  # the real gate opened an encrypted cache


def test_idle_lock_then_the_real_gate_checks_the_unlock_password(qtbot, shell: SessionShell,
                                                                 server: SandboxServer) -> None:
    secrets = citizen_strings(server)
    window = sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=15_000)
    chosen = window.model.key_at(2)
    assert chosen is not None and window.select_item(*chosen)
    qtbot.waitUntil(lambda: window.locked, timeout=10_000)  # no input for 0.4 s
    assert window.model.rowCount() == 0 and window.lock_page.isVisible()
    assert leaked(secrets, widget_text(widgets_of(window))) == []
    page = window.lock_page
    page.password.setText("khong-dung")
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.isVisible() and not page.busy, timeout=15_000)
    assert window.locked and "Mật khẩu không đúng" in page.status.text()
    page.password.setText(PASSWORD)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.locked, timeout=15_000)
    assert window.list_view.current_key() == chosen


def test_logout_with_the_wipe_warns_by_number_and_deletes_the_cache(qtbot, shell: SessionShell,
                                                                    server: SandboxServer, profile: Path) -> None:
    secrets = citizen_strings(server)
    window = sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 and window.controller.state == "online", timeout=15_000)
    server.set_faults(1.0, ["http_503"])  # busy: the note stays unsent
    key = window.model.key_at(0)
    assert key is not None
    window.queue_action(key[0], key[1], "note", {"body": "Đã gọi điện cho công dân"})
    qtbot.waitUntil(lambda: window.workspace.outbox_summary()[0] == 1, timeout=10_000)
    server.set_faults(0.0)
    window.controller.stop()  # keep it unsent until the question is asked
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: shell._logout_dialog is not None, timeout=10_000)
    dialog = shell._logout_dialog
    assert isinstance(dialog, LogoutDialog) and "Còn 1 thao tác chưa gửi" in dialog.warning.text()
    dialog.wipe.setChecked(True)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is None and not shell.gate_window.form.busy, timeout=20_000)
    assert shell.gate_window.isVisible() and shell.gate_window.form.status.isHidden()
    assert leaked(secrets, widget_text(all_widgets())) == []
    assert not (profile / CACHE_FILE_NAME).exists()  # wiped: the unsent note went with it, as the warning said


def test_an_expired_session_signs_in_again_through_the_real_gate(qtbot, shell: SessionShell,
                                                                 server: SandboxServer) -> None:
    """ProfileSession.sign_in closes the open cache and opens it afresh: the window and its lanes are gone first."""
    window = sign_in(qtbot, shell)
    shell.idle.stop()  # not idle-locked meanwhile: a locked window asks only once unlocked
    qtbot.waitUntil(lambda: window.controller.state == "online", timeout=15_000)
    window.sync_service.logout()  # the server no longer takes this login
    window.sync_now()
    qtbot.waitUntil(lambda: shell.window is None and shell.gate_window.isVisible(), timeout=15_000)
    assert "Phiên đăng nhập đã hết hạn" in shell.gate_window.form.status.text()
    again = sign_in(qtbot, shell)
    assert again is not window
    qtbot.waitUntil(lambda: again.model.rowCount() == len(server.all_aggregates("report"))
                    and again.controller.state == "online", timeout=15_000)
