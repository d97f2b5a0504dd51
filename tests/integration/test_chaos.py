"""Chaos convergence (issue 3): two officers' clients against a sandbox that faults 30% of HTTP requests.

Both officers queue a seeded random mix of actions on the same items while a colleague and the citizens
change those items on the server; sync attempts fail whenever a fault hits. Then the faults stop and both
sync quietly. After that, each cache must equal the server, and every action either was applied exactly
once (the sandbox's idempotency ledger, and each note's unique text counted on the server) or is shown in
its officer's outbox as a conflict or failure — none lost, none twice.

`make test` runs a short version; `make soak` a long one that prints its figures.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from triage_desktop.core import vocabulary as v
from triage_desktop.core.entities import ActionState, OutboxAction
from triage_desktop.core.errors import ApiError, BadServerResponse, InvalidAction, NotFound, Offline, ServerBusy
from triage_desktop.sandbox import seed as seeding
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.services import Services, build_services

PASSWORD = "demo123"
TRANSIENT = (Offline, ServerBusy, BadServerResponse)
READ_TIMEOUT = 0.5  # the clients' read timeout here; a "slow" fault holds its answer longer
SLOW_SECONDS = 0.8
OFFICERS = ("lanhdao", "canbo1")  # the ward's leader and one officer: same unit, same items
MEMBERS = [u[0] for u in seeding.USERS if u[3] == seeding.HOME_UNIT]
SHOWN = (ActionState.CONFLICT, ActionState.FAILED)


@dataclass
class Officer:
    username: str
    services: Services
    user_id: str = ""
    queued: list[OutboxAction] = field(default_factory=list)
    superseded: set[str] = field(default_factory=set)  # keys of conflicts the officer re-applied (new key)
    tokens: dict[str, str] = field(default_factory=dict)  # key → the unique text of a note/reply


@dataclass
class Figures:
    actions: int = 0
    server_changes: int = 0
    sync_attempts: int = 0
    failed_attempts: int = 0
    reapplied: int = 0
    applied: int = 0
    shown: int = 0
    shown_by_status: Counter[int] = field(default_factory=Counter)  # 412, 409, 404, 403, 422…
    lost: int = 0
    twice: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    unsent_at_quiet: int = 0  # actions still unsent when the faults stopped
    convergence_seconds: float = 0.0
    quiet_rounds: int = 0

    def summary(self) -> str:
        faults = ", ".join(f"{name} {n}" for name, n in self.faults.items())
        return (f"chaos: {self.actions} actions queued ({self.reapplied} re-applied after a conflict), "
                f"{self.server_changes} server-side changes, {self.sync_attempts} sync attempts "
                f"({self.failed_attempts} failed); faults injected {sum(self.faults.values())} ({faults}); "
                f"applied once {self.applied}, shown as conflict/failed {self.shown} "
                f"({', '.join(f'{k}: {n}' for k, n in sorted(self.shown_by_status.items()))}), lost {self.lost}, "
                f"applied twice {self.twice}; {self.unsent_at_quiet} unsent when the faults stopped, "
                f"converged in {self.convergence_seconds:.2f} s ({self.quiet_rounds} quiet rounds)")


def by_key(items: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {(raw["kind"], raw["id"]): raw for raw in items}


def log_in(officer: Officer, server: SandboxServer) -> None:
    """The officer types the password until the flaky server lets them in."""
    for _ in range(100):
        try:
            officer.user_id = officer.services.sync.login(server.url, officer.username, PASSWORD).id
            return
        except TRANSIENT:
            continue
    raise AssertionError("could not log in through the faults")


# -- what the officers do ---------------------------------------------------------------------------------

def status_targets(kind: str, status: str) -> list[str]:
    return sorted(v.MOVES[kind].get(status, frozenset()) & v.SET_STATUS_TARGETS[kind])


def random_action(officer: Officer, rng: random.Random, kind: str, status: str) -> tuple[str, dict[str, Any]]:
    """A plausible action for the item as the officer sees it (their unsent status changes included)."""
    choices = ["note", "note", "assign", "set_status", "set_status"]
    if kind == "report":
        choices += ["reply", "set_priority", "set_priority"]
    if status in v.NEW_STATUSES[kind]:
        choices.append("acknowledge")
    action = rng.choice(choices)
    if action in ("note", "reply"):
        return action, {"body": f"{officer.username} {action} {uuid.uuid4().hex[:12]}: đã kiểm tra hiện trường"}
    if action == "assign":
        leader = officer.username == "lanhdao"
        return action, {"assignee_id": rng.choice(MEMBERS) if leader else officer.user_id}
    if action == "set_priority":
        return action, {"priority": rng.choice(v.PRIORITIES)}
    if action == "set_status":
        targets = status_targets(kind, status)
        if not targets:
            return "note", {"body": f"{officer.username} note {uuid.uuid4().hex[:12]}: hồ sơ đã xong"}
        target = rng.choice(targets)
        fields: dict[str, Any] = {"status": target}
        if target == "rejected" and kind == "report":
            fields["reason"] = rng.choice(v.REJECT_REASONS)
        if v.status_needs_reason_text(kind, status, target):
            fields["reason_text"] = "Lý do: đã xác minh với tổ dân phố"
        return action, fields
    return action, {}


def queue_some(officer: Officer, rng: random.Random, hot: list[tuple[str, str]], count: int) -> None:
    workspace = officer.services.workspace
    for _ in range(count):
        kind, item_id = rng.choice(hot)
        item = workspace.item(kind, item_id)
        if item is None:  # gone from this officer's unit (transferred, withdrawn) or not pulled yet
            continue
        action_type, fields = random_action(officer, rng, kind, item.effective_status)
        try:
            action = workspace.queue_action(kind, item_id, action_type, fields)
        except (InvalidAction, NotFound):
            continue
        officer.queued.append(action)
        if action_type in ("note", "reply"):
            officer.tokens[action.idempotency_key] = fields["body"]


def reapply_a_conflict(officer: Officer, rng: random.Random, figures: Figures) -> None:
    """Now and then the officer presses "Áp dụng lại trên phiên bản mới" on one of their conflicts."""
    conflicts = [a for a in officer.services.workspace.outbox() if a.state is ActionState.CONFLICT]
    if not conflicts:
        return
    old = rng.choice(conflicts)
    try:
        new = officer.services.workspace.retry_action(old.local_id)
    except (InvalidAction, NotFound):  # the item left the unit: nothing to re-apply on
        return
    officer.superseded.add(old.idempotency_key)
    officer.queued.append(new)
    if old.idempotency_key in officer.tokens:
        officer.tokens[new.idempotency_key] = officer.tokens[old.idempotency_key]
    figures.reapplied += 1


def colleague_changes(server: SandboxServer, rng: random.Random, hot: list[tuple[str, str]]) -> bool:
    """A colleague on another PC, the citizen or the system changes one of the shared items."""
    kind, item_id = rng.choice(hot)
    current = server.aggregate(kind, item_id)
    if current is None:
        return False
    roll = rng.random()
    try:
        if roll < 0.3:
            server.server_act(kind, item_id, "note", body=f"đồng nghiệp {uuid.uuid4().hex[:8]}")
        elif roll < 0.5 and kind == "report":
            server.server_act(kind, item_id, "set_priority", priority=rng.choice(v.PRIORITIES))
        elif roll < 0.65:
            server.server_act(kind, item_id, "assign", assignee_id=rng.choice(MEMBERS))
        elif roll < 0.9:
            targets = [t for t in status_targets(kind, current["status"]) if t != "rejected"]
            if not targets:
                return False
            target = rng.choice(targets)
            extra = {"reason_text": "đồng nghiệp xử lý"} if v.status_needs_reason_text(
                kind, current["status"], target) else {}
            server.server_act(kind, item_id, "set_status", status=target, **extra)
        elif roll < 0.95 and kind == "report" and current["status"] in ("new", "acknowledged", "in_progress"):
            # The item leaves the unit: the feed deletes it, unsent actions on it become conflicts.
            server.server_act(kind, item_id, "transfer", unit_id=seeding.OTHER_UNIT, reason_text="sai địa bàn")
        else:
            fresh = server.add_report()
            hot.append(("report", fresh["id"]))
    except ApiError:  # e.g. 409: the move is no longer allowed from the item's status
        return False
    return True


def attempt(officer: Officer, rng: random.Random, figures: Figures) -> None:
    figures.sync_attempts += 1
    sync = officer.services.sync
    try:
        if rng.random() < 0.25:
            sync.push()
        else:
            sync.sync_once()
    except TRANSIENT:
        figures.failed_attempts += 1


# -- the run --------------------------------------------------------------------------------------------

def run_chaos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, seed: int, rounds: int, max_per_round: int,
              hot_reports: int, hot_dossiers: int, rate: float = 0.3) -> Figures:
    monkeypatch.setenv("TRIAGE_READ_TIMEOUT", str(READ_TIMEOUT))  # the clients read it when they are built
    rng = random.Random(seed)
    figures = Figures()
    server = SandboxServer(db=tmp_path / "server.sqlite3", reports=20, dossiers=10, seed=seed, faults=rate,
                           fault_seed=seed, slow_seconds=SLOW_SECONDS)
    officers = [Officer(name, build_services(tmp_path / name)) for name in OFFICERS]
    try:
        server.start()
        fresh = [("report", server.add_report()["id"]) for _ in range(hot_reports)]
        dossiers = [("dossier", d["id"]) for d in server.all_aggregates("dossier")
                    if d["status"] not in v.FINAL_STATUSES["dossier"]][:hot_dossiers]
        hot = fresh + dossiers
        for officer in officers:
            log_in(officer, server)
            while officer.services.store.cursor() is None or officer.services.store.in_snapshot():
                attempt(officer, rng, figures)  # the first snapshot, through the faults

        for _ in range(rounds):
            for officer in officers:
                queue_some(officer, rng, hot, rng.randint(0, max_per_round))
            if rng.random() < 0.6:
                figures.server_changes += colleague_changes(server, rng, hot)
            for officer in rng.sample(officers, len(officers)):
                attempt(officer, rng, figures)
                if rng.random() < 0.15:
                    reapply_a_conflict(officer, rng, figures)

        figures.faults = server.fault_counts()
        figures.unsent_at_quiet = sum(o.services.workspace.outbox_summary()[0] for o in officers)
        server.set_faults(0)
        started = time.monotonic()
        figures.quiet_rounds = quiet_sync(officers)
        figures.convergence_seconds = time.monotonic() - started
        check_invariants(server, officers, figures)
    finally:
        for officer in officers:
            officer.services.close()
        server.close()
    return figures


def quiet_sync(officers: list[Officer], limit: int = 12) -> int:
    """Sync both until a whole round neither pulls nor pushes anything; returns the rounds it took."""
    for round_ in range(1, limit + 1):
        quiet = True
        for officer in officers:
            try:
                report = officer.services.sync.sync_once()
            except TRANSIENT:  # no faults now, but a loaded machine may still time out a short read
                quiet = False
                continue
            quiet = quiet and report.in_step and report.pulled == 0 and report.pushed == 0
        if quiet:
            return round_
    raise AssertionError(f"not in step after {limit} quiet rounds")


def check_invariants(server: SandboxServer, officers: list[Officer], figures: Figures) -> None:
    on_server = by_key(server.all_aggregates())
    for officer in officers:
        assert by_key(officer.services.store.export_raw()) == on_server, f"{officer.username}'s cache differs"

    ledger = Counter(entry["key"] for entry in server.ledger())
    bodies = Counter(event.get("body") for raw in on_server.values() for event in raw.get("events") or ())
    ours: set[str] = set()
    lost: list[OutboxAction] = []
    twice: list[OutboxAction] = []
    for officer in officers:
        outbox = {a.idempotency_key: a for a in officer.services.workspace.outbox()}
        assert not [a for a in outbox.values() if a.state not in SHOWN], "unsent work left after quiet sync"
        for action in officer.queued:
            key = action.idempotency_key
            ours.add(key)
            applied = ledger[key]
            shown = key in outbox and outbox[key].state in SHOWN
            if applied > 1 or (key in officer.tokens and bodies[officer.tokens[key]] > 1):
                twice.append(action)
            if applied:
                figures.applied += 1
            elif shown:
                figures.shown += 1
                figures.shown_by_status[outbox[key].error_status or 0] += 1
            elif key not in officer.superseded:
                lost.append(action)
    figures.actions = sum(len(o.queued) for o in officers)
    figures.lost, figures.twice = len(lost), len(twice)
    assert set(ledger) <= ours, "the server applied actions nobody queued"
    assert lost == [], f"lost: {lost}"
    assert twice == [], f"applied twice: {twice}"


# -- the tests -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [3, 8])
def test_two_officers_converge_through_faults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    figures = run_chaos(tmp_path, monkeypatch, seed=seed, rounds=16, max_per_round=2, hot_reports=5,
                        hot_dossiers=3)
    print(figures.summary())  # noqa: T201 - shown with -s / on failure
    assert 20 <= figures.actions <= 60
    assert sum(figures.faults.values()) > 0 and figures.failed_attempts > 0  # the faults did bite
    assert figures.applied > 0


@pytest.mark.soak
@pytest.mark.timeout(3600)
def test_soak_two_officers_converge_through_faults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rounds = int(os.environ.get("CHAOS_ROUNDS", "200"))
    figures = run_chaos(tmp_path, monkeypatch, seed=int(os.environ.get("CHAOS_SEED", "11")), rounds=rounds,
                        max_per_round=3, hot_reports=12, hot_dossiers=6)
    print(figures.summary())  # noqa: T201 - the figures the issue's closing note reports
    assert figures.actions >= rounds
    assert figures.lost == 0 and figures.twice == 0
