"""Issue 7, item 5, through the command line: a cache whose header was destroyed between two runs. The next command
says in one line exactly what was kept, and every unsent note still reaches the server once."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cache_damage import checkpoint, zero_header
from tests.support.cli_sandbox import run_cli
from tests.support.file_keyring import cache_key_of
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.storage.database import CACHE_FILE_NAME

PASSWORD = "demo123\n"


def test_a_destroyed_header_keeps_every_unsent_note_and_says_so(tmp_path: Path) -> None:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=20, dossiers=5, seed=3) as server:
        profile = tmp_path / "profile"
        assert run_cli(profile, "login", "--server", server.url, "--username", "lanhdao", "--password-stdin",
                       stdin=PASSWORD).returncode == 0
        assert run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD).returncode == 0
        target = server.all_aggregates("report")[0]["id"]
        server.stop()
        for n in range(5):
            queued = run_cli(profile, "act", "report", target, "note", "--body", f"Ghi chú số {n + 1}", "--password-stdin", stdin=PASSWORD)
            assert queued.returncode == 0, queued.stderr
        cache = profile / CACHE_FILE_NAME
        checkpoint(cache, cache_key_of(profile))
        zero_header(cache)  # the first 100 bytes: every row is still there, SQLite cannot read any of them

        listed = run_cli(profile, "outbox", "--json", "--password-stdin", stdin=PASSWORD)
        assert listed.returncode == 0, listed.stderr
        assert "giữ lại 5 thao tác chưa gửi" in listed.stderr
        assert [a["payload"]["body"] for a in json.loads(listed.stdout)] == [f"Ghi chú số {n + 1}" for n in range(5)]

        server.start()
        synced = run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD)
        assert synced.returncode == 0, synced.stderr
        notes = [e for e in server.ledger() if e["type"] == "note"]
        assert len(notes) == 5  # each once
