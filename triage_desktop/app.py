"""Composition root for the window: the profile's gate (`session`) and the Qt side (`ui.launcher`), or the demo:
the sandbox server with seeded data beside them.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from triage_desktop.security.credentials import CredentialStore
from triage_desktop.session import ProfileSession
from triage_desktop.settings import Deployment, profile_dir
from triage_desktop.ui.launcher import run_window

if TYPE_CHECKING:
    from triage_desktop.sandbox.server import SandboxServer

log = logging.getLogger(__name__)


def run_gui(profile: Path, deployment: Deployment, language: str | None = None) -> int:
    """The window for one profile, behind its gate, with the server IT preset (and maybe locked) in deployment.toml."""
    session = ProfileSession(profile, deployment)
    try:
        return run_window(session, server_url=deployment.server_url or "", lock_server_url=deployment.lock_server_url,
                          language=language or deployment.language, idle_lock_minutes=deployment.idle_lock_minutes,
                          work=deployment.work())
    finally:
        session.close()


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
    # Memory-only keyring: the demo's cache key is kept wrapped by the demo password only.
    session = ProfileSession(base / "profile", Deployment(), credentials=CredentialStore.memory_only())
    try:
        return run_window(session, server_url=server.url, language=language, sign_in=(server.url, *DEMO_ACCOUNT))
    finally:
        session.close()
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
