"""Window tests: real Qt widgets offscreen, a real SQLite cache in tmp_path, the real sandbox over loopback.

QT_QPA_PLATFORM=offscreen is set by tests/conftest.py before any Qt import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from tests.support.keys import TEST_KEY
from tests.ui.seed import seed_store
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.services import Services, build_services
from triage_desktop.storage.database import Database, open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def same_locale_after() -> Iterator[None]:
    """Each test leaves the default locale as it found it: a language switch (install_translators) sets it for
    the whole process, and numbers formatted after it ("20.000" for "20000") failed whichever test a parallel
    worker ran next."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "profile", key=TEST_KEY)
    yield db
    db.dispose()


@pytest.fixture
def store(database: Database) -> Store:
    seed_store(Store(database))
    return Store(database)


@pytest.fixture
def workspace(store: Store) -> LocalWorkspace:
    return LocalWorkspace(store)


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, store: Store, workspace: LocalWorkspace, runner: TaskRunner,
           settings: QSettings) -> Iterator[MainWindow]:
    """The main window over a seeded cache; the sync loop is not started (no server in these tests)."""
    sync = build_sync_service(store, CredentialStore())
    main = MainWindow(workspace, sync, runner, settings=settings)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.shutdown()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=20, dossiers=6, seed=3) as server:
        yield server


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    built = build_services(tmp_path / "client")
    yield built
    built.close()


@pytest.fixture
def doubled_font(qapp: QApplication) -> Iterator[None]:
    """200% text size for the duration of a test."""
    original = qapp.font()
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    qapp.setFont(font)
    yield
    qapp.setFont(original)


def open_synced_window(qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner, settings: Path,
                       username: str, before_sync: Callable[[MainWindow], object] = lambda _main: None,
                       **window_options: Any) -> MainWindow:
    """A window over the real sync stack, logged in as `username`, after its first sync (the caller shuts it
    down); `before_sync` sees the window before that sync starts."""
    services.sync.login(sandbox.url, username, "demo123")
    controller = SyncController(services.sync, wait_seconds=1, min_backoff=0.05, max_backoff=0.2)
    main = MainWindow(services.workspace, services.sync, runner, controller=controller,
                      settings=QSettings(str(settings), QSettings.Format.IniFormat), **window_options)
    before_sync(main)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    main.start_sync()
    qtbot.waitUntil(lambda: main.model.rowCount() == len(sandbox.all_aggregates("report")), timeout=20_000)
    return main


@pytest.fixture
def synced_window(qtbot, sandbox: SandboxServer, services: Services, runner: TaskRunner, tmp_path: Path
                  ) -> Iterator[MainWindow]:
    """The window over the real sync stack, logged in as the demo leader, after its first sync."""
    main = open_synced_window(qtbot, sandbox, services, runner, tmp_path / "synced.ini", "lanhdao")
    yield main
    main.shutdown()
