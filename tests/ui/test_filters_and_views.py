"""The filter row and saved views through the window, over a real SQLite cache (issue 11).

The cache holds reports and dossiers made for these tests: every status, category, assignee, channel and
deadline state mixed, with due moments far from the bounds (days overdue, a few office hours left, months
ahead), so the expected rows follow from the data alone. Each filter is chosen in its combo as the officer
would, and the list must then hold exactly the matching items — no more, no fewer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog, QWidget

from tests.support.keys import TEST_KEY
from tests.ui.seed import CATEGORIES, MEMBERS, PROCEDURES, TEMPLATES, UNITS, dossier, report, upsert
from triage_desktop.core import views
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.workdays import WorkCalendar, add_working_time
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import Database, open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui.filter_bar import ASSIGNEE, CATEGORY, CHANNEL, DEADLINE, STATUS
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import COL_DUE
from triage_desktop.ui.tasks import TaskRunner

BINH = "u_17"  # Trần Văn Bình, an officer (tests.ui.seed.MEMBERS)
LEADER = MEMBERS[0]
REPORT_STATUSES = ("new", "acknowledged", "in_progress", "resolved", "closed")
REPORT_CHANNELS = ("zalo_mini_app", "hotline", "web", "walk_in")
ASSIGNEES = (None, BINH, "u_01")
STATES = ("overdue", "due_soon", "on_track")


def due_moment(state: str, now: datetime) -> datetime:
    """A due moment well inside `state` whatever the clock reads: the bounds are now and one working day on."""
    if state == "overdue":
        return now - timedelta(days=10)
    if state == "due_soon":
        return add_working_time(now, 0.25, WorkCalendar())  # a quarter of the one working day "soon" spans
    return now + timedelta(days=90)


def made_items(now: datetime) -> list[dict[str, Any]]:
    """72 reports crossing status × category × assignee × channel × deadline, and 6 dossiers."""
    items = []
    for n in range(72):
        state = STATES[(n // 7) % 3]
        items.append(report(
            f"r_{n:04d}", n, status=REPORT_STATUSES[n % 5], category_code=("CAY_XANH", "CHIEU_SANG")[(n // 5) % 2],
            assignee_id=ASSIGNEES[(n // 2) % 3], channel=REPORT_CHANNELS[(n // 6) % 4],
            due_at=due_moment(state, now).isoformat(timespec="seconds"), test_state=state))
    for n, (status, state) in enumerate((("processing", "overdue"), ("awaiting_supplement", "paused"),
                                         ("received", "on_track"), ("awaiting_fee", "paused"),
                                         ("processing", "due_soon"), ("returned", "stopped"))):
        items.append(dossier(f"d_{n:04d}", n, status=status, channel=("online", "walk_in", "post")[n % 3],
                             due_at=due_moment(state if state in STATES else "overdue", now).isoformat(timespec="seconds"),
                             test_state=state))
    return items


def deadline_state(item: dict[str, Any]) -> str:
    """The state the item was made in; a finished report's clock has stopped, whatever its due moment."""
    if item["kind"] == "report" and item["status"] in ("resolved", "closed"):
        return "stopped"
    return str(item["test_state"])


@pytest.fixture
def items() -> list[dict[str, Any]]:
    return made_items(datetime.now(UTC))


@pytest.fixture
def store(database: Database, items: list[dict[str, Any]]) -> Store:
    """This module's cache: the items above, the unit's reference data, the leader logged in."""
    store = Store(database)
    store.apply_page([upsert(item) for item in items], "cursor-1")
    for name, data in (("members", MEMBERS), ("categories", CATEGORIES), ("procedures", PROCEDURES),
                       ("templates", TEMPLATES), ("units", UNITS)):
        store.put_reference(name, None, data)
    store.set_state("user", json.dumps(LEADER, ensure_ascii=False))
    store.set_state("server_url", "http://127.0.0.1:9/triage/v1")
    return store


def shown(window: MainWindow) -> list[str]:
    """The ids of the list's rows, in order."""
    keys = [window.model.key_at(row) for row in range(window.model.rowCount())]
    return [key[1] for key in keys if key is not None]


def expected(items: list[dict[str, Any]], kind: str = "report", **wanted: Any) -> set[str]:
    def field(item: dict[str, Any], name: str) -> Any:
        if name == "deadline":
            return deadline_state(item)
        if name == "category":
            return item.get("category_code") or item.get("procedure_code")
        return item.get(name)
    return {item["id"] for item in items if item["kind"] == kind
            and all(field(item, name) == value for name, value in wanted.items())}


def choose(window: MainWindow, name: str, value: str | None) -> None:
    combo = window.filters.combo(name)
    index = combo.findData(value) if value is not None else 0
    assert index >= 0, (name, value)
    combo.setCurrentIndex(index)


def test_each_filter_narrows_the_list_to_exactly_its_items(window: MainWindow, items: list[dict[str, Any]]) -> None:
    window.queues.select("report", "all")
    everything = set(shown(window))
    assert everything == expected(items)
    cases = [(STATUS, "status", "in_progress"), (CATEGORY, "category", "CHIEU_SANG"), (ASSIGNEE, "assignee_id", BINH),
             (CHANNEL, "channel", "hotline"), (DEADLINE, "deadline", "overdue"), (DEADLINE, "deadline", "due_soon"),
             (DEADLINE, "deadline", "on_track")]
    for combo, field, value in cases:
        choose(window, combo, value)
        wanted = expected(items, **{field: value})
        assert 0 < len(wanted) < len(everything)
        assert set(shown(window)) == wanted, (combo, value)
        assert len(shown(window)) == len(wanted)  # no row twice
        choose(window, combo, None)
        assert set(shown(window)) == everything

    # "Chưa phân công": the items nobody holds, not everybody's.
    choose(window, ASSIGNEE, views.UNASSIGNED)
    assert set(shown(window)) == expected(items, assignee_id=None) != everything


def test_filters_combine_and_bo_loc_clears_them(qtbot, window: MainWindow, items: list[dict[str, Any]]) -> None:
    window.queues.select("report", "all")
    assert not window.filters.clear_button.isEnabled()
    for combo, value in ((STATUS, "acknowledged"), (CATEGORY, "CAY_XANH"), (ASSIGNEE, BINH), (DEADLINE, "overdue")):
        choose(window, combo, value)
    wanted = expected(items, status="acknowledged", category="CAY_XANH", assignee_id=BINH, deadline="overdue")
    assert wanted and wanted != expected(items, status="acknowledged", category="CAY_XANH", assignee_id=BINH)
    assert set(shown(window)) == wanted
    query = window.model.query()
    assert query is not None and query.bounds is not None  # the deadline filter runs on a clock

    # The filters hold while the officer switches queue and sorts; "Bỏ lọc" lets the whole list back.
    window.queues.select("report", "open")
    assert set(shown(window)) == wanted  # acknowledged items are open work
    window.list_view.horizontalHeader().setSortIndicator(COL_DUE, Qt.SortOrder.AscendingOrder)
    assert set(shown(window)) == wanted
    qtbot.mouseClick(window.filters.clear_button, Qt.MouseButton.LeftButton)
    assert set(shown(window)) == {i["id"] for i in items if i["kind"] == "report" and i["status"] != "closed"}
    assert window.model.query().sort_key == "due_at" and not window.model.query().descending  # the sort is kept
    assert [window.filters.combo(name).currentText() for name in (STATUS, CATEGORY, ASSIGNEE, CHANNEL, DEADLINE)] \
        == ["Tất cả"] * 5


def test_dossiers_filter_by_procedure_channel_and_paused_clock(window: MainWindow,
                                                               items: list[dict[str, Any]]) -> None:
    window.queues.select("dossier", "all")
    assert window.filters.combo(CATEGORY).itemText(1) == "Đăng ký khai sinh"  # procedures, not categories
    assert window.filters.combo(DEADLINE).itemText(4) == "Tạm dừng"
    choose(window, DEADLINE, "paused")
    assert set(shown(window)) == expected(items, "dossier", deadline="paused") == {"d_0001", "d_0003"}
    choose(window, CHANNEL, "post")
    assert set(shown(window)) == expected(items, "dossier", deadline="paused", channel="post") == set()
    choose(window, CHANNEL, "walk_in")
    assert set(shown(window)) == {"d_0001"}
    # Another kind's list starts without this one's filters (its statuses and categories are other codes).
    window.queues.select("report", "all")
    assert set(shown(window)) == expected(items)


def test_the_leader_sees_what_binh_has_overdue_first_in_two_clicks(window: MainWindow,
                                                                   items: list[dict[str, Any]]) -> None:
    window.queues.select("report", "all")
    row = next(r for r in range(window.model.rowCount()) if window.model.row_at(r).assignee_id == BINH)
    # Click 1: the context menu on one of Bình's rows; click 2: "Việc của Trần Văn Bình — quá hạn trước".
    menu = window.list_menu(window.list_view.visualRect(window.model.index(row, 0)).center())
    entry = next(a for a in menu.actions() if a.objectName() == "memberView")
    assert entry.text() == "Việc của Trần Văn Bình — quá hạn trước"
    entry.trigger()

    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    by_id = {item["id"]: item for item in items}
    open_binh = {i["id"] for i in items if i["kind"] == "report" and i["assignee_id"] == BINH
                 and i["status"] != "closed"}
    assert {row.id for row in rows} == open_binh  # his unfinished work only: nobody else's, nothing closed
    assert [row.due_at for row in rows] == sorted(row.due_at for row in rows)
    # Overdue first, then due soon, then on track (a resolved report, its clock stopped, sits by its date).
    running = [deadline_state(by_id[row.id]) for row in rows if deadline_state(by_id[row.id]) != "stopped"]
    assert running == sorted(running, key=STATES.index)
    assert running[0] == "overdue" and set(running) == set(STATES)
    assert window.filters.combo(ASSIGNEE).currentText() == "Trần Văn Bình"  # the row shows why
    assert window.queues.current() == ("report", "open")


def test_builtin_views_set_queue_filters_and_order(window: MainWindow, items: list[dict[str, Any]]) -> None:
    window.queues.select("report", "all")
    choose(window, CHANNEL, "web")
    assert window.view_picker.choose(views.UNIT_OVERDUE)
    assert window.view_picker.combo.currentText() == "Quá hạn của đơn vị"
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    assert {row.id for row in rows} == {i["id"] for i in items if i["kind"] == "report"
                                        and deadline_state(i) == "overdue"}  # the view's filters, not the web one
    assert window.filters.combo(CHANNEL).currentText() == "Tất cả"
    assert window.queues.current() == ("report", "overdue")
    # Changing anything makes the list the officer's own again: the picker says so.
    choose(window, STATUS, "new")
    assert window.view_picker.combo.currentText() == "Tùy chỉnh"


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "profile"


def open_window(qtbot, database: Database, runner: TaskRunner, settings: QSettings) -> MainWindow:
    store = Store(database)
    window = MainWindow(LocalWorkspace(store), build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_an_own_view_is_saved_found_after_reopening_the_cache_and_applied(
        qtbot, window: MainWindow, database: Database, runner: TaskRunner, settings: QSettings,
        items: list[dict[str, Any]], cache_path: Path) -> None:
    window.queues.select("report", "all")
    choose(window, STATUS, "in_progress")
    choose(window, ASSIGNEE, BINH)
    window.list_view.horizontalHeader().setSortIndicator(COL_DUE, Qt.SortOrder.AscendingOrder)
    wanted_rows = shown(window)
    assert set(wanted_rows) == expected(items, status="in_progress", assignee_id=BINH)

    qtbot.mouseClick(window.view_picker.save_button, Qt.MouseButton.LeftButton)
    dialog = window.active_dialog
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("  Bình   đang xử lý ")
    dialog.accept()
    qtbot.waitUntil(lambda: window.view_picker.combo.currentText() == "Bình đang xử lý")
    assert window.statusBar().currentMessage() == "Đã lưu chế độ xem “Bình đang xử lý”"

    # Closed, the cache file shut and opened again: the view is there, for this officer only.
    window.shutdown()
    window.close()
    database.dispose()
    reopened = open_database(cache_path, key=TEST_KEY)
    try:
        workspace = LocalWorkspace(Store(reopened))
        saved = workspace.saved_views(LEADER["id"])
        assert [(v.name, v.status, v.assignee_id, v.sort_key, v.descending) for v in saved] == \
            [("Bình đang xử lý", "in_progress", BINH, "due_at", False)]
        assert workspace.saved_views(BINH) == []
        again = open_window(qtbot, reopened, runner, settings)
        again.queues.select("report", "new")
        assert set(shown(again)) != set(wanted_rows)
        assert again.view_picker.choose("Bình đang xử lý")
        assert shown(again) == wanted_rows  # the same rows in the same order
        assert again.filters.combo(STATUS).currentText() == "Đang xử lý"
        assert again.filters.combo(ASSIGNEE).currentText() == "Trần Văn Bình"
        assert again.queues.current() == ("report", "all")

        # Deleting it takes it out of the picker and the cache.
        qtbot.mouseClick(again.view_picker.delete_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Bình đang xử lý" not in [v.name for v in again.view_picker.views()])
        assert LocalWorkspace(Store(reopened)).saved_views(LEADER["id"]) == []
        again.shutdown()
    finally:
        reopened.dispose()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """The cache of these tests; a test may close and reopen it (a second dispose is harmless)."""
    db = open_database(tmp_path / "profile", key=TEST_KEY)
    yield db
    db.dispose()


def test_a_view_query_round_trips() -> None:
    """The view of a query shows that query (the picker names it), whatever the search text."""
    query = ItemQuery(kind="report", queue="open", status="new", assignee_id=BINH, channel="web", deadline="overdue",
                      sort_key="due_at", descending=False, text="cây")
    view = views.view_of("x", query)
    assert views.shows(view, query)
    assert views.apply_view(view, ItemQuery(kind="report", text="cây")) == query
    assert not views.shows(view, ItemQuery(kind="report", queue="open", status="new"))


@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_the_filter_row_wraps_instead_of_cutting_off(qtbot, window: MainWindow, zoom: float) -> None:
    """At 1366×768, at 100% and at 200% text: every control whole, inside the row, none over another."""
    window.resize(1366, 768)
    window.set_zoom(zoom)
    if not window.filters.unfolded():  # at 200% it starts folded: the officer opens it
        window.filters.toggle_button.click()
    try:
        bar = window.filters
        parts = [w for w in bar.children() if isinstance(w, QWidget) and w.isVisibleTo(bar)]
        # The new text size reaches the layouts through posted events: wait until they have laid out again.
        qtbot.waitUntil(lambda: all(p.size() == p.sizeHint() for p in parts), timeout=3000)
        assert len(parts) == 10  # views: combo, save, delete; the fold button; five filters; "Bỏ lọc"
        rects = [part.geometry() for part in parts]
        for part, rect in zip(parts, rects, strict=True):
            assert rect.left() >= 0 and rect.right() < bar.width(), part.objectName()
            assert rect.bottom() < bar.height(), part.objectName()
        for n, rect in enumerate(rects):
            assert not any(rect.intersects(other) for other in rects[n + 1:])
        lines, bottom = 0, -1
        for rect in sorted(rects, key=lambda r: r.top()):
            if rect.top() > bottom:  # below everything so far: a new line
                lines += 1
            bottom = max(bottom, rect.bottom())
        assert lines > 1  # the middle pane is narrower than the row: it wrapped
        assert window.search.geometry().top() >= bar.geometry().bottom()
    finally:
        window.set_zoom(1.0)


def test_at_large_text_the_filter_row_starts_folded_until_the_officer_chooses(window: MainWindow) -> None:
    """At 200% the unfolded row takes half a 768 px list: it folds by itself, and a choice made once stays."""
    window.resize(1366, 768)
    try:
        assert window.filters.unfolded()
        window.set_zoom(2.0)
        assert not window.filters.unfolded()
        assert not window.filters.combo(STATUS).isVisibleTo(window.filters)
        window.set_zoom(1.0)
        assert window.filters.unfolded()
        window.filters.toggle_button.click()  # she folds it at 100%: it stays folded at any size
        window.set_zoom(2.0)
        window.set_zoom(1.0)
        assert not window.filters.unfolded()
    finally:
        window.set_zoom(1.0)
