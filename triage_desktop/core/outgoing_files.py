"""Files an officer sends with a reply or a returned result (central-api.md §8): which ones the contract allows,
how big they may be, and what a queued action remembers about them.

Plain Python: the window checks a file when it is added, storage checks it again when the action is queued (the
bytes are copied into the cache then), and the sync layer reads what is remembered here before it sends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from triage_desktop.core.errors import InvalidAction
from triage_desktop.core.file_types import DOCX, JPEG, PDF, PNG, TYPES_BY_EXTENSION, XLSX

# The first bytes each type starts with: a renamed file ("ảnh.exe" → "ảnh.jpg") is refused here, not by the
# server after the officer has gone home. DOCX and XLSX are ZIP containers.
_MAGIC = {JPEG: (b"\xff\xd8\xff",), PNG: (b"\x89PNG\r\n\x1a\n",), PDF: (b"%PDF-",), DOCX: (b"PK\x03\x04",),
          XLSX: (b"PK\x03\x04",)}
MAGIC_BYTES = 8  # enough of a file's start for content_type()
# The actions that carry files (§6 `attachment_ids`).
FILE_ACTIONS = frozenset({"reply", "return_result"})
# When /meta was never fetched (queued before the first sync): the contract's example, 20 MB.
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A key of the stored payload that never leaves this computer: the names and sizes of the files the action was
# queued with, and each one's attachment id once the server has stored it. The file rows hold the bytes; this copy
# travels with the action row, so an action salvaged from a damaged cache (whose file rows are lost) knows what
# it lost: it is never sent without its files, yet goes out when all of them had been uploaded before the damage
# (its answer may have been lost after the server applied it: the same key then replays it).
LOCAL_FILES = "_local_files"
Remembered = tuple[str, int, str | None]  # name, size, attachment id (None until uploaded)


def content_type(name: str, head: bytes) -> str | None:
    """The contract type of a file called `name` that starts with `head`; None when it is not one we may send."""
    dot = name.rfind(".")
    wanted = TYPES_BY_EXTENSION.get(name[dot:].lower()) if dot > 0 else None
    if wanted is None or not any(head.startswith(magic) for magic in _MAGIC[wanted]):
        return None
    return wanted


def max_upload_bytes(meta: Any) -> int:
    """The server's limit from the cached /meta (`limits.max_upload_bytes`), or the default."""
    limits = meta.get("limits") if isinstance(meta, Mapping) else None
    value = limits.get("max_upload_bytes") if isinstance(limits, Mapping) else None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return DEFAULT_MAX_UPLOAD_BYTES


def check(name: str, size: int, head: bytes, limit: int) -> str:
    """The file's content type, or InvalidAction (`file_type:NAME`, `file_empty:NAME`, `file_too_big:LIMIT:NAME`)."""
    kind = content_type(name, head)
    if kind is None:
        raise InvalidAction(f"file_type:{name}")
    if size <= 0:
        raise InvalidAction(f"file_empty:{name}")
    if size > limit:
        raise InvalidAction(f"file_too_big:{limit}:{name}")
    return kind


def remembered(payload: Mapping[str, Any]) -> list[Remembered]:
    """The (name, size, attachment id) of each file the action was queued with, in attach order."""
    found = payload.get(LOCAL_FILES)
    if not isinstance(found, list):
        return []
    return [(str(f.get("name")), int(f.get("size") or 0),
             str(f["attachment_id"]) if isinstance(f.get("attachment_id"), str) else None)
            for f in found if isinstance(f, Mapping)]


def remember(payload: Mapping[str, Any], files: Sequence[Remembered]) -> dict[str, Any]:
    """`payload` with the local list of files set to `files` (dropped when there are none)."""
    body = {k: v for k, v in payload.items() if k != LOCAL_FILES}
    if files:
        body[LOCAL_FILES] = [{"name": name, "size": size, **({"attachment_id": att} if att else {})}
                             for name, size, att in files]
    return body


def wire_body(payload: Mapping[str, Any], attachment_ids: Sequence[str] | None = None) -> dict[str, Any]:
    """What goes to the server: the payload without local keys; with files, their uploaded ids in attach order."""
    body = {k: v for k, v in payload.items() if k != LOCAL_FILES}
    if attachment_ids is not None:
        body["attachment_ids"] = list(attachment_ids)
    return body
