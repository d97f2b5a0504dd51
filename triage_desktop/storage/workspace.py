"""`core.ports.Workspace` over the local cache: what the window and the command line read and queue.

Reads are page-sized and run on their own short connections, so the GUI thread may call the read
methods; the write methods (queue_action, undo_action, retry_action, discard_action, mark_read, save_view,
delete_view, save_draft, clear_draft, record, save_letterhead) belong on the
window's write lane (docs/threading.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from triage_desktop.core import names, outgoing_files
from triage_desktop.core.actions import build_payload
from triage_desktop.core.deadlines import DeadlineBounds
from triage_desktop.core.drafts import Draft
from triage_desktop.core.entities import Item, ItemQuery, ItemRow, OutboxAction, SavedView, User
from triage_desktop.core.errors import InvalidAction, LoginRequired, NotFound
from triage_desktop.core.list_table import ListedItem
from triage_desktop.core.ports import CancelToken
from triage_desktop.core.record import Period, WardRecord, sla_targets
from triage_desktop.core.workdays import VN, WorkCalendar
from triage_desktop.storage import letterheads, listing, outbox_files, record_query, unread, views
from triage_desktop.storage import outbox as outbox_rows
from triage_desktop.storage.listed import listed_items
from triage_desktop.storage.photo_cache import PhotoCache
from triage_desktop.storage.schema import AGGREGATES, OUTBOX
from triage_desktop.storage.store import Store


class LocalWorkspace:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store.db
        self._photos = PhotoCache(store.db)

    # --- who and where --------------------------------------------------------------------------------

    def current_user(self) -> User | None:
        text = self._store.get_state("user")
        if not text:
            return None
        try:
            data = json.loads(text)
            return User.from_json(data) if isinstance(data, Mapping) else None
        except (ValueError, KeyError):
            return None

    def server_url(self) -> str | None:
        return self._store.get_state("server_url")

    def last_sync_at(self) -> str | None:
        return self._store.get_state("last_sync_at")

    # --- the list -------------------------------------------------------------------------------------

    def count(self, query: ItemQuery) -> int:
        with self._db.read() as conn:
            return listing.count(conn, query)

    def page(self, query: ItemQuery, offset: int, limit: int) -> list[ItemRow]:
        with self._db.read() as conn:
            return listing.page(conn, query, offset, limit)

    def position_of(self, query: ItemQuery, kind: str, item_id: str) -> int | None:
        if kind != query.kind:
            return None
        with self._db.read() as conn:
            return listing.position(conn, query, item_id)

    def listed(self, query: ItemQuery, cancel: CancelToken | None = None,
               progress: Callable[[int, int], None] | None = None) -> Iterator[ListedItem]:
        """Every row of the list, in its order, a batch per short read (storage.listed): for an export."""
        return listed_items(self._db, query, cancel, progress)

    def queue_counts(self, user_id: str | None,
                     bounds: DeadlineBounds | None = None) -> dict[tuple[str, str], int]:
        """Every (kind, queue) badge; the deadline queues are counted at `bounds` (0 without them)."""
        with self._db.read() as conn:
            return listing.queue_counts(conn, user_id, bounds)

    # --- saved views ----------------------------------------------------------------------------------

    def saved_views(self, user_id: str) -> list[SavedView]:
        with self._db.read() as conn:
            return views.of(conn, user_id)

    def save_view(self, user_id: str, view: SavedView) -> None:
        with self._db.write() as conn:
            views.save(conn, user_id, view)

    def delete_view(self, user_id: str, name: str) -> None:
        with self._db.write() as conn:
            views.delete(conn, user_id, name)

    def unread_counts(self, user_id: str | None) -> dict[str, int]:
        with self._db.read() as conn:
            return unread.counts(conn, user_id)

    def mark_read(self, user_id: str, kind: str, item_id: str) -> bool:
        with self._db.write() as conn:
            return unread.mark_read(conn, user_id, kind, item_id)

    # --- one item -------------------------------------------------------------------------------------

    def item(self, kind: str, item_id: str) -> Item | None:
        with self._db.read() as conn:
            row = conn.execute(select(AGGREGATES.c.version, AGGREGATES.c.raw)
                               .where(AGGREGATES.c.kind == kind, AGGREGATES.c.id == item_id)).first()
            if row is None:
                return None
            actions = conn.execute(select(OUTBOX)
                                   .where(OUTBOX.c.kind == kind, OUTBOX.c.aggregate_id == item_id)
                                   .order_by(OUTBOX.c.local_id)).all()
            pending = tuple(outbox_files.with_files(conn, [outbox_rows.to_action(a) for a in actions]))
        return Item(kind=kind, id=item_id, version=row.version, data=json.loads(row.raw), pending=pending)

    # --- reference data -------------------------------------------------------------------------------

    def reference(self, name: str) -> Any:
        found = self._store.reference(name)
        return found[1] if found is not None else None

    def members(self) -> list[User]:
        return names.members(self.reference("members"))

    def work_calendar(self) -> WorkCalendar:
        """Last, this and next year's published calendars (`calendar:{year}`), as the last sync cached them."""
        year = datetime.now(VN).year
        return WorkCalendar.from_published(self.reference(f"calendar:{y}") for y in (year - 1, year, year + 1))

    # --- the outbox -----------------------------------------------------------------------------------

    def outbox(self, include_done: bool = False) -> list[OutboxAction]:
        # Accepted actions leave the outbox (the aggregate's timeline shows them), so there is no "done".
        return self._store.outbox()

    def outbox_summary(self) -> tuple[int, int]:
        return self._store.outbox_summary()

    def held_actions(self) -> list[OutboxAction]:
        """Unsent actions of another officer (or of no known one): kept, counted as unsent, never sent by this
        login; the front end should say whose they are and that they go out when that officer logs in."""
        return self._store.held_actions()

    def max_upload_bytes(self) -> int:
        """The largest file the server takes (cached /meta `limits.max_upload_bytes`, or the contract's default)."""
        return outgoing_files.max_upload_bytes(self.reference("meta"))

    def queue_action(self, kind: str, item_id: str, action_type: str,
                     fields: Mapping[str, Any], files: Sequence[Path] = (), *,
                     hold_seconds: float = 0) -> OutboxAction:
        """Validate and queue one officer action on the version the cache holds (InvalidAction, NotFound).

        `files` (a reply or a returned result) are read now and their bytes kept with the action, so the
        originals may be moved or deleted at once; each is checked against the allowed types and the server's
        size limit first (InvalidAction `file_type:…`, `file_too_big:…`, `file_unreadable:…`).
        LoginRequired when nobody is logged in on this profile: an action must have an author to be sent under.
        `hold_seconds`: the undo window (the window's; the command line has nobody to undo and holds nothing).
        The officer's draft of this action on the item is cleared in the same write.
        """
        if self.current_user() is None or not self.server_url():
            raise LoginRequired("no_login")
        item = self.item(kind, item_id)
        if item is None:
            raise NotFound(f"{kind}:{item_id}")
        payload = build_payload(self.current_user(), kind, action_type, fields,
                                current_status=item.effective_status)
        if files and action_type not in outgoing_files.FILE_ACTIONS:
            raise InvalidAction(f"files_for_type:{action_type}")
        limit = self.max_upload_bytes()
        prepared = [outbox_files.prepare(Path(path), limit) for path in files]
        # Notes and replies are sent without If-Match, but the seen version is kept for the §7 rebase.
        return self._store.enqueue(kind, item_id, action_type, payload, item.version, prepared,
                                   hold_seconds=hold_seconds)

    def undo_action(self, local_id: int) -> OutboxAction:
        """Take back an action inside its undo window; its words become a draft again (InvalidAction after)."""
        return self._store.undo_action(local_id)

    # --- drafts: the officer logged in now's own ------------------------------------------------------

    def draft(self, kind: str, item_id: str, action_type: str) -> Draft | None:
        return self._store.draft(kind, item_id, action_type)

    def drafts_of(self, kind: str, item_id: str) -> list[str]:
        return self._store.drafts_of(kind, item_id)

    def save_draft(self, kind: str, item_id: str, action_type: str, fields: Mapping[str, Any]) -> Draft | None:
        return self._store.save_draft(kind, item_id, action_type, fields)

    def clear_draft(self, kind: str, item_id: str, action_type: str) -> bool:
        return self._store.clear_draft(kind, item_id, action_type)

    def retry_action(self, local_id: int) -> OutboxAction:
        return self._store.retry_action(local_id)

    def discard_action(self, local_id: int) -> None:
        self._store.discard_action(local_id)

    def remove_action_file(self, local_id: int, file_id: int) -> OutboxAction:
        """Take a file the server refused (413/415) off a failed action, so the officer can re-apply it."""
        return self._store.remove_action_file(local_id, file_id)

    # --- the audit trail ------------------------------------------------------------------------------

    def record(self, action: str, kind: str | None = None, item_id: str | None = None,
               detail: Mapping[str, Any] | None = None) -> None:
        """Append an audit entry as the official logged in now (reveal, export, print, login, lock…); a write.

        `detail` holds words and counts only (ValueError for long text or a phone/CCCD-long digit run)."""
        self._store.record(action, kind, item_id, detail)

    # --- how the unit signs its papers (issue 13) -------------------------------------------------------

    def letterhead(self, unit_id: str) -> dict[str, str] | None:
        with self._db.read() as conn:
            return letterheads.read(conn, unit_id)

    def save_letterhead(self, unit_id: str, fields: Mapping[str, str]) -> None:
        with self._db.write() as conn:
            letterheads.save(conn, unit_id, fields)

    # --- photos kept for offline viewing ----------------------------------------------------------------

    def photo_cache(self) -> PhotoCache:
        return self._photos

    # --- the ward's record (issue 13) -------------------------------------------------------------------

    def ward_record(self, kind: str, period: Period, now: datetime) -> WardRecord:
        calendar, targets = self.work_calendar(), sla_targets(self.reference("categories"))
        with self._db.read() as conn:
            return record_query.ward_record(conn, kind, period, now, calendar, targets)
