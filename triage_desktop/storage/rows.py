"""Turning a server aggregate into the cache's list columns (and its search text).

The JSON was validated by the sync layer, but every field is still read defensively (the item's fields through
`core.fields`): a server may send null where we expect text, and a bad optional field must never stop a page
from being stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec

from triage_desktop.core import fields, queues
from triage_desktop.core import vocabulary as v
from triage_desktop.core.deadlines import utc_text
from triage_desktop.core.entities import with_pending
from triage_desktop.storage.search import fast_fold, index_text
from triage_desktop.storage.sort_names import NO_NAMES, SortNames

TITLE_KEY_LENGTH = 100  # enough to sort by; keeps the index small

_STATUS_RANK = {kind: {s: i for i, s in enumerate(statuses)}
                for kind, statuses in (("report", v.REPORT_STATUSES), ("dossier", v.DOSSIER_STATUSES))}
_PRIORITY_RANK = {p: i for i, p in enumerate(v.PRIORITIES)}
_UTC_SECONDS = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ")
_encode = msgspec.json.Encoder().encode  # ~5× json.dumps; the same JSON text (UTF-8, no spaces)


def text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def utc_iso(value: Any) -> str | None:
    """RFC 3339 with any offset → UTC `YYYY-MM-DDTHH:MM:SSZ`, so the text sorts in time order.

    Seconds only: "…:05.5Z" would sort before "…:05Z" as text. Unparseable values give None (the raw JSON
    still holds them).
    """
    if not isinstance(value, str) or not value:
        return None
    if value[8:10] <= "28" and _UTC_SECONDS.fullmatch(value):  # already the stored form: skip parsing
        return value
    try:
        moment = datetime.fromisoformat(value.upper())  # RFC 3339 allows "t" and "z"
    except ValueError:
        return None
    if moment.tzinfo is None:  # not RFC 3339; read it as UTC rather than guess
        moment = moment.replace(tzinfo=UTC)
    return utc_text(moment)


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def list_columns(kind: str, data: Mapping[str, Any], names: SortNames = NO_NAMES) -> dict[str, Any]:
    """The aggregates-table list columns of one aggregate (pk, kind, id, version, raw and search text excluded)."""
    title, status, priority = fields.title(kind, data), fields.text(data, "status"), fields.priority(data)
    category, assignee = fields.category(kind, data) or None, text_or_none(data.get("assignee_id"))
    return {
        "code": fields.code(data),
        "title": title,
        "title_key": fast_fold(title[:TITLE_KEY_LENGTH * 2])[:TITLE_KEY_LENGTH],
        "status": status,
        "status_rank": _STATUS_RANK.get(kind, {}).get(status, 99),
        "is_open": int(queues.is_open(kind, status)),
        "priority": priority,
        "priority_rank": _PRIORITY_RANK.get(priority, -1),
        "category": category,
        "category_key": names.category_key(kind, category),
        "assignee_id": assignee,
        "assignee_key": names.assignee_key(assignee),
        "channel": text_or_none(data.get("channel")),
        "clock": v.deadline_clock(kind, status),
        "unit_id": fields.unit_id(data) or None,
        "submitted_at": utc_iso(data.get("submitted_at")),
        "due_at": utc_iso(fields.due_at(data)),
        "updated_at": utc_iso(data.get("updated_at")),
    }


# The list columns an unsent action can change (core.entities.with_pending): the queues and badges follow
# the officer's own pending work, while `raw` keeps the server's last word.
PENDING_COLUMNS = ("status", "status_rank", "is_open", "clock", "priority", "priority_rank", "assignee_id",
                   "assignee_key")


def aggregate_row(kind: str, item_id: str, version: int, data: Mapping[str, Any], names: SortNames = NO_NAMES,
                  unsent: Sequence[tuple[str, Mapping[str, Any]]] = ()) -> tuple[dict[str, Any], str]:
    """(columns without pk, search text) for storing `data` as the cached copy of (kind, item_id), its list
    columns showing the effect of the officer's unsent actions on it, (type, payload) in creation order."""
    if data.get("id") != item_id or data.get("version") != version:
        data = {**data, "id": item_id, "version": version}  # the raw JSON always says what it is
    columns = list_columns(kind, with_pending(kind, data, unsent), names)
    columns.update(kind=kind, id=item_id, version=version, raw=_encode(data).decode())
    return columns, index_text(kind, data)
