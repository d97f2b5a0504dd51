"""Continuous sync: the one loop that keeps a cache in step, for the window and for `sync` without `--once`.

A full step (`sync_once`) first, then long polls (`wait_for_changes`) so new items show up within seconds, and
a full step again after a kick, now and then while actions stay unsent, and every few minutes for reference
data. One error policy for every front end:

- a transient failure (no network, a reset, a timeout, a body cut short, a garbled answer, a 5xx/429/503)
  is waited out with exponential backoff and full jitter, never shorter than the server's Retry-After;
- a login problem waits until the officer logs in again (`kick()`), a client too old re-checks hourly;
- anything else is a bug below us: logged with its traceback, reported, retried like a transient failure.

The loop blocks in `run()`; front ends run it on a thread of their own and hear about it through a
`SyncListener`, whose methods are called on that thread. `kick()` and `stop()` may be called from any thread.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol

from triage_desktop.core.entities import SyncProgress, SyncReport
from triage_desktop.core.errors import BadServerResponse, Cancelled, ClientTooOld, LoginRequired, Offline, ServerBusy
from triage_desktop.core.ports import CancelToken, SyncService
from triage_desktop.sync.backoff import Backoff

log = logging.getLogger(__name__)

TRANSIENT = (Offline, ServerBusy, BadServerResponse)
# What each failure makes of the loop's state; "error" is a bug, the rest are the world.
OFFLINE, LOGIN_REQUIRED, CLIENT_TOO_OLD, ERROR = "offline", "login_required", "client_too_old", "error"
SYNCING, ONLINE = "syncing", "online"


class SyncListener(Protocol):
    """What the loop tells its front end, on the loop's thread."""

    def state_changed(self, state: str) -> None: ...
    def step_done(self, report: SyncReport) -> None:
        """A full step or a long poll went through: the loop is online."""
    def pushed(self, report: SyncReport) -> None:
        """A prompt push beside a long poll went through (the state stays as it is)."""
    def progressed(self, progress: SyncProgress) -> None: ...
    def failed(self, state: str, error: BaseException, retry_in: float | None) -> None:
        """`retry_in`: seconds until the next try; None when it waits for the officer (login, kick)."""


class ContinuousSync:
    def __init__(self, sync: SyncService, listener: SyncListener, *, wait_seconds: int = 25,
                 min_backoff: float = 1.0, max_backoff: float = 60.0, too_old_recheck: float = 3600.0,
                 unsent_retry: float = 30.0, full_sync_every: float = 300.0) -> None:
        self._sync = sync
        self._listener = listener
        self._wait_seconds = wait_seconds
        self._backoff = Backoff(base=min_backoff, cap=max_backoff)
        self._too_old_recheck = too_old_recheck
        # Long polls only pull: unsent work left by a busy server, and reference data, need a full step now and then.
        self._unsent_retry = unsent_retry
        self._full_sync_every = full_sync_every
        self._stop = CancelToken()
        self._wake = threading.Event()  # interrupts waits (kick or stop)
        self._lock = threading.Lock()
        self._kicked = False
        self._waiting = False  # inside wait_for_changes: a kick cancels it
        self._step_token = CancelToken()
        self._pushers: list[threading.Thread] = []  # prompt pushes beside a long poll

    @property
    def stopped(self) -> bool:
        return self._stop.cancelled

    def kick(self) -> None:
        """Sync now: push what was just queued, or retry at once after an error or a new login."""
        with self._lock:
            self._kicked = True
            polling = self._waiting
            if polling:
                self._step_token.cancel()  # end the long poll; the next step is a full sync
            self._wake.set()
        if polling and not self._stop.cancelled:
            # Cancelling cuts the long poll's socket, but where a platform cannot interrupt a blocked read the
            # poll lasts until the server answers (up to `wait_seconds`). The officer's action must not wait
            # for that: the engine pushes under its own lock, beside the poll.
            pusher = threading.Thread(target=self._push_now, name="triage-push", daemon=True)
            with self._lock:
                self._pushers = [thread for thread in self._pushers if thread.is_alive()] + [pusher]
            pusher.start()

    def stop(self) -> None:
        """Cancel the running step; `run()` returns soon after (unsent work stays in the outbox)."""
        self._stop.cancel()
        with self._lock:
            self._step_token.cancel()
            self._wake.set()

    def helper_threads(self) -> list[threading.Thread]:
        """Prompt pushes still running; whoever closes the cache joins them first."""
        with self._lock:
            return [thread for thread in self._pushers if thread.is_alive()]

    # --- the loop -----------------------------------------------------------------------------------------

    def run(self) -> None:
        need_sync = True
        last_full = time.monotonic()
        if not self._has_credentials():
            self._listener.state_changed(LOGIN_REQUIRED)
            self._sleep(None)
        while not self._stop.cancelled:
            token = self._new_step(waiting=not need_sync)
            try:
                if need_sync:
                    self._listener.state_changed(SYNCING)
                    last_full = time.monotonic()
                    report = self._sync.sync_once(self._listener.progressed, token)
                else:
                    report = self._sync.wait_for_changes(self._wait_seconds, token)
            except Cancelled:
                with self._lock:
                    self._kicked = False  # this kick is served by the full step that follows
                need_sync = True  # a kick ended the wait (or stop: the loop condition ends it)
                continue
            except LoginRequired as exc:
                self._fail(LOGIN_REQUIRED, exc, None)
                need_sync = True
                continue
            except ClientTooOld as exc:
                self._fail(CLIENT_TOO_OLD, exc, self._too_old_recheck)
                need_sync = True
                continue
            except TRANSIENT as exc:
                self._fail(OFFLINE, exc, self._backoff.delay_for(exc))
                need_sync = True
                continue
            except Exception as exc:
                log.exception("sync step failed")
                self._fail(ERROR, exc, self._backoff.delay_for(exc))
                need_sync = True
                continue
            finally:
                with self._lock:
                    self._waiting = False
            self._backoff.reset()
            self._listener.step_done(report)
            with self._lock:
                kicked, self._kicked = self._kicked, False
            made_progress = bool(report.pushed or report.pulled)
            since_full = time.monotonic() - last_full
            # Unsent work seen after a long poll (left by a busy server, or queued by another process) gets a
            # full step; after a full step it waits for the next poll, so held work never spins the loop.
            need_sync = (kicked or (need_sync and not report.in_step and made_progress)
                         or (not need_sync and report.unsent > 0 and since_full >= self._unsent_retry)
                         or since_full >= self._full_sync_every)

    def _fail(self, state: str, error: BaseException, retry_in: float | None) -> None:
        log.info("sync: %s (%s)", state, type(error).__name__)
        self._listener.failed(state, error, retry_in)
        self._sleep(retry_in)

    def _push_now(self) -> None:
        try:
            report = self._sync.push(None, self._stop)
        except Exception as exc:  # offline, busy, login: the loop's next full step reports and retries
            log.info("prompt push did not go through: %s", type(exc).__name__)
            return
        self._listener.pushed(report)

    def _new_step(self, waiting: bool) -> CancelToken:
        with self._lock:
            self._step_token = CancelToken()
            if self._stop.cancelled or (waiting and self._kicked):
                self._step_token.cancel()
            self._waiting = waiting
            return self._step_token

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

    def _has_credentials(self) -> bool:
        try:
            return self._sync.has_credentials()
        except Exception:
            log.exception("has_credentials failed")
            return True  # let sync_once say what is wrong
