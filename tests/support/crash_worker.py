"""The program as the crash-safety test runs it in a subprocess, to be killed with SIGKILL at random moments.

    python tests/support/crash_worker.py PROFILE SERVER_URL SEED chaos|finish   (password on stdin)

It opens the profile's cache through the real storage layer, logs in through the real sync engine, prints
`READY`, and then (chaos) loops forever: queue a few actions through the same call the window and `act`
use, sync, push. After each queued action returns it prints `ACK <key> <type> <kind> <id> <body>` with
one write(2): from then on the officer has been told the action is kept, so it must never be lost. In
`finish` mode it syncs until in step and prints `DONE <unsent> <conflicts>`.

Imports only storage and sync (not Qt), so each restart costs as little as possible.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.support.keys import TEST_KEY
from triage_desktop.core.entities import OutboxAction
from triage_desktop.core.errors import ApiError, InvalidAction, NotFound, UserFacingError
from triage_desktop.storage.database import open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.auth import MemoryVault
from triage_desktop.sync.engine import SyncEngine
from triage_desktop.sync.http import ApiClient

USERNAME = "lanhdao"
PAGE_LIMIT = 15  # many small pages: many cursor commits to be killed between
NEXT_STATUS = {"new": ("acknowledge", {}), "acknowledged": ("set_status", {"status": "in_progress"}),
               "in_progress": ("set_status", {"status": "resolved"})}
OPEN_STATUSES = frozenset({"new", "acknowledged", "in_progress", "resolved"})


def say(*parts: object) -> None:
    os.write(1, ("\t".join(str(p) for p in parts) + "\n").encode("utf-8"))  # one syscall: whole or nothing


def queue_some(store: Store, workspace: LocalWorkspace, rng: random.Random, tag: str,
               counter: list[int]) -> Iterator[tuple[OutboxAction, str]]:
    """Queue one to six actions on random cached items; yields each one as soon as queueing returned."""
    items = [(raw["kind"], raw["id"]) for raw in store.export_raw()]
    for _ in range(rng.randint(1, 6) if items else 0):
        kind, item_id = rng.choice(items)
        item = workspace.item(kind, item_id)
        if item is None:
            continue
        counter[0] += 1
        roll, status, body = rng.random(), item.effective_status, ""
        if kind == "report" and status in OPEN_STATUSES and 0.6 <= roll < 0.8:
            action_type, fields = "set_priority", {"priority": rng.choice(("low", "normal", "high", "urgent"))}
        elif kind == "report" and status in NEXT_STATUS and roll >= 0.8:
            action_type, fields = NEXT_STATUS[status]
        else:  # a note never conflicts, and its unique body lets the test count how often it was applied
            body = f"crash-{tag}-{counter[0]}"
            action_type, fields = "note", {"body": body}
        try:
            action = workspace.queue_action(kind, item_id, action_type, fields)
        except (InvalidAction, NotFound):
            continue
        yield action, body


def main(argv: list[str]) -> int:
    profile, server_url, seed, mode = argv[1], argv[2], int(argv[3]), argv[4]
    password = sys.stdin.readline().rstrip("\r\n")
    # TRIAGE_TEST_PLAIN_CACHE: the plain-cache control run of the at-rest test (test_no_plaintext_at_rest).
    db = open_database(Path(profile), key=None if os.environ.get("TRIAGE_TEST_PLAIN_CACHE") else TEST_KEY)
    if db.recovered_from is not None:
        say("RECOVERED", db.recovered_from.name)
    store = Store(db)
    engine = SyncEngine(store, lambda url, auth: ApiClient(url, auth), MemoryVault(), page_limit=PAGE_LIMIT)
    engine.login(server_url, USERNAME, password)
    say("READY")
    if mode == "finish":
        for _ in range(20):
            report = engine.sync_once()
            if report.in_step:
                say("DONE", report.unsent, report.open_conflicts)
                return 0
        return 1
    rng = random.Random(seed)
    workspace = LocalWorkspace(store)
    counter = [0]
    while True:
        roll = rng.random()
        try:
            if roll < 0.45:
                for action, body in queue_some(store, workspace, rng, str(seed), counter):
                    say("ACK", action.idempotency_key, action.type, action.kind, action.aggregate_id, body)
            elif roll < 0.85:
                engine.sync_once()
            else:
                engine.push()
        except (UserFacingError, ApiError) as exc:  # a conflict-free run is not the point here; carry on
            say("ERR", type(exc).__name__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
