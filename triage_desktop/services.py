"""The services of one open profile: storage, credentials and the sync engine, built the same way for the window
and the command line. Opening one is the session's job (`session`): it knows which key opens the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from triage_desktop.core.entities import CacheRecovery
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.security.redact import remember_names
from triage_desktop.settings import Deployment
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


def build_services(profile: Path, credentials: CredentialStore | None = None, *,
                   deployment: Deployment | None = None, key: bytes | None = None) -> Services:
    """`deployment`: what IT fixed (its `ca_bundle` is trusted by every request); None for the demo's loopback.
    `key`: the cache's SQLCipher key (security.cache_key; the session finds it); None only for a plain cache."""
    database = open_database(profile, key=key)
    store = Store(database)
    creds = credentials if credentials is not None else CredentialStore()
    ca_bundle = deployment.ca_bundle if deployment is not None else None
    return Services(database=database, store=store, workspace=LocalWorkspace(store),
                    sync=build_sync_service(store, creds, ca_bundle=ca_bundle, people_seen=remember_names),
                    credentials=creds)


def cache_recovery(database: Database) -> CacheRecovery | None:
    """What a recovery at open kept and did not find, for the front ends to tell the officer."""
    if database.recovered_from is None:
        return None
    report = database.recovery
    if report is None:  # a recovery finished after an interruption: its report may be gone with it
        return CacheRecovery(database.recovered_from.name, kept=0, nothing_lost=False)
    missing = tuple(report.not_found_ids)
    return CacheRecovery(database.recovered_from.name, kept=report.kept, not_found=missing,
                         nothing_lost=report.outbox_intact or not missing)
