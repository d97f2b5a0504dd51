"""Issue 7, item 2: access tokens of two seconds (the contract sets no minimum), revoked twice mid-sync.

`sync --once` runs as its own process against a sandbox whose access tokens live 2 s, over pages of at most
ten changes, so the sync outlives many tokens; the test revokes every access token twice while the feed
comes in. The sync must end in step by refreshing alone: one login (the run's own --password-stdin), none
after it.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from tests.support.cli_sandbox import run_cli
from triage_desktop.sandbox.server import SandboxServer

REVOKE_AT = (40, 120)  # /changes requests after which every access token is revoked
PAGE_DELAY = 0.02  # a slow server: the sync lasts several token lifetimes


class RevokeMidSync:
    """Test hook: counts feed requests, answers each a little late, and revokes all access tokens when the
    count reaches REVOKE_AT."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self.pages = 0
        self.revoked = 0
        self._lock = threading.Lock()

    def on_request(self, handler: Any, request: Any) -> None:
        if request.path != "/changes":
            return None
        with self._lock:
            self.pages += 1
            if self.pages in REVOKE_AT:
                self.server.revoke_access_tokens()
                self.revoked += 1
        time.sleep(PAGE_DELAY)
        return None

    def on_response(self, handler: Any, request: Any, response: Any) -> None:
        return None


def test_two_second_tokens_revoked_twice_mid_sync_need_refreshes_only(tmp_path: Path) -> None:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=2000, dossiers=200, access_ttl=2, max_page=10,
                       fault_seed=5) as server:
        profile = tmp_path / "profile"
        login = run_cli(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                        stdin="demo123\n")
        assert login.returncode == 0, login.stderr
        hook = RevokeMidSync(server)
        server._faults = hook
        before = server.tokens_issued()
        started = time.monotonic()
        synced = run_cli(profile, "sync", "--once", "--password-stdin", stdin="demo123\n", timeout=120)
        seconds = time.monotonic() - started
        after = server.tokens_issued()
    logins, refreshes = after["login"] - before["login"], after["refresh"] - before["refresh"]
    print(f"\n2 s access tokens, revoked {hook.revoked}×: {hook.pages} pages in {seconds:.1f} s, "  # noqa: T201
          f"{refreshes} refreshes, {logins} login (the run's own)")
    assert synced.returncode == 0, synced.stderr
    assert hook.revoked == 2
    assert logins == 1  # --password-stdin logs in once for the run; no second login after that
    # Each revocation, and each lapse of a 2 s token while the ≥ 7 s of feed came in (394 pages × 20 ms).
    assert refreshes >= hook.revoked + 3
