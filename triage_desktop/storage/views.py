"""Each officer's own saved views (r0006 `saved_views`): core.entities.SavedView as JSON, per officer and name.

Kept in the cache, so they stay on this PC with the officer's profile and need no server. A row that no longer
reads as a view (written by a newer program, or damaged) is skipped rather than stopping the list of the others.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy import delete as sql_delete
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from triage_desktop.core.entities import SavedView
from triage_desktop.storage.schema import SAVED_VIEWS

_FIELDS = {f.name: f for f in dataclasses.fields(SavedView)}
_TEXT_OR_NONE = ("status", "category", "assignee_id", "channel", "deadline")


def to_json(view: SavedView) -> str:
    data = dataclasses.asdict(view)
    data.pop("builtin")  # an officer's own view is never a built-in one
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def from_json(name: str, text: str) -> SavedView | None:
    """The view a row holds, its name from the row's key; None when it does not read as one."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        return None
    known = {key: value for key, value in data.items() if key in _FIELDS and key not in ("name", "builtin")}
    if not all(isinstance(known.get(key), str | None) for key in _TEXT_OR_NONE):
        return None
    if not isinstance(known.get("queue", ""), str) or not isinstance(known.get("sort_key", ""), str):
        return None
    if not isinstance(known.get("descending", True), bool):
        return None
    return SavedView(name=name, **known)


def of(conn: Connection, user_id: str) -> list[SavedView]:
    s = SAVED_VIEWS.c
    rows = conn.execute(select(s.name, s.view).where(s.user_id == user_id).order_by(s.name)).all()
    return [view for view in (from_json(name, text) for name, text in rows) if view is not None]


def save(conn: Connection, user_id: str, view: SavedView) -> None:
    """Keep `view` under its name for this officer, replacing one of the same name."""
    if not view.name.strip():
        raise ValueError("a saved view needs a name")
    statement = sqlite_insert(SAVED_VIEWS).values(user_id=user_id, name=view.name, view=to_json(view))
    conn.execute(statement.on_conflict_do_update(index_elements=[SAVED_VIEWS.c.user_id, SAVED_VIEWS.c.name],
                                                 set_={"view": statement.excluded.view}))


def delete(conn: Connection, user_id: str, name: str) -> None:
    conn.execute(sql_delete(SAVED_VIEWS).where(SAVED_VIEWS.c.user_id == user_id, SAVED_VIEWS.c.name == name))
