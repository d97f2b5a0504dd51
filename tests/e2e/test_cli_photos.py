"""`photos` through the command line (issue 12): separate processes against the sandbox over HTTP. `--fetch` keeps
exactly the photos of the officer's working queues (mine, unassigned, new), byte-exact, and the count stays when
the server is gone."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.support.cli_sandbox import run_cli, sign_in_and_sync
from tests.support.file_keyring import cache_key_of
from triage_desktop.core import queues
from triage_desktop.core.file_types import is_photo_type
from triage_desktop.core.photo_prefetch import PREFETCH_QUEUES
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.storage.database import CACHE_FILE_NAME, Database
from triage_desktop.storage.schema import PHOTOS

PASSWORD = "demo123\n"
ME = "u_02"  # canbo1


def _photos(profile: Path) -> dict:
    done = run_cli(profile, "photos", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_fetch_keeps_the_working_queues_photos_and_they_stay_offline(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=30, dossiers=10, seed=3) as server:
        sign_in_and_sync(profile, server.url, "canbo1")
        assert _photos(profile)["count"] == 0
        wanted = {a["id"]: a for item in server.all_aggregates()
                  if any(queues.holds(q, item["kind"], item["status"], item.get("assignee_id"), ME)
                         for q in PREFETCH_QUEUES)
                  for a in item["attachments"] if is_photo_type(a["content_type"])}
        assert wanted, "the seed gives the officer's queues some photos"
        # Signed in again with the password (a PC without a keyring keeps no login between runs), as `sync` is.
        done = run_cli(profile, "photos", "--fetch", "--json", "--password-stdin", stdin=PASSWORD)
        assert done.returncode == 0, done.stderr
        fetched = json.loads(done.stdout)
        assert fetched["fetched"] == len(wanted) and fetched["refused"] == []
        assert fetched["count"] == len(wanted) and fetched["bytes"] == sum(a["size"] for a in wanted.values())
    # The server is gone: the photos are still there, each the bytes its digest names.
    assert _photos(profile)["count"] == len(wanted)
    database = Database(profile / CACHE_FILE_NAME, key=cache_key_of(profile))
    try:
        with database.read() as conn:
            rows = conn.execute(PHOTOS.select()).all()
    finally:
        database.dispose()
    assert {row.attachment_id for row in rows} == set(wanted)
    assert all(hashlib.sha256(row.data).hexdigest() == wanted[row.attachment_id]["sha256"] for row in rows)
    # Everything planned is kept: a second fetch needs no server.
    again = run_cli(profile, "photos", "--fetch", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["fetched"] == 0
