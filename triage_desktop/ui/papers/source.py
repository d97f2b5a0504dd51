"""A paper's context read from the cache, the same for the window and the command line's `print`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from triage_desktop.core import papers
from triage_desktop.core.entities import Item, User
from triage_desktop.core.file_types import is_photo_type
from triage_desktop.core.names import reference_names
from triage_desktop.core.papers import forms
from triage_desktop.core.ports import PhotoStore, Workspace


def unit_of(item: Item, user: User | None) -> str:
    return item.unit_id or (user.unit_id if user else "")


def letterhead(workspace: Workspace, unit_id: str) -> papers.Letterhead:
    return papers.letterhead_for(unit_id, workspace.letterhead(unit_id), workspace.reference("units"),
                                 workspace.members())


def context(workspace: Workspace, item: Item, user: User | None, *, now: datetime | None = None,
            photos: Mapping[str, bytes] | None = None) -> papers.PaperContext:
    """Everything a form needs, from cached reads (page-sized: fine on the GUI thread). `photos`: the bytes of
    the photos kept offline (read them with `kept_photos`, off the GUI thread)."""
    procedure: Mapping[str, Any] = {}
    if item.kind == "dossier":
        listed = workspace.reference("procedures")
        procedure = next((p for p in listed if isinstance(p, Mapping) and p.get("code") == item.category), {}) \
            if isinstance(listed, list) else {}
    category = reference_names(workspace.reference("categories")).get(item.category, "") \
        if item.kind == "report" else ""
    members = {u.id: u.display_name for u in workspace.members()}
    return papers.PaperContext(item=item, letterhead=letterhead(workspace, unit_of(item, user)), officer=user,
                               now=now or datetime.now(UTC), members=members, procedure=procedure,
                               category_name=category, photos=photos or {})


def photo_ids(item: Item, form_id: str) -> list[str]:
    """The photos a form shows (the summary's); none for the others."""
    if form_id != forms.SUMMARY:
        return []
    return [a.id for a in item.attachments if is_photo_type(a.content_type)]


def kept_photos(store: PhotoStore, ids: list[str]) -> dict[str, bytes]:
    """The bytes of those kept offline, without counting as viewed (printing is not looking). Blocks: a worker."""
    found: dict[str, bytes] = {}
    for attachment_id in ids:
        data = store.get(attachment_id, viewed=False)
        if data is not None:
            found[attachment_id] = data
    return found
