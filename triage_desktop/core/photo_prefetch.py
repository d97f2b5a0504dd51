"""Which citizens' photos to fetch ahead for offline viewing, and fetching them: the same steps for the window
(one photo per task on its fetch lane, so sync and the officer's own downloads never wait long) and the
command line (`triage-desktop photos --fetch`).

Plain policy over the ports (Workspace, SyncService, PhotoStore): no SQL, no HTTP, no Qt.

The plan walks the officer's working queues, "mine", "unassigned" and "new", newest item first, and takes
their photos in that order while their sizes fit the budget; the first photo that would not fit ends the plan
(the budget is where a prefetch stops). Photos already kept count toward it and are left as they are. Each
photo fetched is put with the whole plan spared, so making room drops only photos outside the plan, least
recently viewed first: a prefetch never pushes out what it just brought, and an old photo the officer viewed
goes only for one of the newest items of her queues.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from triage_desktop.core.entities import Attachment, ItemQuery
from triage_desktop.core.errors import ApiError, BadServerResponse, NotFound, Offline
from triage_desktop.core.file_types import is_photo_type
from triage_desktop.core.ports import CancelToken, PhotoStore, SyncService, Workspace
from triage_desktop.core.vocabulary import KINDS

log = logging.getLogger(__name__)

PREFETCH_QUEUES = ("mine", "unassigned", "new")
MAX_ITEMS = 300  # newest items looked at per run: a snapshot of 10^5 items is not walked for photos
PAGE = 100


@dataclass(frozen=True)
class PrefetchPlan:
    wanted: tuple[Attachment, ...]  # not kept yet, in fetch order
    planned: frozenset[str]  # every photo of the plan, kept or not: spared by each put

    @property
    def bytes_wanted(self) -> int:
        return sum(a.size for a in self.wanted)


@dataclass
class PrefetchReport:
    fetched: int = 0
    bytes: int = 0
    refused: list[str] = field(default_factory=list)  # attachment ids whose bytes did not match their digest
    stopped: str = ""  # "", "cancelled", "offline"


def newest_items(workspace: Workspace, user_id: str | None, limit: int = MAX_ITEMS) -> list[tuple[str, str]]:
    """(kind, id) of the working queues' items, newest submitted first, each once."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for kind in KINDS:
        for queue in PREFETCH_QUEUES:
            if queue == "mine" and not user_id:
                continue
            query = ItemQuery(kind=kind, queue=queue, user_id=user_id, sort_key="submitted_at", descending=True)
            for row in workspace.page(query, 0, limit):
                if (row.kind, row.id) not in seen:
                    seen.add((row.kind, row.id))
                    rows.append((row.submitted_at or "", row.kind, row.id))
    rows.sort(key=lambda r: r[0], reverse=True)
    return [(kind, item_id) for _at, kind, item_id in rows[:limit]]


def _photos_of(workspace: Workspace, keys: list[tuple[str, str]]) -> Iterator[Attachment]:
    for kind, item_id in keys:
        item = workspace.item(kind, item_id)
        if item is None:
            continue
        for attachment in item.attachments:
            if is_photo_type(attachment.content_type) and attachment.sha256 and attachment.size > 0:
                yield attachment


def plan_prefetch(workspace: Workspace, photos: PhotoStore, user_id: str | None, budget: int,
                  skip: Collection[str] = ()) -> PrefetchPlan:
    """The photos of the newest working items that fit `budget` together, and which of them to fetch; `skip`:
    photos refused earlier in this run of the program (a bad digest is not downloaded again at every sync)."""
    if budget <= 0:
        return PrefetchPlan((), frozenset())
    candidates: list[Attachment] = []
    total = 0
    seen: set[str] = set()
    for attachment in _photos_of(workspace, newest_items(workspace, user_id)):
        if attachment.id in seen or attachment.id in skip:
            continue
        if total + attachment.size > budget:
            break
        seen.add(attachment.id)
        candidates.append(attachment)
        total += attachment.size
    kept = photos.cached_ids(a.id for a in candidates)
    return PrefetchPlan(tuple(a for a in candidates if a.id not in kept), frozenset(seen))


def fetch_one(sync: SyncService, photos: PhotoStore, attachment: Attachment, budget: int,
              plan: PrefetchPlan) -> bool:
    """Download one planned photo and keep it; False when this photo was refused (its digest, or the server's
    answer for it). Offline, a login to renew, a busy server propagate: the run stops there."""
    try:
        data = sync.attachment(attachment.id, attachment.sha256)
    except (BadServerResponse, NotFound, ApiError) as exc:  # a digest mismatch, gone since the sync, refused
        log.warning("prefetch skipped photo %s: %s", attachment.id, type(exc).__name__)
        return False
    return photos.put(attachment, data, budget, viewed=False, keep=plan.planned)


def prefetch_photos(workspace: Workspace, sync: SyncService, photos: PhotoStore, user_id: str | None,
                    budget: int, cancel: CancelToken | None = None) -> PrefetchReport:
    """The whole run in one call (the command line); the window runs `fetch_one` per task instead."""
    report = PrefetchReport()
    plan = plan_prefetch(workspace, photos, user_id, budget)
    for attachment in plan.wanted:
        if cancel is not None and cancel.cancelled:
            report.stopped = "cancelled"
            break
        try:
            kept = fetch_one(sync, photos, attachment, budget, plan)
        except Offline:
            report.stopped = "offline"
            break
        if kept:
            report.fetched += 1
            report.bytes += attachment.size
        else:
            report.refused.append(attachment.id)
    return report
