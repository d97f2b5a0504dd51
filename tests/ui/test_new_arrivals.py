"""Issue 8, item 7: a report that arrives while the officer watches the top of the list shows as its first row."""

from __future__ import annotations

from tests.ui.seed import report, upsert
from triage_desktop.storage.store import Store
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import ItemKeyRole


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


def test_further_down_the_list_the_view_keeps_its_place(qtbot, window: MainWindow, store: Store) -> None:
    view = window.list_view
    make_it_scroll(qtbot, window)
    view.scrollTo(window.model.index(15, 0), view.ScrollHint.PositionAtTop)
    assert view.verticalScrollBar().value() > 0
    first_visible = top_key(window)
    store.apply_page([upsert(report("r_new", 7001, submitted_at="2026-03-30T09:00:00+07:00"))], "cursor-2")
    window._on_items_changed([("report", "r_new")])
    assert top_key(window) == first_visible  # reading on: nothing jumps under the officer's eyes
