"""Issue 8, item 7: a report that arrives while the officer watches the top of the list shows as its first row,
bold until she opens it, and the status bar says how many are new."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from tests.ui.seed import report, upsert
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import ItemKeyRole
from triage_desktop.ui.tasks import TaskRunner


def top_key(window: MainWindow) -> tuple[str, str]:
    view = window.list_view
    return tuple(view.indexAt(view.viewport().rect().topLeft()).data(ItemKeyRole))


def make_it_scroll(qtbot, window: MainWindow) -> None:
    window.resize(1400, 400)  # a list longer than the screen
    qtbot.waitUntil(lambda: window.list_view.verticalScrollBar().maximum() > 0)


def test_an_arrival_at_the_top_is_seen_and_the_selection_stays(qtbot, window: MainWindow, store: Store) -> None:
    make_it_scroll(qtbot, window)
    window.list_view.select_key(window.model.key_at(0))
    selected = window.list_view.current_key()
    assert window.list_view.verticalScrollBar().value() == 0
    store.apply_page([upsert(report("r_new", 7000, submitted_at="2026-03-30T09:00:00+07:00"))], "cursor-2")
    window._on_items_changed([("report", "r_new")])  # what the sync controller says after the page
    assert top_key(window) == ("report", "r_new")
    assert window.list_view.current_key() == selected


def test_at_the_top_with_the_selection_out_of_sight_the_view_stays_at_the_top(qtbot, window: MainWindow,
                                                                            store: Store) -> None:
    make_it_scroll(qtbot, window)
    view = window.list_view
    view.select_key(window.model.key_at(window.model.rowCount() - 1))  # the officer opened one far down...
    view.scrollToTop()  # ...and went back up to watch for new work
    store.apply_page([upsert(report("r_new", 7000, submitted_at="2026-03-30T09:00:00+07:00"))], "cursor-2")
    window._on_items_changed([("report", "r_new")])
    assert view.verticalScrollBar().value() == 0  # Qt's own scroll to the re-selected row used to move it
    assert top_key(window) == ("report", "r_new")


def test_further_down_the_list_the_view_keeps_its_place(qtbot, window: MainWindow, store: Store) -> None:
    view = window.list_view
    make_it_scroll(qtbot, window)
    view.scrollTo(window.model.index(15, 0), view.ScrollHint.PositionAtTop)
    assert view.verticalScrollBar().value() > 0
    first_visible = top_key(window)
    store.apply_page([upsert(report("r_new", 7001, submitted_at="2026-03-30T09:00:00+07:00"))], "cursor-2")
    window._on_items_changed([("report", "r_new")])
    assert top_key(window) == first_visible  # reading on: nothing jumps under the officer's eyes


def is_bold(window: MainWindow, key: tuple[str, str]) -> bool:
    row = window.model.row_of(key)
    font = window.model.index(row, 0).data(Qt.ItemDataRole.FontRole)
    return font is not None and font.bold()


def test_a_new_report_is_bold_and_counted_until_the_officer_opens_it(qtbot, window: MainWindow, store: Store,
                                                                    workspace: LocalWorkspace, runner: TaskRunner,
                                                                    settings: QSettings) -> None:
    assert not window.arrivals.isVisible()  # the first sync's items are not news
    store.apply_page([upsert(report(f"r_new{n}", 7000 + n, submitted_at="2026-03-30T09:00:00+07:00"))
                      for n in range(3)], "cursor-2")
    window._on_items_changed([("report", f"r_new{n}") for n in range(3)])
    assert window.arrivals.isVisible() and window.arrivals.text() == "3 phản ánh mới"
    assert all(is_bold(window, ("report", f"r_new{n}")) for n in range(3))
    assert not is_bold(window, ("report", "r_0004"))

    window.select_item("report", "r_new1")
    qtbot.waitUntil(lambda: window.arrivals.text() == "2 phản ánh mới")
    assert not is_bold(window, ("report", "r_new1")) and is_bold(window, ("report", "r_new0"))

    # Kept in the cache, for this officer: a restarted window still shows what she has not opened.
    window.shutdown()
    again = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(again)
    again.show()
    assert again.arrivals.text() == "2 phản ánh mới"
    assert is_bold(again, ("report", "r_new0")) and not is_bold(again, ("report", "r_new1"))
    assert workspace.unread_counts("u_17") == {}  # another officer's news are his own
    again.arrivals.click()
    assert again.queues.current() == ("report", "all")
    again.shutdown()
