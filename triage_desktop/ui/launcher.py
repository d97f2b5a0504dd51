"""`run_window`: everything Qt needs to show the main window, for the composition root (app.py) to call.

app.py builds the services (storage, sync, credentials); this module owns the Qt side: the application
object, theme, language, the window's two worker threads (`make_lanes`), the window, and an orderly shutdown
(network lane joined, queued local writes finished) before app.py closes the database.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from triage_desktop.core.entities import CacheRecovery
from triage_desktop.core.ports import SyncService, Workspace
from triage_desktop.logs import current_log_file
from triage_desktop.ui.error_dialog import install_error_reporting
from triage_desktop.ui.i18n import install_translators
from triage_desktop.ui.main_window import MainWindow
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
    """Watches the list's viewport; after its first paint, says so on stdout and ends the event loop."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._seen = False
        window.list_view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._report)  # after this paint has finished
        return False

    def _report(self) -> None:
        sys.stdout.write(f"first-paint rows={self._window.model.rowCount()}\n")
        sys.stdout.flush()
        QApplication.quit()


def make_application(argv: Sequence[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication with names (QSettings' location), Fusion theme and the interface language."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    apply_theme(app)
    install_translators(app, language)
    return app


def make_lanes(sync: SyncService) -> tuple[SyncController, TaskRunner]:
    """The window's two worker threads (docs/threading.md): the SyncController's thread is the one network lane
    (sync steps, and the runner's `network` tasks: login, logout; its `fetch` tasks, attachments, may also run
    between two pages of a sync step), the runner's `write` lane the
    officer's local writes."""
    controller = SyncController(sync)
    return controller, TaskRunner(network_executor=controller.network_lane, fetch_executor=controller.fetch_lane)


def run_window(workspace: Workspace, sync: SyncService, *, server_url: str = "", lock_server_url: bool = False,
               language: str | None = None, argv: Sequence[str] | None = None,
               sign_in: tuple[str, str, str] | None = None, recovered: CacheRecovery | None = None) -> int:
    """Show the window, sync live until it closes; returns the exit code. Unsent work stays queued.

    `sign_in` (server URL, username, password) logs a preset account in off the GUI thread: the demo.
    `recovered`: a damaged cache file was set aside at start-up; the officer is told what was kept.
    """
    app = make_application(argv, language)
    log_file = current_log_file()
    install_error_reporting(app, log_file.parent if log_file else None)
    controller, runner = make_lanes(sync)
    window = MainWindow(workspace, sync, runner, controller=controller, default_server_url=server_url,
                        lock_server_url=lock_server_url)
    if os.environ.get(FIRST_PAINT_ENV):
        _FirstPaint(window)
    try:
        window.show()
        if recovered is not None:
            QTimer.singleShot(0, lambda: window.tell_cache_recovered(recovered))
        QTimer.singleShot(1000, freeze_startup_objects)  # well after the first paint, which it would delay
        if sign_in is not None:
            window.sign_in(*sign_in)
        else:
            window.start_sync()
        return app.exec()
    finally:
        window.shutdown()
        runner.shutdown()
