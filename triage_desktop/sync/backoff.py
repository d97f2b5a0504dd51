"""How long to wait before the next sync attempt after a transport failure or a busy server (§9).

Exponential backoff with full jitter (AWS architecture blog): the n-th failure waits a uniform random time
in [0, min(cap, base·2ⁿ)], so many offices coming back online at once do not retry in lockstep. A server's
Retry-After is a floor: never ask earlier than it said.
"""

from __future__ import annotations

import random

from triage_desktop.core.errors import ServerBusy


class Backoff:
    def __init__(self, base: float = 1.0, cap: float = 60.0, rng: random.Random | None = None) -> None:
        self.base = base
        self.cap = cap
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self, retry_after: float | None = None) -> float:
        """Count one more failure and return the seconds to wait before trying again."""
        ceiling = min(self.cap, self.base * (2 ** min(self.failures, 32)))
        self.failures += 1
        delay = self._rng.uniform(0, ceiling)
        if retry_after is not None and retry_after > delay:
            delay = min(retry_after, 24 * 3600.0)  # a silly Retry-After must not park the client for ever
        return delay

    def delay_for(self, error: BaseException) -> float:
        """next_delay, honouring the Retry-After a ServerBusy carries."""
        return self.next_delay(error.retry_after if isinstance(error, ServerBusy) else None)

    def reset(self) -> None:
        """After a success the next failure starts from `base` again."""
        self.failures = 0
