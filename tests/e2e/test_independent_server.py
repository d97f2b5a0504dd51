"""The real command line against an independent server that uses every freedom central-api.md leaves.

The sandbox is our own reading of the contract; tests/support/freedom_server.py is another one, written to
be awkward (see its docstring). Each CLI call is a separate process on one profile folder, as a script
would run it. No OS keyring in tests, so every sync logs in for its own run with --password-stdin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.freedom_server import (
    BACK_ID,
    BIG_ID,
    DASH_ID,
    FOREIGN_KIND,
    GONE_ID,
    MAX_VERSION,
    ME,
    NEVER_SEEN_ID,
    OTHER_DOSSIER_ID,
    PASSWORD,
    SHARED_ID,
    FreedomServer,
)
from triage_desktop.core.masking import mask_item

Key = tuple[str, str]


def run(profile: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # --profile before the command, so an `act ... -- -id` keeps everything after `--` positional.
    return subprocess.run(
        [sys.executable, "-m", "triage_desktop", "--profile", str(profile), *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )


def login(server: FreedomServer, profile: Path) -> None:
    result = run(profile, "login", "--server", server.url, "--username", ME["username"], "--password-stdin",
                 stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert ME["full_name"] in result.stdout


def sync(profile: Path) -> subprocess.CompletedProcess[str]:
    return run(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD + "\n")


def act(profile: Path, kind: str, item_id: str, action: str, *options: str) -> int:
    result = run(profile, "act", *options, "--password-stdin", kind, "--", item_id, action, stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip())


def outbox(profile: Path) -> list[dict[str, Any]]:
    result = run(profile, "outbox", "--json", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def masked(snapshot: dict[Key, dict[str, Any]]) -> dict[Key, dict[str, Any]]:
    return {key: mask_item(raw) for key, raw in snapshot.items()}


def export(profile: Path, tmp_path: Path) -> dict[Key, dict[str, Any]]:
    target = tmp_path / "cache.jsonl"
    result = run(profile, "export", "--format", "jsonl", "--output", str(target), "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    cache = {(row["kind"], row["id"]): row for row in rows}
    assert len(cache) == len(rows), "one line per (kind, id)"
    return cache


def assert_cursors_round_tripped(server: FreedomServer) -> None:
    """Every `since` is the previous answer's `next`, byte for byte, across processes; None only to (re)start."""
    expected: str | None = None
    for call in server.feed_calls:
        assert call.since == expected, (call.since, expected)
        assert call.status in (200, 410), call  # never a 422 for `limit`
        if call.status == 410:
            assert call.since in server.expired_cursors  # only the cursors the test expired
        expected = call.next if call.status == 200 else None
    assert len(server.feed_calls) > 5  # the small pages really were paged through


def assert_auth_survived(server: FreedomServer, logins: int) -> None:
    assert server.logins == logins  # refreshing kept every run going: no extra logins
    assert server.expired_access > 0 and server.refreshes >= server.expired_access
    assert server.refused_refreshes == 0  # never a rotated-away refresh token


def test_round_trip_with_every_freedom(tmp_path: Path) -> None:
    profile = tmp_path / "hồ sơ cán bộ"
    with FreedomServer(rotate_refresh=True, drop_answer_once={"note"}) as server:
        login(server, profile)
        first = sync(profile)
        assert first.returncode == 0, first.stderr

        note = act(profile, "report", SHARED_ID, "note", "--body", "Đã cử tổ công tác đến hiện trường")
        act(profile, "report", SHARED_ID, "assign", "--assignee", ME["id"])
        act(profile, "dossier", SHARED_ID, "set_status", "--status", "received")
        stale = act(profile, "report", BIG_ID, "set_status", "--status", "acknowledged")
        assert note < stale
        server.edit("report", BIG_ID, priority="urgent")  # someone else, before the officer's work goes out

        # The note is applied but its answer is lost (connection closed). `sync --once` retries within the run
        # with the same key: the feed brings the note before the replayed answer does; the assign must still
        # not conflict (§7).
        lost = sync(profile)
        assert lost.returncode == 0, lost.stderr
        assert server.replayed == [server.applied[0].key]
        resent = sync(profile)
        assert resent.returncode == 0, resent.stderr

        # The If-Match of the BIG report was stale: a conflict carrying the server's current state.
        [conflict] = outbox(profile)
        assert (conflict["id"], conflict["state"], conflict["error_status"]) == (stale, "conflict", 412)
        assert conflict["problem"]["type"].endswith("/version-conflict")
        retried = run(profile, "outbox", "--retry", str(stale), "--password-stdin", stdin=PASSWORD + "\n")
        assert retried.returncode == 0, retried.stderr

        # The server forgets a dossier without a delete and expires every cursor: 410, then a snapshot.
        server.erase("dossier", OTHER_DOSSIER_ID)
        server.expire_cursors()
        last = sync(profile)
        assert last.returncode == 0, last.stderr
        assert outbox(profile) == []
        cache = export(profile, tmp_path)
        truth = masked(server.snapshot())

    # The cache is the server's state, whole: unknown fields, odd ids and big versions included (phone and CCCD
    # leave the PC masked, as every export does unless IT allows full ones).
    assert cache == truth
    assert {("report", SHARED_ID), ("dossier", SHARED_ID)} <= cache.keys()
    assert {("report", GONE_ID), ("report", NEVER_SEEN_ID), ("dossier", OTHER_DOSSIER_ID)}.isdisjoint(cache)
    assert ("dossier", BACK_ID) in cache and ("report", DASH_ID) in cache
    assert {kind for kind, _ in cache} == {"report", "dossier"}  # the appointments were skipped
    assert FOREIGN_KIND not in json.dumps(list(cache.values()))
    report = cache[("report", SHARED_ID)]
    assert report["x_sla"]["tags"] == ["cây xanh", "khẩn"] and report["location"]["x_ward_code"] == "25456"
    assert report["attachments"][0]["x_thumb"] == {"w": 64, "h": 48}
    assert [e["type"] for e in report["events"]][:2] == ["submitted", "called_back"]
    assert all("x_device" in e for e in report["events"])
    assert (report["assignee_id"], report["events"][-2]["body"]) == (ME["id"], "Đã cử tổ công tác đến hiện trường")
    dossier = cache[("dossier", SHARED_ID)]
    assert (dossier["status"], dossier["dvc_code"], dossier["x_portal"]["ref"]) == ("received", 2, "DVC-72-0001")
    assert "updated_at" not in dossier
    big = cache[("report", BIG_ID)]
    assert (big["status"], big["priority"]) == ("acknowledged", "urgent")
    assert MAX_VERSION - 100 < big["version"] <= MAX_VERSION

    # Exactly once: four actions applied, each once; the lost answer was replayed, not re-applied.
    done = [(a.kind, a.id, a.type, a.if_match) for a in server.applied]
    note_version = server.applied[0].version
    assert done[0] == ("report", SHARED_ID, "note", None)  # notes go without If-Match
    assert done[1] == ("report", SHARED_ID, "assign", f'"{note_version}"')  # rebased past our own note (§7)
    assert done[2][:3] == ("dossier", SHARED_ID, "set_status") and done[2][3] is not None
    assert done[3][:3] == ("report", BIG_ID, "set_status")  # the re-applied conflict, on the new version
    assert len(done) == 4
    assert len({a.key for a in server.applied}) == 4
    assert server.replayed == [server.applied[0].key]

    assert_cursors_round_tripped(server)
    assert_auth_survived(server, logins=5)
    assert server.gzipped > 0


@pytest.mark.parametrize("rotate", [True, False], ids=["refresh-rotates", "refresh-kept"])
def test_refresh_with_and_without_rotation(tmp_path: Path, rotate: bool) -> None:
    profile = tmp_path / "p"
    with FreedomServer(rotate_refresh=rotate, access_uses=2) as server:
        login(server, profile)
        assert sync(profile).returncode == 0
        act(profile, "report", DASH_ID, "note", "--body", "Nước đã rút")  # an id starting with "-"
        again = sync(profile)
        assert again.returncode == 0, again.stderr
        cache = export(profile, tmp_path)
        truth = masked(server.snapshot())

    # No resnapshot here: deletes, tombstones and stale re-sends alone must give the server's state.
    assert cache == truth
    assert ("report", GONE_ID) not in cache and ("dossier", BACK_ID) in cache
    assert [(a.kind, a.id, a.type) for a in server.applied] == [("report", DASH_ID, "note")]
    assert truth[("report", DASH_ID)]["events"][-1]["body"] == "Nước đã rút"
    assert server.replayed == []
    assert_cursors_round_tripped(server)
    assert_auth_survived(server, logins=3)
