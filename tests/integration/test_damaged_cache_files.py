"""A damaged cache keeps the unsent actions (their rows are salvaged) but not their files' bytes: an action that
lost files it had not uploaded yet becomes a problem the officer sees, never a reply sent without them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.test_damaged_cache import Client
from tests.support.cache_damage import damage_outside
from triage_desktop.core.entities import ActionState
from triage_desktop.core.outgoing_files import remembered
from triage_desktop.sandbox.images import make_png
from triage_desktop.sandbox.server import SandboxServer

PASSWORD = "demo123"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=20, dossiers=5, seed=13) as srv:
        yield srv


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    officer = Client(tmp_path / "profile")
    yield officer
    officer.stop()


def test_a_salvaged_reply_that_lost_its_files_is_held_as_a_problem(server: SandboxServer, client: Client,
                                                                   tmp_path: Path) -> None:
    item = server.add_report()
    client.sync.login(server.url, "lanhdao", PASSWORD)
    assert client.sync.sync_once().in_step
    photo = tmp_path / "ảnh.png"
    photo.write_bytes(make_png(20, 20, (0, 90, 200), (255, 255, 255)))
    server.stop()  # queued offline: nothing uploaded yet
    queued = client.workspace.queue_action("report", item["id"], "reply", {"body": "Kèm ảnh hiện trường"}, [photo])

    client.stop()
    damage_outside(client.db.path)
    client.restart()
    assert client.db.recovered_from is not None
    [salvaged] = client.workspace.outbox()
    assert salvaged.idempotency_key == queued.idempotency_key
    assert salvaged.files == () and remembered(salvaged.payload) == [("ảnh.png", photo.stat().st_size, None)]

    server.start()
    report = client.sync.sync_once()
    [failed] = client.workspace.outbox()
    assert failed.state is ActionState.FAILED and str(failed.problem["type"]).endswith("/files-missing")  # type: ignore[index]
    assert report.open_conflicts == 1 and server.uploads() == []
    assert "Kèm ảnh hiện trường" not in [e.get("body") for e in server.aggregate("report", item["id"])["events"]]
