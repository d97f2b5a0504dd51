"""What the front ends (window, command line) need from the layers below, as Protocols.

`ui` is typed against these and receives the implementations from `app.py`; it never imports
storage or sync. `cli` uses the same implementations, so both run the same code path.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from triage_desktop.core.deadlines import DeadlineBounds
from triage_desktop.core.drafts import Draft
from triage_desktop.core.entities import (
    Attachment,
    CacheRecovery,
    Item,
    ItemQuery,
    ItemRow,
    OutboxAction,
    SavedView,
    SyncProgress,
    SyncReport,
    User,
)
from triage_desktop.core.list_table import ListedItem
from triage_desktop.core.record import Period, WardRecord
from triage_desktop.core.workdays import WorkCalendar

ProgressCallback = Callable[[SyncProgress], None]


class CancelToken:
    """Set from any thread; long work checks it between pages and requests."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` when cancelled (at once if already); returns a function that unregisters it.

        For work blocked where `cancelled` cannot be checked, e.g. a read on a socket.
        """
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return lambda: self._forget(callback)
        callback()
        return lambda: None

    def _forget(self, callback: Callable[[], None]) -> None:
        with self._lock, suppress(ValueError):
            self._callbacks.remove(callback)

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when cancelled meanwhile."""
        return self._event.wait(seconds)


class Workspace(Protocol):
    """The local cache as the officer sees it. Reads are page-sized; writes go to a worker (the window's write lane)."""

    def current_user(self) -> User | None: ...
    def server_url(self) -> str | None: ...
    def count(self, query: ItemQuery) -> int: ...
    def page(self, query: ItemQuery, offset: int, limit: int) -> list[ItemRow]: ...
    def position_of(self, query: ItemQuery, kind: str, item_id: str) -> int | None: ...
    # Every row of the query in the list's order, in short read batches (an export; run it on a worker):
    # progress(done, total) after each batch, core.errors.Cancelled between batches once `cancel` is set.
    def listed(self, query: ItemQuery, cancel: CancelToken | None = None,
               progress: Callable[[int, int], None] | None = None) -> Iterator[ListedItem]: ...
    # Deadline queues (core.queues.CLOCK_QUEUES) are counted only when `bounds` is given (else 0).
    def queue_counts(self, user_id: str | None,
                     bounds: DeadlineBounds | None = None) -> dict[tuple[str, str], int]: ...
    def unread_counts(self, user_id: str | None) -> dict[str, int]: ...  # {kind: items not opened since arrival}
    def item(self, kind: str, item_id: str) -> Item | None: ...
    def members(self) -> list[User]: ...
    def reference(self, name: str) -> Any: ...
    def outbox(self, include_done: bool = False) -> list[OutboxAction]: ...
    def outbox_summary(self) -> tuple[int, int]: ...  # (unsent, conflicts+failed)
    def held_actions(self) -> list[OutboxAction]: ...  # unsent, made under another login: never sent by this one
    def last_sync_at(self) -> str | None: ...
    def saved_views(self, user_id: str) -> list[SavedView]: ...  # the officer's own, by name
    # Last, this and next year's published calendars as the last sync cached them (`calendar:{year}`).
    def work_calendar(self) -> WorkCalendar: ...
    # Writes (run them off the GUI thread):
    # `files`: paths of files to send along (reply, return_result); their bytes are copied into the cache now.
    # `hold_seconds`: the undo window; the action is not sent before it ends, and undo_action takes it back.
    def queue_action(self, kind: str, item_id: str, action_type: str, fields: Mapping[str, Any],
                     files: Sequence[Path] = (), *, hold_seconds: float = 0) -> OutboxAction: ...
    def undo_action(self, local_id: int) -> OutboxAction: ...  # InvalidAction("undo_too_late") after the window
    # Drafts (issue 12): the officer logged in now's own, per item and action type; reads are short.
    def draft(self, kind: str, item_id: str, action_type: str) -> Draft | None: ...
    def drafts_of(self, kind: str, item_id: str) -> list[str]: ...  # action types with a draft on the item
    def save_draft(self, kind: str, item_id: str, action_type: str, fields: Mapping[str, Any]) -> Draft | None: ...
    def clear_draft(self, kind: str, item_id: str, action_type: str) -> bool: ...
    def retry_action(self, local_id: int) -> OutboxAction: ...
    def remove_action_file(self, local_id: int, file_id: int) -> OutboxAction: ...  # off a failed action
    def max_upload_bytes(self) -> int: ...  # the server's limit for one file (/meta), or the contract's default
    def mark_read(self, user_id: str, kind: str, item_id: str) -> bool: ...  # True when it was new to her
    def discard_action(self, local_id: int) -> None: ...
    def save_view(self, user_id: str, view: SavedView) -> None: ...  # replaces a view of the same name
    def delete_view(self, user_id: str, name: str) -> None: ...
    # The audit trail (issue 10): what the officer did that leaves no other trace (reveal, export, print, lock…).
    def record(self, action: str, kind: str | None = None, item_id: str | None = None,
               detail: Mapping[str, Any] | None = None) -> None: ...
    # How the unit signs its papers (issue 13): the fields an officer saved (None: none yet); saving is a write.
    def letterhead(self, unit_id: str) -> dict[str, str] | None: ...
    def save_letterhead(self, unit_id: str, fields: Mapping[str, str]) -> None: ...
    # Citizens' photos kept for offline viewing (issue 12): its methods read and write the BLOBs, off the GUI thread.
    def photo_cache(self) -> PhotoStore: ...
    # The ward's record of one kind over a period, judged at min(period end, now) (issue 13, core.record); up to
    # ~0.5 s on a million items: call it on a worker.
    def ward_record(self, kind: str, period: Period, now: datetime) -> WardRecord: ...


@dataclass(frozen=True, slots=True)
class PhotoUsage:
    count: int
    bytes: int


class PhotoStore(Protocol):
    """Photos kept in the cache within a byte budget, least recently viewed dropped first (storage.photo_cache).
    Every method blocks on the database: call them on a worker."""

    def get(self, attachment_id: str, *, viewed: bool = True) -> bytes | None: ...
    def cached_ids(self, attachment_ids: Iterable[str]) -> set[str]: ...
    # False when not kept (digest mismatch, bigger than the budget); `keep`: ids its eviction must spare.
    def put(self, attachment: Attachment, data: bytes, budget: int, *, viewed: bool = False,
            keep: Collection[str] = ()) -> bool: ...
    def usage(self) -> PhotoUsage: ...
    def trim(self, budget: int) -> int: ...


class SyncService(Protocol):
    """Talks to the provincial server. The network methods block: call them off the GUI thread, from one thread
    (the front end's network lane, docs/threading.md)."""

    def login(self, server_url: str, username: str, password: str) -> User: ...
    def logout(self) -> bool: ...  # False: the server was not reached, the revocation is queued
    def has_credentials(self) -> bool: ...
    def sync_once(self, progress: ProgressCallback | None = None, cancel: CancelToken | None = None) -> SyncReport: ...
    def push(self, progress: ProgressCallback | None = None, cancel: CancelToken | None = None) -> SyncReport: ...
    def wait_for_changes(self, seconds: int, cancel: CancelToken | None = None) -> SyncReport: ...
    def attachment(self, attachment_id: str, expected_sha256: str | None = None) -> bytes: ...


@dataclass(frozen=True)
class OpenedSession:
    """A profile opened for one official in this run: what the window shows once the gate is passed."""

    workspace: Workspace
    sync: SyncService
    user: User
    recovered: CacheRecovery | None = None  # a damaged cache was set aside while opening (tell the officer)
    encrypted: bool = True  # False only where deployment.toml allows a plain cache: the window warns, always


class SessionGate(Protocol):
    """The gate before any citizen data (issue 10): nothing is read from the cache until one of these succeeded.

    Every method may block on the network, the keyring or a memory-hard password hash: call them off the GUI
    thread. Errors are core.errors: WrongPassword, WrongCredentials, AccountLocked, FirstSignInOnline,
    CacheLocked, StorageError.
    """

    def resume(self) -> OpenedSession | None:
        """Open without a password when the keyring holds the cache key and a refresh token, and the password was
        typed less than `password_every_hours` ago; else None (ask for it)."""

    def sign_in(self, server_url: str, username: str, password: str) -> OpenedSession:
        """Check the password with the server (offline: against this PC's verifier), open the cache, record it."""

    def unlock(self, password: str) -> None:
        """After an idle or OS-session lock: the signed-in official's password, server when online, else verifier."""

    def unsent_count(self) -> int:
        """Unsent actions in the open cache (0 when none is open): what a wipe at logout would lose."""

    def sign_out(self, *, wipe: bool) -> None:
        """Revoke the refresh token on the server (or queue the revocation), delete it and the cache key from the
        keyring, close the cache; `wipe` also deletes the cache files."""

    def record(self, action: str, kind: str | None = None, item_id: str | None = None,
               detail: Mapping[str, Any] | None = None) -> None:
        """Append an audit entry as the signed-in official (reveal, export, print, lock…); a write."""
