"""What the screens call people and codes, from the cached reference lists: one rule for display and sorting."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage_desktop.core.entities import User


def reference_names(data: Any, key: str = "code") -> dict[str, str]:
    """`{code: name}` from a reference list (categories, procedures, units); tolerant of odd shapes."""
    names: dict[str, str] = {}
    for entry in data if isinstance(data, list) else ():
        if isinstance(entry, Mapping) and entry.get(key) is not None:
            names[str(entry[key])] = str(entry.get("name") or entry[key])
    return names


def members(data: Any) -> list[User]:
    """The /members list as Users, skipping entries without an id."""
    if not isinstance(data, list):
        return []
    return [User.from_json(m) for m in data if isinstance(m, Mapping) and "id" in m]


def member_names(data: Any) -> dict[str, str]:
    """`{user id: display name}` from the /members list."""
    return {user.id: user.display_name for user in members(data)}
