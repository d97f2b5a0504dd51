"""An action is only ever sent under the login of the official who made it (issue 7), through the command line
against the sandbox: after the profile's login record is damaged, another official logging in and syncing must
not send the first one's notes under their own name. The PC has a secure keyring (run_cli's default), which
keeps the cache key: a second official, checked by the server, opens the cache the first one's password wraps."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.cli_sandbox import run_cli
from tests.support.file_keyring import cache_key_of
from tests.support.keys import keyed
from triage_desktop.sandbox.server import SandboxServer

PASSWORD = "demo123\n"
LEADER_ID, OFFICER_ID = "u_01", "u_02"  # lanhdao, canbo1 in the sandbox's seed


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=20, dossiers=4, seed=7) as srv:
        yield srv


def _damage_login_record(cache: Path, how: str) -> None:
    """What a half-written or scribbled sync_state leaves: no (or no readable) record of who is logged in."""
    with closing(keyed(cache, cache_key_of(cache.parent), isolation_level=None)) as conn:
        if how == "deleted":
            conn.execute("DELETE FROM sync_state WHERE key IN ('user', 'server_url')")
        else:
            conn.execute("UPDATE sync_state SET value = '{\"id\": \"u_0' WHERE key = 'user'")


def _queue_offline_as_leader(server: SandboxServer, profile: Path) -> list[str]:
    """lanhdao logs in, syncs, and queues three notes while the server is unreachable."""
    assert run_cli(profile, "login", "--server", server.url, "--username", "lanhdao", "--password-stdin",
                   stdin=PASSWORD).returncode == 0
    assert run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD).returncode == 0
    items = [raw["id"] for raw in server.all_aggregates("report") if raw["status"] == "new"][:3]
    server.stop()
    for n, item in enumerate(items):
        queued = run_cli(profile, "act", "report", item, "note", "--body", f"Ghi chú của lãnh đạo {n}", "--password-stdin", stdin=PASSWORD)
        assert queued.returncode == 0, queued.stderr
    server.start()
    return items


def _assert_held(server: SandboxServer, profile: Path, items: list[str]) -> None:
    """lanhdao's three notes are still queued under her name, and the server has seen none of them."""
    held = [a for a in json.loads(run_cli(profile, "outbox", "--json", "--password-stdin", stdin=PASSWORD).stdout) if a["author_id"] != OFFICER_ID]
    assert [(a["aggregate_id"], a["type"], a["state"], a["author_id"]) for a in held] == [
        (item, "note", "pending", LEADER_ID) for item in items]
    assert not {a["idempotency_key"] for a in held} & {e["key"] for e in server.ledger()}
    assert not [e for raw in server.all_aggregates() for e in raw["events"]
                if (e.get("body") or "").startswith("Ghi chú của lãnh đạo")]


def test_after_the_login_record_is_lost_another_officer_never_sends_the_held_notes(server: SandboxServer,
                                                                                   tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    items = _queue_offline_as_leader(server, profile)
    _damage_login_record(profile / "cache.sqlite3", "deleted")

    login = run_cli(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                    stdin=PASSWORD)
    assert login.returncode == 0, login.stderr
    synced = run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD)
    assert synced.returncode == 1, synced.stderr  # not in step: lanhdao's three notes are still unsent
    assert "3 thao tác của cán bộ khác" in synced.stderr.strip().splitlines()[-1]
    _assert_held(server, profile, items)

    # canbo1's own work still goes out, under canbo1's name; lanhdao's stays held.
    own = run_cli(profile, "act", "report", items[0], "note", "--body", "Ghi chú của cán bộ", "--password-stdin", stdin=PASSWORD)
    assert own.returncode == 0, own.stderr
    assert run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD).returncode == 1
    assert [(e["user_id"], e["type"]) for e in server.ledger()] == [(OFFICER_ID, "note")]
    _assert_held(server, profile, items)
    assert len(json.loads(run_cli(profile, "outbox", "--json", "--password-stdin", stdin=PASSWORD).stdout)) == 3


def test_after_the_login_record_is_garbled_nothing_goes_out_under_another_name(server: SandboxServer,
                                                                               tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    items = _queue_offline_as_leader(server, profile)
    _damage_login_record(profile / "cache.sqlite3", "garbled")

    # An unreadable record is no login: canbo1 logs in (it used to crash, exit 4) and sends nothing of lanhdao's.
    login = run_cli(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                    stdin=PASSWORD)
    assert login.returncode == 0, login.stderr
    synced = run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD)
    assert synced.returncode == 1 and "3 thao tác của cán bộ khác" in synced.stderr, synced.stderr
    _assert_held(server, profile, items)


def test_act_without_any_login_asks_for_one(tmp_path: Path) -> None:
    queued = run_cli(tmp_path / "never-logged-in", "act", "report", "r_1", "note", "--body", "x")
    assert queued.returncode == 3, (queued.returncode, queued.stderr)
    assert len(queued.stderr.strip().splitlines()) == 1
    assert queued.stdout == ""
