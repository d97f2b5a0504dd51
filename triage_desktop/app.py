"""Composition root: builds storage, credentials and the sync service for one profile.

The window and the command line both start here, so they run the same code path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import Database, open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import SyncEngine, build_sync_service


@dataclass
class Services:
    database: Database
    store: Store
    workspace: LocalWorkspace
    sync: SyncEngine
    credentials: CredentialStore

    def close(self) -> None:
        self.database.dispose()


def build_services(profile: Path, credentials: CredentialStore | None = None) -> Services:
    database = open_database(profile)
    store = Store(database)
    creds = credentials if credentials is not None else CredentialStore()
    return Services(database=database, store=store, workspace=LocalWorkspace(store),
                    sync=build_sync_service(store, creds), credentials=creds)
