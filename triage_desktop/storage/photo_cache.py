"""PhotoCache: citizens' photos kept inside the cache database for offline viewing, within a size budget.

Inside the database, not as files, so the cache's encryption covers them and a wipe at logout takes them along.
Bytes are kept only when their SHA-256 is the one the attachment's metadata (and the server's ETag, checked by
sync.http) claims. Reads of the `data` column are one row at a time; the budget is summed over `size`.

"Least recently viewed" is the `last_used_at` order: a photo the officer opened counts from that moment
(`get(viewed=True)` moves it); a photo fetched and not yet looked at counts from its fetch, so it ages out
like one viewed then (the schema's "fetched_at until the officer views it"). Asking whether a photo is cached,
showing its thumbnail or a prefetch finding it already there never moves it: only the officer's view does.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection, Iterable

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert

from triage_desktop.core.entities import Attachment
from triage_desktop.core.ports import PhotoUsage
from triage_desktop.storage.database import Database
from triage_desktop.storage.rows import now_utc
from triage_desktop.storage.schema import PHOTOS

log = logging.getLogger(__name__)

_ID_BATCH = 500  # attachment ids per IN (…): well under SQLite's variable limit
_EVICT_BATCH = 64  # least recently used rows looked at per round while making room


class PhotoCache:
    """core.ports.PhotoStore over the `photos` table; every method is its own short transaction (any thread)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def get(self, attachment_id: str, *, viewed: bool = True) -> bytes | None:
        """The kept bytes, or None. `viewed`: the officer is looking at it now (it becomes the most recent)."""
        with self._db.read() as conn:
            data = conn.execute(select(PHOTOS.c.data).where(PHOTOS.c.attachment_id == attachment_id)).scalar()
        if data is not None and viewed:
            with self._db.write() as conn:
                conn.execute(update(PHOTOS).where(PHOTOS.c.attachment_id == attachment_id)
                             .values(last_used_at=now_utc()))
        return bytes(data) if data is not None else None

    def cached_ids(self, attachment_ids: Iterable[str]) -> set[str]:
        """Which of these are kept (the `data` column is not read)."""
        wanted = list(dict.fromkeys(attachment_ids))
        found: set[str] = set()
        with self._db.read() as conn:
            for start in range(0, len(wanted), _ID_BATCH):
                batch = wanted[start:start + _ID_BATCH]
                found.update(conn.execute(select(PHOTOS.c.attachment_id)
                                          .where(PHOTOS.c.attachment_id.in_(batch))).scalars())
        return found

    def put(self, attachment: Attachment, data: bytes, budget: int, *, viewed: bool = False,
            keep: Collection[str] = ()) -> bool:
        """Keep `data` as `attachment`'s photo if its SHA-256 is the one claimed, then drop the least recently
        used others until the cache is within `budget` bytes (`keep`: ids not to drop, e.g. the rest of a
        prefetch plan). False when not kept: a wrong digest, or a photo bigger than the whole budget."""
        digest = hashlib.sha256(data).hexdigest()
        if not attachment.sha256 or digest != attachment.sha256.lower():
            log.warning("photo %s not kept: its bytes do not match the digest", attachment.id)
            return False
        if len(data) > budget:
            return False
        now = now_utc()
        row = {"attachment_id": attachment.id, "sha256": digest, "content_type": attachment.content_type,
               "size": len(data), "data": data, "fetched_at": now, "last_used_at": now}
        with self._db.write() as conn:
            statement = insert(PHOTOS).values(**row)
            # Fetched again (a thumbnail raced a prefetch): same bytes; a view still counts, a fetch does not.
            refreshed = {"data": statement.excluded.data, "size": statement.excluded.size}
            if viewed:
                refreshed["last_used_at"] = statement.excluded.last_used_at
            conn.execute(statement.on_conflict_do_update(index_elements=[PHOTOS.c.attachment_id], set_=refreshed))
            _evict(conn, budget, protected={attachment.id, *keep})
        return True

    def usage(self) -> PhotoUsage:
        with self._db.read() as conn:
            count, total = conn.execute(select(func.count(), func.coalesce(func.sum(PHOTOS.c.size), 0))
                                        .select_from(PHOTOS)).one()
        return PhotoUsage(int(count), int(total))

    def trim(self, budget: int) -> int:
        """Drop the least recently used photos until the cache is within `budget` (a lowered budget, or 0 to
        keep none); returns how many were dropped."""
        with self._db.write() as conn:
            return _evict(conn, budget, protected=set())


def _evict(conn: Connection, budget: int, protected: set[str]) -> int:
    """Delete least-recently-used rows (ties: fetched first, then by id) until SUM(size) <= budget."""
    total = int(conn.execute(select(func.coalesce(func.sum(PHOTOS.c.size), 0))).scalar_one())
    dropped = 0
    while total > budget:
        rows = conn.execute(select(PHOTOS.c.attachment_id, PHOTOS.c.size)
                            .order_by(PHOTOS.c.last_used_at, PHOTOS.c.fetched_at, PHOTOS.c.attachment_id)
                            .limit(_EVICT_BATCH + len(protected))).all()
        victims: list[str] = []
        for attachment_id, size in rows:
            if total <= budget:
                break
            if attachment_id in protected:
                continue
            victims.append(attachment_id)
            total -= int(size)
        if not victims:
            break  # only protected photos left: they fit by the caller's plan, or one is alone over budget
        conn.execute(delete(PHOTOS).where(PHOTOS.c.attachment_id.in_(victims)))
        dropped += len(victims)
    return dropped
