"""Salvage of the unsent actions after nine (and one more) kinds of damage to a real synced cache (issue 7).

A profile synced from the sandbox as lanhdao has sent 3 notes (local ids 1-3, gone from the outbox) and holds 20
unsent actions (ids 4-23), one of them a note long enough to spill into overflow pages. Each pattern damages a copy,
reopens it with Database, and checks that every action kept is exactly the one queued, that none already sent comes
back, and that the report names the ids it did not find. Where the outbox's own pages are intact all 20 must come
back. Each case prints one line (pytest -s), e.g.

    salvage header: 20/20 recovered (plain 20, recover-cli 0, pages 20), not found [1-3] ...

and runs twice: with the sqlite3 tool where the machine has it, and with it hidden (PATH emptied), to show the
pure-Python page reader alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import cache_damage as damage
from tests.support.keys import TEST_KEY
from triage_desktop.core.entities import OutboxAction
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import CACHE_FILE_NAME, Database, open_database
from triage_desktop.storage.recovery_report import RecoveryReport
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.auth import AuthState
from triage_desktop.sync.engine import SyncEngine
from triage_desktop.sync.http import ApiClient

UNSENT, SENT = 20, 3
LONG_NOTE = "Tổ công tác đã đến hiện trường, cây đổ chắn ngang đường, đã báo điện lực cắt điện. " * 80


@dataclass(frozen=True)
class Template:
    main: Path  # a profile whose outbox is in the main file (closed cleanly: checkpointed)
    wal: Path  # the same moment, copied while open: the 20 unsent actions live only in the WAL
    unsent: tuple[OutboxAction, ...]
    sent_ids: tuple[int, ...]


def _identity(action: OutboxAction) -> tuple[object, ...]:
    return (action.local_id, action.kind, action.aggregate_id, action.type, dict(action.payload),
            action.idempotency_key, action.base_version, action.state, action.created_at, action.author_id,
            action.author_server)


def _queue_unsent(workspace: LocalWorkspace, reports: list[str]) -> list[OutboxAction]:
    queued = [workspace.queue_action("report", reports[0], "note", {"body": LONG_NOTE})]  # spills into overflow
    for n, item in enumerate(reports[1:8]):
        queued.append(workspace.queue_action("report", item, "note", {"body": f"Ghi chú chờ gửi số {n}"}))
        queued.append(workspace.queue_action("report", item, "set_priority", {"priority": "high"}))
    queued += [workspace.queue_action("report", item, "acknowledge", {}) for item in reports[8:13]]
    assert len(queued) == UNSENT
    return queued


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    folder = tmp_path_factory.mktemp("salvage-template")
    clients: list[ApiClient] = []

    def api(url: str, auth: AuthState) -> ApiClient:
        clients.append(ApiClient(url, auth))
        return clients[-1]

    with SandboxServer(db=folder / "server.sqlite3", reports=60, dossiers=10, seed=11) as server:
        fresh = [server.add_report()["id"] for _ in range(14)]
        db = open_database(folder / "main", key=TEST_KEY)
        store = Store(db)
        sync = SyncEngine(store, api, CredentialStore.memory_only())
        sync.login(server.url, "lanhdao", "demo123")
        assert sync.sync_once().in_step
        # Free pages for the freelist pattern: the feed drops many items this officer no longer sees.
        others = [r for r in server.all_aggregates("report") if r["id"] not in fresh][:40]
        store.apply_page([{"kind": "report", "op": "delete", "id": r["id"], "version": r["version"] + 1}
                          for r in others], store.cursor() or "")
        workspace = LocalWorkspace(store)
        sent = [workspace.queue_action("report", fresh[13], "note", {"body": f"đã gửi {n}"}) for n in range(SENT)]
        assert sync.sync_once().pushed == SENT
        server.stop()
        for client in clients:
            client.close()
        damage.checkpoint(db.path)  # so the WAL copy holds nothing but what comes next
        unsent = _queue_unsent(workspace, fresh)
        (folder / "wal").mkdir()
        for name in (CACHE_FILE_NAME, CACHE_FILE_NAME + "-wal"):  # what a crash right now would leave
            shutil.copyfile(folder / "main" / name, folder / "wal" / name)
        db.dispose()
    assert not (folder / "main" / (CACHE_FILE_NAME + "-wal")).exists()
    yield Template(folder / "main", folder / "wal", tuple(unsent), tuple(a.local_id for a in sent))


def _outbox_leaf(path: Path) -> str:
    return f"first of {damage.damage_table(path, 'outbox')} outbox leaf pages scribbled"


def _other_table(path: Path) -> str:
    return f"first of {damage.damage_table(path, 'aggregates')} aggregates leaf pages scribbled"


# name -> (damage, which template, whether the outbox's own pages survive it)
PATTERNS: dict[str, tuple[Callable[[Path], str], str, bool]] = {
    "header": (damage.zero_header, "main", True),
    "schema-page": (damage.scribble_schema_page, "main", True),
    "freelist": (damage.scribble_freelist_trunk, "main", True),
    "outbox-leaf": (_outbox_leaf, "main", False),
    "outbox-index": (lambda p: damage.scribble_root(p, "ix_outbox_state"), "main", True),
    "other-table": (_other_table, "main", True),
    "wal-frame": (damage.scribble_wal_frame, "wal", True),
    "wal-header": (damage.zero_wal_header, "wal", True),
    "truncated": (damage.truncate_half, "main", False),
    "garbage-10%": (lambda p: damage.garbage_pages(p, seed=9), "main", False),  # seed 9 hits an outbox leaf
}


@pytest.mark.parametrize("cli", ["cli", "no-cli"])
@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_salvage_after_damage(template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str,
                              cli: str) -> None:
    if cli == "no-cli":
        empty = tmp_path / "empty-path"
        empty.mkdir()
        monkeypatch.setenv("PATH", str(empty))  # no sqlite3 tool: the page reader alone
        assert shutil.which("sqlite3") is None
    hurt, source, outbox_pages_intact = PATTERNS[pattern]
    profile = tmp_path / "profile"
    shutil.copytree(template.wal if source == "wal" else template.main, profile)
    cache = profile / CACHE_FILE_NAME
    what = hurt(cache)

    db = Database(cache, key=TEST_KEY)
    try:
        recovered = Store(db).outbox()
        report = db.recovery
    finally:
        db.dispose()

    assert db.recovered_from is not None, f"{pattern}: the damage went unnoticed"
    assert report is not None
    expected = {a.local_id: _identity(a) for a in template.unsent}
    assert all(_identity(a) == expected.get(a.local_id) for a in recovered), "a kept action differs from the queued"
    assert not {a.local_id for a in recovered} & set(template.sent_ids), "an action already sent came back"
    ids = [a.local_id for a in recovered]
    assert report.recovered_ids == ids and report.kept == len(ids)
    assert report.highest_id is not None
    assert report.not_found_ids == sorted(set(range(1, report.highest_id + 1)) - set(ids))
    if outbox_pages_intact:
        assert len(recovered) == UNSENT
        assert report.not_found_ids == list(template.sent_ids)
    print(_figure(pattern, cli, what, len(recovered), report))  # noqa: T201 - the figures of the closing note


def _figure(pattern: str, cli: str, what: str, kept: int, report: RecoveryReport) -> str:
    methods = ", ".join(f"{m} {report.found.get(m, 0)}" for m in ("plain", "recover-cli", "pages"))
    gaps = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in report.not_found)
    return (f"salvage {pattern} [{cli}]: {kept}/{UNSENT} recovered ({methods}), not found [{gaps}] "
            f"({'outbox read whole' if report.outbox_intact else 'outbox not read whole'}); "
            f"sqlite3 .recover: {report.cli}; damage: {what}")
