"""The audit trail through the command line (issue 10): separate processes against the sandbox over HTTP, one
profile folder. Who queued, sent, conflicted, discarded and exported what is printed, exported to a private CSV
file, and `audit --verify` finds an entry edited, removed from the middle or cut off the end of the file."""

from __future__ import annotations

import csv
import re
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.cli_sandbox import run_cli
from tests.support.file_keyring import cache_key_of, copy_profile
from tests.support.keys import keyed
from triage_desktop.sandbox.server import SandboxServer

PASSWORD = "demo123\n"
PHONE = "0905 123 456"
NOTE = f"Gọi lại cho bà Tâm số {PHONE} trước 9 giờ"
EXIT_AUDIT_BROKEN = 5
_LINE = re.compile(r"\d\d/\d\d/\d{4} \d\d:\d\d\t")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path_factory.mktemp("server") / "server.sqlite3", reports=30, dossiers=10,
                       seed=3) as srv:
        yield srv


def tamper(profile: Path, *statements: str) -> None:
    """Someone with the file and without our code: drop the guards, then change the trail."""
    with closing(keyed(profile / "cache.sqlite3", cache_key_of(profile), isolation_level=None)) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        for statement in statements:
            conn.execute(statement)


def _ok(result: object) -> None:
    assert getattr(result, "returncode") == 0, getattr(result, "stderr")  # noqa: B009


@pytest.fixture(scope="module")
def worked_once(server: SandboxServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """canbo1 queues three actions offline, discards one, syncs (one sent, one conflicted) and exports."""
    profile = tmp_path_factory.mktemp("worked") / "profile"
    _ok(run_cli(profile, "login", "--server", server.url, "--username", "canbo1", "--password-stdin",
                stdin=PASSWORD))
    _ok(run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD))
    a, b, c = [raw["id"] for raw in server.all_aggregates("report") if raw["status"] == "new"][:3]
    server.stop()
    ids = []
    for args in (("note", "--body", NOTE), ("assign", "--assignee", "u_02"), ("assign", "--assignee", "u_02")):
        queued = run_cli(profile, "act", "report", (a, b, c)[len(ids)], *args)
        _ok(queued)
        ids.append(int(queued.stdout))
    server.start()
    server.server_act("report", b, "acknowledge")  # the leader moves b on: our assign's If-Match is stale
    _ok(run_cli(profile, "outbox", "--discard", str(ids[2])))
    _ok(run_cli(profile, "sync", "--once", "--password-stdin", stdin=PASSWORD))  # in step, one conflict left
    _ok(run_cli(profile, "export", "--format", "csv", "--output", str(profile.parent / "items.csv")))
    return profile


@pytest.fixture
def worked(worked_once: Path, tmp_path: Path) -> Path:
    """A copy of that profile for one test, which may add entries or tamper with it."""
    copy = tmp_path / "profile"
    copy_profile(worked_once, copy)
    return copy


def _exported_rows(profile: Path) -> int:
    with (profile.parent / "items.csv").open(encoding="utf-8-sig", newline="") as rows:
        return sum(1 for _ in csv.reader(rows)) - 1


def test_each_action_and_export_is_printed_with_who_what_and_when(worked_once: Path, worked: Path) -> None:
    printed = run_cli(worked, "audit")
    _ok(printed)
    lines = printed.stdout.splitlines()
    assert all(_LINE.match(line) for line in lines), lines
    everything = [line.split("\t") for line in lines]
    # Each sign-in is recorded too: the login, and each `sync --password-stdin`, which signs in for its run.
    assert [f[4] for f in everything if f[2] == "login"] == ["how=online"] * 3
    fields = [f for f in everything if f[2] != "login"]
    assert [(f[1], f[2]) for f in fields] == [
        ("canbo1", "queued"), ("canbo1", "queued"), ("canbo1", "queued"), ("canbo1", "discarded"),
        ("canbo1", "sent"), ("canbo1", "conflicted"), ("canbo1", "exported")]
    assert [f[3].split(":")[0] for f in fields[:6]] == ["report"] * 6
    assert "type=note" in fields[0][4] and "status=412" in fields[5][4]
    assert "format=csv" in fields[6][4] and f"count={_exported_rows(worked_once)} " in fields[6][4]
    assert NOTE not in printed.stdout and PHONE not in printed.stdout

    verified = run_cli(worked, "audit", "--verify")
    assert (verified.returncode, verified.stdout) == (0, "OK\n"), verified.stderr


def test_the_trail_never_holds_note_text_or_a_phone_number(worked: Path) -> None:
    with closing(keyed(worked / "cache.sqlite3", cache_key_of(worked))) as conn:
        text = repr(conn.execute("SELECT * FROM audit_log").fetchall())
    assert "Gọi lại" not in text and PHONE not in text and PHONE.replace(" ", "") not in text


def test_the_export_is_a_private_csv_with_the_hashes(worked: Path, tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    exported = run_cli(worked, "audit", "--export", str(target))
    _ok(exported)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads Vietnamese right only with the BOM
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [row["action"] for row in rows if row["action"] != "login"] == [
        "queued", "queued", "queued", "discarded", "sent", "conflicted", "exported"]
    assert [int(row["seq"]) for row in rows] == list(range(1, len(rows) + 1))
    assert all(re.fullmatch(r"[0-9a-f]{64}", row["hash"]) for row in rows)
    assert all(row["prev_hash"] == before["hash"] for before, row in zip(rows, rows[1:], strict=False))
    # Taking the trail off the PC is itself recorded.
    assert run_cli(worked, "audit").stdout.splitlines()[-1].split("\t")[2:] == ["exported", "-",
                                                                                f"count={len(rows)} format=csv what=audit"]


def test_an_existing_export_file_is_made_private_too(worked: Path, tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    _ok(run_cli(worked, "audit", "--export", str(target)))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "old" not in target.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(("statements", "named"), [
    (("UPDATE audit_log SET actor = 'lanhdao' WHERE seq = 2",), ["Mục 2:"]),  # edited
    (("DELETE FROM audit_log WHERE seq = 4",), ["Mục 5:", "mục 4."]),  # removed from the middle
    (("DELETE FROM audit_log WHERE seq = 10",), ["Mục 10:", "mục 10 "]),  # cut off the end (3 logins, 7 actions)
], ids=["edited", "removed_middle", "removed_last"])
def test_verify_names_the_entry_edited_or_removed(worked_once: Path, worked: Path, statements: tuple[str, ...],
                                                   named: list[str]) -> None:
    tamper(worked, *statements)
    verified = run_cli(worked, "audit", "--verify")
    assert verified.returncode == EXIT_AUDIT_BROKEN, verified.stderr
    [line] = verified.stdout.splitlines()
    assert all(part in line for part in named), line
    assert "OK" not in verified.stdout
    # The original, untouched, still verifies.
    assert run_cli(worked_once, "audit", "--verify").stdout == "OK\n"
