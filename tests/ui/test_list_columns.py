"""The deadline shows without scrolling on the small office screen, at 100% and 200% text; the officer picks the
list's columns (header menu, "Xem → Cột hiển thị") and finds them again at the next start, her own."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QMenu

from tests.ui.seed import OFFICER
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import (
    COL_ASSIGNEE,
    COL_CODE,
    COL_DUE,
    COL_PRIORITY,
    COL_STATUS,
    COL_TITLE,
)
from triage_desktop.ui.tasks import TaskRunner

DEFAULT_COLUMNS = [COL_CODE, COL_DUE, COL_TITLE, COL_STATUS, COL_ASSIGNEE]


@pytest.fixture
def small_window(qtbot, store: Store, workspace: LocalWorkspace, runner: TaskRunner,
                 settings: QSettings) -> Iterator[MainWindow]:
    main = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.queues.select("dossier", "all")  # the longer codes ("000.00.23.H57-260302-0001")
    assert main.select_item("dossier", "d_0001")  # the detail pane full, as the officer works
    yield main
    main.shutdown()


def zoomed(qtbot, window: MainWindow, zoom: float) -> None:
    """Wait until the list has its text at `zoom` (the font reaches the widgets over a few event-loop turns)."""
    qtbot.waitUntil(lambda: abs(window.list_view.fontInfo().pointSizeF() - window._base_point_size * zoom) < 0.5,
                    timeout=5_000)


def deadline_in_view(window: MainWindow) -> bool:
    """The deadline column's section lies inside the list's viewport, the list scrolled to its left edge."""
    view = window.list_view
    header = view.horizontalHeader()
    left = header.sectionViewportPosition(COL_DUE)
    right = left + header.sectionSize(COL_DUE)
    return (view.isVisible() and view.horizontalScrollBar().value() == 0 and not header.isSectionHidden(COL_DUE)
            and left >= 0 and right <= view.viewport().width())


@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_the_deadline_shows_without_scrolling_at_1366x768(qtbot, small_window: MainWindow, zoom: float,
                                                          tmp_path) -> None:
    small_window.set_zoom(zoom)
    zoomed(qtbot, small_window, zoom)
    qtbot.waitUntil(lambda: deadline_in_view(small_window), timeout=5_000)
    assert small_window.list_view.shown_columns() == DEFAULT_COLUMNS
    # Room for a few characters of the title at least, and a detail pane still there to read.
    assert small_window.list_view.columnWidth(COL_TITLE) >= 6 * small_window.list_view.fontMetrics().horizontalAdvance("0")
    assert small_window.detail.width() >= 17 * small_window.fontMetrics().averageCharWidth()
    small_window.grab().save(str(tmp_path / f"list-{zoom}.png"))
    if zoom == 1.0:  # the small screen at normal text shows all five columns whole
        view = small_window.list_view
        last = view.horizontalHeader().sectionViewportPosition(COL_ASSIGNEE) + view.columnWidth(COL_ASSIGNEE)
        assert last <= view.viewport().width()


def chooser_entries(menu: QMenu) -> dict[str, tuple[bool, bool]]:
    menu.aboutToShow.emit()  # filled as it opens
    return {a.text(): (a.isChecked(), a.isEnabled()) for a in menu.actions() if a.isCheckable()}


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: a popup menu cannot grab the keyboard
def test_the_column_chooser_shows_hidden_columns_and_keeps_code_and_deadline(qtbot,
                                                                             small_window: MainWindow) -> None:
    view = small_window.list_view
    entries = chooser_entries(small_window.columns_menu)
    assert entries == {"Mã": (True, False), "Hạn / còn lại": (True, False), "Tiêu đề / Nội dung": (True, True),
                       "Trạng thái": (True, True), "Người xử lý": (True, True), "Mức độ": (False, True),
                       "Lĩnh vực / Thủ tục": (False, True), "Ngày gửi": (False, True)}
    assert small_window.columns_menu in [a.menu() for a in small_window.menuBar().actions()[2].menu().actions()]
    priority = next(a for a in small_window.columns_menu.actions() if a.text() == "Mức độ")
    priority.trigger()
    assert COL_PRIORITY in view.shown_columns() and view.columnWidth(COL_PRIORITY) > 0
    # The header's own context menu is the same chooser.
    view.horizontalHeader().customContextMenuRequested.emit(QPoint(5, 5))
    header_menu = view._header_menu
    assert header_menu is not None
    assert chooser_entries(header_menu)["Mức độ"] == (True, True)
    view.set_column_shown(COL_DUE, False)  # refused: the deadline is the list's spine
    assert COL_DUE in view.shown_columns()
    header_menu.close()


def test_columns_are_kept_per_official(qtbot, small_window: MainWindow, store: Store, workspace: LocalWorkspace,
                                       runner: TaskRunner, settings: QSettings) -> None:
    view = small_window.list_view
    view.set_column_shown(COL_PRIORITY, True)
    view.set_column_shown(COL_STATUS, False)
    view.horizontalHeader().moveSection(view.horizontalHeader().visualIndex(COL_TITLE), 1)
    chosen = view.shown_columns()
    assert chosen == [COL_CODE, COL_TITLE, COL_DUE, COL_ASSIGNEE, COL_PRIORITY]
    small_window.shutdown()

    def reopen() -> MainWindow:
        again = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
        qtbot.addWidget(again)
        again.resize(1366, 768)
        again.show()
        return again

    same = reopen()
    assert same.list_view.shown_columns() == chosen
    same.shutdown()
    store.set_state("user", json.dumps(OFFICER, ensure_ascii=False))
    other = reopen()  # another official on this PC: her own (default) columns
    assert other.user is not None and other.user.id == OFFICER["id"]
    assert other.list_view.shown_columns() == DEFAULT_COLUMNS
    other.shutdown()


def test_saved_widths_follow_the_text_size_they_were_measured_at(qtbot, small_window: MainWindow,
                                                                 store: Store, workspace: LocalWorkspace,
                                                                 runner: TaskRunner, settings: QSettings) -> None:
    """Closed at 200%, opened again at 200%: the columns are as wide as they were, not twice that."""
    small_window.set_zoom(2.0)
    zoomed(qtbot, small_window, 2.0)
    qtbot.waitUntil(lambda: deadline_in_view(small_window), timeout=5_000)
    width = small_window.list_view.columnWidth(COL_DUE)
    assert width > 300
    small_window.shutdown()
    again = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(again)
    again.resize(1366, 768)
    again.show()
    try:
        zoomed(qtbot, again, 2.0)
        qtbot.waitUntil(lambda: deadline_in_view(again), timeout=5_000)
        assert abs(again.list_view.columnWidth(COL_DUE) - width) <= width * 0.1
    finally:
        again.shutdown()


def test_a_saved_splitter_is_not_moved_at_the_next_start(qtbot, small_window: MainWindow, store: Store,
                                                         workspace: LocalWorkspace, runner: TaskRunner,
                                                         settings: QSettings) -> None:
    """The list widens itself at a zoom or a window resize, not over the panes the officer set last time."""
    small_window.splitter.setSizes([300, 500, 560])
    sizes = small_window.splitter.sizes()
    small_window.shutdown()
    again = MainWindow(workspace, build_sync_service(store, CredentialStore()), runner, settings=settings)
    qtbot.addWidget(again)
    again.resize(1366, 768)
    again.show()
    qtbot.waitExposed(again)
    qtbot.wait(50)  # what a deferred fit would have done by now
    try:
        assert again.splitter.sizes() == sizes
        assert deadline_in_view(again)
    finally:
        again.shutdown()
