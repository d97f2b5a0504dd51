"""SyncController: runs the continuous sync loop (sync.loop) on a thread and turns what it says into signals.

The loop and its error policy live in `sync/` (Qt-free), shared with `triage-desktop sync`. This class only
owns the thread and emits signals carrying plain data, which Qt queues to the GUI thread because this
QObject lives there; the thread never touches a widget.
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, Signal

from triage_desktop.core.entities import SyncProgress, SyncReport
from triage_desktop.core.ports import SyncService
from triage_desktop.sync.loop import ContinuousSync

log = logging.getLogger(__name__)

MAX_LISTED_CHANGES = 10_000  # a snapshot touches everything: sorting 10^5 keys holds the GIL for ~0.1 s
STATES = ("syncing", "online", "offline", "login_required", "client_too_old", "error")


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
        self._thread: threading.Thread | None = None
        self.state = "offline"
        self.unsent = 0
        self.conflicts = 0

    # --- GUI-thread API -------------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop.run, name="triage-sync", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return any(thread.is_alive() for thread in self._threads())

    def kick(self) -> None:
        """Sync now: push what was just queued, or retry at once after an error or a new login."""
        self._loop.kick()

    def stop(self, timeout: float = 30.0) -> None:
        """Cancel the running step and join the threads (unsent work stays in the outbox)."""
        self._loop.stop()
        # A push on the wire is let finish: its answer is worth recording, and the cache must not be closed under it.
        deadline = time.monotonic() + timeout
        for thread in self._threads():
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                log.warning("%s thread did not stop within %.0f s", thread.name, timeout)

    def _threads(self) -> list[threading.Thread]:
        return ([self._thread] if self._thread is not None else []) + self._loop.helper_threads()

    # --- sync.loop.SyncListener, called on the loop's threads -------------------------------------------------

    def state_changed(self, state: str) -> None:
        self.state = state
        self.stateChanged.emit(state, self.unsent, self.conflicts)

    def step_done(self, report: SyncReport) -> None:
        self._take(report)
        self.state_changed("online")

    def pushed(self, report: SyncReport) -> None:
        self._take(report)
        self.stateChanged.emit(self.state, self.unsent, self.conflicts)

    def _take(self, report: SyncReport) -> None:
        if report.changed:
            changed = report.changed
            self.itemsChanged.emit(sorted(changed) if len(changed) <= MAX_LISTED_CHANGES else [])
        self.unsent, self.conflicts = report.unsent, report.open_conflicts

    def progressed(self, progress: SyncProgress) -> None:
        self.progress.emit(progress.phase, int(progress.done), int(progress.total or 0))

    def failed(self, state: str, error: BaseException, retry_in: float | None) -> None:
        self.errorOccurred.emit(error)
        self.state_changed(state)
