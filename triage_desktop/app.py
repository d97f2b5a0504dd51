"""Composition root: builds storage, credentials and the sync service for one profile.

The window and the command line both start here, so they run the same code path.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from triage_desktop.core.entities import CacheRecovery
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.settings import Deployment, profile_dir
from triage_desktop.storage.database import Database, open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import SyncEngine, build_sync_service
from triage_desktop.ui.launcher import run_window

if TYPE_CHECKING:
    from triage_desktop.sandbox.server import SandboxServer

log = logging.getLogger(__name__)


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

    `key`: the cache's SQLCipher key (32 bytes), None for a plain cache (storage.database.open_database)."""
    database = open_database(profile, key=key)
    store = Store(database)
    creds = credentials if credentials is not None else CredentialStore()
    ca_bundle = deployment.ca_bundle if deployment is not None else None
    return Services(database=database, store=store, workspace=LocalWorkspace(store),
                    sync=build_sync_service(store, creds, ca_bundle=ca_bundle), credentials=creds)


def run_gui(profile: Path, deployment: Deployment, language: str | None = None) -> int:
    """The window for one profile, with the server IT preset (and maybe locked) in deployment.toml."""
    services = build_services(profile, deployment=deployment)
    try:
        return run_window(services.workspace, services.sync, server_url=deployment.server_url or "",
                          lock_server_url=deployment.lock_server_url,
                          language=language or deployment.language, recovered=cache_recovery(services.database))
    finally:
        services.close()


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


DEMO_PORT = 8766
DEMO_ACCOUNT = ("lanhdao", "demo123")


def run_demo(profile_override: str | None = None, *, reports: int = 400, dossiers: int = 120,
             arrival_interval: float | None = 20.0, fresh: bool = False, language: str | None = None) -> int:
    """The sandbox server with seeded data plus the window, logged in as the demo ward leader.

    Server data and the officer's cache persist between runs (the demo keeps what was done in it).
    The login lives in memory only: the demo never writes to the OS keyring.
    """
    base = Path(profile_override) if profile_override else profile_dir() / "demo"
    if fresh and base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    server = _start_demo_server(base / "sandbox.sqlite3", reports, dossiers, arrival_interval)
    services = build_services(base / "profile", credentials=CredentialStore.memory_only())
    try:
        return run_window(services.workspace, services.sync, server_url=server.url, language=language,
                          sign_in=(server.url, *DEMO_ACCOUNT))
    finally:
        services.close()
        server.close()


def _start_demo_server(db: Path, reports: int, dossiers: int, arrival_interval: float | None) -> SandboxServer:
    # Imported here: only the demo needs the server, and every window start and CLI command imports app.
    from triage_desktop.sandbox.server import SandboxServer

    # A fixed port keeps the profile's server URL stable between runs; any free one if it is taken.
    for port in (DEMO_PORT, 0):
        try:
            return SandboxServer(db=db, port=port, reports=reports, dossiers=dossiers,
                                 arrival_interval=arrival_interval).start()
        except OSError:
            log.info("demo port %d taken; using another", port)
    raise AssertionError("unreachable: port 0 always binds")
