"""The cache's tables as typed SQLAlchemy 2.x models.

The migrations in `migrations/versions/` build exactly this (a test compares them); change both together.
Hot paths use the `__table__` objects through Core, not the ORM. The FTS5 index `item_search` is a virtual
table that the metadata cannot express: it is created by the migration and reached through `ITEM_SEARCH`.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import Index, Integer, LargeBinary, MetaData, Table, Text, UniqueConstraint, column, table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so batch migrations ("move and copy" on SQLite) can find them again.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # SQLAlchemy types `__table__` as FromClause (a mapping may sit on a join or a select); every model here has a
    # __tablename__, so it is a Table, and insert()/update()/delete() and `.indexes` type-check on it.
    __table__: ClassVar[Table]


class Aggregate(Base):
    """One cached report or dossier: the list columns (for SQL sort/filter) plus the server's whole JSON."""

    __tablename__ = "aggregates"

    # INTEGER PRIMARY KEY aliases the rowid; it is also the FTS rowid of the item's search text.
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(Text)
    id: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")  # report title or dossier summary
    title_key: Mapped[str] = mapped_column(Text, default="")  # folded title prefix: "Đ" sorts with "D"
    status: Mapped[str] = mapped_column(Text, default="")
    status_rank: Mapped[int] = mapped_column(Integer, default=99)  # workflow order, unknown last
    # core.queues.is_open(kind, status) as 1/0, stored for the "mine"/"unassigned" index below (recompute it in a
    # migration if FINAL_STATUSES changes).
    is_open: Mapped[int] = mapped_column(Integer, default=1)
    priority: Mapped[str] = mapped_column(Text, default="")
    priority_rank: Mapped[int] = mapped_column(Integer, default=-1)  # low < normal < high < urgent
    category: Mapped[str | None] = mapped_column(Text)  # category_code or procedure_code
    assignee_id: Mapped[str | None] = mapped_column(Text)
    unit_id: Mapped[str | None] = mapped_column(Text)
    # UTC "YYYY-MM-DDTHH:MM:SSZ", so text order is time order.
    submitted_at: Mapped[str | None] = mapped_column(Text)
    due_at: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)  # the server's JSON, unknown fields kept
    # Folded search text (storage.search.index_text): the external content of the FTS5 index `item_search`,
    # so the index can be built in bulk ('rebuild' / INSERT … SELECT) instead of row by row. Last column: list
    # reads stop before it and `raw`.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Sort keys of the names the list shows for the assignee and the category/procedure (storage.sort_names),
    # so those columns sort in Vietnamese order through an index (r0004). Added last by ALTER TABLE: read only
    # from the indexes below, or for one row.
    assignee_key: Mapped[str | None] = mapped_column(Text)
    category_key: Mapped[str | None] = mapped_column(Text)
    # The contract's channel (zalo_mini_app, hotline, online, walk_in…) for the list's channel filter, and
    # core.vocabulary.deadline_clock(kind, status) ("running", "paused", "stopped"), stored so the deadline
    # queues are a range of the (kind, clock, due_at) index (r0006; recompute it in a migration if CLOCK_STOPPED
    # or CLOCK_PAUSED change). Added last by ALTER TABLE, like the sort keys.
    channel: Mapped[str | None] = mapped_column(Text)
    clock: Mapped[str] = mapped_column(Text, default="running", server_default="running")

    __table_args__ = (
        UniqueConstraint("kind", "id"),
        # Queues: "new" and status filters, newest first.
        Index(None, "kind", "status", "submitted_at"),
        # Queues "mine" / "unassigned", newest first: equality on (kind, is_open, assignee_id) leaves the
        # range in display order, so deep OFFSETs walk the index and never touch the wide rows.
        Index(None, "kind", "is_open", "assignee_id", "submitted_at"),
        # One per sortable column, so deep OFFSET pages walk an index, never the wide table.
        Index(None, "kind", "submitted_at"),
        Index(None, "kind", "due_at"),
        Index(None, "kind", "updated_at"),
        Index(None, "kind", "code"),
        Index(None, "kind", "title_key"),
        Index(None, "kind", "status_rank"),
        Index(None, "kind", "priority_rank"),
        Index(None, "kind", "category_key"),  # sort by the category's name (r0004)
        Index(None, "kind", "assignee_key"),  # sort by the assignee's name (r0004)
        # Filters by category or assignee alone (the filter-row index below needs a status).
        Index(None, "kind", "category"),
        Index(None, "kind", "assignee_id"),
        # The list's filter row (status + category + assignee), newest first, without touching wide rows.
        Index(None, "kind", "status", "category", "assignee_id", "submitted_at"),
        # Deadline queues (r0006): "overdue" / "due soon" are a due_at range of the running clocks, counted and
        # listed by time left on this index whatever the cache size; the clock depends on the moment, so no
        # trigger-kept counter can hold them.
        Index(None, "kind", "clock", "due_at"),
        # "Việc của tôi" sorted by time left (due_at ascending), as "mine" is by arrival above.
        Index(None, "kind", "is_open", "assignee_id", "due_at"),
        # The channel filter, newest first.
        Index(None, "kind", "channel", "submitted_at"),
    )


class ListCount(Base):
    """How many cached items have each (kind, status, category, assignee): badges and list counts at 1M.

    Kept by triggers on `aggregates` (r0002), so no writer can forget it; '' stands for NULL (a NULL would
    never meet the primary key's conflict clause). Counting from here reads a few hundred rows, not 10^6.
    The triggers know no queue: the queue rules (core.queues) test only status and assignee, both in this
    key, and storage.listing applies them here as it does on `aggregates`.
    """

    __tablename__ = "list_counts"

    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    status: Mapped[str] = mapped_column(Text, primary_key=True)
    category: Mapped[str] = mapped_column(Text, primary_key=True)
    assignee_id: Mapped[str] = mapped_column(Text, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class Unread(Base):
    """Items that came in from the feed since the first sync and the officer has not opened yet (r0004): bold
    in the list, counted as "3 phản ánh mới". Per officer: whoever opened it, it stays new for the others."""

    __tablename__ = "unread"

    user_id: Mapped[str] = mapped_column(Text, primary_key=True)
    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    id: Mapped[str] = mapped_column(Text, primary_key=True)


class SavedViewRow(Base):
    """An officer's own saved list (r0006): core.entities.SavedView as JSON, per officer and name."""

    __tablename__ = "saved_views"

    user_id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text, primary_key=True)
    view: Mapped[str] = mapped_column(Text)  # JSON object of the SavedView's fields


class Tombstone(Base):
    """The version of a delete, so a late or re-sent upsert that is not newer never brings an item back."""

    __tablename__ = "tombstones"

    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class OutboxRow(Base):
    """One unsent officer action (central-api.md §7)."""

    __tablename__ = "outbox"
    # AUTOINCREMENT: local ids are never reused, so local_id order stays creation order forever.
    __table_args__ = (
        Index(None, "kind", "aggregate_id"),
        Index(None, "state"),
        {"sqlite_autoincrement": True},
    )

    local_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(Text)
    aggregate_id: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)  # JSON body, `type` included
    idempotency_key: Mapped[str] = mapped_column(Text, unique=True)
    base_version: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_status: Mapped[int | None] = mapped_column(Integer)
    problem: Mapped[str | None] = mapped_column(Text)  # JSON
    last_error: Mapped[str | None] = mapped_column(Text)
    # The author (r0003): sync_state "user" id and "server_url" when it was queued; sent only under that login.
    author_id: Mapped[str | None] = mapped_column(Text)
    author_server: Mapped[str | None] = mapped_column(Text)
    # Not sent before this UTC time (r0007): the undo window of a reply, an assignment, a status change.
    not_before: Mapped[str | None] = mapped_column(Text)


class OutboxFile(Base):
    """A file an unsent action carries (r0007): its bytes copied into the cache when the action was queued, so
    moving or deleting the original changes nothing. Uploaded with its own Idempotency-Key, kept for life; the
    server's attachment id is kept once it answered, and the action lists the ids in `position` order."""

    __tablename__ = "outbox_files"
    __table_args__ = (UniqueConstraint("local_id", "position"),)

    file_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    local_id: Mapped[int] = mapped_column(Integer)  # the outbox action; a re-applied action takes its files along
    position: Mapped[int] = mapped_column(Integer)  # the order the officer attached them in
    filename: Mapped[str] = mapped_column(Text)  # the name on disk, sent as X-Filename; never a path here
    content_type: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(Text)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    idempotency_key: Mapped[str] = mapped_column(Text, unique=True)
    attachment_id: Mapped[str | None] = mapped_column(Text)  # the server's id after a 201


class CachedPhoto(Base):
    """A citizen's photo kept for offline viewing (r0007), inside the database so the cache's encryption covers
    it; within the photo budget, the least recently viewed go first."""

    __tablename__ = "photos"
    __table_args__ = (Index(None, "last_used_at"),)

    attachment_id: Mapped[str] = mapped_column(Text, primary_key=True)
    sha256: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    fetched_at: Mapped[str] = mapped_column(Text)  # UTC RFC 3339
    last_used_at: Mapped[str] = mapped_column(Text)  # fetched_at until the officer views it


class Draft(Base):
    """What an officer was writing on an item (r0007): a reply, a note, a letter; kept until sent or cleared."""

    __tablename__ = "drafts"

    user_id: Mapped[str] = mapped_column(Text, primary_key=True)
    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    item_id: Mapped[str] = mapped_column(Text, primary_key=True)
    action_type: Mapped[str] = mapped_column(Text, primary_key=True)  # the composer: reply, note, extend…
    fields: Mapped[str] = mapped_column(Text)  # JSON object of the composer's fields
    updated_at: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One entry of the audit trail (r0005, storage.audit): who did what to which item, when, chained by hash.

    Append-only: triggers of r0005 make UPDATE and DELETE fail (never alter this table in batch mode: the copy
    would lose them). `detail` is JSON that never holds a secret, note text or an unmasked phone/CCCD.
    """

    __tablename__ = "audit_log"
    # AUTOINCREMENT: sqlite_sequence keeps the highest seq ever given, so a removed last entry is found too.
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(Text)  # UTC RFC 3339
    actor: Mapped[str] = mapped_column(Text)  # username; '' when nobody is known
    action: Mapped[str] = mapped_column(Text)  # queued, sent, conflicted, revealed, exported, login…
    kind: Mapped[str | None] = mapped_column(Text)
    item_id: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text)  # JSON object
    prev_hash: Mapped[str] = mapped_column(Text)  # the previous entry's hash; 64 zeros for the first
    hash: Mapped[str] = mapped_column(Text)  # SHA-256 over the canonical encoding of the fields above


class SyncState(Base):
    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Reference(Base):
    """Cached reference data (/members, /units, …) with its ETag."""

    __tablename__ = "reference"

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    json: Mapped[str] = mapped_column(Text)


class SnapshotSeen(Base):
    """(kind, id) met during a full resync; whatever is not here at its end is dropped."""

    __tablename__ = "snapshot_seen"

    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    id: Mapped[str] = mapped_column(Text, primary_key=True)


AGGREGATES = Aggregate.__table__
TOMBSTONES = Tombstone.__table__
OUTBOX = OutboxRow.__table__
SYNC_STATE = SyncState.__table__
REFERENCE = Reference.__table__
SNAPSHOT_SEEN = SnapshotSeen.__table__
LIST_COUNTS = ListCount.__table__
UNREAD = Unread.__table__
AUDIT_LOG = AuditEntry.__table__
SAVED_VIEWS = SavedViewRow.__table__
OUTBOX_FILES = OutboxFile.__table__
PHOTOS = CachedPhoto.__table__
DRAFTS = Draft.__table__

# FTS5 over aggregates.search_text (external content); rowid = aggregates.pk. Created by the migration (FTS_DDL
# in r0002). Written only through storage.search_index.
ITEM_SEARCH = table("item_search", column("rowid", Integer), column("search_text", Text))
ITEM_SEARCH_TABLES = frozenset({"item_search", "item_search_data", "item_search_idx", "item_search_content",
                                "item_search_docsize", "item_search_config"})
