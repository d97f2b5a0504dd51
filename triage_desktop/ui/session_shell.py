"""SessionShell: the gate before any citizen data (issue 10), on the Qt side.

It owns the SessionGate and decides which window is shown:
- at start, `gate.resume()` off the GUI thread; a session opens the MainWindow, otherwise the empty GateWindow
  asks for the password (nothing has read the cache yet);
- `sign_in` through the gate, off the GUI thread; on success the MainWindow is built on `opened.workspace` and
  `opened.sync`, with its network and write lanes made then (`make_lanes`), and replaces the GateWindow;
- locking: after `idle_lock_minutes` without input (IdleWatcher) or when the OS session locks (OsLockWatcher),
  the MainWindow empties itself behind its LockPage; `gate.unlock` checks the password on the window's network
  lane (every request of the window leaves from one thread) and the same view comes back;
- "Đăng xuất": a confirmation (LogoutDialog, with the unsent count `gate.unsent_count()` read off the GUI thread),
  then the MainWindow and its lanes are closed (queued writes finished) and `gate.sign_out(wipe=…)` runs; the
  GateWindow shows again.
Before the lanes exist and after they are closed, gate calls run on the shell's own one-thread lane.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from triage_desktop.core.errors import CacheLocked, LoginRequired
from triage_desktop.core.ports import OpenedSession, SessionGate, SyncService
from triage_desktop.core.work_settings import DEFAULT_WORK, WorkSettings
from triage_desktop.ui.dialogs.logout_dialog import LogoutDialog
from triage_desktop.ui.gate_window import GateWindow
from triage_desktop.ui.idle_lock import IdleWatcher
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.messages import error_message
from triage_desktop.ui.os_lock import OsLockWatcher
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

MakeLanes = Callable[[SyncService], tuple[SyncController, TaskRunner]]


class SessionShell(QObject):
    windowOpened = Signal(object)  # the MainWindow, once shown
    signInShown = Signal()  # the empty window asks for the password (resume gave nothing)
    signedOut = Signal()

    def __init__(self, gate: SessionGate, make_lanes: MakeLanes, *, server_url: str = "",
                 lock_server_url: bool = False, idle_lock_minutes: float = 10,
                 idle_interval_ms: int | None = None, settings: QSettings | None = None,
                 os_lock: OsLockWatcher | None = None, gate_runner: TaskRunner | None = None,
                 work: WorkSettings = DEFAULT_WORK, parent: QObject | None = None) -> None:
        """`idle_interval_ms` overrides the minutes (tests); `settings` is the windows' QSettings (tests);
        `work` the deployment's knobs, for each window."""
        super().__init__(parent)
        self.gate = gate
        self._make_lanes = make_lanes
        self._server_url = server_url
        self._lock_server_url = lock_server_url
        self._settings = settings
        self._work = work
        self.gate_runner = gate_runner if gate_runner is not None else TaskRunner(
            self, network_executor=ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage-gate"))
        self.gate_window = GateWindow(server_url, lock_server_url=lock_server_url)
        self.gate_window.form.submitted.connect(self.sign_in)
        self.window: MainWindow | None = None
        self.opened: OpenedSession | None = None
        self.idle = IdleWatcher(idle_lock_minutes, self, interval_ms=idle_interval_ms)
        self.idle.idle.connect(self._on_idle)
        self.os_lock = os_lock if os_lock is not None else OsLockWatcher(self)
        self.os_lock.locked.connect(self._on_os_lock)
        self._logout_dialog: LogoutDialog | None = None
        self._closed = False

    # --- start and sign in -----------------------------------------------------------------------------------

    def start(self, preset: tuple[str, str, str] | None = None) -> None:
        """Show the empty window at once, and try to resume off the GUI thread. `preset` (server URL, username,
        password) signs in when resuming gave nothing: the demo's account."""
        self._apply_zoom()
        self.gate_window.show()
        self.gate_window.set_waiting(self.tr("Đang mở…"))
        self.gate_runner.run(self.gate.resume, functools.partial(self._on_resumed, preset),
                             functools.partial(self._on_resume_failed, preset), lane="network")

    def _on_resumed(self, preset: tuple[str, str, str] | None, opened: OpenedSession | None) -> None:
        if opened is not None:
            self._open(opened)
        elif preset is not None:
            self.sign_in(*preset)
        else:
            self._ask()

    def _on_resume_failed(self, preset: tuple[str, str, str] | None, error: BaseException) -> None:
        if not isinstance(error, CacheLocked):  # a locked cache just needs the password: nothing to report
            log.warning("resuming the session failed: %s", type(error).__name__)
        if preset is not None:
            self.sign_in(*preset)
            return
        self._ask("" if isinstance(error, CacheLocked) else error_message(error))

    def _apply_zoom(self) -> None:
        """The empty window at the officer's text size (200% for some): the main window saved it."""
        settings = self._settings if self._settings is not None else QSettings()
        try:
            zoom = float(settings.value("ui/zoom") or 1.0)
        except (TypeError, ValueError):
            zoom = 1.0
        self.gate_window.set_zoom(zoom)

    def _ask(self, message: str = "") -> None:
        self.gate_window.reset(message=message)
        self.signInShown.emit()

    def sign_in(self, server_url: str, username: str, password: str) -> None:
        """Through the gate, off the GUI thread; the form shows it is busy, then the window or the error."""
        self.gate_window.form.username.setText(username)
        self.gate_window.form.set_busy(True)
        self.gate_runner.run(functools.partial(self.gate.sign_in, server_url, username, password),
                             self._open, self.gate_window.form.show_error, lane="network")

    def _open(self, opened: OpenedSession) -> None:
        if self._closed:
            return
        self.opened = opened
        controller, runner = self._make_lanes(opened.sync)
        window = MainWindow(opened.workspace, opened.sync, runner, controller=controller, settings=self._settings,
                            default_server_url=self._server_url, lock_server_url=self._lock_server_url,
                            relogin_through_gate=True, work=self._work)
        window.logoutRequested.connect(self.request_logout)
        window.unlockRequested.connect(self.unlock)
        window.reloginRequested.connect(self.relogin)
        if not opened.encrypted:
            window.show_unencrypted_warning()
        self.window = window
        window.show()
        self.gate_window.hide()
        self.gate_window.reset()
        if opened.recovered is not None:
            recovered = opened.recovered
            QTimer.singleShot(0, lambda: window.tell_cache_recovered(recovered))
        window.start_sync()
        self.idle.start()
        self.os_lock.attach(window)
        self.windowOpened.emit(window)

    # --- locking -------------------------------------------------------------------------------------------

    def _on_idle(self) -> None:
        self.lock("idle")

    def _on_os_lock(self) -> None:
        self.lock("os_session")

    def lock(self, reason: str = "idle") -> None:
        window = self.window
        if window is None or window.locked:
            return
        window.lock()
        self.idle.stop()
        window.runner.run(functools.partial(self.gate.record, "lock", detail={"reason": reason}),
                          on_error=self._record_failed)

    def unlock(self, password: str) -> None:
        window = self.window
        if window is None or not window.locked:
            return
        window.lock_page.set_busy(True)
        window.runner.run(functools.partial(self.gate.unlock, password), self._on_unlocked,
                          window.lock_page.show_error, lane="network")

    def _on_unlocked(self, _result: object) -> None:
        if self.window is not None:
            self.window.unlocked()
            self.idle.start()

    @staticmethod
    def _record_failed(error: BaseException) -> None:
        log.warning("audit entry for a lock not written: %s", type(error).__name__)

    # --- an expired session --------------------------------------------------------------------------------

    def relogin(self) -> None:
        """The server no longer takes this session (LoginRequired from sync), or "Đăng nhập lại…": back to the
        empty window, the official's name filled in, and a sign-in through the gate, which opens the cache
        afresh (it closes the one open). Unsent actions stay queued; nothing is shown meanwhile."""
        if self.window is None:
            return
        username = self.opened.user.username if self.opened is not None else ""
        self.gate_window.show()  # first: closing the last visible window would end the program
        self._close_window()
        self._apply_zoom()
        self.gate_window.reset(username, error_message(LoginRequired()))

    # --- logout ----------------------------------------------------------------------------------------------

    def request_logout(self) -> None:
        """Ask first, saying how many unsent actions a wipe would lose (read off the GUI thread)."""
        if self.window is None:
            return
        if self._logout_dialog is not None:  # asked already (maybe hidden by a lock since): ask there
            self._logout_dialog.show()
            self._logout_dialog.raise_()
            return
        self.window.runner.run(self.gate.unsent_count, self._confirm_logout, self._confirm_logout_unknown)

    def _confirm_logout_unknown(self, error: BaseException) -> None:
        log.warning("unsent count unavailable: %s", type(error).__name__)
        self._confirm_logout(0)

    def _confirm_logout(self, unsent: int) -> None:
        if self.window is None or self._logout_dialog is not None:
            return
        # Opened directly, not through the window's dialog slot: a locked window holds its dialogs back.
        dialog = LogoutDialog(unsent, self.window)
        self._logout_dialog = dialog
        dialog.accepted.connect(self._on_logout_confirmed)
        dialog.finished.connect(self._on_logout_dialog_finished)
        dialog.open()

    def _on_logout_dialog_finished(self, _result: int) -> None:
        dialog, self._logout_dialog = self._logout_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_logout_confirmed(self) -> None:
        dialog = self._logout_dialog
        self.sign_out(wipe=dialog.wipe_requested() if dialog is not None else False)

    def sign_out(self, *, wipe: bool) -> None:
        """Close the window and its lanes (queued local writes finish), then sign out through the gate."""
        username = self.opened.user.username if self.opened is not None else ""
        self.gate_window.show()  # first: closing the last visible window would end the program
        self.gate_window.set_waiting(self.tr("Đang đăng xuất…"))
        self._close_window()
        self._apply_zoom()  # once the main window gave the application its own text size back
        self.gate_runner.run(functools.partial(self.gate.sign_out, wipe=wipe),
                             functools.partial(self._on_signed_out, username),
                             functools.partial(self._on_sign_out_failed, username), lane="network")

    def _on_signed_out(self, username: str, _result: object) -> None:
        self.gate_window.reset(username)
        self.signedOut.emit()

    def _on_sign_out_failed(self, username: str, error: BaseException) -> None:
        log.warning("sign out failed: %s", type(error).__name__)
        self.gate_window.reset(username, error_message(error))
        self.signedOut.emit()

    def _close_window(self) -> None:
        window, self.window = self.window, None
        self.opened = None
        self.idle.stop()
        self.os_lock.detach()
        if window is None:
            return
        window.logoutRequested.disconnect(self.request_logout)
        window.unlockRequested.disconnect(self.unlock)
        window.reloginRequested.disconnect(self.relogin)
        window.close()  # closeEvent: layout saved, sync stopped
        window.runner.shutdown()  # the officer's queued writes finish before the gate closes the cache
        window.deleteLater()

    def shutdown(self) -> None:
        """The program is ending: stop the lanes; the session stays (a start within the hours may resume)."""
        if self._closed:
            return
        self._closed = True
        if self.window is not None:
            self.window.shutdown()
        self._close_window()
        self.gate_runner.shutdown()
        self.gate_window.close()
