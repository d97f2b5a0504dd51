"""Drafts (r0007 `drafts`): what an officer was writing on an item, per officer, item and composer, inside a
caller's transaction.

The fields are JSON by the contract's names (core.drafts). They are the officer's words to a citizen: kept in
the cache, covered by its encryption, and never logged. A row that no longer reads as an object is ignored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from triage_desktop.core.drafts import Draft
from triage_desktop.storage.rows import now_utc
from triage_desktop.storage.schema import DRAFTS


def save(conn: Connection, user_id: str, kind: str, item_id: str, action_type: str,
         fields: Mapping[str, Any]) -> Draft:
    """Keep `fields` as the officer's draft of `action_type` on the item, replacing an earlier one."""
    at = now_utc()
    text = json.dumps(dict(fields), ensure_ascii=False, separators=(",", ":"))
    statement = sqlite_insert(DRAFTS).values(user_id=user_id, kind=kind, item_id=item_id, action_type=action_type,
                                             fields=text, updated_at=at)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[DRAFTS.c.user_id, DRAFTS.c.kind, DRAFTS.c.item_id, DRAFTS.c.action_type],
        set_={"fields": statement.excluded.fields, "updated_at": statement.excluded.updated_at}))
    return Draft(kind, item_id, action_type, dict(fields), at)


def get(conn: Connection, user_id: str, kind: str, item_id: str, action_type: str) -> Draft | None:
    d = DRAFTS.c
    row = conn.execute(select(d.fields, d.updated_at).where(
        d.user_id == user_id, d.kind == kind, d.item_id == item_id, d.action_type == action_type)).first()
    if row is None:
        return None
    fields = _fields(row.fields)
    return Draft(kind, item_id, action_type, fields, row.updated_at) if fields is not None else None


def of_item(conn: Connection, user_id: str, kind: str, item_id: str) -> list[str]:
    """The action types the officer has a draft of on the item."""
    d = DRAFTS.c
    return list(conn.execute(select(d.action_type).where(d.user_id == user_id, d.kind == kind, d.item_id == item_id)
                             .order_by(d.action_type)).scalars())


def clear(conn: Connection, user_id: str, kind: str, item_id: str, action_type: str) -> bool:
    """Forget the draft; True when there was one."""
    d = DRAFTS.c
    result = conn.execute(delete(DRAFTS).where(d.user_id == user_id, d.kind == kind, d.item_id == item_id,
                                               d.action_type == action_type))
    return bool(result.rowcount)


def _fields(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
