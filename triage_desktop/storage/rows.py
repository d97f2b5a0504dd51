"""Turning a server aggregate into the cache's list columns (and its search text).

The JSON was validated by the sync layer, but every field is still read defensively: a server may send
null where we expect text, and a bad optional field must never stop a page from being stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec

from triage_desktop.core import vocabulary as v
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
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def list_columns(kind: str, data: Mapping[str, Any], names: SortNames = NO_NAMES) -> dict[str, Any]:
    """The aggregates-table list columns of one aggregate (pk, kind, id, version, raw and search text excluded)."""
    if kind == "dossier":
        title = data.get("summary")
        category = data.get("procedure_code")
    else:
        title = data.get("title")
        category = data.get("category_code")
    title = title if isinstance(title, str) else ""
    status = text_or_none(data.get("status")) or ""
    priority = text_or_none(data.get("priority")) or ""
    category, assignee = text_or_none(category), text_or_none(data.get("assignee_id"))
    return {
        "code": data.get("code") if isinstance(data.get("code"), str) else "",
        "title": title,
        "title_key": fast_fold(title[:TITLE_KEY_LENGTH * 2])[:TITLE_KEY_LENGTH],
        "status": status,
        "status_rank": _STATUS_RANK.get(kind, {}).get(status, 99),
        "is_open": 0 if status in v.FINAL_STATUSES.get(kind, ()) else 1,
        "priority": priority,
        "priority_rank": _PRIORITY_RANK.get(priority, -1),
        "category": category,
        "category_key": names.category_key(kind, category),
        "assignee_id": assignee,
        "assignee_key": names.assignee_key(assignee),
        "unit_id": text_or_none(data.get("unit_id")),
        "submitted_at": utc_iso(data.get("submitted_at")),
        "due_at": utc_iso(data.get("due_at")),
        "updated_at": utc_iso(data.get("updated_at")),
    }


# The list columns an unsent action can change (core.entities.with_pending): the queues and badges follow
# the officer's own pending work, while `raw` keeps the server's last word.
PENDING_COLUMNS = ("status", "status_rank", "is_open", "priority", "priority_rank", "assignee_id", "assignee_key")


def aggregate_row(kind: str, item_id: str, version: int, data: Mapping[str, Any], names: SortNames = NO_NAMES,
                  unsent: Sequence[tuple[str, Mapping[str, Any]]] = ()) -> tuple[dict[str, Any], str]:
    """(columns without pk, search text) for storing `data` as the cached copy of (kind, item_id), its list
    columns showing the effect of the officer's unsent actions on it, (type, payload) in creation order."""
    if data.get("id") != item_id or data.get("version") != version:
        data = {**data, "id": item_id, "version": version}  # the raw JSON always says what it is
    columns = list_columns(kind, with_pending(kind, data, unsent), names)
    columns.update(kind=kind, id=item_id, version=version, raw=_encode(data).decode())
    return columns, index_text(kind, data)
