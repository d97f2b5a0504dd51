"""The command line behind the gate (issue 10): separate processes, the real sandbox over HTTP, real files.

A PC without a secure keyring: every command that opens the encrypted cache needs the password, and says so in one
line (exit 3) without it. `logout` ends the profile's login: `act` is refused afterwards, and a wipe that would
lose unsent work is refused unless forced.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli_sandbox import cli_env, run_cli
from tests.support.file_keyring import profile_keyring
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.storage.database import CACHE_FILE_NAME

PASSWORD = "demo123\n"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=8, dossiers=2, seed=4) as srv:
        yield srv


def test_without_a_keyring_each_command_asks_for_the_password_in_one_line(server: SandboxServer,
                                                                          tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    login = run_cli(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                    stdin=PASSWORD, env=cli_env())
    assert login.returncode == 0, login.stderr
    for command in (["outbox"], ["export", "--format", "jsonl"], ["audit"], ["list", "report"], ["queues"],
                    ["sync", "--once"]):
        refused = run_cli(profile, *command, env=cli_env())
        assert refused.returncode == 3, (command, refused.stderr)
        [line] = refused.stderr.strip().splitlines()
        assert "--password-stdin" in line or "đăng nhập" in line.lower(), line
        assert refused.stdout == ""
    wrong = run_cli(profile, "outbox", "--password-stdin", stdin="sai\n", env=cli_env())
    assert wrong.returncode == 3 and len(wrong.stderr.strip().splitlines()) == 1
    listed = run_cli(profile, "outbox", "--password-stdin", stdin=PASSWORD, env=cli_env())
    assert listed.returncode == 0, listed.stderr
    counted = run_cli(profile, "queues", "--json", "--password-stdin", stdin=PASSWORD, env=cli_env())
    assert counted.returncode == 0 and json.loads(counted.stdout)["report"]["all"] == 0, counted.stderr  # not synced


def test_after_logout_act_is_refused_and_a_wipe_keeps_unsent_work_unless_forced(server: SandboxServer,
                                                                               tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    assert run_cli(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                   stdin=PASSWORD).returncode == 0
    assert run_cli(profile, "sync", "--once").returncode == 0
    report = server.all_aggregates("report")[0]["id"]
    assert run_cli(profile, "act", "report", report, "note", "--body", "Ghi chú").returncode == 0

    wipe = run_cli(profile, "logout", "--wipe")
    assert wipe.returncode == 2 and "1 thao tác chưa gửi" in wipe.stderr, wipe.stderr
    assert (profile / CACHE_FILE_NAME).exists()

    out = run_cli(profile, "logout")
    assert out.returncode == 0, out.stderr
    assert "cache-key|" not in profile_keyring(profile).read_text(encoding="utf-8")  # key and token gone
    assert "|canbo1" not in profile_keyring(profile).read_text(encoding="utf-8")
    refused = run_cli(profile, "act", "report", report, "note", "--body", "Sau khi đăng xuất",
                      "--password-stdin", stdin=PASSWORD)
    assert refused.returncode == 3 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr

    forced = run_cli(profile, "logout", "--wipe", "--force", "--password-stdin", stdin=PASSWORD)
    assert forced.returncode == 0, forced.stderr
    assert not [p for p in profile.iterdir() if p.name.startswith(CACHE_FILE_NAME) or p.name == "cache.key"]


class DropLoginAnswers:
    """Fault hook: the server logs the officer in, then the line drops before the answer leaves (`times` times)."""

    def __init__(self, times: int) -> None:
        self.times = times

    def on_request(self, handler: Any, request: Any) -> None:
        return None

    def on_response(self, handler: Any, request: Any, response: Any) -> None:
        if self.times and request.path.endswith("/auth/login"):
            self.times -= 1
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)


def test_a_sync_whose_login_answer_is_lost_retries_rather_than_signing_in_offline(server: SandboxServer,
                                                                                  tmp_path: Path) -> None:
    """`sync --password-stdin` needs the server's tokens: a login answer lost on a flaky line is retried, never
    taken as "offline" (an offline sign-in holds no token, and the sync would end in "session expired")."""
    profile = tmp_path / "profile"
    assert run_cli(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                   stdin=PASSWORD, env=cli_env()).returncode == 0
    server._faults = DropLoginAnswers(1)
    synced = run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD, env=cli_env())
    assert synced.returncode == 0, synced.stderr
    assert server._faults.times == 0  # the lost answer did happen
