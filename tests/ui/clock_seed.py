"""A cache whose deadlines sit around Monday 09/03/2026 17:00 (Vietnam time), and a clock the tests move.

With the default calendar (weekdays, 07:00–11:30 and 13:30–17:00), "due soon" is one working day:
at 16:59 Monday it runs to Tuesday 16:59; from 17:00 until Tuesday's opening it runs to Tuesday 17:00.

| item    | due               | status (assignee)          | Mon 16:59 | Mon 17:01 | Tue 00:01 | Tue 07:01 |
|---------|-------------------|----------------------------|-----------|-----------|-----------|-----------|
| r_a     | Mon 17:00         | in_progress (leader)       | due_soon  | overdue   | overdue   | overdue   |
| r_b     | Tue 10:00         | acknowledged (leader)      | due_soon  | due_soon  | due_soon  | due_soon  |
| r_c     | Tue 17:00         | in_progress (leader)       | on_track  | on_track  | on_track  | due_soon  |
| r_d     | Mon 23:59:59      | new (nobody)               | due_soon  | due_soon  | overdue   | overdue   |
| r_e     | Mon 12:00         | resolved (leader): stopped | —         | —         | —         | —         |
| r_f     | Fri 13/03 17:00   | in_progress (leader)       | on_track  | on_track  | on_track  | on_track  |
| d_i     | Mon 15:00         | processing (officer)       | overdue   | overdue   | overdue   | overdue   |
| d_j     | Wed 11/03 17:00   | processing (leader)        | on_track  | on_track  | on_track  | on_track  |
| d_g/d_h | Mon 10:00         | awaiting supplement / fee  | paused    | paused    | paused    | paused    |
"""

from __future__ import annotations

import json
from datetime import datetime

from tests.ui.seed import LEADER, MEMBERS, PROCEDURES, UNITS, dossier, report, upsert
from triage_desktop.core.workdays import VN
from triage_desktop.storage.store import Store


def vn(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=VN)


MON_1659, MON_1701, TUE_0001, TUE_0701 = vn(9, 16, 59), vn(9, 17, 1), vn(10, 0, 1), vn(10, 7, 1)
LEADER_ID, OFFICER_ID = "u_01", "u_17"


def seed_deadlines(store: Store) -> None:
    items = [
        report("r_a", 1, status="in_progress", assignee_id=LEADER_ID, due_at=vn(9, 17).isoformat()),
        report("r_b", 2, status="acknowledged", assignee_id=LEADER_ID, due_at=vn(10, 10).isoformat()),
        report("r_c", 3, status="in_progress", assignee_id=LEADER_ID, due_at=vn(10, 17).isoformat()),
        report("r_d", 4, status="new", due_at=vn(9, 23, 59, 59).isoformat()),
        report("r_e", 5, status="resolved", assignee_id=LEADER_ID, due_at=vn(9, 12).isoformat()),
        report("r_f", 6, status="in_progress", assignee_id=LEADER_ID, due_at=vn(13, 17).isoformat()),
        dossier("d_i", 1, status="processing", dvc_code=4, assignee_id=OFFICER_ID, due_at=vn(9, 15).isoformat()),
        dossier("d_j", 2, status="processing", dvc_code=4, assignee_id=LEADER_ID, due_at=vn(11, 17).isoformat()),
        dossier("d_g", 3, status="awaiting_supplement", dvc_code=5, assignee_id=LEADER_ID,
                due_at=vn(9, 10).isoformat()),
        dossier("d_h", 4, status="awaiting_fee", dvc_code=6, due_at=vn(9, 10).isoformat()),
    ]
    store.apply_page([upsert(item) for item in items], "cursor-deadlines")
    for name, data in (("members", MEMBERS), ("procedures", PROCEDURES), ("units", UNITS)):
        store.put_reference(name, None, data)
    store.set_state("user", json.dumps(LEADER, ensure_ascii=False))


class FakeClock:
    """The `now` of a DeadlineClock, set by the test."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment
