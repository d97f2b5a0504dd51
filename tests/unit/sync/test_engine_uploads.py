"""SyncEngine sending files (issue 12) against the real sandbox: an action whose files the cache lost is never
sent without them; a type the server refuses fails the action; an answer lost mid-upload keeps the same key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete

from tests.unit.sync.test_engine_sandbox import Client, DropAnswer, fresh, sandbox_client, signed_in
from triage_desktop.core.entities import ActionState
from triage_desktop.core.errors import Offline
from triage_desktop.sandbox.images import make_png
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.storage.schema import OUTBOX_FILES
from triage_desktop.storage.workspace import LocalWorkspace


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "server.sqlite3", reports=8, dossiers=4, seed=9) as srv:
        yield srv


@pytest.fixture
def client(tmp_path: Path, memory_keyring: Any) -> Iterator[Client]:
    with sandbox_client(tmp_path, memory_keyring) as opened:
        yield opened


def _photo(tmp_path: Path, name: str = "ảnh.png") -> Path:
    path = tmp_path / name
    path.write_bytes(make_png(12, 12, (10, 200, 10), (0, 0, 0)))
    return path


def test_an_action_that_lost_its_files_fails_instead_of_going_out_without_them(server: Any, client: Client,
                                                                               tmp_path: Path) -> None:
    [item] = fresh(server, 1)
    signed_in(server, client)
    action = LocalWorkspace(client.store).queue_action("report", item["id"], "reply", {"body": "Kèm ảnh"},
                                                      [_photo(tmp_path)])
    with client.store.db.write() as conn:  # what a salvaged copy of a damaged cache looks like: rows, no files
        conn.execute(delete(OUTBOX_FILES))

    report = client.sync.sync_once()
    [failed] = client.store.outbox()
    assert failed.local_id == action.local_id and failed.state is ActionState.FAILED
    assert str(failed.problem["type"]).endswith("/files-missing")  # type: ignore[index]
    assert report.failed == 1 and server.uploads() == []
    assert "Kèm ảnh" not in [e.get("body") for e in server.aggregate("report", item["id"])["events"]]


def test_an_action_whose_files_had_all_gone_up_is_sent_even_after_losing_them(server: Any, client: Client,
                                                                             tmp_path: Path) -> None:
    [item] = fresh(server, 1)
    signed_in(server, client)
    LocalWorkspace(client.store).queue_action("report", item["id"], "reply", {"body": "Kèm ảnh"},
                                              [_photo(tmp_path), _photo(tmp_path, "ảnh 2.png")])
    server._faults = DropAnswer("/actions")  # both files stored, the reply applied, its answer lost
    with pytest.raises(Offline):
        client.sync.sync_once()
    server._faults = None
    with client.store.db.write() as conn:  # then the cache is damaged: the salvaged row has no file rows
        conn.execute(delete(OUTBOX_FILES))

    assert client.sync.sync_once().in_step  # the remembered ids, the same key: the server replays its answer
    uploads = server.uploads()
    replies = [e for e in server.aggregate("report", item["id"])["events"] if e.get("body") == "Kèm ảnh"]
    assert len(replies) == 1 and replies[0]["data"]["attachment_ids"] == [u["id"] for u in uploads]
    assert len(uploads) == 2 and client.store.outbox() == []


def test_a_lost_upload_answer_keeps_the_action_pending_with_the_same_key(server: Any, client: Client,
                                                                         tmp_path: Path) -> None:
    [item] = fresh(server, 1)
    signed_in(server, client)
    action = LocalWorkspace(client.store).queue_action("report", item["id"], "reply", {"body": "Kèm ảnh"},
                                                      [_photo(tmp_path), _photo(tmp_path, "ảnh 2.png")])
    server._faults = DropAnswer("/uploads")
    with pytest.raises(Offline):
        client.sync.sync_once()
    [waiting] = client.store.outbox()
    assert waiting.state is ActionState.PENDING and waiting.attempts == 1
    assert [f.attachment_id for f in waiting.files] == [None, None]
    assert len(server.uploads()) == 1  # stored; its answer never came
    server._faults = None
    assert client.sync.sync_once().in_step
    uploads = server.uploads()
    assert len(uploads) == 2  # the first one's answer replayed, not stored a second time
    [reply] = [e for e in server.aggregate("report", item["id"])["events"] if e.get("body") == "Kèm ảnh"]
    assert reply["data"]["attachment_ids"] == [u["id"] for u in uploads]
    assert client.store.outbox() == [] and action.local_id


def test_a_type_the_server_refuses_fails_the_action_naming_the_file(server: Any, client: Client,
                                                                    tmp_path: Path) -> None:
    [item] = fresh(server, 1)
    signed_in(server, client)
    ws = LocalWorkspace(client.store)
    ws.queue_action("report", item["id"], "reply", {"body": "Kèm ảnh"}, [_photo(tmp_path)])
    original = server.backend.upload

    def picky(user: Any, key: Any, content_type: Any, filename: Any, raw: bytes) -> Any:
        return original(user, key, "image/gif", filename, raw)  # a server that no longer takes PNG
    server.backend.upload = picky
    client.sync.sync_once()
    [failed] = client.store.outbox()
    assert failed.state is ActionState.FAILED and failed.error_status == 415
    assert failed.problem["local_file"]["filename"] == "ảnh.png"  # type: ignore[index]
