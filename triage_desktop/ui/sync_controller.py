"""SyncController: the background loop that keeps the cache in step with the server (live updates, retries).

One plain `threading.Thread` runs `sync_once`, then long-polls with `wait_for_changes` so new items show up
within seconds. Offline or a busy server → state "offline" and an interruptible back-off; `kick()` (after a
local action, or the officer clicking the indicator) wakes it at once and makes the next step a full sync,
so the action is pushed promptly. The thread never touches a widget: it only emits signals carrying plain
data, which Qt queues to the GUI thread because this QObject lives there.
"""

from __future__ import annotations

import logging
import random
import threading
import time

from PySide6.QtCore import QObject, Signal

from triage_desktop.core.entities import SyncProgress, SyncReport
from triage_desktop.core.errors import Cancelled, ClientTooOld, LoginRequired, Offline, ServerBusy
from triage_desktop.core.ports import CancelToken, SyncService

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
        self._sync = sync
        self._wait_seconds = wait_seconds
        self._min_backoff = min_backoff
        self._max_backoff = max_backoff
        self._too_old_recheck = too_old_recheck
        # Long polls only pull: unsent work left by a busy server, and reference data, need a full step now and then.
        self._unsent_retry = unsent_retry
        self._full_sync_every = full_sync_every
        self._stop = CancelToken()
        self._wake = threading.Event()  # interrupts back-off sleeps (kick or stop)
        self._lock = threading.Lock()
        self._kicked = False
        self._waiting = False  # inside wait_for_changes: a kick cancels it
        self._step_token = CancelToken()
        self._thread: threading.Thread | None = None
        self._pushers: list[threading.Thread] = []  # prompt pushes beside a long poll; stop() joins them too
        self.state = "offline"
        self.unsent = 0
        self.conflicts = 0

    # --- GUI-thread API -------------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="triage-sync", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return any(thread.is_alive() for thread in self._threads())

    def kick(self) -> None:
        """Sync now: push what was just queued, or retry at once after an error or a new login."""
        with self._lock:
            self._kicked = True
            polling = self._waiting
            if polling:
                self._step_token.cancel()  # end the long poll; the next step is a full sync
            self._wake.set()
        if polling:
            # Cancelling cuts the long poll's socket, but where a platform cannot interrupt a blocked read the
            # poll lasts until the server answers (up to `wait_seconds`). The officer's action must not wait
            # for that: the engine pushes under its own lock, beside the poll.
            pusher = threading.Thread(target=self._push_now, name="triage-push", daemon=True)
            self._pushers = [thread for thread in self._pushers if thread.is_alive()] + [pusher]
            pusher.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Cancel the running step and join the thread (unsent work stays in the outbox)."""
        self._stop.cancel()
        with self._lock:
            self._step_token.cancel()
            self._wake.set()
        # A push on the wire is let finish: its answer is worth recording, and the cache must not be closed under it.
        deadline = time.monotonic() + timeout
        for thread in self._threads():
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                log.warning("%s thread did not stop within %.0f s", thread.name, timeout)

    def _threads(self) -> list[threading.Thread]:
        return ([self._thread] if self._thread is not None else []) + list(self._pushers)

    # --- the thread -------------------------------------------------------------------------------------------

    def _run(self) -> None:
        backoff = self._min_backoff
        need_sync = True
        last_full = time.monotonic()
        if not self._safe_has_credentials():
            self._set_state("login_required")
            self._sleep(None)
        while not self._stop.cancelled:
            token = self._new_step(waiting=not need_sync)
            try:
                if need_sync:
                    self._set_state("syncing")
                    last_full = time.monotonic()
                    report = self._sync.sync_once(self._on_progress, token)
                else:
                    report = self._sync.wait_for_changes(self._wait_seconds, token)
            except Cancelled:
                with self._lock:
                    self._kicked = False  # this kick is served by the full step that follows
                need_sync = True  # a kick ended the wait (or stop: the loop condition ends it)
                continue
            except LoginRequired as exc:
                self._failed("login_required", exc)
                self._sleep(None)  # until the officer logs in again (kick) or the window closes
                need_sync = True
                continue
            except ClientTooOld as exc:
                self._failed("client_too_old", exc)
                self._sleep(self._too_old_recheck)
                need_sync = True
                continue
            except (Offline, ServerBusy) as exc:
                self._failed("offline", exc)
                retry_after = getattr(exc, "retry_after", None)
                self._sleep(max(float(retry_after), backoff) if retry_after else self._jitter(backoff))
                backoff = min(backoff * 2, self._max_backoff)
                need_sync = True
                continue
            except Exception as exc:  # a bug below us: keep the window alive, say so, retry slowly
                log.exception("sync step failed")
                self._failed("error", exc)
                self._sleep(self._jitter(backoff))
                backoff = min(backoff * 2, self._max_backoff)
                need_sync = True
                continue
            finally:
                with self._lock:
                    self._waiting = False
            backoff = self._min_backoff
            self._done(report)
            with self._lock:
                kicked, self._kicked = self._kicked, False
            made_progress = bool(report.pushed or report.pulled)
            since_full = time.monotonic() - last_full
            need_sync = (kicked or (need_sync and not report.in_step and made_progress)
                         or (report.unsent > 0 and since_full >= self._unsent_retry)
                         or since_full >= self._full_sync_every)

    def _push_now(self) -> None:
        try:
            report = self._sync.push(None, self._stop)
        except Exception as exc:  # offline, busy, login: the loop's next full step reports and retries
            log.info("prompt push did not go through: %s", type(exc).__name__)
            return
        if report.changed:
            self.itemsChanged.emit(sorted(report.changed))
        self.unsent, self.conflicts = report.unsent, report.open_conflicts
        self.stateChanged.emit(self.state, self.unsent, self.conflicts)

    def _new_step(self, waiting: bool) -> CancelToken:
        with self._lock:
            self._step_token = CancelToken()
            if self._stop.cancelled or (waiting and self._kicked):
                self._step_token.cancel()
            self._waiting = waiting
            return self._step_token

    def _done(self, report: SyncReport) -> None:
        if report.changed:
            changed = report.changed
            self.itemsChanged.emit(sorted(changed) if len(changed) <= MAX_LISTED_CHANGES else [])
        self.unsent, self.conflicts = report.unsent, report.open_conflicts
        self._set_state("online")

    def _failed(self, state: str, exc: BaseException) -> None:
        log.info("sync: %s (%s)", state, type(exc).__name__)
        self.errorOccurred.emit(exc)
        self._set_state(state)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.stateChanged.emit(state, self.unsent, self.conflicts)

    def _on_progress(self, progress: SyncProgress) -> None:
        self.progress.emit(progress.phase, int(progress.done), int(progress.total or 0))

    def _sleep(self, seconds: float | None) -> None:
        """Wait for `seconds` (None: until woken) unless kicked or stopped meanwhile."""
        with self._lock:  # kick() and stop() set the event under the same lock: no lost wake-up
            if self._kicked or self._stop.cancelled:
                self._kicked = False
                return
            self._wake.clear()
        self._wake.wait(seconds)
        with self._lock:
            self._kicked = False

    def _jitter(self, seconds: float) -> float:
        return seconds * random.uniform(0.5, 1.0)

    def _safe_has_credentials(self) -> bool:
        try:
            return self._sync.has_credentials()
        except Exception:
            log.exception("has_credentials failed")
            return True  # let sync_once say what is wrong
