"""SyncController: the window's one network lane. It runs the continuous sync loop (sync.loop) on a thread of its
own, runs the window's other network calls (unlock, attachments) on that same thread between sync steps,
and turns what the loop says into signals.

The loop and its error policy live in `sync/` (Qt-free), shared with `triage-desktop sync`. This class only
owns the thread and emits signals carrying plain data, which Qt queues to the GUI thread because this
QObject lives there; the thread never touches a widget. See docs/threading.md.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from triage_desktop.core.entities import SyncProgress, SyncReport
from triage_desktop.core.ports import SyncService
from triage_desktop.sync.loop import ContinuousSync

log = logging.getLogger(__name__)

MAX_LISTED_CHANGES = 10_000  # a snapshot touches everything: sorting 10^5 keys holds the GIL for ~0.1 s
STATES = ("syncing", "online", "offline", "certificate", "login_required", "client_too_old", "error")


class SyncController(QObject):
    stateChanged = Signal(str, int, int)  # state, unsent, conflicts (last known counts)
    # [(kind, id)] touched by the last step; [] when too many to list (the window re-reads what it shows).
    # `object`, not `list`: a list signal converts every key to a QVariant and back on the GUI thread.
    itemsChanged = Signal(object)
    progress = Signal(str, int, int)  # phase, done, total (0 = unknown)
    errorOccurred = Signal(object)  # the exception behind "offline"/"error"/"login_required", for details

    def __init__(self, sync: SyncService, parent: QObject | None = None, *, wait_seconds: int = 25,
                 min_backoff: float = 1.0, max_backoff: float = 60.0, too_old_recheck: float = 3600.0,
                 unsent_retry: float = 30.0, full_sync_every: float = 300.0) -> None:
        super().__init__(parent)
        self._loop = ContinuousSync(sync, self, wait_seconds=wait_seconds, min_backoff=min_backoff,
                                    max_backoff=max_backoff, too_old_recheck=too_old_recheck,
                                    unsent_retry=unsent_retry, full_sync_every=full_sync_every)
        self._thread: threading.Thread | None = None  # started by the first of start() and submit()
        self._syncing = False
        self.network_lane: Executor = NetworkLane(self)
        self.fetch_lane: Executor = NetworkLane(self, between_pages=True)  # reads: attachments
        # What the GUI thread knows: updated there, from the signal, so it never runs ahead of what the window
        # (and every other receiver of stateChanged, connected after this) has been told.
        self.state = "offline"
        self.unsent = 0
        self.conflicts = 0
        self.stateChanged.connect(self._remember)
        self._unsent = self._conflicts = 0  # the loop thread's last counts, sent with the next state

    # --- GUI-thread API (the TaskRunner submits from there too) -----------------------------------------------

    def start(self) -> None:
        """Start live sync (once; after stop() it stays stopped)."""
        self._syncing = True
        self._loop.start_syncing()
        self._ensure_thread()

    def submit[T](self, call: Callable[[], T], *, between_pages: bool = False) -> Future[T]:
        """Run a network call on the lane's thread, between sync steps (a long poll is broken off for it);
        `between_pages`: a read that may also run between two pages of a full step."""
        future = self._loop.submit(call, between_pages=between_pages)
        if not future.cancelled():
            self._ensure_thread()
        return future

    @property
    def running(self) -> bool:
        """Live sync was started and its thread has not ended (calls alone do not count)."""
        thread = self._thread
        return self._syncing and thread is not None and thread.is_alive()

    def kick(self) -> None:
        """Sync now: push what was just queued, or retry at once after an error or a new login."""
        self._loop.kick()

    def stop(self, timeout: float = 30.0) -> None:
        """Cancel the running step and join the thread (unsent work stays in the outbox; network calls not yet
        started are cancelled)."""
        self.cancel()
        # A push on the wire is let finish: its answer is worth recording, and the cache must not be closed under it.
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                log.warning("%s thread did not stop within %.0f s", thread.name, timeout)

    def cancel(self) -> None:
        """Like stop(), without waiting for the thread to end."""
        self._loop.stop()

    def _ensure_thread(self) -> None:
        if self._thread is None and not self._loop.stopped:
            self._thread = threading.Thread(target=self._loop.serve, name="triage-sync", daemon=True)
            self._thread.start()

    # --- sync.loop.SyncListener, called on the lane's thread ------------------------------------------------

    def state_changed(self, state: str) -> None:
        self.stateChanged.emit(state, self._unsent, self._conflicts)

    def step_done(self, report: SyncReport) -> None:
        if report.changed:
            changed = report.changed
            self.itemsChanged.emit(sorted(changed) if len(changed) <= MAX_LISTED_CHANGES else [])
        self._unsent, self._conflicts = report.unsent, report.open_conflicts
        self.state_changed("online")

    @Slot(str, int, int)
    def _remember(self, state: str, unsent: int, conflicts: int) -> None:
        self.state, self.unsent, self.conflicts = state, unsent, conflicts

    def progressed(self, progress: SyncProgress) -> None:
        self.progress.emit(progress.phase, int(progress.done), int(progress.total or 0))

    def failed(self, state: str, error: BaseException, retry_in: float | None) -> None:
        self.errorOccurred.emit(error)
        self.state_changed(state)


class NetworkLane(Executor):
    """The controller's thread as an Executor, so the TaskRunner's `network` lane can be this one thread."""

    def __init__(self, controller: SyncController, *, between_pages: bool = False) -> None:
        self._controller = controller
        self._between_pages = between_pages

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._controller.submit(functools.partial(fn, *args, **kwargs), between_pages=self._between_pages)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop the lane, sync included (the app is closing); calls not yet started are always cancelled."""
        if wait:
            self._controller.stop()
        else:
            self._controller.cancel()
