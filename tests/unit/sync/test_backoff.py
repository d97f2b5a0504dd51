"""Backoff: full jitter under an exponential ceiling, capped, with Retry-After as a floor."""

from __future__ import annotations

import random

from triage_desktop.core.errors import Offline, ServerBusy
from triage_desktop.sync.backoff import Backoff


def test_delays_stay_under_a_doubling_ceiling_and_the_cap() -> None:
    backoff = Backoff(base=1, cap=60, rng=random.Random(4))
    ceilings = [1, 2, 4, 8, 16, 32, 60, 60, 60]
    delays = [backoff.next_delay() for _ in ceilings]
    assert all(0 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len(set(delays)) == len(delays)  # jittered, not lockstep


def test_retry_after_is_a_floor() -> None:
    backoff = Backoff(rng=random.Random(1))
    assert backoff.delay_for(ServerBusy("503", retry_after=45)) >= 45
    assert backoff.delay_for(Offline()) <= 4


def test_reset_starts_over() -> None:
    backoff = Backoff(base=1, cap=60, rng=random.Random(2))
    for _ in range(10):
        backoff.next_delay()
    backoff.reset()
    assert backoff.next_delay() <= 1
