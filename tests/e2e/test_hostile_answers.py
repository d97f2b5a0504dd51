"""Issue 7, item 3, through the command line: one bad answer from the server must not stop the unit's work.

The sandbox is damaged on purpose by test hooks: a cut-off emoji (a lone surrogate escape) in one citizen's
title, and a feed that is garbled on every request while an officer's note waits to be sent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli_sandbox import run_cli
from triage_desktop.sandbox.api import Response
from triage_desktop.sandbox.server import SandboxServer

PASSWORD = "demo123\n"


class FeedHook:
    """Rewrites /changes answers with `damage(body) -> body`; other paths pass untouched."""

    def __init__(self, damage: Any) -> None:
        self.damage = damage
        self.pages = 0

    def on_request(self, handler: Any, request: Any) -> None:
        return None

    def on_response(self, handler: Any, request: Any, response: Response) -> Response | None:
        if request.path != "/changes":
            return None
        self.pages += 1
        return Response(response.status, self.damage(response.body), response.content_type, response.headers)


@pytest.fixture
def server(tmp_path: Path):
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=30, dossiers=10, seed=3) as srv:
        yield srv


def login(server: SandboxServer, profile: Path) -> None:
    done = run_cli(profile, "login", "--server", server.url, "--username", "lanhdao", "--password-stdin",
                   stdin=PASSWORD)
    assert done.returncode == 0, done.stderr


def test_a_cut_off_emoji_in_one_title_is_shown_as_a_replacement_character(
        server: SandboxServer, tmp_path: Path) -> None:
    victim = server.all_aggregates("report")[0]
    marker = json.dumps(victim["title"], ensure_ascii=False)[1:-1].encode()
    server._faults = FeedHook(lambda body: body.replace(b'"title":"' + marker, b'"title":"\\ud83d' + marker, 1))
    profile = tmp_path / "profile"
    login(server, profile)
    synced = run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD)
    assert synced.returncode == 0, synced.stderr
    items = {raw["id"]: raw for raw in map(json.loads, run_cli(profile, "export", "--format", "jsonl", "--password-stdin", stdin=PASSWORD).stdout
                                                        .splitlines())}
    assert len(items) == len(server.all_aggregates())
    assert items[victim["id"]]["title"] == "\ufffd" + victim["title"]


def test_a_feed_garbled_every_time_still_lets_the_officers_note_out(server: SandboxServer, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    login(server, profile)
    assert run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD).returncode == 0
    target = server.all_aggregates("report")[0]
    queued = run_cli(profile, "act", "report", target["id"], "note", "--body", "Đã liên hệ điện lực", "--password-stdin", stdin=PASSWORD)
    assert queued.returncode == 0, queued.stderr
    server._faults = FeedHook(lambda body: body[: len(body) // 2])  # whole answers, status 200, not JSON
    synced = run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD)
    assert synced.returncode == 2, synced.stderr
    assert synced.stderr.strip().splitlines()[-1].startswith("triage-desktop: Máy chủ trả về dữ liệu không hợp lệ")
    assert [(e["aggregate_id"], e["type"]) for e in server.ledger()] == [(target["id"], "note")]
    assert json.loads(run_cli(profile, "outbox", "--json", "--password-stdin", stdin=PASSWORD).stdout) == []
