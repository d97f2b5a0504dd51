"""Which key of an item's raw JSON holds what (central-api.md §4), written once.

A report and a dossier name the same things differently: title / summary, citizen / applicant,
category_code / procedure_code, location.address / applicant.address. These functions say it in one place.
They read a plain Mapping, so storage can call them on every row of a million-item sync without building an
object per row; `core.entities.Item` offers the same fields as properties.

Every field is read defensively: the sync layer validates the shapes, but a cache written by an older client
or a server that sends null or a wrong type must never stop a page from being stored or a screen from
showing. A text field reads "" when it is missing, null or not text. Fields nobody reads stay in the raw JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

_NOTHING: Mapping[str, Any] = MappingProxyType({})


def text(data: Mapping[str, Any], key: str) -> str:
    """`data[key]` when it is text, else ""."""
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _part(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else _NOTHING


def _person(kind: str, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The citizen who sent a report, the applicant who filed a dossier ({} when the server sent none)."""
    return _part(data, "applicant" if kind == "dossier" else "citizen")


def code(data: Mapping[str, Any]) -> str:
    """The code officers and citizens quote ("PA-2026-004211"); "" when missing, so callers fall back to the id."""
    return text(data, "code")


def title(kind: str, data: Mapping[str, Any]) -> str:
    """A report's title, a dossier's summary."""
    return text(data, "summary" if kind == "dossier" else "title")


def description(kind: str, data: Mapping[str, Any]) -> str:
    """What the citizen wrote in a report; a dossier has none."""
    return "" if kind == "dossier" else text(data, "description")


def category(kind: str, data: Mapping[str, Any]) -> str:
    """A report's category_code, a dossier's procedure_code."""
    return text(data, "procedure_code" if kind == "dossier" else "category_code")


def priority(data: Mapping[str, Any]) -> str:
    return text(data, "priority")


def unit_id(data: Mapping[str, Any]) -> str:
    """The unit the item belongs to."""
    return text(data, "unit_id")


def step(kind: str, data: Mapping[str, Any]) -> str:
    """A dossier's internal step (free text, not a status); a report has none."""
    return text(data, "step") if kind == "dossier" else ""


def due_at(data: Mapping[str, Any]) -> str:
    """The deadline as the server wrote it (RFC 3339, any offset; unparsed, so a bad one can still be shown)."""
    return text(data, "due_at")


def person_name(kind: str, data: Mapping[str, Any]) -> str:
    """The citizen's or the applicant's name."""
    return text(_person(kind, data), "name")


def phone(kind: str, data: Mapping[str, Any]) -> str:
    """The citizen's or the applicant's phone number, as they gave it."""
    return text(_person(kind, data), "phone")


def contact_allowed(kind: str, data: Mapping[str, Any]) -> bool:
    """False only when a report's citizen said so (`contact_allowed: false`): silence is not a refusal, and a
    dossier's applicant is never asked."""
    return kind == "dossier" or _person(kind, data).get("contact_allowed") is not False


def id_number(kind: str, data: Mapping[str, Any]) -> str:
    """The applicant's identity number; a report's citizen has none."""
    return text(_person(kind, data), "id_number") if kind == "dossier" else ""


def address(kind: str, data: Mapping[str, Any]) -> str:
    """Where a report's problem is (location.address), where a dossier's applicant lives (applicant.address)."""
    return text(_person(kind, data), "address") if kind == "dossier" else text(_part(data, "location"), "address")


def coordinates(kind: str, data: Mapping[str, Any]) -> tuple[float, float] | None:
    """A report's (lat, lon) when both are numbers; a dossier has none."""
    if kind == "dossier":
        return None
    location = _part(data, "location")
    lat, lon = location.get("lat"), location.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return lat, lon
    return None
