"""The cache's operations for the sync engine and the front ends; each method is one transaction.

Thread-safe: every method opens its own short connection (writes serialised by `Database.write`), and
nothing returned is a live row. A change (from /changes) is a Mapping {"kind", "op", "id", "version",
"data"?}, already validated by the sync layer; storage only re-checks what it relies on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from triage_desktop.core import outgoing_files
from triage_desktop.core import vocabulary as v
from triage_desktop.core.drafts import Draft, draft_fields, has_words, is_held, not_before_text
from triage_desktop.core.entities import ActionState, OutboxAction, OutboxFile
from triage_desktop.core.errors import InvalidAction, NotFound
from triage_desktop.core.rebase import only_own_effect
from triage_desktop.storage import (
    aggregates,
    audit,
    bulk_indexes,
    drafts,
    outbox_files,
    search_index,
    sort_names,
    unread,
)
from triage_desktop.storage import outbox as outbox_rows
from triage_desktop.storage.aggregates import Key
from triage_desktop.storage.database import Database
from triage_desktop.storage.schema import (
    AGGREGATES,
    OUTBOX,
    REFERENCE,
    SNAPSHOT_SEEN,
    SYNC_STATE,
    TOMBSTONES,
    UNREAD,
)

EXPORT_BATCH = 500
# sync_state keys "fed_effect|<kind>|<id>": a feed change that may be our own unanswered action's effect
# (see _remember_fed_effects). Ids never contain "|".
_FED_EFFECT = "fed_effect|"
# WAL pages between automatic checkpoints (SQLite's default is 1000). A snapshot commits ~10 MB per transaction,
# so at the default every commit also checkpoints, rewriting the same index pages into the file again and again;
# while a snapshot comes in the WAL may grow to ~80 MB instead (one checkpoint per several commits, ~5% faster).
CHECKPOINT_PAGES = 1000
SNAPSHOT_CHECKPOINT_PAGES = 20_000


@dataclass(frozen=True, slots=True)
class _Change:
    kind: str
    op: str
    id: str
    version: int
    data: Mapping[str, Any] | None


def _parse(change: Mapping[str, Any]) -> _Change | None:
    """Re-check what storage relies on; ValueError aborts the whole page. None: a kind we do not know."""
    kind, op, item_id, version = change.get("kind"), change.get("op"), change.get("id"), change.get("version")
    if not isinstance(kind, str):
        raise ValueError("change without kind")
    if kind not in v.KINDS:  # a newer server's kind: skip it rather than stall the feed
        return None
    if op not in ("upsert", "delete"):
        raise ValueError(f"change op {op!r}")
    if not isinstance(item_id, str) or not item_id:
        raise ValueError("change without id")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ValueError("change version is not an integer")
    data = change.get("data")
    if op == "upsert":
        if not isinstance(data, Mapping):
            raise ValueError("upsert without data")
        if data.get("id", item_id) != item_id or data.get("version", version) != version:
            raise ValueError("upsert data does not match its change")
    return _Change(kind, op, item_id, version, data if op == "upsert" else None)


def _stale(op: str, version: int, stored: int | None, tombstone: int | None) -> bool:
    """Whether a change is one we already have (§5: apply only what is newer).

    An upsert must be newer than the copy and the tombstone. A delete need only not be older than the copy:
    after our own transfer or merge, the answer we stored and the feed's delete carry the same version, and
    the item must still leave the list. A delete at or below the tombstone is a repeat.
    """
    if tombstone is not None and version <= tombstone:
        return True
    if stored is None:
        return False
    return version < stored if op == "delete" else version <= stored


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        # A snapshot into an empty cache was cut off (crash, kill) with some list indexes left out: build them
        # now, so every sort and filter is fast again even if that snapshot is never finished.
        if self.get_state(bulk_indexes.DEFERRED) is not None:
            self._restore_indexes()

    def _restore_indexes(self) -> None:
        while True:  # an index per transaction, so other writers are not held up for the whole build
            with self.db.write() as conn:
                if bulk_indexes.restore_step(conn):
                    return

    # --- key/value state -------------------------------------------------------------------------------

    def get_state(self, key: str) -> str | None:
        with self.db.read() as conn:
            return _get_state(conn, key)

    def set_state(self, key: str, value: str | None) -> None:
        with self.db.write() as conn:
            _set_state(conn, key, value)

    def cursor(self) -> str | None:
        return self.get_state("cursor")

    def in_snapshot(self) -> bool:
        return self.get_state("snapshot") == "1"

    # --- the change feed ------------------------------------------------------------------------------

    def apply_page(self, changes: Sequence[Mapping[str, Any]], next_cursor: str) -> set[Key]:
        """Apply one page and store its cursor, all in one transaction; returns the items that changed."""
        parsed = [c for c in (_parse(change) for change in changes) if c is not None]
        with self.db.write() as conn:
            in_snapshot = _get_state(conn, "snapshot") == "1"
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = "
                                 f"{SNAPSHOT_CHECKPOINT_PAGES if in_snapshot else CHECKPOINT_PAGES}")
            keys = {(c.kind, c.id) for c in parsed}
            known, tombs = aggregates.load(conn, keys)
            versions = {key: k.version for key, k in known.items()}
            upserts: dict[Key, tuple[int, Mapping[str, Any]]] = {}
            deleted: set[Key] = set()
            new_tombs: dict[Key, int] = {}
            # In feed order: the same item may come several times in one page.
            for c in parsed:
                key = (c.kind, c.id)
                if _stale(c.op, c.version, versions.get(key), tombs.get(key)):
                    continue
                if c.op == "upsert":
                    assert c.data is not None
                    upserts[key] = (c.version, c.data)
                    versions[key] = c.version
                else:
                    upserts.pop(key, None)
                    versions.pop(key, None)
                    tombs[key] = new_tombs[key] = c.version
                    deleted.add(key)
            _remember_fed_effects(conn, upserts, known)
            gone = deleted - upserts.keys()
            aggregates.drop(conn, (known[key].pk for key in gone if key in known))
            # An item deleted then re-sent in the same page keeps its row (and pk) but loses its old version.
            aggregates.write(conn, upserts, known)
            aggregates.raise_tombstones(conn, new_tombs)
            conflicted = outbox_rows.mark_gone(conn, deleted)
            aggregates.show_pending(conn, conflicted - gone)  # deleted, then sent again in this page
            unread.forget(conn, gone)
            if not in_snapshot:  # a snapshot refills the cache: its items are not news
                unread.mark_arrivals(conn, upserts.keys() - known.keys())
            if in_snapshot and keys:
                seen = [{"kind": kind, "id": item_id} for kind, item_id in keys]
                for start in range(0, len(seen), aggregates.GIL_SLICE):
                    conn.execute(sqlite_insert(SNAPSHOT_SEEN).on_conflict_do_nothing(),
                                 seen[start:start + aggregates.GIL_SLICE])
            _set_state(conn, "cursor", next_cursor)
        return set(upserts) | {key for key in gone if key in known} | conflicted

    def clear_for_new_owner(self) -> None:
        """Forget another officer's cache (a different user or server logs in on this profile).

        Refuses while unsent actions exist: they were made under the previous login and must go out under it.
        """
        with self.db.write() as conn:
            if conn.execute(select(func.count()).select_from(OUTBOX)).scalar_one():
                raise InvalidAction("profile_has_unsent_work")
            search_index.clear(conn)
            conn.execute(delete(AGGREGATES))
            conn.execute(delete(TOMBSTONES))
            conn.execute(delete(REFERENCE))
            conn.execute(delete(SNAPSHOT_SEEN))
            conn.execute(delete(UNREAD))
            conn.execute(delete(SYNC_STATE).where(SYNC_STATE.c.key.startswith(_FED_EFFECT, autoescape=True)))
            for key in ("cursor", "snapshot", "last_sync_at", "user", "server_url"):
                _set_state(conn, key, None)

    def begin_snapshot(self) -> None:
        """Start a full resync (cursor expired): pages from the start will be recorded as seen.

        Into an empty cache (first sync, new owner, recovered file) the search index is built in bulk at the
        end instead of page by page (≈2× faster), and so are most list indexes (see bulk_indexes). A resync of
        a filled cache keeps them current per page, so search, sorts and filters stay fast meanwhile.
        """
        with self.db.write() as conn:
            _set_state(conn, "cursor", None)
            _set_state(conn, "snapshot", "1")
            conn.execute(delete(SNAPSHOT_SEEN))
            if conn.execute(select(AGGREGATES.c.pk).limit(1)).first() is None:
                search_index.defer(conn)
                bulk_indexes.defer(conn)

    def finish_snapshot(self) -> set[Key]:
        """Drop every cached item the snapshot did not contain; their unsent actions become conflicts.

        A deferred search index is built first, a chunk per transaction (other writers get the lock between
        chunks), then any deferred list indexes, one per transaction; a crash meanwhile leaves the snapshot
        open, so the next sync finishes it (and the next open builds the list indexes).
        """
        while True:
            with self.db.write() as conn:
                if search_index.build_step(conn):
                    break
        self._restore_indexes()
        with self.db.write() as conn:
            missing = conn.execute(
                select(AGGREGATES.c.pk, AGGREGATES.c.kind, AGGREGATES.c.id, AGGREGATES.c.version).where(
                    ~select(SNAPSHOT_SEEN.c.kind).where(SNAPSHOT_SEEN.c.kind == AGGREGATES.c.kind,
                                                        SNAPSHOT_SEEN.c.id == AGGREGATES.c.id).exists())
            ).all()
            dropped = {(kind, item_id) for _, kind, item_id, _ in missing}
            aggregates.drop(conn, (pk for pk, _, _, _ in missing))
            # A late or replayed answer carrying the same version must not bring them back.
            aggregates.raise_tombstones(conn, {(k, i): version for _, k, i, version in missing})
            outbox_rows.mark_gone(conn, dropped)
            unread.forget(conn, dropped)
            conn.execute(delete(SNAPSHOT_SEEN))
            _set_state(conn, "snapshot", None)
            # Back to the default, so this commit already checkpoints what the snapshot left in the WAL.
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
        return dropped

    # --- aggregates -----------------------------------------------------------------------------------

    def aggregate_raw(self, kind: str, item_id: str) -> dict[str, Any] | None:
        with self.db.read() as conn:
            return aggregates.raw(conn, kind, item_id)

    def replace_aggregate(self, kind: str, data: Mapping[str, Any]) -> bool:
        with self.db.write() as conn:
            return aggregates.replace(conn, kind, data)

    def export_raw(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        """Every cached aggregate's JSON, in batches of short reads (no transaction held between batches)."""
        last = 0
        while True:
            query = select(AGGREGATES.c.pk, AGGREGATES.c.raw).where(AGGREGATES.c.pk > last)
            if kind is not None:
                query = query.where(AGGREGATES.c.kind == kind)
            with self.db.read() as conn:
                batch = conn.execute(query.order_by(AGGREGATES.c.pk).limit(EXPORT_BATCH)).all()
            for _, raw in batch:
                yield json.loads(raw)
            if len(batch) < EXPORT_BATCH:
                return
            last = batch[-1][0]

    # --- the outbox -----------------------------------------------------------------------------------

    def enqueue(self, kind: str, item_id: str, action_type: str, payload: Mapping[str, Any],
                base_version: int | None, files: Sequence[outbox_files.Prepared] = (), *,
                hold_seconds: float = 0) -> OutboxAction:
        """Queue an action authored by the login stored now (none: it is kept but never sent; see sendable).

        Its files' bytes go in with it, in the same transaction; the payload remembers their names and sizes
        (outgoing_files.LOCAL_FILES), so a copy of the row that lost them is never sent without them.
        `hold_seconds`: the undo window; the action is not sent before it ends (undo_action takes it back
        meanwhile). The author's draft of this action on the item is sent with it: it goes in the same write.
        """
        if files:
            payload = outgoing_files.remember(payload, outbox_files.described(files))
        with self.db.write() as conn:
            author = outbox_rows.current_author(conn)
            action = outbox_rows.add(conn, kind, item_id, action_type, payload, base_version, author,
                                     not_before=not_before_text(datetime.now(UTC), hold_seconds))
            outbox_files.add(conn, action.local_id, files)
            aggregates.show_pending(conn, [(kind, item_id)])
            if files:
                outbox_rows.record(conn, "queued", action, version=base_version, files=len(files))
            else:
                outbox_rows.record(conn, "queued", action, version=base_version)
            if author.user_id is not None:
                drafts.clear(conn, author.user_id, kind, item_id, action_type)
            return outbox_files.with_files(conn, [action])[0]

    def undo_action(self, local_id: int) -> OutboxAction:
        """Take back an action still inside its undo window, unsent (no confirmation: this is the undo). Its
        words become the author's draft again, in the same write; the audit trail says "undone".
        InvalidAction("undo_too_late") once it may leave or has left; NotFound when it is gone."""
        with self.db.write() as conn:
            action = _existing(conn, local_id)
            if action.state is not ActionState.PENDING or not is_held(action.not_before, datetime.now(UTC)):
                raise InvalidAction("undo_too_late")
            conn.execute(delete(OUTBOX).where(OUTBOX.c.local_id == local_id))
            outbox_files.drop(conn, local_id)  # the window re-attaches the originals to the reopened composer
            aggregates.show_pending(conn, [(action.kind, action.aggregate_id)])
            outbox_rows.record(conn, "undone", action, actor=audit.current_actor(conn))
            fields = draft_fields(outgoing_files.wire_body(action.payload))
            if action.author_id is not None and has_words(fields):
                drafts.save(conn, action.author_id, action.kind, action.aggregate_id, action.type, fields)
            return action

    # --- drafts (the login stored now's own; none without a login) -------------------------------------

    def save_draft(self, kind: str, item_id: str, action_type: str, fields: Mapping[str, Any]) -> Draft | None:
        with self.db.write() as conn:
            author = outbox_rows.current_author(conn)
            if author.user_id is None:
                return None
            return drafts.save(conn, author.user_id, kind, item_id, action_type, fields)

    def draft(self, kind: str, item_id: str, action_type: str) -> Draft | None:
        with self.db.read() as conn:
            author = outbox_rows.current_author(conn)
            if author.user_id is None:
                return None
            return drafts.get(conn, author.user_id, kind, item_id, action_type)

    def drafts_of(self, kind: str, item_id: str) -> list[str]:
        with self.db.read() as conn:
            author = outbox_rows.current_author(conn)
            return drafts.of_item(conn, author.user_id, kind, item_id) if author.user_id is not None else []

    def clear_draft(self, kind: str, item_id: str, action_type: str) -> bool:
        with self.db.write() as conn:
            author = outbox_rows.current_author(conn)
            return author.user_id is not None and drafts.clear(conn, author.user_id, kind, item_id, action_type)

    def sendable(self) -> list[OutboxAction]:
        """Pending and sending actions of the officer logged in now, in creation order (a "sending" one was cut
        off: send it again). Another officer's actions, or ones whose author is unknown, are held (held_actions):
        an action is never sent under a login other than its author's."""
        with self.db.read() as conn:
            author = outbox_rows.current_author(conn)
            rows = conn.execute(select(OUTBOX).where(OUTBOX.c.state.in_(outbox_rows.UNSENT), author.of())
                                .order_by(OUTBOX.c.local_id)).all()
            return outbox_files.with_files(conn, [outbox_rows.to_action(row) for row in rows])

    def held_actions(self) -> list[OutboxAction]:
        """Unsent actions the login stored now may not send: another officer's, or of an unknown author.

        They still count as unsent in outbox_summary, so a sync honestly says it is not in step.
        """
        with self.db.read() as conn:
            author = outbox_rows.current_author(conn)
            rows = conn.execute(select(OUTBOX).where(OUTBOX.c.state.in_(outbox_rows.UNSENT), author.not_of())
                                .order_by(OUTBOX.c.local_id)).all()
            return outbox_files.with_files(conn, [outbox_rows.to_action(row) for row in rows])

    def mark_sending(self, local_id: int) -> None:
        """Raises NotFound when the action is gone, no longer unsent (the officer discarded it), or not the
        current login's own (the login changed after sendable() was read)."""
        with self.db.write() as conn:
            author = outbox_rows.current_author(conn)
            result = conn.execute(update(OUTBOX).where(OUTBOX.c.local_id == local_id,
                                                       OUTBOX.c.state.in_(outbox_rows.UNSENT), author.of())
                                  .values(state=ActionState.SENDING.value))
            if not result.rowcount:
                raise NotFound(f"outbox:{local_id}")

    def note_attempt_error(self, local_id: int, error: str) -> None:
        """A transport failure: back to pending, same key, one more attempt counted."""
        with self.db.write() as conn:
            conn.execute(update(OUTBOX)
                         .where(OUTBOX.c.local_id == local_id, OUTBOX.c.state.in_(outbox_rows.UNSENT))
                         .values(state=ActionState.PENDING.value, attempts=OUTBOX.c.attempts + 1,
                                 last_error=error[:outbox_rows.LAST_ERROR_LIMIT]))

    def complete_action(self, local_id: int, aggregate: Mapping[str, Any],
                        event: Mapping[str, Any] | None) -> set[Key]:
        """The server accepted the action: cache its aggregate, retire the row, rebase later ones (§7)."""
        with self.db.write() as conn:
            action = outbox_rows.get(conn, local_id)
            if action is None:
                raise NotFound(f"outbox:{local_id}")
            kind, item_id = action.kind, action.aggregate_id
            before = aggregates.raw(conn, kind, item_id)
            stored = aggregates.replace(conn, kind, aggregate)
            conn.execute(delete(OUTBOX).where(OUTBOX.c.local_id == local_id))
            outbox_files.drop(conn, local_id)  # uploaded and now part of the aggregate
            if before is not None and only_own_effect(before, aggregate, action.type, event):
                seen = before.get("version")
            else:  # the feed may have brought this very effect before the answer came
                seen = _fed_own_effect(conn, (kind, item_id), action.type, aggregate, event)
            _set_state(conn, _fed_effect_key((kind, item_id)), None)
            outbox_rows.record(conn, "sent", action, version=aggregate["version"])
            if seen is not None:
                # The officer's later actions were based on what our own action has just changed: move
                # their If-Match along, so they do not get a false 412.
                later = (OUTBOX.c.kind == kind, OUTBOX.c.aggregate_id == item_id, OUTBOX.c.local_id > local_id,
                         OUTBOX.c.state == ActionState.PENDING.value, OUTBOX.c.base_version == seen)
                rebased = [outbox_rows.to_action(row) for row in
                           conn.execute(select(OUTBOX).where(*later).order_by(OUTBOX.c.local_id))]
                conn.execute(update(OUTBOX).where(*later).values(base_version=aggregate["version"]))
                for moved in rebased:
                    outbox_rows.record(conn, "reapplied", moved, how="rebase", version=aggregate["version"])
            aggregates.show_pending(conn, [(kind, item_id)])
        return {(kind, str(aggregate["id"]))} if stored else set()

    def conflict_action(self, local_id: int, status: int, problem: Mapping[str, Any],
                        current: Mapping[str, Any] | None) -> None:
        """412/409/404/403: the officer decides; the server's `current` is cached by the version rule."""
        with self.db.write() as conn:
            action = _existing(conn, local_id)
            outbox_rows.set_problem(conn, local_id, ActionState.CONFLICT, status, problem)
            outbox_rows.record(conn, "conflicted", action, status=status)
            if current is not None:
                aggregates.replace(conn, action.kind, current)
            aggregates.show_pending(conn, [(action.kind, action.aggregate_id)])  # no longer expected to happen

    def fail_action(self, local_id: int, status: int, problem: Mapping[str, Any]) -> None:
        with self.db.write() as conn:
            action = _existing(conn, local_id)
            outbox_rows.set_problem(conn, local_id, ActionState.FAILED, status, problem)
            outbox_rows.record(conn, "failed", action, status=status)
            aggregates.show_pending(conn, [(action.kind, action.aggregate_id)])

    def retry_action(self, local_id: int) -> OutboxAction:
        """Re-apply a conflict/failed action on the current cached version: a new action with a new key."""
        with self.db.write() as conn:
            action = _existing(conn, local_id)
            if action.state not in (ActionState.CONFLICT, ActionState.FAILED):
                raise InvalidAction(f"retry_state:{action.state}")
            version = aggregates.version_of(conn, action.kind, action.aggregate_id)
            if version is None:
                raise NotFound(f"{action.kind}:{action.aggregate_id}")
            conn.execute(delete(OUTBOX).where(OUTBOX.c.local_id == local_id))
            # It goes out with the files it still has (the officer may have removed one the server refused;
            # a salvaged copy may have lost them all): what the officer now sees is what is sent.
            payload = outbox_files.remembered_payload(conn, local_id, action.payload)
            # The re-applied action is still its author's words: it keeps their name, whoever pressed retry.
            again = outbox_rows.add(conn, action.kind, action.aggregate_id, action.type, payload,
                                    version, outbox_rows.Author(action.author_id, action.author_server))
            outbox_files.move(conn, local_id, again.local_id)
            aggregates.show_pending(conn, [(action.kind, action.aggregate_id)])
            # Whoever pressed retry did it; the new local id carries on the old one's story.
            outbox_rows.record(conn, "reapplied", again, actor=audit.current_actor(conn), how="retry",
                               replaces=local_id, version=version, author=_author_word(conn, action))
            return outbox_files.with_files(conn, [again])[0]

    def discard_action(self, local_id: int) -> None:
        """Drop a pending, conflict or failed action; one on the wire ("sending") cannot be taken back."""
        with self.db.write() as conn:
            action = _existing(conn, local_id)
            if action.state is ActionState.SENDING:
                raise InvalidAction("discard_state:sending")
            conn.execute(delete(OUTBOX).where(OUTBOX.c.local_id == local_id))
            outbox_files.drop(conn, local_id)
            aggregates.show_pending(conn, [(action.kind, action.aggregate_id)])
            outbox_rows.record(conn, "discarded", action, actor=audit.current_actor(conn), state=action.state.value,
                               author=_author_word(conn, action))

    def remove_action_file(self, local_id: int, file_id: int) -> OutboxAction:
        """Take one file off a refused action (a 413/415 for it), before the officer re-applies it.

        Only a conflict or failed action: an unsent one may already be on the wire with these files."""
        with self.db.write() as conn:
            action = _existing(conn, local_id)
            if action.state not in (ActionState.CONFLICT, ActionState.FAILED):
                raise InvalidAction(f"remove_file_state:{action.state}")
            if not outbox_files.remove(conn, local_id, file_id):
                raise NotFound(f"outbox_file:{file_id}")
            payload = outbox_files.remembered_payload(conn, local_id, action.payload)
            _set_payload(conn, local_id, payload)
            left = len(outgoing_files.remembered(payload))
            outbox_rows.record(conn, "file_removed", action, actor=audit.current_actor(conn), files=left)
            changed = outbox_rows.get(conn, local_id)
            assert changed is not None
            return outbox_files.with_files(conn, [changed])[0]

    def action_files(self, local_id: int) -> tuple[OutboxFile, ...]:
        with self.db.read() as conn:
            return outbox_files.of(conn, [local_id]).get(local_id, ())

    def upload_source(self, file_id: int) -> tuple[str, bytes] | None:
        """(upload Idempotency-Key, bytes) of a queued file; None when its action was discarded meanwhile."""
        with self.db.read() as conn:
            return outbox_files.upload_key(conn, file_id)

    def set_file_attachment(self, file_id: int, attachment_id: str) -> None:
        """The server stored the file (201): kept at once, so no later attempt uploads it again."""
        with self.db.write() as conn:
            local_id = outbox_files.set_attachment(conn, file_id, attachment_id)
            if local_id is not None:  # the action row remembers it too: a salvaged copy may still go out
                action = _existing(conn, local_id)
                _set_payload(conn, local_id, outbox_files.remembered_payload(conn, local_id, action.payload))

    def outbox(self) -> list[OutboxAction]:
        """Everything not yet accepted by the server, in creation order."""
        with self.db.read() as conn:
            rows = conn.execute(select(OUTBOX).order_by(OUTBOX.c.local_id)).all()
            return outbox_files.with_files(conn, [outbox_rows.to_action(row) for row in rows])

    def outbox_summary(self) -> tuple[int, int]:
        """(pending + sending, conflict + failed); held actions of another author count as unsent."""
        with self.db.read() as conn:
            by_state = select(OUTBOX.c.state, func.count()).group_by(OUTBOX.c.state)
            counts = {state: n for state, n in conn.execute(by_state)}
        unsent = sum(counts.get(s, 0) for s in outbox_rows.UNSENT)
        return unsent, sum(counts.get(s, 0) for s in outbox_rows.OPEN_PROBLEMS)

    # --- the audit trail ------------------------------------------------------------------------------

    def record(self, action: str, kind: str | None = None, item_id: str | None = None,
               detail: Mapping[str, Any] | None = None) -> audit.Entry:
        """An audit entry as the login stored now ('' when none): a reveal, an export, a print, a lock…"""
        with self.db.write() as conn:
            return audit.append(conn, audit.current_actor(conn), action, kind=kind, item_id=item_id, detail=detail)

    def audit_entries(self) -> list[audit.Entry]:
        with self.db.read() as conn:
            return audit.entries(conn)

    def verify_audit(self) -> list[audit.Finding]:
        """The chain's broken links, read in one transaction (a consistent snapshot beside a writer)."""
        with self.db.read() as conn:
            return audit.verify(conn)

    # --- reference data -------------------------------------------------------------------------------

    def put_reference(self, name: str, etag: str | None, data: Any) -> None:
        text = json.dumps(data, ensure_ascii=False)
        statement = sqlite_insert(REFERENCE).values(name=name, etag=etag, json=text)
        with self.db.write() as conn:
            before = sort_names.load(conn) if name in sort_names.REFERENCES else None
            conn.execute(statement.on_conflict_do_update(
                index_elements=[REFERENCE.c.name],
                set_={"etag": statement.excluded.etag, "json": statement.excluded.json}))
            if before is not None:  # the list sorts by the names shown: re-key rows whose name changed
                sort_names.rekey(conn, before, sort_names.load(conn))

    def reference(self, name: str) -> tuple[str | None, Any] | None:
        with self.db.read() as conn:
            row = conn.execute(select(REFERENCE.c.etag, REFERENCE.c.json)
                               .where(REFERENCE.c.name == name)).first()
        return (row.etag, json.loads(row.json)) if row is not None else None


def _fed_effect_key(key: Key) -> str:
    return f"{_FED_EFFECT}{key[0]}|{key[1]}"


def _remember_fed_effects(conn: Connection, upserts: Mapping[Key, tuple[int, Mapping[str, Any]]],
                          known: Mapping[Key, aggregates.Known]) -> None:
    """Note feed changes that look exactly like the effect of the first unsent action on their item.

    When an action's answer is lost (or still on the wire), the feed may bring its effect first; the cache
    then no longer holds what the officer saw, and complete_action could not tell our own change from
    someone else's (§7). So remember seen version → new version and the one new event's id here; the
    answer confirms it by that event id, so a look-alike change by someone else is never taken for ours.
    """
    first: dict[Key, str] = {}
    bases: dict[Key, set[int | None]] = {}
    for row in conn.execute(select(OUTBOX.c.kind, OUTBOX.c.aggregate_id, OUTBOX.c.type, OUTBOX.c.base_version)
                            .where(OUTBOX.c.state.in_(outbox_rows.UNSENT)).order_by(OUTBOX.c.local_id)):
        key = (row.kind, row.aggregate_id)
        first.setdefault(key, row.type)
        bases.setdefault(key, set()).add(row.base_version)
    for key, action_type in first.items():
        if key not in upserts or key not in known or known[key].version not in bases[key]:
            continue
        before = aggregates.raw(conn, *key)
        version, after = upserts[key]
        if before is None or not only_own_effect(before, after, action_type, None):
            continue
        before_ids = {e.get("id") for e in before.get("events") or () if isinstance(e, Mapping)}
        [event_id] = [e.get("id") for e in after.get("events") or ()
                      if isinstance(e, Mapping) and e.get("id") not in before_ids]
        _set_state(conn, _fed_effect_key(key), json.dumps(
            {"type": action_type, "from": known[key].version, "to": version, "event_id": event_id}))


def _fed_own_effect(conn: Connection, key: Key, action_type: str, aggregate: Mapping[str, Any],
                    event: Mapping[str, Any] | None) -> int | None:
    """The version the officer saw, when the feed already brought exactly this answer's effect."""
    text = _get_state(conn, _fed_effect_key(key))
    if text is None or event is None:
        return None
    fed = json.loads(text)
    if (fed["type"], fed["to"], fed["event_id"]) != (action_type, aggregate.get("version"), event.get("id")):
        return None
    return int(fed["from"])


def _author_word(conn: Connection, action: OutboxAction) -> str | None:
    """The author's username for an audit detail (a server's odd username must not block a retry or discard)."""
    name = audit.author_name(conn, action.author_id, action.author_server)
    return next((word for word in (name, action.author_id) if word is not None and audit.fits(word)), None)


def _set_payload(conn: Connection, local_id: int, payload: Mapping[str, Any]) -> None:
    conn.execute(update(OUTBOX).where(OUTBOX.c.local_id == local_id).values(payload=outbox_rows.encoded(payload)))


def _existing(conn: Connection, local_id: int) -> OutboxAction:
    action = outbox_rows.get(conn, local_id)
    if action is None:
        raise NotFound(f"outbox:{local_id}")
    return action


def _get_state(conn: Connection, key: str) -> str | None:
    return conn.execute(select(SYNC_STATE.c.value).where(SYNC_STATE.c.key == key)).scalar()


def _set_state(conn: Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute(delete(SYNC_STATE).where(SYNC_STATE.c.key == key))
        return
    statement = sqlite_insert(SYNC_STATE).values(key=key, value=value)
    conn.execute(statement.on_conflict_do_update(index_elements=[SYNC_STATE.c.key],
                                                 set_={"value": statement.excluded.value}))
