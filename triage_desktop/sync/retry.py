"""Bounded retries for one-shot runs (`sync --once`, `login`): ride out a flaky server or line.

The window's sync controller retries for as long as the window is open; a one-shot command needs a bounded
version of the same: a transient failure (a reset, a timeout, a body cut short, a 5xx, a 429/503) waits with
exponential backoff and full jitter, never less than the server's Retry-After, then tries again. Every sync
attempt keeps what the previous ones committed (pages, answered actions), and unsent actions go out again
with their own Idempotency-Keys, so retrying is always safe; so is logging in again.

The bound counts attempts in a row that got nowhere: a sync attempt that pulled changes or got answers
for actions before it failed starts the count (and the backoff) afresh, so a long outbox goes out through
a flaky server, while a server that keeps failing is given up on after a few tries.

Not retried: a server that cannot be reached at all (no point hammering a cable that is out), a TLS
problem, a login or version problem, and any final answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from triage_desktop.core.entities import SyncProgress, SyncReport
from triage_desktop.core.errors import BadServerResponse, Cancelled, Offline, ServerBusy
from triage_desktop.core.ports import CancelToken, ProgressCallback, SyncService
from triage_desktop.sync.backoff import Backoff
from triage_desktop.sync.http import CertificateProblem, Unreachable

log = logging.getLogger(__name__)

ATTEMPTS = 6  # in a row without progress
MAX_ATTEMPTS = 100  # in all, whatever the progress: a one-shot run always ends
BASE_DELAY = 0.5
MAX_DELAY = 30.0  # a longer Retry-After means "come back later": a one-shot run gives up instead


def with_retries[T](call: Callable[[], T], *, attempts: int = ATTEMPTS, max_attempts: int = MAX_ATTEMPTS,
                    backoff: Backoff | None = None, max_delay: float = MAX_DELAY,
                    sleep: Callable[[float], None] = time.sleep, cancel: CancelToken | None = None,
                    progressed: Callable[[], bool] = lambda: False) -> T:
    """`call()`, retried on transient failures; the last failure is raised after `attempts` failures in a row
    without progress (as `progressed()` tells after each failure) or `max_attempts` in all."""
    backoff = backoff or Backoff(base=BASE_DELAY, cap=MAX_DELAY)
    idle = total = 0
    while True:
        total += 1
        try:
            return call()
        except (Unreachable, CertificateProblem):
            raise
        except (Offline, ServerBusy, BadServerResponse) as exc:
            if progressed():
                idle = 0
                backoff.reset()
            idle += 1
            delay = backoff.delay_for(exc)
            if idle >= attempts or total >= max_attempts or delay > max_delay:
                raise
            log.info("attempt %d failed (%s); again in %.1f s", total, exc.code, delay)
        if cancel is not None:
            if cancel.wait(delay):
                raise Cancelled()
        else:
            sleep(delay)


def sync_until_in_step(sync: SyncService, *, attempts: int = ATTEMPTS, max_attempts: int = MAX_ATTEMPTS,
                       backoff: Backoff | None = None, max_delay: float = MAX_DELAY,
                       sleep: Callable[[float], None] = time.sleep, progress: ProgressCallback | None = None,
                       cancel: CancelToken | None = None) -> SyncReport:
    """Pull and push until in step: `sync.sync_once`, retried on transient failures (see `with_retries`)."""
    moved = False

    def watch(step: SyncProgress) -> None:
        nonlocal moved
        moved = moved or (step.phase in ("pull", "push") and step.done > 0)  # changes applied, actions answered
        if progress is not None:
            progress(step)

    def once() -> SyncReport:
        nonlocal moved
        moved = False
        return sync.sync_once(watch, cancel)

    return with_retries(once, attempts=attempts, max_attempts=max_attempts, backoff=backoff, max_delay=max_delay,
                        sleep=sleep, cancel=cancel, progressed=lambda: moved)
