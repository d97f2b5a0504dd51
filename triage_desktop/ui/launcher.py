"""`run_window`: everything Qt needs to show the main window, for the composition root (app.py) to call.

app.py builds the services (storage, sync, credentials); this module owns the Qt side: the application
object, theme, language, the task runner, the window, and an orderly shutdown (sync thread joined,
queued local writes finished) before app.py closes the database.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from triage_desktop.core.ports import SyncService, Workspace
from triage_desktop.ui.i18n import install_translators
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.theme import apply_theme

ORGANIZATION = "triage-desktop"
APPLICATION = "triage-desktop"


def make_application(argv: Sequence[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication with names (QSettings' location), Fusion theme and the interface language."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    apply_theme(app)
    install_translators(app, language)
    return app


def run_window(workspace: Workspace, sync: SyncService, *, server_url: str = "", lock_server_url: bool = False,
               language: str | None = None, argv: Sequence[str] | None = None,
               sign_in: tuple[str, str, str] | None = None) -> int:
    """Show the window, sync live until it closes; returns the exit code. Unsent work stays queued.

    `sign_in` (server URL, username, password) logs a preset account in off the GUI thread: the demo.
    """
    app = make_application(argv, language)
    runner = TaskRunner()
    window = MainWindow(workspace, sync, runner, default_server_url=server_url, lock_server_url=lock_server_url)
    try:
        window.show()
        if sign_in is not None:
            window.sign_in(*sign_in)
        else:
            window.start_sync()
        return app.exec()
    finally:
        window.shutdown()
        runner.shutdown()
