"""The sandbox sets deadlines with the client's engine (core.workdays) on the calendars it publishes (issue 11).

So a report of a 3-day category reads "còn 3 ngày làm việc" in the client the moment it arrives, on the
calendars the client fetched from `/calendar` (2025 and 2026; 2027 answers 404 and rests on the holidays
fallback on both sides), and a pause while the citizen holds a dossier moves its deadline by the office time
it lasted.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from triage_desktop.core.workdays import VN, WorkCalendar, add_working_time, working_time_left
from triage_desktop.sandbox import rules
from triage_desktop.sandbox.seed import CATEGORIES, PROCEDURES, seed_data
from triage_desktop.sandbox.server import SandboxServer
from triage_desktop.sandbox.workdays import calendar_json

SLA = {c["code"]: c["sla_working_days"] for c in CATEGORIES}
PROCESSING = {p["code"]: p["processing_working_days"] for p in PROCEDURES}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(db=tmp_path / "sandbox.sqlite3", reports=30, dossiers=10, seed=3) as srv:
        yield srv


def fetched_calendar(server: SandboxServer) -> WorkCalendar:
    """What a client builds from the sandbox's `/calendar` answers, as main_window does from its cache."""
    login = requests.post(f"{server.url}/auth/login", json={"username": "lanhdao", "password": "demo123"},
                          timeout=30).json()
    answers = []
    for year in (2025, 2026, 2027):
        answer = requests.get(f"{server.url}/calendar", params={"year": year}, timeout=30,
                              headers={"Authorization": f"Bearer {login['access_token']}"})
        assert answer.status_code == (404 if year == 2027 else 200)
        answers.append(answer.json() if answer.ok else None)
    return WorkCalendar.from_published(answers)


def started(item: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(item.get("received_at") or item["submitted_at"])


def period(item: dict[str, Any]) -> int:
    return SLA[item["category_code"]] if item["kind"] == "report" else PROCESSING[item["procedure_code"]]


def test_a_seeded_deadline_reads_its_full_period_in_the_client(server: SandboxServer) -> None:
    calendar = fetched_calendar(server)
    items = server.all_aggregates("report") + server.all_aggregates("dossier")
    assert len(items) >= 40
    for item in items:
        due = datetime.fromisoformat(item["due_at"])
        assert working_time_left(started(item), due, calendar) == pytest.approx(period(item), abs=1 / 28800), item
        assert due == add_working_time(started(item), period(item), calendar).replace(microsecond=0)


def test_deadlines_across_new_year_2027_skip_its_holiday_on_both_sides() -> None:
    # Seeded as on 8 January 2027: items received in the last weeks of 2026 run into 1 January 2027, a Friday
    # that only the holidays fallback knows is off (2027 is not published).
    client = WorkCalendar.from_published(calendar_json(year) for year in (2025, 2026, 2027))  # 2027: None
    seeded = seed_data(3, 60, 20, datetime(2027, 1, 8, tzinfo=VN)).aggregates
    crossing = [data for _, data, _ in seeded
                if started(data).date() < date(2027, 1, 1) < datetime.fromisoformat(data["due_at"]).date()]
    assert len(crossing) >= 5
    for data in crossing:
        due = datetime.fromisoformat(data["due_at"])
        assert working_time_left(started(data), due, client) == pytest.approx(period(data), abs=1 / 28800)
        assert client.rests_on_fallback(started(data), due)


# -- pauses ------------------------------------------------------------------------------------------------

class NoContext:
    """The rules ask nothing of the rest of the server for a citizen's supplement."""

    def is_member(self, unit_id: str, user_id: str) -> bool:
        return False

    def unit_exists(self, unit_id: str) -> bool:
        return True

    def visible_report(self, unit_id: str, report_id: str) -> dict[str, Any] | None:
        return None

    def usable_attachment(self, unit_id: str, attachment_id: str) -> dict[str, Any] | None:
        return None


def supplement_received(asked_at: str, *, due_at: str, now: str) -> dict[str, Any]:
    waiting = {"id": "d_1", "kind": "dossier", "version": 5, "status": "awaiting_supplement", "dvc_code": 5,
               "unit_id": "w_0101", "due_at": due_at, "paused_working_days": 0, "updated_at": asked_at,
               "events": [{"id": "e_0001", "at": asked_at, "author_id": "u_2", "type": "supplement_requested",
                           "visibility": "public", "body": "Thiếu giấy tờ", "data": {}}]}
    outcome = rules.decide(rules.citizen(), "dossier", waiting, {"type": "supplement_received"}, None,
                           NoContext(), datetime.fromisoformat(now), require_if_match=False, server=True)
    return outcome.aggregate


def test_a_pause_moves_the_deadline_by_the_office_time_it_lasted() -> None:
    # Asked Monday 15:00, brought Thursday 09:00: 2 h + 8 h + 8 h + 2 h = 2½ working days with the citizen. The
    # old deadline, Friday 17:00, moves by as much: Monday's and Tuesday's 8 hours, then 4 on Wednesday.
    dossier = supplement_received("2026-03-02T15:00:00+07:00", due_at="2026-03-06T17:00:00+07:00",
                                  now="2026-03-05T09:00:00+07:00")
    assert dossier["due_at"] == "2026-03-11T11:00:00+07:00"
    assert dossier["paused_working_days"] == 3  # the contract's whole days: 2½ rounds up
    assert dossier["events"][-1]["data"]["paused_working_days"] == 3 and dossier["status"] == "processing"


@pytest.mark.parametrize(("asked", "brought"), [
    ("2026-03-06T17:30:00+07:00", "2026-03-09T06:45:00+07:00"),  # Friday evening to Monday morning
    ("2026-03-09T09:00:00+07:00", "2026-03-09T09:00:40+07:00"),  # forty seconds
])
def test_a_pause_without_a_minute_of_office_time_moves_nothing(asked: str, brought: str) -> None:
    dossier = supplement_received(asked, due_at="2026-03-11T17:00:00+07:00", now=brought)
    assert dossier["due_at"] == "2026-03-11T17:00:00+07:00" and dossier["paused_working_days"] == 0


def test_a_pause_over_tet_counts_only_working_time() -> None:
    # Asked Friday 13 February 2026 at 16:00, brought Monday 23 February at 08:00: Tết week is off, so the file
    # held 1 + 1 office hours, and the deadline of Tuesday 24 February 17:00 moves 2 hours into Wednesday.
    dossier = supplement_received("2026-02-13T16:00:00+07:00", due_at="2026-02-24T17:00:00+07:00",
                                  now="2026-02-23T08:00:00+07:00")
    assert dossier["due_at"] == "2026-02-25T09:00:00+07:00" and dossier["paused_working_days"] == 0
