"""The files an unsent action carries (OUTBOX_FILES), inside a caller's transaction.

Their bytes are copied in when the action is queued, in the same transaction as its outbox row, so deleting or
moving the original afterwards changes nothing. Each file gets its own upload Idempotency-Key then, kept for
life: a lost answer to POST /uploads is replayed by the server, never stored twice (central-api.md §6, §8).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from triage_desktop.core import outgoing_files
from triage_desktop.core.entities import OutboxAction, OutboxFile
from triage_desktop.core.errors import InvalidAction
from triage_desktop.storage.schema import OUTBOX_FILES


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file read from disk and checked, ready to be stored with its action."""

    filename: str
    content_type: str
    size: int
    sha256: str
    data: bytes


def prepare(path: Path, limit: int) -> Prepared:
    """Read and check one file (InvalidAction: unreadable, not an allowed type, empty, above `limit`).

    Only the basename is kept: it is what the server is told the file is called, never a path."""
    name = path.name
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            head = handle.read(outgoing_files.MAGIC_BYTES)
            outgoing_files.check(name, size, head, limit)  # before reading a huge file whole
            data = head + handle.read(limit + 1 - len(head))
    except OSError:
        raise InvalidAction(f"file_unreadable:{name}") from None
    kind = outgoing_files.check(name, len(data), data[:outgoing_files.MAGIC_BYTES], limit)  # it may have grown
    return Prepared(name, kind, len(data), hashlib.sha256(data).hexdigest(), data)


def add(conn: Connection, local_id: int, files: Sequence[Prepared]) -> None:
    """Store `files` for the action `local_id`, in attach order, each with a fresh upload key."""
    if files:
        conn.execute(insert(OUTBOX_FILES), [
            {"local_id": local_id, "position": position, "filename": f.filename, "content_type": f.content_type,
             "size": f.size, "sha256": f.sha256, "data": f.data, "idempotency_key": str(uuid.uuid4()),
             "attachment_id": None}
            for position, f in enumerate(files)])


def of(conn: Connection, local_ids: Iterable[int]) -> dict[int, tuple[OutboxFile, ...]]:
    """The files of these actions (without their bytes), each action's in attach order."""
    wanted = list(set(local_ids))
    found: dict[int, list[OutboxFile]] = {}
    c = OUTBOX_FILES.c
    for start in range(0, len(wanted), 500):
        rows = conn.execute(select(c.local_id, c.file_id, c.position, c.filename, c.content_type, c.size, c.sha256,
                                   c.attachment_id)
                            .where(c.local_id.in_(wanted[start:start + 500])).order_by(c.local_id, c.position))
        for row in rows:
            found.setdefault(row.local_id, []).append(OutboxFile(
                file_id=row.file_id, position=row.position, filename=row.filename, content_type=row.content_type,
                size=row.size, sha256=row.sha256, attachment_id=row.attachment_id))
    return {local_id: tuple(files) for local_id, files in found.items()}


def with_files(conn: Connection, actions: list[OutboxAction]) -> list[OutboxAction]:
    files = of(conn, (a.local_id for a in actions))
    return [replace(a, files=files[a.local_id]) if a.local_id in files else a for a in actions]


def upload_key(conn: Connection, file_id: int) -> tuple[str, bytes] | None:
    """(Idempotency-Key, bytes) of one file; None when it is gone (its action was discarded meanwhile)."""
    row = conn.execute(select(OUTBOX_FILES.c.idempotency_key, OUTBOX_FILES.c.data)
                       .where(OUTBOX_FILES.c.file_id == file_id)).first()
    return (row.idempotency_key, bytes(row.data)) if row is not None else None


def set_attachment(conn: Connection, file_id: int, attachment_id: str) -> int | None:
    """Keep the server's id of an uploaded file; returns its action's local id (None when the file is gone)."""
    local_id = conn.execute(select(OUTBOX_FILES.c.local_id).where(OUTBOX_FILES.c.file_id == file_id)).scalar()
    conn.execute(update(OUTBOX_FILES).where(OUTBOX_FILES.c.file_id == file_id).values(attachment_id=attachment_id))
    return local_id


def move(conn: Connection, old_local_id: int, new_local_id: int) -> None:
    """A re-applied action takes its files along: the uploaded ones with their key and id (never uploaded twice).

    A file without an id got a final answer (413, 415…) or was never tried, so it gets a fresh key, like the
    action: the server replays a final 4xx for a used key, and a re-apply after IT raised the limit must be able
    to succeed."""
    c = OUTBOX_FILES.c
    waiting = conn.execute(select(c.file_id).where(c.local_id == old_local_id, c.attachment_id.is_(None))).scalars()
    for file_id in list(waiting):
        conn.execute(update(OUTBOX_FILES).where(c.file_id == file_id).values(idempotency_key=str(uuid.uuid4())))
    conn.execute(update(OUTBOX_FILES).where(c.local_id == old_local_id).values(local_id=new_local_id))


def drop(conn: Connection, local_id: int) -> None:
    conn.execute(delete(OUTBOX_FILES).where(OUTBOX_FILES.c.local_id == local_id))


def remove(conn: Connection, local_id: int, file_id: int) -> bool:
    result = conn.execute(delete(OUTBOX_FILES).where(OUTBOX_FILES.c.local_id == local_id,
                                                     OUTBOX_FILES.c.file_id == file_id))
    return bool(result.rowcount)


def remembered_payload(conn: Connection, local_id: int, payload: Mapping[str, Any]) -> dict[str, Any]:
    """`payload` remembering the files the action `local_id` holds now (none: the list is dropped)."""
    return outgoing_files.remember(payload, described(of(conn, [local_id]).get(local_id, ())))


def described(files: Sequence[OutboxFile] | Sequence[Prepared]) -> list[outgoing_files.Remembered]:
    """What the action's payload remembers of these files (outgoing_files.LOCAL_FILES)."""
    return [(f.filename, f.size, f.attachment_id if isinstance(f, OutboxFile) else None) for f in files]
