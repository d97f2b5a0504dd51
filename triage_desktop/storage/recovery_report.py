"""What a salvage of a damaged cache did and did not recover, kept in the fresh cache's sync_state ("recovery").

The front ends read it through `Database.recovery` to tell the officer exactly what happened, e.g. "kept 20 unsent
actions; 3 not found". Ids are outbox local ids (1, 2, 3… in creation order, never reused).

A missing id is not necessarily a lost action: rows leave the outbox when the server accepts them (or the officer
discards them), so the ids of actions already sent are gaps too. `outbox_intact` tells the two apart where the
file allows: when the outbox table could be read whole, every gap was sent or discarded before the damage, and
nothing was lost; otherwise a gap may be an action that could not be read.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

METHODS = ("plain", "recover-cli", "pages")  # plain sqlite3, the sqlite3 tool's .recover, our page reader


@dataclass
class RecoveryReport:
    reason: str = ""  # why the file counted as damaged (quick_check's words, "notadb", "wal: …")
    readable: bool = False  # plain SQLite could open the damaged file at all
    outbox_intact: bool = False  # the outbox table was read whole: a missing id was sent or discarded, not lost
    kept: int = 0  # actions put into the fresh cache
    found: dict[str, int] = field(default_factory=dict)  # method -> usable actions it found
    kept_from: dict[str, int] = field(default_factory=dict)  # method -> actions whose copy was kept from it
    recovered_ids: list[int] = field(default_factory=list)
    not_found: list[list[int]] = field(default_factory=list)  # [first, last] ranges of ids between 1 and highest_id
    highest_id: int | None = None
    highest_from: str = ""  # "sqlite_sequence" (the file's own counter) or "rows" (the highest id seen)
    unreadable: int = 0  # rows seen but not usable as actions
    without_author: int = 0  # kept actions whose author could not be read: held, never sent under a guess
    cli: str = ""  # what became of `sqlite3 .recover`: used, not installed, not needed, failed: …, timed out
    notes: list[str] = field(default_factory=list)

    @property
    def not_found_ids(self) -> list[int]:
        return [i for first, last in self.not_found for i in range(first, last + 1)]

    @property
    def not_found_count(self) -> int:
        return sum(last - first + 1 for first, last in self.not_found)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | None) -> RecoveryReport | None:
        try:
            data = json.loads(text or "")
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**known)
        except TypeError:
            return None

    def summary(self) -> str:
        """One line for the log and for support."""
        methods = ", ".join(f"{m} {self.found.get(m, 0)}" for m in METHODS)
        gaps = _ranges_text(self.not_found)
        verdict = ("the outbox was read whole, so these were sent or discarded before the damage"
                   if self.outbox_intact else "these were sent before the damage or could not be read")
        return (f"kept {self.kept} unsent actions ({methods}); ids not found: {gaps or 'none'}"
                f"{f' ({verdict})' if gaps else ''}; {self.unreadable} unreadable; sqlite3 .recover: {self.cli}")


def ranges(ids: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for i in sorted(set(ids)):
        if out and out[-1][1] == i - 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


def _ranges_text(spans: list[list[int]]) -> str:
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)

