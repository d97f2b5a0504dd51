"""The command line against servers it must not trust: a hostile one whose names and feed carry terminal escape
codes and bidi controls, a plain-http one on another computer, and one that is not the server IT locked."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli_sandbox import cli_env, run_cli
from tests.unit.sync import samples
from tests.unit.sync.loopback import Loopback, Reply

# Sets the terminal's title, clears the screen, rings the bell, a one-byte CSI, and a right-to-left override.
HOSTILE = "\x1b]0;pwned\x07Bình\x1b[2J\x9b2J\x07 \u202egnp.exe"
ESCAPES = ("\x1b", "\x07", "\x9b", "\u202e")


def hostile_server(loop: Loopback) -> dict[str, object]:
    user = {**samples.user(), "full_name": f"Trần {HOSTILE}", "unit_id": f"w_0101{HOSTILE}"}
    report = samples.report(title=f"Cây đổ {HOSTILE}", citizen={"name": f"Tâm {HOSTILE}", "phone": "0905123123",
                                                                 "contact_allowed": True})
    loop.on("GET", "/meta", Reply(200, samples.meta()))
    loop.on("POST", "/auth/login", Reply(200, {**samples.login_answer(), "user": user}))
    loop.on("GET", "/me", Reply(200, user))
    loop.on("GET", "/members", Reply(200, [user]))
    for path in ("/units", "/categories", "/procedures", "/templates"):
        loop.on("GET", path, Reply(200, []))
    loop.on("GET", "/calendar", Reply(404, {"type": "x/not-found", "status": 404},
                                      content_type="application/problem+json"))
    loop.on("GET", "/changes", Reply(200, samples.page(samples.upsert(report), next_cursor="c-end")))
    return report


@pytest.fixture
def loop() -> Iterator[Loopback]:
    with Loopback() as server:
        yield server


def test_nothing_a_server_sends_reaches_the_terminal_as_an_escape(loop: Loopback, tmp_path: Path) -> None:
    report = hostile_server(loop)
    profile = tmp_path / "profile"
    login = run_cli(profile, "login", "--server", loop.url, "--username", "canbo1", "--password-stdin",
                    stdin="demo123\n")
    assert login.returncode == 0, login.stderr
    # The words are shown; each escape sequence goes whole (the window title "pwned" included).
    assert "Trần Bình" in login.stdout and "pwned" not in login.stdout
    synced = run_cli(profile, "sync", "--once", "--password-stdin", stdin="demo123\n")
    assert synced.returncode == 0, synced.stderr
    csv_out = run_cli(profile, "export", "--format", "csv")
    jsonl_out = run_cli(profile, "export", "--format", "jsonl")
    for result in (login, synced, csv_out, jsonl_out):
        for escape in ESCAPES:
            assert escape not in result.stdout and escape not in result.stderr, (escape, result.args)
    assert "Cây đổ" in csv_out.stdout
    # JSON lines escape them instead: a program reading the export still gets the server's exact text.
    (exported,) = [json.loads(line) for line in jsonl_out.stdout.splitlines()]
    assert exported["title"] == report["title"]


def test_plain_http_to_another_computer_is_refused_before_the_password_is_read(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "profile", "login", "--server", "http://10.255.255.1:8765/v1", "--username",
                     "canbo1", "--password-stdin", stdin="demo123\n", timeout=30)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "10.255.255.1" in result.stderr and "https://" in result.stderr


def test_login_refuses_another_server_than_the_locked_one(loop: Loopback, tmp_path: Path) -> None:
    config = tmp_path / "etc" / "triage-desktop"  # the system config folder, as platformdirs finds it on Linux
    config.mkdir(parents=True)
    (config / "deployment.toml").write_text(
        f'server_url = "{loop.url}"\nlock_server_url = true\n', encoding="utf-8")
    env = cli_env(XDG_CONFIG_DIRS=str(tmp_path / "etc"))
    with Loopback() as elsewhere:
        hostile_server(elsewhere)
        refused = run_cli(tmp_path / "profile", "login", "--server", elsewhere.url, "--username", "canbo1",
                          "--password-stdin", stdin="demo123\n", env=env)
        assert refused.returncode == 2 and loop.url in refused.stderr, refused.stderr
        assert elsewhere.seen == []
    hostile_server(loop)
    same = run_cli(tmp_path / "profile", "login", "--server", loop.url.upper().replace("/V1", "/v1/"),
                   "--username", "canbo1", "--password-stdin", stdin="demo123\n", env=env)
    assert same.returncode == 0, same.stderr  # the locked server itself, however it is spelled
    default = run_cli(tmp_path / "profile", "login", "--username", "canbo1", "--password-stdin", stdin="demo123\n",
                      env=env)
    assert default.returncode == 0, default.stderr


def test_a_fresh_profile_is_readable_by_its_user_only(loop: Loopback, tmp_path: Path) -> None:
    """After login, a sync and an export, nothing in the profile is open to the group or to others."""
    hostile_server(loop)
    profile = tmp_path / "profile"
    assert run_cli(profile, "login", "--server", loop.url, "--username", "canbo1", "--password-stdin",
                   stdin="demo123\n").returncode == 0
    assert run_cli(profile, "sync", "--once", "--password-stdin", stdin="demo123\n").returncode == 0
    export = profile / "export.csv"
    assert run_cli(profile, "export", "--format", "csv", "--output", str(export)).returncode == 0
    entries = [profile, *profile.rglob("*")]
    assert len(entries) > 4  # the cache, its WAL, the logs, the export…
    open_to_others = [f"{p.relative_to(tmp_path)} {stat.filemode(p.stat().st_mode)}" for p in entries
                      if p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)]
    assert open_to_others == []
