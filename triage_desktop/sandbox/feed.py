"""The change feed (central-api.md §5): snapshot pages, then the unit's change log, signed opaque cursors,
and long polling.

A cursor without `since` starts a snapshot: the feed position S at that moment is remembered, live
aggregates are paged in (kind, id) order, and then the log continues from S, so nothing that changed while
the snapshot was being read is lost. Cursors deliberately contain `+ / = &`: a client that forgets to
percent-encode them gets 410, not silently wrong data.
"""

from __future__ import annotations

import base64
import hmac
import json
import threading
import time
from dataclasses import dataclass

from triage_desktop.sandbox.rules import Problem
from triage_desktop.sandbox.store import Store

MAX_PAGE = 1000
DEFAULT_PAGE = 500
MAX_WAIT = 30
_PREFIX, _SUFFIX, _SIG = "c+", "&v=1", 16  # signature: 12 bytes → 16 base64 characters


class Signal:
    """Wakes long polls when anything changes (waiters re-check their own unit)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.generation = 0
        self.closed = False

    def notify(self) -> None:
        with self._cond:
            self.generation += 1
            self._cond.notify_all()

    def wait(self, generation: int, timeout: float) -> bool:
        """True when something changed after `generation`; False on timeout or when the server stops."""
        with self._cond:
            self._cond.wait_for(lambda: self.generation != generation or self.closed, timeout)
            return not self.closed and self.generation != generation

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    def reopen(self) -> None:
        with self._cond:
            self.closed = False


@dataclass(frozen=True)
class Page:
    changes: list[str]  # JSON text of each change, ready to be joined into the answer
    next: str
    more: bool

    def to_json(self) -> str:
        return f'{{"changes":[{",".join(self.changes)}],"next":{json.dumps(self.next)},"more":{str(self.more).lower()}}}'


def cursor_expired() -> Problem:
    return Problem(410, "cursor-expired", "con trỏ quá cũ hoặc không hợp lệ: đồng bộ lại từ đầu (bỏ since)")


class Feed:
    def __init__(self, store: Store, secret: bytes, signal: Signal) -> None:
        self.store, self.secret, self.signal = store, secret, signal

    # -- cursors ---------------------------------------------------------------------------------------
    def _epoch(self) -> int:
        return int(self.store.meta("cursor_epoch", "0") or 0)

    def encode(self, state: list[object]) -> str:
        payload = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        body = base64.b64encode(payload).decode("ascii")
        sig = base64.b64encode(hmac.digest(self.secret, payload, "sha256")[:12]).decode("ascii")
        return f"{_PREFIX}{body}/{sig}{_SUFFIX}"

    def decode(self, cursor: str, unit_id: str) -> list[object]:
        """The cursor's state, or 410 when it is foreign, garbled, from another unit or expired."""
        middle = cursor[len(_PREFIX):-len(_SUFFIX)] if cursor.startswith(_PREFIX) and cursor.endswith(_SUFFIX) else ""
        if len(middle) <= _SIG + 1 or middle[-_SIG - 1] != "/":
            raise cursor_expired()
        try:
            payload = base64.b64decode(middle[:-_SIG - 1], validate=True)
            sig = base64.b64decode(middle[-_SIG:], validate=True)
            state = json.loads(payload)
        except ValueError:
            raise cursor_expired() from None
        if not hmac.compare_digest(sig, hmac.digest(self.secret, payload, "sha256")[:12]):
            raise cursor_expired()
        if not isinstance(state, list) or len(state) < 4 or state[0] != self._epoch() or state[1] != unit_id:
            raise cursor_expired()
        return state

    # -- pages -----------------------------------------------------------------------------------------
    def page(self, unit_id: str, since: str | None, limit: int, wait: float) -> Page:
        deadline = time.monotonic() + wait
        while True:
            generation = self.signal.generation  # read before the query so no change slips between the two
            page = self._page(unit_id, since, limit)
            remaining = deadline - time.monotonic()
            if page.changes or page.more or remaining <= 0:
                return page
            if not self.signal.wait(generation, remaining):
                return page

    def _page(self, unit_id: str, since: str | None, limit: int) -> Page:
        epoch = self._epoch()
        if since is None:
            state: list[object] = [epoch, unit_id, "s", self.store.max_seq(), "", ""]
        else:
            state = self.decode(since, unit_id)
        changes: list[str] = []
        if state[2] == "s":
            _, _, _, start_seq, last_kind, last_id = state
            rows = self.store.snapshot_rows(unit_id, (str(last_kind), str(last_id)), limit + 1)
            for kind, item_id, version, data in rows[:limit]:
                changes.append(_change(kind, "upsert", item_id, version, data))
            if len(rows) > limit:
                last = rows[limit - 1]
                return Page(changes, self.encode([epoch, unit_id, "s", start_seq, last[0], last[1]]), True)
            state = [epoch, unit_id, "f", start_seq]  # snapshot done: continue with the log after S
        seq = int(state[3])  # type: ignore[call-overload]
        room = limit - len(changes)
        rows_f = self.store.change_rows(unit_id, seq, room + 1)
        for seq_, kind, item_id, op, version, logged in rows_f[:room]:
            changes.append(_change(kind, op, item_id, version, logged))
            seq = seq_
        return Page(changes, self.encode([epoch, unit_id, "f", seq]), len(rows_f) > room)


def _change(kind: str, op: str, item_id: str, version: int, data: str | None) -> str:
    head = f'{{"kind":{json.dumps(kind)},"op":{json.dumps(op)},"id":{json.dumps(item_id)},"version":{int(version)}'
    return head + (f',"data":{data}}}' if op == "upsert" and data is not None else "}")

