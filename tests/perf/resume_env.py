"""The start-up row's PC: a secure keyring holding the bench cache's key and the officer's refresh token, and a
password typed an hour ago, so `python -m triage_desktop` resumes straight into the list as a ward PC does within
`password_every_hours` (session.ProfileSession.resume). The keyring is the file posing as Secret Service
(tests/support/file_keyring.py): the OS ones cannot run here. A plain bench cache (TRIAGE_BENCH_PLAIN=1) gets the
deployment.toml that allows one."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.perf import cache
from tests.support.file_keyring import file_keyring_env
from triage_desktop.security.cache_key import keyring_entry
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.sync.auth import account_name

SERVICE = "triage-desktop"


def resume_env(profile: Path, folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    database = Database(profile / "cache.sqlite3", key=cache.KEY)
    try:
        store = Store(database)
        typed = datetime.fromtimestamp(time.time() - 3600, UTC).isoformat(timespec="seconds")
        store.set_state("password_at", typed)
        store.set_state("signed_out_at", None)
    finally:
        database.dispose()
    entries = {f"{SERVICE}\t{account_name(cache.SERVER_URL, str(cache.user_json()['username']))}": "bench-token"}
    if cache.KEY is not None:
        entries[f"{SERVICE}\t{keyring_entry(profile)}"] = cache.KEY.hex()
    keyring = folder / "keyring.json"
    keyring.write_text(json.dumps(entries), encoding="utf-8")
    env = file_keyring_env(keyring)
    if cache.KEY is None:
        config = folder / "etc" / "triage-desktop"
        config.mkdir(parents=True, exist_ok=True)
        (config / "deployment.toml").write_text("allow_unencrypted_cache = true\n", encoding="utf-8")
        env["XDG_CONFIG_DIRS"] = str(folder / "etc")
    return env
