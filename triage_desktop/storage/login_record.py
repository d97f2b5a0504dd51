"""The login stored in the cache's state ("user" JSON and "server_url"), read the one way: a garbled record is no
login. The outbox takes its author from it, the audit trail its actor."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from triage_desktop.storage.schema import SYNC_STATE


def stored_login(conn: Connection) -> tuple[Mapping[str, Any] | None, str | None]:
    """(the stored user object, or None when there is none or it is not a JSON object; the server URL)."""
    rows = dict(conn.execute(select(SYNC_STATE.c.key, SYNC_STATE.c.value)
                             .where(SYNC_STATE.c.key.in_(("user", "server_url")))).all())
    try:
        user = json.loads(rows.get("user") or "null")
    except ValueError:
        user = None
    return (user if isinstance(user, Mapping) else None), rows.get("server_url")
