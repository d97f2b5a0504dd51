"""What the ward's record (issue 13) counts of each cached aggregate: a narrow row per item in `record_facts`.

Read from the server's copy only (never the officer's unsent actions: the record is what happened), with the
fields and event types of central-api.md §4. Kept here at every write of an aggregate, and removed with it by a
trigger of r0008, so the dashboard reads two covering indexes of one narrow table instead of a million JSON
documents. `settled_at` is when the item's work ended, done (its result ready, resolved) or stopped (refused,
suspended): core.record tells the two apart by the status.

Items that leave the feed (§5 `op: "delete"`: a dossier withdrawn by the citizen, a report transferred to
another unit or merged into another) are dropped from the cache, and the r0008 trigger drops their facts with
them: the record never counts them, and a closed period's "Tiếp nhận trong kỳ" drops when one leaves later.

Rule: migration r0008 fills the table by calling this module's `facts` as it is at the time it runs, not a
copy frozen with the migration. So any later change to what `facts` computes (or to SETTLED/STOPPED, which it
reads) ships with a new migration that recomputes every row from the stored JSON; else the caches migrated
before the change keep the old facts for every item not written again since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from triage_desktop.core import fields
from triage_desktop.core.vocabulary import CLOCK_STOPPED, KINDS, LEAVE_THE_FEED
from triage_desktop.storage.rows import text_or_none, utc_iso
from triage_desktop.storage.schema import RECORD_FACTS

# The statuses in which an item's work is done; the others in which its deadline stopped (vocabulary.
# CLOCK_STOPPED) are those in which it stopped without being done (refused at intake or later, suspended), but
# for the statuses of items that leave the feed (module docstring), never found in the cache.
SETTLED = {"report": frozenset({"resolved", "closed"}), "dossier": frozenset({"resolved", "returned"})}
STOPPED: dict[str, frozenset[str]] = {kind: CLOCK_STOPPED[kind] - SETTLED[kind] - LEAVE_THE_FEED[kind] for kind in KINDS}
_PAUSING_EVENTS = frozenset({"supplement_requested", "fee_requested"})
# Events that move an item into its final state (§4 event types; set_status may also say it as status_changed).
_ENDING_EVENTS = frozenset({"resolved", "result_returned", "rejected", "suspended"})


def facts(kind: str, item_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The `record_facts` row of one aggregate (kind, id and the server's JSON)."""
    events = [e for e in data.get("events") or () if isinstance(e, Mapping)]
    status = fields.text(data, "status")
    paused_days = data.get("paused_working_days")
    return {
        "kind": kind, "id": item_id, "status": status,
        "category": fields.category(kind, data) or None,
        "assignee_id": text_or_none(data.get("assignee_id")),
        # A dossier's clock starts at reception (§4 received_at); a report's when the citizen sent it.
        "received_at": utc_iso(data.get("received_at" if kind == "dossier" else "submitted_at")),
        "due_at": utc_iso(fields.due_at(data)),
        "settled_at": _settled_at(kind, status, data, events),
        "responded_at": _first_response(events),
        "extended": sum(1 for e in events if e.get("type") == "extended"),
        "paused": int(_was_paused(paused_days, events)),
    }


def _settled_at(kind: str, status: str, data: Mapping[str, Any], events: list[Mapping[str, Any]]) -> str | None:
    """When the item's work ended, if it has ended now: done (resolved, returned, closed) or stopped (refused,
    suspended).

    The moment it first reached its final stretch: a dossier is settled when its result is ready (`resolved`),
    not when the applicant comes for it (`result_returned`, later), and a report when it is resolved, not when
    it is closed; a reopened report starts again (its later resolution counts). A stopped item's moment keeps
    it out of the periods after it stopped.
    """
    ended = SETTLED.get(kind, frozenset()) | STOPPED.get(kind, frozenset())
    if status not in ended:
        return None
    since: str | None = None
    for event in events:  # §4: ordered by `at`
        event_type = event.get("type")
        details = event.get("data")
        moved_to = details.get("to") if isinstance(details, Mapping) else None
        if event_type in _ENDING_EVENTS or (event_type == "status_changed" and moved_to in ended):
            since = since or utc_iso(event.get("at"))
        elif event_type == "status_changed" and isinstance(moved_to, str):
            since = None  # reopened (resolved → in_progress): not ended any more
    if since is not None:
        return since
    # No such event in the timeline (a server that trims it): the field §4 names for the end, else the last
    # change, which came at or after the end.
    return (utc_iso(data.get("returned_at" if kind == "dossier" else "closed_at"))
            or utc_iso(data.get("updated_at")))


def _first_response(events: list[Mapping[str, Any]]) -> str | None:
    """The first thing staff showed the citizen (acknowledgement, reply, status change…); notes are internal."""
    for event in events:
        if event.get("author_id") and event.get("visibility") == "public":
            at = utc_iso(event.get("at"))
            if at is not None:
                return at
    return None


def _was_paused(paused_days: Any, events: list[Mapping[str, Any]]) -> bool:
    counted = isinstance(paused_days, int | float) and not isinstance(paused_days, bool) and paused_days > 0
    return counted or any(e.get("type") in _PAUSING_EVENTS for e in events)


def write(conn: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
    """Upsert facts rows (from `facts`) inside the caller's transaction."""
    batch = list(rows)
    if not batch:
        return
    statement = sqlite_insert(RECORD_FACTS)
    statement = statement.on_conflict_do_update(
        index_elements=[RECORD_FACTS.c.kind, RECORD_FACTS.c.id],
        set_={name: statement.excluded[name] for name in batch[0] if name not in ("kind", "id")})
    conn.execute(statement, batch)
