"""deployment.toml's lock_server_url: the login offers IT's server only, even in a cache that used another."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui.dialogs.login_dialog import LoginDialog
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.tasks import TaskRunner

IT_SERVER = "https://api.example-province.vn/triage/v1"
EARLIER = "https://old.example.vn/triage/v1"


@pytest.fixture
def open_login(qtbot, store: Store, workspace: LocalWorkspace, runner: TaskRunner, settings: QSettings):
    windows: list[MainWindow] = []

    def show(locked: bool) -> LoginDialog:
        store.set_state("server_url", EARLIER)
        window = MainWindow(workspace, build_sync_service(store, CredentialStore.memory_only()), runner,
                            default_server_url=IT_SERVER, lock_server_url=locked, settings=settings)
        qtbot.addWidget(window)
        windows.append(window)
        window.show_login()
        assert isinstance(window.active_dialog, LoginDialog)
        return window.active_dialog

    yield show
    for window in windows:
        window.active_dialog.reject()
        window.shutdown()


def test_a_locked_server_field_holds_the_deployment_server(open_login) -> None:
    dialog = open_login(True)
    assert dialog.server.text() == IT_SERVER and dialog.server.isReadOnly()


def test_an_unlocked_one_offers_the_server_last_used(open_login) -> None:
    dialog = open_login(False)
    assert dialog.server.text() == EARLIER and not dialog.server.isReadOnly()
