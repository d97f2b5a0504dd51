"""How a unit signs its papers: the names in the heading, the place of the date line, who signs.

/units gives a unit's name and parent only; the rest (address, phone, the leader's name and title, the place
name of the date line) is typed once by an officer and kept in the cache (Workspace.letterhead). What nobody
typed yet is filled from the reference lists, so a first paper is already usable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from triage_desktop.core.entities import User

DEFAULT_LEADER_TITLE = "CHỦ TỊCH"


@dataclass(frozen=True, slots=True)
class Letterhead:
    authority: str = ""  # the parent authority, first line of the heading's left side
    unit_name: str = ""  # the unit itself, bold under it
    address: str = ""
    phone: str = ""
    leader_name: str = ""
    leader_title: str = DEFAULT_LEADER_TITLE  # above the head of the unit's signature
    place: str = ""  # "Phường 1" in "Phường 1, ngày 05 tháng 12 năm 2026"

    def to_json(self) -> dict[str, str]:
        return asdict(self)


FIELDS: tuple[str, ...] = tuple(Letterhead.__dataclass_fields__)


def letterhead_for(unit_id: str, saved: Mapping[str, str] | None, units: Any, members: Iterable[User]) -> Letterhead:
    """The unit's letterhead: what an officer saved, else what /units and /members say (name, parent's name,
    the member with role "leader")."""
    by_id = {str(u.get("id")): u for u in units if isinstance(u, Mapping)} if isinstance(units, list) else {}
    unit = by_id.get(unit_id, {})
    parent = by_id.get(str(unit.get("parent_id")), {})
    name = str(unit.get("name") or "")
    leader = next((m for m in members if m.is_leader and (not m.unit_id or m.unit_id == unit_id)), None)
    defaults = Letterhead(authority=str(parent.get("name") or ""), unit_name=name,
                          leader_name=leader.display_name if leader else "", place=name)
    chosen = {key: value.strip() for key, value in (saved or {}).items() if key in FIELDS and isinstance(value, str)}
    return Letterhead(**{**defaults.to_json(), **{k: v for k, v in chosen.items() if v}})
