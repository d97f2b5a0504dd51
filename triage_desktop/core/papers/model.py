"""A paper ready to edit, print or save, and what filling one needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from triage_desktop.core.entities import Item, User
from triage_desktop.core.papers.letterhead import Letterhead

_NONE: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Paper:
    form_id: str  # one of core.papers.FORMS
    title: str  # the paper's own title, e.g. "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    html: str  # QTextDocument's HTML subset; citizen text escaped
    resources: Mapping[str, bytes] = field(default_factory=dict)  # "photo:<id>" → the cached photo's bytes


@dataclass(frozen=True, slots=True)
class PaperContext:
    """Everything a form is filled from; the front end reads it from the cache (Workspace)."""

    item: Item  # the cached aggregate with the officer's unsent actions
    letterhead: Letterhead
    officer: User | None  # who prints it: the receiving officer
    now: datetime  # the date line
    members: Mapping[str, str] = _NONE  # user id → name
    procedure: Mapping[str, Any] = _NONE  # the "procedures" entry of a dossier's procedure_code
    category_name: str = ""  # a report's category
    photos: Mapping[str, bytes] = _NONE  # attachment id → bytes, for the photos kept offline

    def member(self, user_id: object) -> str:
        return self.members.get(str(user_id), str(user_id)) if user_id else ""

    @property
    def officer_name(self) -> str:
        return self.officer.display_name if self.officer else ""
