"""One fresh process measuring the list on a cached profile:
`python -m tests.perf.ui_probe PROFILE app|bare|app-deadlines|bare-deadlines`.

Prints one JSON object (milliseconds, MB). Every step ends with processEvents() and a grab() of the
viewport, so a real paint is included. Offscreen, 1280×800.

`app` is the real thing: LocalWorkspace → ItemTableModel → ItemListView.
`bare` is the ceiling: the windowed model of perf-ceilings.md §6 with nothing of ours in it: raw sqlite3,
`count(*)` plus 256-row LIMIT/OFFSET pages in a small LRU, a plain QTableView; it sorts by the indexed
submitted_at, filters with plain WHEREs, searches with one raw FTS5 query, and reaches the end by OFFSET
through the index.

`app-deadlines` / `bare-deadlines` (issue 11), on the bench's clock (tests.perf.gen.NOW): the first paint of
"Việc của tôi" by time left, the badges with the due-soon and overdue counts, and the filter row with a deadline
state; the bare side runs the same lists and counts as plain SQL over the same indexes.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView
from sqlcipher3 import dbapi2

from tests.support.keys import TEST_KEY

# The bench's cache key (tests.perf.cache.KEY), without importing the cache builder into the measured process.
KEY: bytes | None = None if os.environ.get("TRIAGE_BENCH_PLAIN") else TEST_KEY

# As an officer types them: with and without marks, a street, a whole phone number and codes (all present in
# the generated cache; a code that matches nothing makes FTS5 check every "pa" + "2024" document: ≈55 ms).
SEARCHES = ("cay do", "cây đổ", "duong 30/4", "0979606356", "PA-2024-0004211", "PA-2025-0777777")
FILTERS = (("in_progress", "GIAO_THONG", "u_3"), ("new", "CAY_XANH", "u_7"), ("resolved", "DIEN", "u_12"))
# status + category + assignee + deadline state, as a leader narrows a list down (all present in the cache).
DEADLINE_FILTERS = (("in_progress", "GIAO_THONG", "u_3", "overdue"), ("acknowledged", "CAY_XANH", "u_7", "overdue"),
                    ("in_progress", "VE_SINH", "u_12", "on_track"))
ME = "u_1"  # tests.perf.gen.ME, the profile's officer


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def keystrokes(text: str) -> list[str]:
    return [text[:n] for n in range(1, len(text) + 1)]


def timed(app: QApplication, view: QTableView, action: Any) -> float:
    started = time.perf_counter()
    action()
    app.processEvents()
    view.viewport().grab()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


class BareModel(QAbstractTableModel):
    COLUMNS = ("code", "title", "status", "priority", "category", "assignee_id", "submitted_at", "due_at")

    def __init__(self, path: Path, where: str = "kind = 'report'", args: tuple[Any, ...] = (),
                 order: str = "submitted_at DESC") -> None:
        super().__init__()
        self._db = dbapi2.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        if KEY is not None:  # SQLCipher's raw key, first statement, as the program does
            self._db.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
        self._where, self._args, self._order, self._ids = where, args, order, None
        self._pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self._count = self._read_count()

    def _read_count(self) -> int:
        if self._ids is not None:
            return len(self._ids)
        return self._db.execute(f"SELECT count(*) FROM aggregates WHERE {self._where}", self._args).fetchone()[0]

    def set(self, where: str, args: tuple[Any, ...], order: str = "submitted_at DESC",
            ids: list[int] | None = None) -> None:
        self.beginResetModel()
        self._where, self._args, self._order, self._ids = where, args, order, ids
        self._pages.clear()
        self._count = self._read_count()
        self.endResetModel()

    def _page(self, number: int) -> list[tuple[Any, ...]]:
        page = self._pages.get(number)
        if page is None:
            columns = ", ".join(self.COLUMNS)
            if self._ids is not None:
                chunk = self._ids[number * 256:(number + 1) * 256]
                page = self._db.execute(f"SELECT {columns} FROM aggregates WHERE pk IN ({','.join('?' * len(chunk))}) "
                                        f"ORDER BY {self._order}", chunk).fetchall()
            else:
                page = self._db.execute(f"SELECT {columns} FROM aggregates WHERE {self._where} ORDER BY {self._order} "
                                        "LIMIT 256 OFFSET ?", (*self._args, number * 256)).fetchall()
            self._pages[number] = page
            while len(self._pages) > 64:
                self._pages.popitem(last=False)
        return page

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        page = self._page(index.row() // 256)
        offset = index.row() % 256
        return str(page[offset][index.column()]) if offset < len(page) else None


def run_bare(app: QApplication, profile: Path) -> dict[str, Any]:
    path = profile / "cache.sqlite3"
    view = QTableView()
    view.resize(1280, 800)
    started = time.perf_counter()
    model = BareModel(path)
    view.setModel(model)
    view.show()
    app.processEvents()
    view.viewport().grab()
    first = (time.perf_counter() - started) * 1000
    result: dict[str, Any] = {"first_paint": first, "rss_first": rss_mb()}
    result["sort"] = timed(app, view, lambda: model.set("kind = 'report'", (), "submitted_at ASC"))
    result["filter"] = timed(app, view, lambda: model.set(
        "kind = 'report' AND status = ? AND category = ? AND assignee_id = ?", FILTERS[0]))
    from triage_desktop.storage.search import match_query

    times = []
    for text in SEARCHES:
        for typed in keystrokes(text):
            expression = match_query(typed)

            def search(expression: str | None = expression) -> None:
                ids = [r[0] for r in model._db.execute(
                    "SELECT rowid FROM item_search WHERE item_search MATCH ? ORDER BY rowid DESC LIMIT 256",
                    (expression,))] if expression else []
                model.set("1", (), "pk DESC", ids)

            times.append(timed(app, view, search))
    result["search_p95"] = p95(times)
    model.set("kind = 'report'", ())
    app.processEvents()
    result["scroll_end"] = timed(app, view, view.scrollToBottom)
    result["rss"] = rss_mb()
    return result


def run_app(app: QApplication, profile: Path) -> dict[str, Any]:
    from triage_desktop.core.entities import ItemQuery
    from triage_desktop.storage.database import open_database
    from triage_desktop.storage.store import Store
    from triage_desktop.storage.workspace import LocalWorkspace
    from triage_desktop.ui.item_list_view import ItemListView
    from triage_desktop.ui.models.item_table_model import COLUMNS, ItemTableModel

    database = open_database(profile, key=KEY)
    workspace = LocalWorkspace(Store(database))
    view = ItemListView()
    view.resize(1280, 800)
    view.reset_column_widths()
    query = ItemQuery(kind="report", queue="all", user_id="u_1")
    started = time.perf_counter()
    model = ItemTableModel(workspace, query)
    view.setModel(model)
    view.show()
    app.processEvents()
    view.viewport().grab()
    first = (time.perf_counter() - started) * 1000
    result: dict[str, Any] = {"first_paint": first, "rss_first": rss_mb()}
    view.select_key(model.key_at(3))  # a selection, as an officer has one: sorting must keep it
    sorts = {}
    for column, (key, _) in enumerate(COLUMNS):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            sorts[f"{key}:{order.name}"] = timed(app, view, lambda c=column, o=order: view.sortByColumn(c, o))
    result["sort"] = max(sorts.values())
    result["sorts"] = sorts
    view.sortByColumn([key for key, _ in COLUMNS].index("submitted_at"), Qt.SortOrder.DescendingOrder)
    filters = [timed(app, view, lambda f=f: model.set_query(dataclasses.replace(
        query, status=f[0], category=f[1], assignee_id=f[2]))) for f in FILTERS]
    result["filter"] = max(filters)
    times = []
    for text in SEARCHES:
        for typed in keystrokes(text):
            times.append(timed(app, view, lambda t=typed: model.set_query(dataclasses.replace(query, text=t))))
        model.set_query(query)
    result["search_p95"] = p95(times)
    result["search_max"] = max(times)
    model.set_query(dataclasses.replace(query, queue="unassigned"))
    model.set_query(query)
    app.processEvents()
    result["scroll_end"] = timed(app, view, view.scrollToBottom)
    result["rss"] = rss_mb()
    database.dispose()
    return result


def _bounds() -> Any:
    from tests.perf.gen import NOW
    from triage_desktop.core.deadlines import DeadlineBounds
    from triage_desktop.core.workdays import WorkCalendar

    return DeadlineBounds.at(NOW, WorkCalendar.from_published([]))


def run_bare_deadlines(app: QApplication, profile: Path) -> dict[str, Any]:
    bounds = _bounds()
    result: dict[str, Any] = {}
    # The ceiling: the bare windowed model on the very list the app paints ("Việc của tôi" by due_at), first thing in
    # a cold process as the app's is; then, for comparison, the first_paint row's whole list (warm by then).
    for key, where, args, order in (("first_paint_mine", "kind = 'report' AND is_open = 1 AND assignee_id = ?",
                                     (ME,), "due_at ASC, pk ASC"),
                                    ("first_paint_whole_list", "kind = 'report'", (), "submitted_at DESC")):
        view = QTableView()
        view.resize(1280, 800)
        started = time.perf_counter()
        model = BareModel(profile / "cache.sqlite3", where, args, order)
        view.setModel(model)
        view.show()
        app.processEvents()
        view.viewport().grab()
        result[key] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    for low, high in (("", bounds.now), (bounds.now, bounds.soon_until)):  # overdue, due soon
        model._db.execute("SELECT count(*) FROM aggregates WHERE kind = 'report' AND clock = 'running' "
                          "AND due_at >= ? AND due_at < ?", (low, high)).fetchone()
    result["deadline_counts"] = (time.perf_counter() - started) * 1000
    ranges = {"overdue": ("", bounds.now), "due_soon": (bounds.now, bounds.soon_until),
              "on_track": (bounds.soon_until, "9")}
    filters = [timed(app, view, lambda f=f: model.set(
        "kind = 'report' AND status = ? AND category = ? AND assignee_id = ? AND clock = 'running' "
        "AND due_at >= ? AND due_at < ?", (*f[:3], *ranges[f[3]]))) for f in DEADLINE_FILTERS]
    result["deadline_filter"], result["deadline_filters"] = max(filters), filters
    return result


def run_app_deadlines(app: QApplication, profile: Path) -> dict[str, Any]:
    from triage_desktop.core.entities import ItemQuery
    from triage_desktop.storage.database import open_database
    from triage_desktop.storage.store import Store
    from triage_desktop.storage.workspace import LocalWorkspace
    from triage_desktop.ui.item_list_view import ItemListView
    from triage_desktop.ui.models.item_table_model import ItemTableModel

    bounds = _bounds()
    database = open_database(profile, key=KEY)
    workspace = LocalWorkspace(Store(database))
    view = ItemListView()
    view.resize(1280, 800)
    view.reset_column_widths()
    mine = ItemQuery(kind="report", queue="mine", user_id=ME, sort_key="due_at", descending=False, bounds=bounds)
    started = time.perf_counter()
    model = ItemTableModel(workspace, mine)
    view.setModel(model)
    view.show()
    app.processEvents()
    view.viewport().grab()
    result: dict[str, Any] = {"first_paint_mine": (time.perf_counter() - started) * 1000,
                              "mine_rows": model.rowCount()}
    started = time.perf_counter()
    counts = workspace.queue_counts(ME, bounds)  # every badge, the deadline ones on the index
    result["deadline_counts"] = (time.perf_counter() - started) * 1000
    result["overdue"], result["due_soon"] = counts[("report", "overdue")], counts[("report", "due_soon")]
    everything = ItemQuery(kind="report", queue="all", user_id=ME, bounds=bounds)
    model.set_query(everything)
    app.processEvents()
    filters = []
    for status, category, assignee, state in DEADLINE_FILTERS:
        narrowed = dataclasses.replace(everything, status=status, category=category, assignee_id=assignee,
                                       deadline=state)
        filters.append(timed(app, view, lambda q=narrowed: model.set_query(q)))
    result["deadline_filter"], result["deadline_filters"] = max(filters), filters
    result["filter_rows"] = model.rowCount()
    database.dispose()
    return result


def main() -> None:
    profile, mode = Path(sys.argv[1]), sys.argv[2]
    app = QApplication(["bench"])
    runs = {"app": run_app, "bare": run_bare, "app-deadlines": run_app_deadlines, "bare-deadlines": run_bare_deadlines}
    print(json.dumps(runs[mode](app, profile)))


if __name__ == "__main__":
    main()
