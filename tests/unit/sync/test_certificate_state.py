"""The sync loop (the window's and `sync`'s) tells a refused certificate apart from being offline."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from tests.support.keys import TEST_KEY
from tests.support.private_ca import https_server
from tests.unit.sync import samples
from tests.unit.sync.test_loop_lane import Recorder
from triage_desktop.core.errors import CertificateUntrusted
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import open_database
from triage_desktop.storage.store import Store
from triage_desktop.sync.auth import account_name
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.sync.loop import CERTIFICATE, ContinuousSync
from triage_desktop.ui.sync_indicator import SyncIndicator


class Failures(Recorder):
    def __init__(self) -> None:
        super().__init__()
        self.errors: list[BaseException] = []

    def failed(self, state: str, error: BaseException, retry_in: float | None) -> None:
        self.errors.append(error)
        super().failed(state, error, retry_in)


def test_a_refused_certificate_is_its_own_state_not_offline(tmp_path: Path) -> None:
    with https_server(tmp_path) as (server, _ca):
        database = open_database(tmp_path / "profile", key=TEST_KEY)
        store, vault = Store(database), CredentialStore.memory_only()
        store.set_state("server_url", server.url)
        store.set_state("user", json.dumps(samples.user()))
        vault.set_refresh_token(account_name(server.url, "canbo1"), "ref-1")
        listener = Failures()
        loop = ContinuousSync(build_sync_service(store, vault), listener, min_backoff=5.0)
        worker = threading.Thread(target=loop.run, daemon=True)
        worker.start()
        deadline = time.monotonic() + 20
        while not listener.errors and time.monotonic() < deadline:
            time.sleep(0.05)
        loop.stop()
        worker.join(10)
        database.dispose()
    assert listener.states[-1] == CERTIFICATE and "offline" not in listener.states
    assert isinstance(listener.errors[0], CertificateUntrusted)


def test_the_status_bar_says_certificate_not_offline(qtbot: Any) -> None:
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show_state(CERTIFICATE, 3, 0, None)
    assert "Chứng chỉ" in indicator.text() and "CNTT" in indicator.text() and "Ngoại tuyến" not in indicator.text()
