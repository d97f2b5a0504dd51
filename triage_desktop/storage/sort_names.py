"""Sort keys for the columns the list shows as names: "Người xử lý" (member) and "Lĩnh vực / Thủ tục" (category).

The list shows names from the cached reference lists, so it must sort by them, in Vietnamese order, through an
index at 10^6 rows: each row keeps `assignee_key` / `category_key`, core.text.vietnamese_sort_key of the name
shown (the id or code itself while the reference list does not know it). When a reference list changes, only the
rows whose shown name changed are re-keyed, found through those same key indexes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from triage_desktop.core.names import member_names, reference_names
from triage_desktop.core.text import vietnamese_sort_key
from triage_desktop.storage.schema import AGGREGATES, REFERENCE

# Which reference list names which column, for which kind.
_CATEGORY_LISTS = {"report": "categories", "dossier": "procedures"}
REFERENCES = ("members", *_CATEGORY_LISTS.values())


@lru_cache(maxsize=16)
def _keys(name: str, text: str) -> Mapping[str, str]:
    """{id or code: sort key} of one stored reference list (cached by its JSON text: it rarely changes)."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        data = None
    shown = member_names(data) if name == "members" else reference_names(data)
    return {code: vietnamese_sort_key(label) for code, label in shown.items()}


@dataclass(frozen=True, slots=True)
class SortNames:
    lists: Mapping[str, Mapping[str, str]]  # reference name → {id or code: key}

    def assignee_key(self, assignee_id: str | None) -> str | None:
        if not assignee_id:
            return None  # "Chưa phân công": first in ascending order
        return self.lists["members"].get(assignee_id) or vietnamese_sort_key(assignee_id)

    def category_key(self, kind: str, code: str | None) -> str | None:
        if not code:
            return None
        return self.lists.get(_CATEGORY_LISTS.get(kind, ""), {}).get(code) or vietnamese_sort_key(code)


NO_NAMES = SortNames({name: {} for name in REFERENCES})


def _texts(conn: Connection) -> dict[str, str]:
    r = REFERENCE.c
    return dict(conn.execute(select(r.name, r.json).where(r.name.in_(REFERENCES))).all())


def of(texts: Mapping[str, str]) -> SortNames:
    """The keys of the reference lists given as their stored JSON texts, by reference name."""
    return SortNames({name: _keys(name, texts[name]) if name in texts else {} for name in REFERENCES})


def load(conn: Connection) -> SortNames:
    return of(_texts(conn))


def rekey(conn: Connection, before: SortNames, after: SortNames) -> None:
    """Re-key the rows whose shown name changed between two states of the reference lists."""
    a = AGGREGATES.c
    for kind in _CATEGORY_LISTS:
        codes = set(before.lists[_CATEGORY_LISTS[kind]]) | set(after.lists[_CATEGORY_LISTS[kind]])
        changes = [{"b_kind": kind, "b_code": code, "b_old": before.category_key(kind, code),
                    "b_new": after.category_key(kind, code)} for code in codes]
        changes = [c for c in changes if c["b_old"] != c["b_new"]]
        if changes:
            conn.execute(update(AGGREGATES).where(
                a.kind == bindparam("b_kind"), a.category_key == bindparam("b_old"),
                a.category == bindparam("b_code")).values(category_key=bindparam("b_new")), changes)
    ids = set(before.lists["members"]) | set(after.lists["members"])
    changes = [{"b_id": i, "b_old": before.assignee_key(i), "b_new": after.assignee_key(i)} for i in ids]
    changes = [c for c in changes if c["b_old"] != c["b_new"]]
    for kind in _CATEGORY_LISTS:
        if changes:
            conn.execute(update(AGGREGATES).where(
                a.kind == kind, a.assignee_key == bindparam("b_old"),
                a.assignee_id == bindparam("b_id")).values(assignee_key=bindparam("b_new")), changes)
