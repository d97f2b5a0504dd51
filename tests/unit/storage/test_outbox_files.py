"""Files queued with an action (issue 12): copied into the cache with the outbox row, checked before queueing,
carried by a re-apply, gone with a discard or a completed action, and never sent without their bytes."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.unit.storage.factories import report, upsert
from triage_desktop.core.entities import ActionState
from triage_desktop.core.errors import InvalidAction
from triage_desktop.core.outgoing_files import LOCAL_FILES, remembered, wire_body
from triage_desktop.sandbox.images import make_png
from triage_desktop.storage.schema import OUTBOX_FILES
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

PDF = b"%PDF-1.7\n" + b"0" * 500 + b"\n%%EOF\n"


@pytest.fixture
def files(tmp_path: Path, store: Store) -> list[Path]:
    store.apply_page([upsert(report("r_1", 5, status="in_progress"))], "c1")
    photo = tmp_path / "ảnh hiện trường.png"
    photo.write_bytes(make_png(10, 10, (200, 0, 0), (0, 0, 200)))
    scan = tmp_path / "biên bản.pdf"
    scan.write_bytes(PDF)
    return [photo, scan]


def _stored_rows(store: Store) -> int:
    with store.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(OUTBOX_FILES)).scalar_one())


def test_queueing_copies_the_bytes_so_the_originals_may_go(workspace: LocalWorkspace, store: Store,
                                                          files: list[Path]) -> None:
    originals = [f.read_bytes() for f in files]
    action = workspace.queue_action("report", "r_1", "reply", {"body": "Đã sửa xong"}, files)
    for f in files:
        f.unlink()
    assert [(f.position, f.filename, f.content_type, f.size, f.attachment_id) for f in action.files] == [
        (0, "ảnh hiện trường.png", "image/png", len(originals[0]), None),
        (1, "biên bản.pdf", "application/pdf", len(originals[1]), None)]
    assert [f.sha256 for f in action.files] == [hashlib.sha256(b).hexdigest() for b in originals]
    assert remembered(action.payload) == [("ảnh hiện trường.png", len(originals[0]), None),
                                          ("biên bản.pdf", len(PDF), None)]
    sources = [store.upload_source(f.file_id) for f in action.files]
    assert [s[1] for s in sources if s] == originals
    keys = [s[0] for s in sources if s]
    assert len(set(keys)) == 2 and all(uuid.UUID(k).version == 4 for k in keys)
    assert store.outbox()[0].files == action.files
    [pending] = workspace.item("report", "r_1").pending  # type: ignore[union-attr]
    assert pending.files == action.files


def test_the_wire_body_drops_the_local_list_and_carries_ids_in_attach_order(workspace: LocalWorkspace,
                                                                             files: list[Path]) -> None:
    action = workspace.queue_action("report", "r_1", "reply", {"body": "x"}, files)
    body = wire_body(action.payload, ["a_2", "a_1"])
    assert LOCAL_FILES not in body and body["attachment_ids"] == ["a_2", "a_1"]
    assert wire_body({"type": "note", "body": "x"}) == {"type": "note", "body": "x"}


def test_files_are_refused_before_anything_is_queued(workspace: LocalWorkspace, store: Store, files: list[Path],
                                                     tmp_path: Path) -> None:
    store.put_reference("meta", None, {"limits": {"max_upload_bytes": 300}})
    assert workspace.max_upload_bytes() == 300
    with pytest.raises(InvalidAction, match=r"file_too_big:300:biên bản.pdf"):
        workspace.queue_action("report", "r_1", "reply", {"body": "x"}, files)
    renamed = tmp_path / "virus.png"
    renamed.write_bytes(b"MZ" + b"\0" * 50)
    with pytest.raises(InvalidAction, match="file_type:virus.png"):
        workspace.queue_action("report", "r_1", "reply", {"body": "x"}, [files[0], renamed])
    with pytest.raises(InvalidAction, match="file_unreadable:mất.pdf"):
        workspace.queue_action("report", "r_1", "reply", {"body": "x"}, [tmp_path / "mất.pdf"])
    with pytest.raises(InvalidAction, match="files_for_type:note"):
        workspace.queue_action("report", "r_1", "note", {"body": "x"}, files[:1])
    assert store.outbox() == [] and _stored_rows(store) == 0


def test_retry_carries_the_files_to_the_new_action(workspace: LocalWorkspace, store: Store,
                                                   files: list[Path]) -> None:
    action = workspace.queue_action("report", "r_1", "reply", {"body": "x"}, files)
    first, second = action.files
    store.set_file_attachment(first.file_id, "a_uploaded")
    # The action row remembers the id too, for a salvaged copy that loses the file rows.
    assert remembered(store.outbox()[0].payload)[0] == (first.filename, first.size, "a_uploaded")
    first_key = store.upload_source(first.file_id)[0]  # type: ignore[index]
    second_key = store.upload_source(second.file_id)[0]  # type: ignore[index]
    store.mark_sending(action.local_id)
    store.fail_action(action.local_id, 413, {"status": 413, "local_file": {"file_id": second.file_id}})

    again = workspace.retry_action(action.local_id)
    assert again.local_id != action.local_id and again.idempotency_key != action.idempotency_key
    assert [(f.filename, f.attachment_id) for f in again.files] == [(first.filename, "a_uploaded"),
                                                                    (second.filename, None)]
    assert store.upload_source(first.file_id)[0] == first_key  # type: ignore[index]  # uploaded: same key for life
    assert store.upload_source(second.file_id)[0] != second_key  # type: ignore[index]  # refused: a new try
    assert remembered(again.payload) == [(first.filename, first.size, "a_uploaded"), (second.filename, second.size, None)]


def test_removing_a_refused_file_then_retrying_sends_the_rest(workspace: LocalWorkspace, store: Store,
                                                              files: list[Path]) -> None:
    action = workspace.queue_action("report", "r_1", "reply", {"body": "x"}, files)
    with pytest.raises(InvalidAction):  # unsent: it may be on the wire with these files
        workspace.remove_action_file(action.local_id, action.files[1].file_id)
    store.mark_sending(action.local_id)
    store.fail_action(action.local_id, 415, {"status": 415})
    trimmed = workspace.remove_action_file(action.local_id, action.files[1].file_id)
    assert [f.filename for f in trimmed.files] == [files[0].name]
    assert remembered(trimmed.payload) == [(files[0].name, files[0].stat().st_size, None)]
    again = workspace.retry_action(action.local_id)
    assert [f.filename for f in again.files] == [files[0].name] and again.state is ActionState.PENDING
    assert _stored_rows(store) == 1


def test_discard_and_completion_delete_the_files(workspace: LocalWorkspace, store: Store, files: list[Path]) -> None:
    dropped = workspace.queue_action("report", "r_1", "reply", {"body": "x"}, files)
    workspace.discard_action(dropped.local_id)
    assert _stored_rows(store) == 0
    sent = workspace.queue_action("report", "r_1", "reply", {"body": "y"}, files)
    assert _stored_rows(store) == 2
    store.mark_sending(sent.local_id)
    after = {**report("r_1", 6, status="in_progress")}
    store.complete_action(sent.local_id, after, None)
    assert _stored_rows(store) == 0 and store.outbox() == []
