"""Issue 8, item 11: search finds a citizen by the start of a phone number as officers type it, and the list
says how many matched, and when it shows only the newest of more."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings

from tests.ui.seed import report, upsert
from triage_desktop.core.vocabulary import SEARCH_LIMIT
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.models.item_table_model import ItemKeyRole
from triage_desktop.ui.tasks import TaskRunner


@pytest.fixture
def open_window(qtbot, store: Store, runner: TaskRunner, settings: QSettings) -> Iterator[MainWindow]:
    """Built after the test has put its own items in the cache."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        main = MainWindow(LocalWorkspace(store), build_sync_service(store, CredentialStore()), runner,
                          settings=settings)
        qtbot.addWidget(main)
        main.resize(1400, 900)
        main.show()
        windows.append(main)
        return main

    yield make  # type: ignore[misc]
    for main in windows:
        main.shutdown()


def search(qtbot, window: MainWindow, text: str) -> None:
    window.search.setText(text)
    qtbot.waitUntil(lambda: window.model.query() is not None and window.model.query().text == text)


def keys(window: MainWindow) -> list[tuple[str, str]]:
    model = window.model
    return [model.index(row, 0).data(ItemKeyRole) for row in range(model.rowCount())]


def test_the_start_of_a_phone_number_finds_the_citizen(qtbot, store: Store, open_window) -> None:
    store.apply_page([upsert(report("r_intl", 5000, citizen={"name": "Võ Thị Lan", "phone": "+84 359 123 456",
                                                             "contact_allowed": True}))], "cursor-2")
    window = open_window()
    search(qtbot, window, "0359")
    assert keys(window) == [("report", "r_intl")]
    assert window.search_summary.isVisible() and window.search_summary.text() == "Tìm thấy 1 kết quả"
    search(qtbot, window, "0359 123")
    assert keys(window) == [("report", "r_intl")]


def test_a_search_that_keeps_only_the_newest_says_so(qtbot, store: Store, open_window) -> None:
    many = [upsert(report(f"r_lamp_{n}", 10_000 + n, title=f"Đèn đường hỏng số {n}"))
            for n in range(SEARCH_LIMIT + 20)]
    store.apply_page(many, "cursor-3")
    window = open_window()
    search(qtbot, window, "den duong")
    assert window.model.rowCount() == SEARCH_LIMIT
    assert window.search_summary.text() == f"Hiện {SEARCH_LIMIT} kết quả mới nhất — gõ thêm để thu hẹp"
    search(qtbot, window, "")
    assert not window.search_summary.isVisible()
