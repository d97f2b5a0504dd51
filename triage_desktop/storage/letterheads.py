"""How each unit signs its papers (the `letterheads` table of r0008): what /units does not give, typed once."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from triage_desktop.storage.schema import LETTERHEADS


def read(conn: Connection, unit_id: str) -> dict[str, str] | None:
    """The fields an officer saved for `unit_id` (text values only), or None when nobody has yet."""
    row = conn.execute(select(LETTERHEADS.c.fields).where(LETTERHEADS.c.unit_id == unit_id)).first()
    if row is None:
        return None
    try:
        data = json.loads(row.fields)
    except ValueError:
        return None
    return {str(k): v for k, v in data.items() if isinstance(v, str)} if isinstance(data, Mapping) else None


def save(conn: Connection, unit_id: str, fields: Mapping[str, str]) -> None:
    """Replace the unit's letterhead with `fields` (text values)."""
    text = json.dumps({str(k): str(v) for k, v in fields.items()}, ensure_ascii=False)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    statement = insert(LETTERHEADS).values(unit_id=unit_id, fields=text, updated_at=now)
    conn.execute(statement.on_conflict_do_update(index_elements=[LETTERHEADS.c.unit_id],
                                                 set_={"fields": text, "updated_at": now}))
