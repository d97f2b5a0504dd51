"""`list` and `queues` through the command line (issue 11): separate processes against the sandbox over HTTP, one
profile folder. The lists and counts are the window's (same queue rules and SQL), each row with its deadline in an
office's words, and the deadline queues counted at the moment of the command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.cli_sandbox import run_cli, sign_in_and_sync
from tests.support.file_keyring import cache_key_of, file_keyring_env, profile_keyring
from triage_desktop.core import queues
from triage_desktop.core.deadlines import DeadlineBounds, state_of
from triage_desktop.core.entities import SavedView
from triage_desktop.core.workdays import WorkCalendar, add_working_time
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.storage.database import CACHE_FILE_NAME, Database
from triage_desktop.storage.rows import utc_iso
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

ME = "u_02"  # canbo1, Trần Văn Bình, in the sandbox's unit
ADDED: dict[str, str] = {}  # "late" / "soon" / "week" → the report's id


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path_factory.mktemp("server") / "server.sqlite3", reports=30, dossiers=10,
                       seed=3) as srv:
        now = datetime.now(UTC)
        calendar = WorkCalendar.from_published([])
        # Three reports of mine the contract's way (central-api.md §4), due far past, within hours, in a week.
        for code, due in (("late", now - timedelta(days=8)), ("soon", add_working_time(now, 0.3, calendar)),
                          ("week", now + timedelta(days=10))):
            ADDED[code] = srv.add_report(title=f"Hạn {code}", assignee_id=ME, status="in_progress",
                                         channel="hotline", due_at=_iso(due))["id"]
        yield srv


@pytest.fixture(scope="module")
def profile(server: SandboxServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("officer") / "profile"
    sign_in_and_sync(folder, server.url, "canbo1")
    return folder


def _listed(profile: Path, *args: str) -> list[dict]:
    done = run_cli(profile, "list", *args, "--json", "--limit", "1000")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _bounds() -> DeadlineBounds:
    return DeadlineBounds.at(datetime.now(UTC), WorkCalendar.from_published([]))


def test_every_queue_lists_what_it_counts_with_the_deadline_state(server: SandboxServer, profile: Path) -> None:
    done = run_cli(profile, "queues", "--json")
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert set(counts["report"]) == set(queues.queues_of("report")) and "waiting" in counts["dossier"]
    bounds = _bounds()
    for kind in ("report", "dossier"):
        everything = {(a["id"]): a for a in server.all_aggregates(kind)}
        for queue in queues.queues_of(kind):
            rows = _listed(profile, kind, "--queue", queue)
            assert len(rows) == counts[kind][queue], (kind, queue)
            for row in rows:
                raw = everything[row["id"]]
                state = state_of(kind, raw["status"], utc_iso(raw.get("due_at")), bounds)
                assert row["deadline"] == state and row["status"] == raw["status"], row
                if queue in queues.CLOCK_QUEUES:
                    assert state == queue
    assert counts["report"]["overdue"] >= 1 and counts["report"]["due_soon"] >= 1


def test_mine_reads_by_time_left_in_an_offices_words(server: SandboxServer, profile: Path) -> None:
    done = run_cli(profile, "list", "report", "--queue", "mine", "--channel", "hotline")
    assert done.returncode == 0, done.stderr
    lines = [line.split("\t") for line in done.stdout.strip().splitlines()]
    codes = {server.aggregate("report", item_id)["code"]: name for name, item_id in ADDED.items()}  # type: ignore[index]
    ours = [(codes[line[0]], line[1]) for line in lines if line[0] in codes]
    assert [name for name, _ in ours] == ["late", "soon", "week"]  # the least time left first
    words = dict(ours)
    assert words["late"].startswith("Quá hạn ") and words["late"].endswith(" ngày")
    assert words["soon"].startswith("Sắp đến hạn — còn ")  # the window's words (ui.deadlines.state_text)
    assert words["week"].startswith("Còn ") and words["week"].endswith(" ngày làm việc")
    assert {line[2] for line in lines} == {"Đang xử lý"} and {line[3] for line in lines} == {"Trần Văn Bình"}


def test_the_filter_row_and_a_saved_view(server: SandboxServer, profile: Path) -> None:
    late_of_mine = _listed(profile, "report", "--assignee", ME, "--status", "in_progress", "--deadline", "overdue",
                           "--sort", "due_at", "--asc")
    assert late_of_mine and all(row["deadline"] == "overdue" and row["assignee_id"] == ME for row in late_of_mine)
    paused = _listed(profile, "dossier", "--deadline", "paused")
    assert {row["id"] for row in paused} == {
        a["id"] for a in server.all_aggregates("dossier") if a["status"] in ("awaiting_supplement", "awaiting_fee")}
    assert all(row["deadline_text"] == "Tạm dừng — chờ công dân" for row in paused)
    # A view the officer saved in the window (the same cache, the same Workspace port).
    db = Database(profile / CACHE_FILE_NAME, key=cache_key_of(profile))
    try:
        LocalWorkspace(Store(db)).save_view(ME, SavedView(name="Bình — quá hạn", kind="report", assignee_id=ME,
                                                          status="in_progress", deadline="overdue",
                                                          sort_key="due_at", descending=False))
    finally:
        db.dispose()
    assert _listed(profile, "report", "--view", "Bình — quá hạn") == late_of_mine
    wrong_kind = run_cli(profile, "list", "dossier", "--view", "Bình — quá hạn")
    assert wrong_kind.returncode == 2, wrong_kind.stderr
    missing = run_cli(profile, "list", "report", "--view", "Không có")
    assert missing.returncode == 2 and "Không có" in missing.stderr


def test_a_builtin_view_lists_what_the_window_shows_under_it(server: SandboxServer, profile: Path) -> None:
    """`--view unit_overdue` is the window's "Quá hạn của đơn vị": the overdue queue, the longest overdue first."""
    listed = _listed(profile, "report", "--view", "unit_overdue")
    assert listed == _listed(profile, "report", "--queue", "overdue", "--sort", "due_at", "--asc")
    assert listed and all(row["deadline"] == "overdue" for row in listed)
    assert [row["due_at"] for row in listed] == sorted(row["due_at"] for row in listed)



def test_a_reader_that_stops_reading_is_no_error(profile: Path) -> None:
    """`triage-desktop list report | head -1`: the pipe closes early; that is the reader's choice, not a bug."""
    for command in (("list", "report"), ("export", "--format", "jsonl"), ("record", "--from", "2026-01-01",
                                                                          "--to", "2026-12-31")):
        with subprocess.Popen([sys.executable, "-m", "triage_desktop", *command, "--profile", str(profile)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=file_keyring_env(profile_keyring(profile))) as reader:
            assert reader.stdout is not None and reader.stderr is not None
            reader.stdout.readline()  # what `head -1` reads, then it goes away
            reader.stdout.close()
            errors = reader.stderr.read().decode()
            assert reader.wait(timeout=60) == 0, (command, errors)
        assert "Lỗi không mong đợi" not in errors and "Broken pipe" not in errors, (command, errors)
