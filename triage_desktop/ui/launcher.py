"""`run_window`: everything Qt needs to show the window, for the composition root (app.py) to call.

app.py builds the SessionGate (key, cache, credentials); this module owns the Qt side: the application
object, theme, language, the session shell (the empty window until the gate opens a session, then the main
window with its two worker threads, `make_lanes`), and an orderly shutdown (network lane joined, queued local
writes finished) before app.py closes the session.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from triage_desktop.core.ports import SessionGate, SyncService
from triage_desktop.core.work_settings import DEFAULT_WORK, WorkSettings
from triage_desktop.logs import current_log_file
from triage_desktop.ui.error_dialog import install_error_reporting
from triage_desktop.ui.i18n import install_translators
from triage_desktop.ui.icons import app_icon
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.session_shell import SessionShell
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.theme import apply_theme

ORGANIZATION = "triage-desktop"
APPLICATION = "triage-desktop"
# Hidden, for `make bench` (start-up to a usable window): print a line once the list has first painted, then quit.
FIRST_PAINT_ENV = "TRIAGE_EXIT_AFTER_FIRST_PAINT"


def freeze_startup_objects() -> None:
    """Take everything alive once the window is built out of the garbage collector's full passes.

    Modules, Qt wrappers and SQLAlchemy's caches (~10^5 objects) are never garbage, yet every full collection
    walked them all with the GIL held: ~80 ms, a visible stall each few seconds while a sync allocates.
    """
    gc.collect()
    gc.freeze()


class _FirstPaint(QObject):
    """Watches a widget; after its first paint, says so on stdout and ends the event loop.

    The list's viewport when a session resumed; the sign-in form when the gate asks for the password (rows=0).
    """

    def __init__(self, watched: QWidget, rows: Callable[[], int]) -> None:
        super().__init__(watched)
        self._rows = rows
        self._seen = False
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._report)  # after this paint has finished
        return False

    def _report(self) -> None:
        sys.stdout.write(f"first-paint rows={self._rows()}\n")
        sys.stdout.flush()
        QApplication.quit()


def _report_first_paint(shell: SessionShell) -> None:
    def on_window(window: MainWindow) -> None:
        _FirstPaint(window.list_view.viewport(), window.model.rowCount)

    def on_sign_in() -> None:
        _FirstPaint(shell.gate_window.form, lambda: 0)

    shell.windowOpened.connect(on_window)
    shell.signInShown.connect(on_sign_in)


def make_application(argv: Sequence[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication with names (QSettings' location), Fusion theme and the interface language."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(app_icon())  # every window's, and the taskbar's
    apply_theme(app)
    install_translators(app, language)
    return app


def make_lanes(sync: SyncService) -> tuple[SyncController, TaskRunner]:
    """The window's two worker threads (docs/threading.md): the SyncController's thread is the one network lane
    (sync steps, and the runner's `network` tasks: the gate's unlock; its `fetch` tasks, attachments, may also run
    between two pages of a sync step), the runner's `write` lane the
    officer's local writes."""
    controller = SyncController(sync)
    return controller, TaskRunner(network_executor=controller.network_lane, fetch_executor=controller.fetch_lane)


def run_window(gate: SessionGate, *, server_url: str = "", lock_server_url: bool = False,
               language: str | None = None, idle_lock_minutes: float = 10, argv: Sequence[str] | None = None,
               sign_in: tuple[str, str, str] | None = None,
               work: WorkSettings = DEFAULT_WORK) -> int:
    """Show the window behind the gate (ui/session_shell.py), sync live until it closes; returns the exit code.

    Nothing of the cache is drawn until the gate opened a session (resumed, or signed in). `sign_in` (server URL,
    username, password) signs a preset account in through the gate when resuming gave nothing: the demo.
    `idle_lock_minutes`: the deployment's idle lock (0: only the OS session lock locks the window).
    `work`: the deployment's knobs for the window (deadline share, photo budget, map link, undo window).
    """
    app = make_application(argv, language)
    log_file = current_log_file()
    install_error_reporting(app, log_file.parent if log_file else None)
    shell = SessionShell(gate, make_lanes, server_url=server_url, lock_server_url=lock_server_url,
                         idle_lock_minutes=idle_lock_minutes, work=work)
    if os.environ.get(FIRST_PAINT_ENV):
        _report_first_paint(shell)
    shell.windowOpened.connect(lambda _window: QTimer.singleShot(1000, freeze_startup_objects))  # after 1st paint
    try:
        shell.start(sign_in)
        return app.exec()
    finally:
        shell.shutdown()
