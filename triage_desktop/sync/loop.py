"""Continuous sync: the one loop that keeps a cache in step, for the window and for `sync` without `--once`.

A full step (`sync_once`) first, then long polls (`wait_for_changes`) so new items show up within seconds, and
a full step again after a kick, now and then while actions stay unsent, and every few minutes for reference
data. One error policy for every front end:

- a transient failure (no network, a reset, a timeout, a body cut short, a garbled answer, a 5xx/429/503)
  is waited out with exponential backoff and full jitter, never shorter than the server's Retry-After;
- a login problem waits until the officer logs in again (`kick()`), a client too old re-checks hourly;
- a server certificate that cannot be verified is its own state ("certificate", not "offline": IT must look),
  retried with the same backoff in case IT fixes it; a stored plain-http server address needs a new login;
- anything else is a bug below us: logged with its traceback, reported, retried like a transient failure.

The thread that runs the loop is the front end's one network lane (docs/threading.md): besides the sync
steps it runs the one-off calls handed to `submit()` (login, logout, an attachment), between steps. A kick or
a submitted call breaks off a long poll at once (sync/abortable.py cuts its socket); a full step is let finish,
except that a call submitted `between_pages` (a read, such as an attachment) runs after the page in flight:
an officer opening a photo does not wait for a first sync of the whole province.

`run()` syncs at once (the CLI); `serve()` runs submitted calls only until `start_syncing()` (the window,
before the officer is logged in). Either blocks until `stop()`; front ends run it on a thread of their own and
hear about it through a `SyncListener`, whose methods are called on that thread. `kick()`, `submit()`,
`start_syncing()` and `stop()` may be called from any thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol

from triage_desktop.core.entities import SyncProgress, SyncReport
from triage_desktop.core.errors import (
    BadServerResponse,
    Cancelled,
    CertificateUntrusted,
    ClientTooOld,
    InsecureServer,
    LoginRequired,
    Offline,
    ServerBusy,
)
from triage_desktop.core.ports import CancelToken, SyncService
from triage_desktop.sync.backoff import Backoff

log = logging.getLogger(__name__)

TRANSIENT = (Offline, ServerBusy, BadServerResponse)
# What each failure makes of the loop's state; "error" is a bug, the rest are the world.
OFFLINE, LOGIN_REQUIRED, CLIENT_TOO_OLD, ERROR = "offline", "login_required", "client_too_old", "error"
CERTIFICATE = "certificate"
SYNCING, ONLINE = "syncing", "online"


@dataclass(frozen=True, slots=True)
class _Job:
    future: Future[Any]
    call: Callable[[], Any]
    between_pages: bool  # a read that may run inside a full step, between two pages


class SyncListener(Protocol):
    """What the loop tells its front end, on the loop's thread."""

    def state_changed(self, state: str) -> None: ...
    def step_done(self, report: SyncReport) -> None:
        """A full step or a long poll went through: the loop is online."""
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
        # One lock for everything other threads touch (the flags, the job queue, the step's token), and one
        # event that wakes the loop's waits; kick/submit/stop set it under the lock, so no wake-up is lost.
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._kicked = False
        self._syncing = False  # false while serve() only runs submitted calls
        self._waiting = False  # inside wait_for_changes: a kick or a submitted call cancels it
        self._step_token = CancelToken()
        self._jobs: deque[_Job] = deque()

    @property
    def stopped(self) -> bool:
        return self._stop.cancelled

    def kick(self) -> None:
        """Sync now: push what was just queued, or retry at once after an error or a new login.

        A long poll on the wire is broken off and a full step follows; a kick during a full step makes
        another full step follow it. Kicks never pile up: many kicks before the loop looks make one step.
        """
        with self._lock:
            self._kicked = True
            self._interrupt_poll()

    def submit[T](self, call: Callable[[], T], *, between_pages: bool = False) -> Future[T]:
        """Run `call` on the loop's thread between steps; a long poll in progress is broken off for it (and
        resumed after). `between_pages`: the call only reads (an attachment), so it may also run between two
        pages of a full step. The future is cancelled, not run, when the loop stops first."""
        future: Future[T] = Future()
        with self._lock:
            if self._stop.cancelled:
                future.cancel()
                return future
            self._jobs.append(_Job(future, call, between_pages))
            self._interrupt_poll()
        return future

    def start_syncing(self) -> None:
        """Leave serve()'s calls-only mode: sync from now on."""
        with self._lock:
            self._syncing = True
            self._wake.set()

    def stop(self) -> None:
        """Cancel the running step; `run()` returns soon after (unsent work stays in the outbox, calls not yet
        started are cancelled)."""
        self._stop.cancel()
        with self._lock:
            self._step_token.cancel()
            self._wake.set()

    def _interrupt_poll(self) -> None:
        """Under the lock: wake the loop, and end a long poll (its socket is cut at once)."""
        if self._waiting:
            self._step_token.cancel()
        self._wake.set()

    # --- the loop -----------------------------------------------------------------------------------------

    def run(self) -> None:
        """Sync until stop()."""
        with self._lock:
            self._syncing = True
        try:
            self._sync_until_stopped()
        finally:
            self._cancel_jobs()

    def serve(self) -> None:
        """Run submitted calls until start_syncing(), then sync as run() does; until stop()."""
        try:
            self._serve_calls()
            if not self._stop.cancelled:
                self._sync_until_stopped()
        finally:
            self._cancel_jobs()

    def _serve_calls(self) -> None:
        while True:
            self._run_jobs()
            with self._lock:
                if self._stop.cancelled or self._syncing:
                    return
                if self._jobs:
                    continue
                self._wake.clear()
            self._wake.wait()

    def _sync_until_stopped(self) -> None:
        need_sync = True
        last_full = time.monotonic()
        self._run_jobs()
        if not self._has_credentials():
            self._listener.state_changed(LOGIN_REQUIRED)
            self._sleep(None)
        while not self._stop.cancelled:
            self._run_jobs()
            token = self._new_step(waiting=not need_sync)
            try:
                if need_sync:
                    self._listener.state_changed(SYNCING)
                    last_full = time.monotonic()
                    report = self._sync.sync_once(self._progressed, token)
                else:
                    report = self._sync.wait_for_changes(self._wait_seconds, token)
            except Cancelled:
                with self._lock:
                    kicked, self._kicked = self._kicked, False
                # A kick is served by the full step that follows (stop: the loop condition ends it); a poll
                # broken off only for a submitted call is taken up again after it.
                need_sync = need_sync or kicked
                continue
            except (LoginRequired, InsecureServer) as exc:  # an old profile's http:// server: log in to https
                self._fail(LOGIN_REQUIRED, exc, None)
                need_sync = True
                continue
            except ClientTooOld as exc:
                self._fail(CLIENT_TOO_OLD, exc, self._too_old_recheck)
                need_sync = True
                continue
            except CertificateUntrusted as exc:
                self._fail(CERTIFICATE, exc, self._backoff.delay_for(exc))
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

    def _new_step(self, waiting: bool) -> CancelToken:
        with self._lock:
            self._step_token = CancelToken()
            if self._stop.cancelled or (waiting and (self._kicked or self._jobs)):
                self._step_token.cancel()
            self._waiting = waiting
            return self._step_token

    def _sleep(self, seconds: float | None) -> None:
        """Wait for `seconds` (None: until kicked) unless kicked or stopped meanwhile; calls submitted meanwhile
        run at once, and the wait goes on after them."""
        deadline = None if seconds is None else time.monotonic() + seconds
        while True:
            self._run_jobs()
            with self._lock:
                if self._kicked or self._stop.cancelled:
                    self._kicked = False
                    return
                if self._jobs:
                    continue
                self._wake.clear()
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return
            self._wake.wait(left)

    def _progressed(self, progress: SyncProgress) -> None:
        """Between two pages of a full step: tell the front end, then run the reads waiting for the lane."""
        self._listener.progressed(progress)
        self._run_jobs(between_pages=True)

    def _run_jobs(self, between_pages: bool = False) -> None:
        """Run the queued calls in order; `between_pages`: only those that may run inside a full step."""
        while True:
            with self._lock:
                if self._stop.cancelled:
                    return
                job = next((j for j in self._jobs if j.between_pages or not between_pages), None)
                if job is None:
                    return
                self._jobs.remove(job)
            if not job.future.set_running_or_notify_cancel():
                continue
            try:
                result = job.call()
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the future, as executors do
                job.future.set_exception(exc)
            else:
                job.future.set_result(result)

    def _cancel_jobs(self) -> None:
        """The loop is ending (stopped, or a bug escaped it): calls queued now or later are cancelled, not lost
        in a queue nobody serves."""
        self._stop.cancel()
        with self._lock:
            jobs, self._jobs = list(self._jobs), deque()
        for job in jobs:
            job.future.cancel()

    def _has_credentials(self) -> bool:
        try:
            return self._sync.has_credentials()
        except Exception:
            log.exception("has_credentials failed")
            return True  # let sync_once say what is wrong
