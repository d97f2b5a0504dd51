"""Deadline states and the deadline queues roll over by themselves while the window stays open (issue 11):
across 17:00 and midnight, with an injected clock, without losing the officer's selection or scroll."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from tests.support.keys import TEST_KEY
from tests.ui.clock_seed import LEADER_ID, MON_1659, MON_1701, TUE_0001, TUE_0701, FakeClock, seed_deadlines, vn
from triage_desktop.core.workdays import WorkCalendar
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import Database, open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui.deadline_clock import DeadlineClock, next_boundary
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import COL_DUE, ItemKeyRole
from triage_desktop.ui.tasks import TaskRunner

CALENDAR = WorkCalendar()


@pytest.fixture
def clock_database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "deadlines", key=TEST_KEY)
    seed_deadlines(Store(database))
    yield database
    database.dispose()


@pytest.fixture
def fake_now() -> FakeClock:
    return FakeClock(MON_1659)


@pytest.fixture
def clock_window(qtbot, clock_database: Database, runner: TaskRunner, fake_now: FakeClock,
                 tmp_path: Path) -> Iterator[MainWindow]:
    store = Store(clock_database)
    clock = DeadlineClock(now=fake_now)
    window = MainWindow(LocalWorkspace(store), build_sync_service(store, CredentialStore()), runner,
                        settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                        deadline_clock=clock)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()


def move_clock(window: MainWindow, fake_now: FakeClock, moment) -> None:  # type: ignore[no-untyped-def]
    fake_now.moment = moment
    assert window.deadline_clock.tick()  # what the minute or the boundary timer does


def ids(window: MainWindow) -> list[str]:
    keys = [window.model.key_at(row) for row in range(window.model.rowCount())]
    return [key[1] for key in keys if key]


def due_cell(window: MainWindow, item_id: str, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    row = window.model.row_of((window.model.query().kind, item_id))  # type: ignore[union-attr]
    assert row is not None, item_id
    return window.model.index(row, COL_DUE).data(role)


def counts(window: MainWindow, kind: str) -> dict[str, str]:
    return {queue: window.queues.item_text(kind, queue) for queue in ("due_soon", "overdue", "waiting")
            if kind == "dossier" or queue != "waiting"}


# --- the clock ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("now", "boundary"), [
    (vn(9, 16, 59), vn(9, 17)),  # the office closes
    (vn(9, 17, 1), vn(10, 0)),  # midnight
    (vn(10, 0, 1), vn(10, 7)),  # the office opens
    (vn(10, 11, 29), vn(10, 11, 30)),  # lunch
    (vn(13, 17, 30), vn(14, 0)),  # a Friday evening: the next midnight still ticks
])
def test_the_clock_ticks_just_after_each_office_hours_boundary_and_midnight(qapp, now, boundary) -> None:  # type: ignore[no-untyped-def]
    assert next_boundary(now, CALENDAR) == boundary
    clock = DeadlineClock(CALENDAR, now=FakeClock(now))
    clock.start()
    try:
        tick_at = clock.boundary_tick_at()
        assert tick_at is not None and boundary < tick_at <= boundary.replace(second=2)
    finally:
        clock.stop()


def test_the_clock_reports_only_moved_bounds(qapp) -> None:
    fake = FakeClock(MON_1659)
    clock = DeadlineClock(CALENDAR, now=fake)
    seen = []
    clock.boundsChanged.connect(seen.append)
    assert not clock.tick()
    fake.moment = MON_1701
    assert clock.tick() and seen == [clock.bounds()]
    assert clock.bounds().soon_until == "2026-03-10T10:00:00Z"  # Tuesday 17:00: counted from the next opening


# --- the window -----------------------------------------------------------------------------------------------


def test_my_work_is_sorted_by_time_left(qtbot, clock_window: MainWindow) -> None:
    clock_window.queues.select("report", "mine")
    query = clock_window.model.query()
    assert query is not None and (query.sort_key, query.descending) == ("due_at", False)
    assert ids(clock_window) == ["r_e", "r_a", "r_b", "r_c", "r_f"]  # the soonest deadline first


def test_a_due_soon_item_turns_overdue_at_17h_in_place(qtbot, clock_window: MainWindow, fake_now: FakeClock) -> None:
    window = clock_window
    window.queues.select("report", "mine")
    assert window.list_view.select_key(("report", "r_a"))
    assert due_cell(window, "r_a") == "Sắp đến hạn — còn 1 giờ"
    repainted = []
    window.model.dataChanged.connect(lambda first, last, _roles: repainted.append((first.column(), last.column())))
    move_clock(window, fake_now, MON_1701)
    assert due_cell(window, "r_a") == "Quá hạn"
    assert due_cell(window, "r_a", Qt.ItemDataRole.ForegroundRole).name() == "#b3261e"
    assert (COL_DUE, COL_DUE) in repainted  # the deadline cells are told to repaint
    assert window.list_view.current_key() == ("report", "r_a")  # the officer's selection stays
    texts = [label.text() for label in window.detail.findChildren(QLabel) if label.isVisibleTo(window)]
    assert any(text.startswith("09/03/2026 10:00 (quá hạn)") for text in texts), texts  # the open item's pane follows too


def test_deadline_queues_and_counts_roll_over_at_17h_and_midnight(qtbot, clock_window: MainWindow,
                                                                   fake_now: FakeClock) -> None:
    window = clock_window
    assert counts(window, "report") == {"due_soon": "Sắp đến hạn (3)", "overdue": "Quá hạn (0)"}
    assert counts(window, "dossier") == {"due_soon": "Sắp đến hạn (0)", "overdue": "Quá hạn (1)",
                                         "waiting": "Chờ bổ sung / chờ phí (2)"}
    window.queues.select("report", "due_soon")
    assert sorted(ids(window)) == ["r_a", "r_b", "r_d"]
    assert window.list_view.select_key(("report", "r_b"))

    move_clock(window, fake_now, MON_1701)  # r_a is late
    assert counts(window, "report") == {"due_soon": "Sắp đến hạn (2)", "overdue": "Quá hạn (1)"}
    assert sorted(ids(window)) == ["r_b", "r_d"]
    assert window.list_view.current_key() == ("report", "r_b")  # still selected, though the list changed

    move_clock(window, fake_now, TUE_0001)  # r_d was due before midnight
    assert counts(window, "report") == {"due_soon": "Sắp đến hạn (1)", "overdue": "Quá hạn (2)"}
    assert ids(window) == ["r_b"]
    assert window.list_view.current_key() == ("report", "r_b")

    move_clock(window, fake_now, TUE_0701)  # the office opens: Tuesday 17:00 is now within a working day
    assert counts(window, "report") == {"due_soon": "Sắp đến hạn (2)", "overdue": "Quá hạn (2)"}
    assert ids(window) == ["r_b", "r_c"]
    window.queues.select("report", "overdue")
    assert ids(window) == ["r_a", "r_d"]  # the longest overdue first
    assert due_cell(window, "r_a") == "Quá hạn 1 giờ" and due_cell(window, "r_d") == "Quá hạn 1 giờ"
    assert window.model.query().bounds == window.deadline_clock.bounds()  # type: ignore[union-attr]


def test_rollover_keeps_the_scroll_position(qtbot, clock_window: MainWindow, fake_now: FakeClock,
                                            clock_database: Database) -> None:
    """A long "Sắp đến hạn" list scrolled half-way: the tick that takes one item out leaves the view where it was."""
    from tests.ui.seed import report, upsert

    store = Store(clock_database)
    store.apply_page([upsert(report(f"r_z{n:03d}", 100 + n, status="in_progress", assignee_id=LEADER_ID,
                                    due_at=vn(10, 9, n % 60).isoformat())) for n in range(120)], "cursor-more")
    window = clock_window
    window.queues.select("report", "due_soon")
    assert window.model.rowCount() == 123
    view = window.list_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0, timeout=5_000)
    view.scrollTo(window.model.index(60, 0), view.ScrollHint.PositionAtTop)
    assert view.verticalScrollBar().value() > 0

    def key_at(point) -> tuple[str, str]:  # type: ignore[no-untyped-def]
        return tuple(view.indexAt(point).data(ItemKeyRole))

    top = key_at(view.viewport().rect().topLeft())
    assert view.select_key(key_at(view.viewport().rect().center()), scroll=False)
    selected = view.current_key()
    move_clock(window, fake_now, MON_1701)  # r_a leaves the queue: the count changes, the model resets
    assert window.model.rowCount() == 122
    assert key_at(view.viewport().rect().topLeft()) == top
    assert view.current_key() == selected
