"""`strings` over every file of the profile finds no citizen's phone number, CCCD or name, after: a plain cache
from an older version migrated and encrypted, a sync of the sandbox's data, a note holding a phone number queued,
and a kill -9 in the middle of writes (the crash worker). With key=None the same scan finds them (the control)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support.keys import TEST_KEY, downgrade
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.storage.database import open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.auth import MemoryVault
from triage_desktop.sync.engine import SyncEngine
from triage_desktop.sync.http import ApiClient

pytestmark = pytest.mark.slow
PASSWORD = "demo123"
WORKER = Path(__file__).resolve().parents[1] / "support" / "crash_worker.py"
NOTE_PHONE = "0987 654 321"  # typed by the officer into a note


def _session(profile: Path, url: str, key: bytes | None) -> tuple[Any, Store, SyncEngine]:
    db = open_database(profile, key=key)
    store = Store(db)
    engine = SyncEngine(store, lambda u, auth: ApiClient(u, auth), MemoryVault())
    engine.login(url, "lanhdao", PASSWORD)
    return db, store, engine


def _needles(raws: list[dict[str, Any]]) -> set[str]:
    """The personal data the cache holds: citizens' and applicants' names, phones and CCCD numbers."""
    found: set[str] = {NOTE_PHONE}
    for raw in raws:
        for person in (raw.get("citizen"), raw.get("applicant")):
            if isinstance(person, dict):
                found |= {str(person[k]) for k in ("name", "phone", "id_number") if person.get(k)}
    return {n for n in found if len(n) >= 6}


def _kill_worker(profile: Path, url: str, key: bytes | None) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    if key is None:
        env["TRIAGE_TEST_PLAIN_CACHE"] = "1"
    proc = subprocess.Popen([sys.executable, str(WORKER), str(profile), url, "7", "chaos"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(f"{PASSWORD}\n".encode())
    proc.stdin.close()
    assert proc.stdout.readline().startswith(b"READY")
    acks = 0
    deadline = time.monotonic() + 30
    while acks < 5 and time.monotonic() < deadline:  # kill it mid-work, after it queued (wrote) some actions
        acks += proc.stdout.readline().startswith(b"ACK")
    proc.kill()  # SIGKILL: no clean-up, the WAL and -shm are left as they were
    proc.wait()
    proc.stdout.close()


def _scenario(tmp_path: Path, key: bytes | None) -> tuple[Path, set[str]]:
    profile = tmp_path / "profile"
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=60, dossiers=30, seed=5) as server:
        # A cache from before encryption (plain, an older schema), with an unsent note.
        db, store, engine = _session(profile, server.url, None)
        assert engine.sync_once().in_step
        item = next(iter(store.export_raw()))
        LocalWorkspace(store).queue_action(item["kind"], item["id"], "note", {"body": f"gọi lại {NOTE_PHONE}"})
        db.dispose()
        downgrade(profile / "cache.sqlite3", "0003", None)
        # This version opens it with its key: encrypted in place, migrated, synced, more notes queued.
        db, store, engine = _session(profile, server.url, key)
        assert engine.sync_once().in_step
        LocalWorkspace(store).queue_action(item["kind"], item["id"], "note", {"body": f"số {NOTE_PHONE} đã gọi"})
        raws = list(store.export_raw())
        db.dispose()
        _kill_worker(profile, server.url, key)
    return profile, _needles(raws)


def _hits(profile: Path, needles: set[str]) -> list[str]:
    hits = []
    for path in sorted(p for p in profile.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for needle in needles:
            if any(form in data for form in (needle.encode("utf-8"), needle.encode("utf-16-le"))):
                hits.append(f"{path.relative_to(profile)}: {needle}")
    return hits


def test_no_phone_cccd_or_name_in_any_file_of_the_profile(tmp_path: Path) -> None:
    profile, needles = _scenario(tmp_path, TEST_KEY)
    assert len(needles) >= 50  # names, phones and CCCD numbers of the synced items, and the note's phone
    files = [p.name for p in profile.rglob("*") if p.is_file()]
    assert "cache.sqlite3" in files and any(n.startswith("cache.sqlite3.before-") for n in files), files
    assert _hits(profile, needles) == []


def test_the_scan_finds_them_in_a_plain_cache(tmp_path: Path) -> None:
    """The control: the same scenario with key=None (where a deployment allows it) leaves them readable."""
    profile, needles = _scenario(tmp_path, None)
    hits = _hits(profile, needles)
    assert any(NOTE_PHONE in h for h in hits) and len(hits) >= len(needles) // 2
