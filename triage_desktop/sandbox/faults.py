"""Fault mode: the sandbox misbehaves on purpose, the way a provincial server and a ward's network do.

At `rate` (0..1), each HTTP request gets one fault, drawn from a seeded random generator:

- `http_500`: 500 before anything is done;
- `http_503`, `http_429`: busy, with a small `Retry-After`, before anything is done;
- `slow`: the request is done, then the answer is held past the client's read timeout;
- `reset`: the request is done, the headers and part of the body leave, then a TCP reset;
- `truncated`: the request is done, status 200-or-whatever with a Content-Length the body never reaches,
  then the connection closes;
- `lost_after_commit`: a POST is done and committed (an action applied, an upload stored), then the line
  drops before a byte of the answer leaves.

Only HTTP requests are faulted: the test hooks (`server_act`, `add_report`, …) never pass through here.
`/auth/refresh` gets only the faults that come before the work: the sandbox rotates refresh tokens strictly,
so an answer lost after a rotation is a revoked login (tested on its own), not a transport fault.

The draws are deterministic for a seed; which request gets which draw follows the order requests arrive in.
"""

from __future__ import annotations

import os
import random
import threading
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from triage_desktop.sandbox.api import Request, Response, problem_response
from triage_desktop.sandbox.rules import Problem
from triage_desktop.sandbox.wire import Cut

if TYPE_CHECKING:
    from triage_desktop.sandbox.wire import Handler

BEFORE = ("http_500", "http_503", "http_429")  # answered instead of doing the work
AFTER = ("slow", "reset", "truncated")  # the work is done, the answer suffers
LOST = "lost_after_commit"  # POST only: the work is committed, the answer never leaves
FAULTS = (*BEFORE, *AFTER, LOST)

_BEFORE_PROBLEMS = {500: ("internal", "lỗi giả lập (chế độ lỗi)"),
                    503: ("service-unavailable", "máy chủ đang bận (chế độ lỗi)"),
                    429: ("too-many-requests", "quá nhiều yêu cầu (chế độ lỗi)")}
# The client's read timeout comes from this variable (default 30 s); a slow answer must outlast it.
READ_TIMEOUT_ENV = "TRIAGE_READ_TIMEOUT"
_CLIENT_READ_TIMEOUT = 30.0
_SLOW_MARGIN = 0.5


def default_slow_seconds() -> float:
    """A bit over the client's read timeout (TRIAGE_READ_TIMEOUT when set, as the client reads it)."""
    try:
        read = float(os.environ.get(READ_TIMEOUT_ENV, "") or _CLIENT_READ_TIMEOUT)
    except ValueError:
        read = _CLIENT_READ_TIMEOUT
    return max(read, 0.0) + _SLOW_MARGIN


def check_rate(rate: float) -> float:
    rate = float(rate)
    if not 0.0 <= rate <= 1.0:  # also refuses NaN
        raise ValueError(f"fault rate must be between 0 and 1, not {rate}")
    return rate


class FaultInjector:
    """A `wire.FaultHook`. Thread-safe: handler threads draw under one lock."""

    def __init__(self, rate: float = 0.0, seed: int | None = None, slow_seconds: float | None = None,
                 retry_after: int = 1, kinds: Iterable[str] = FAULTS) -> None:
        self.rate = check_rate(rate)
        self.slow_seconds = default_slow_seconds() if slow_seconds is None else float(slow_seconds)
        self.retry_after = int(retry_after)
        self.kinds = self._check_kinds(kinds)
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._planned: dict[int, tuple[str, float]] = {}  # id(request) → (fault, cut point) for on_response
        self._released = threading.Event()  # set while the server stops: held answers go at once

    @staticmethod
    def _check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
        chosen = tuple(kinds)
        unknown = set(chosen) - set(FAULTS)
        if unknown or not chosen:
            raise ValueError(f"fault kinds must be some of {FAULTS}, not {sorted(unknown) or 'none'}")
        return chosen

    def configure(self, rate: float, kinds: Iterable[str] | None = None) -> None:
        with self._lock:
            self.rate = check_rate(rate)
            if kinds is not None:
                self.kinds = self._check_kinds(kinds)

    def counts(self) -> dict[str, int]:
        """Faults injected so far, by name (every name present, 0 when none)."""
        with self._lock:
            return {name: self._counts[name] for name in FAULTS}

    def release(self) -> None:
        """The server is stopping: let held answers go now, so their threads can be joined."""
        self._released.set()

    def resume(self) -> None:
        self._released.clear()

    # -- the hook ------------------------------------------------------------------------------------

    def on_request(self, handler: Handler, request: Request) -> Response | None:
        fault = self._draw(request)
        if fault is None:
            return None
        name, keep = fault
        if name in BEFORE:
            self._count(name)
            status = int(name.removeprefix("http_"))
            problem, detail = _BEFORE_PROBLEMS[status]
            extra = {"retry_after": self.retry_after} if status != 500 else {}
            return problem_response(Problem(status, problem, detail, **extra))
        with self._lock:
            self._planned[id(request)] = (name, keep)
        return None

    def on_response(self, handler: Handler, request: Request, response: Response) -> Response | Cut | None:
        with self._lock:
            planned = self._planned.pop(id(request), None)
        if planned is None:
            return None
        name, keep = planned
        self._count(name)
        if name == "slow":
            self._released.wait(self.slow_seconds)  # the work is done; the answer leaves too late
            return None
        modes: dict[str, Literal["lost", "short", "reset"]] = {"reset": "reset", "truncated": "short", LOST: "lost"}
        return Cut(response, modes[name], keep)

    # -- plumbing ------------------------------------------------------------------------------------

    def _draw(self, request: Request) -> tuple[str, float] | None:
        choices = [k for k in self.kinds if self._applies(k, request)]
        with self._lock:
            if not choices or self._rng.random() >= self.rate:
                return None
            return self._rng.choice(choices), self._rng.uniform(0.1, 0.9)

    @staticmethod
    def _applies(kind: str, request: Request) -> bool:
        if request.path == "/auth/refresh":
            return kind in BEFORE
        if kind == LOST:
            return request.method == "POST"
        return True

    def _count(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1
