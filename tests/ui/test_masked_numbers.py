"""Issue 10, masking: the window shows a citizen's phone and CCCD as 0905•••456 until the officer clicks "Hiện"
beside it; the click is written to the audit trail (on the write lane) before the number shows, and the number is
masked again once another item is shown. Search still finds the item by the whole number."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from triage_desktop.core.masking import ID_NUMBER, PHONE
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.masked_value import MaskedValue
from triage_desktop.ui.models.item_table_model import ItemKeyRole

PHONE_FULL, PHONE_SHOWN = "0905 123 456", "0905•••456"  # every seeded report's citizen (tests/ui/seed.py)
CCCD_FULL, CCCD_SHOWN = "072190001234", "0721•••234"  # every seeded dossier's applicant
SECRETS = ("0905 123 456", "0905123456", "123 456", "072190001234", "90001", "3822")


class RecordingWorkspace(LocalWorkspace):
    """The real cache; `record` calls are kept (and passed on, once LocalWorkspace writes the audit trail)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.recorded: list[tuple[str, str | None, str | None, dict[str, Any]]] = []
        self.refuse = False
        self.threads: list[str] = []

    def record(self, action: str, kind: str | None = None, item_id: str | None = None,
               detail: Mapping[str, Any] | None = None) -> None:
        if self.refuse:
            raise OSError("disk full")
        self.recorded.append((action, kind, item_id, dict(detail or {})))
        self.threads.append(threading.current_thread().name)
        real = getattr(super(), "record", None)
        if real is not None:
            real(action, kind, item_id, detail)


@pytest.fixture
def workspace(store: Store) -> RecordingWorkspace:  # replaces tests/ui/conftest.py's: the window gets this one
    return RecordingWorkspace(store)


def everything_drawn(widget: QWidget) -> str:
    """Every text the window draws or hands to a screen reader: labels, buttons, tool tips, accessible names."""
    parts: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        parts += [child.toolTip(), child.accessibleName(), child.accessibleDescription()]
        if isinstance(child, QLabel | QAbstractButton):
            parts.append(child.text())
    return "\n".join(parts)


def list_cells(window: MainWindow) -> str:
    model = window.model
    return "\n".join(str(model.index(row, column).data(role)) for row in range(model.rowCount())
                     for column in range(model.columnCount())
                     for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole))


def open_item(qtbot, window: MainWindow, kind: str, item_id: str) -> None:
    window.queues.select(kind, "all")
    qtbot.waitUntil(lambda: window.select_item(kind, item_id))
    qtbot.waitUntil(lambda: window.detail.shown_key() == (kind, item_id))


def masked(window: MainWindow, field: str) -> MaskedValue:
    (value,) = [v for v in window.detail.masked_values() if v.field == field]
    return value


def test_a_phone_shows_masked_until_hien_is_clicked_and_the_click_is_recorded(
        qtbot, window: MainWindow, workspace: RecordingWorkspace) -> None:
    open_item(qtbot, window, "report", "r_0000")
    phone = masked(window, PHONE)
    assert phone.label.text() == PHONE_SHOWN
    assert phone.button.text() == "Hiện" and phone.button.autoRaise() and phone.button.accessibleName()
    assert not any(secret in everything_drawn(window) for secret in SECRETS)
    assert workspace.recorded == []

    qtbot.mouseClick(phone.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: masked(window, PHONE).label.text() == PHONE_FULL)
    assert workspace.recorded == [("revealed", "report", "r_0000", {"field": "phone"})]
    assert workspace.threads[0].startswith("triage-write")  # the write lane, never the GUI thread
    assert not masked(window, PHONE).button.isVisibleTo(window)

    window._show(("report", "r_0000"))  # the same item refreshed (a sync changed it): still revealed
    assert masked(window, PHONE).label.text() == PHONE_FULL

    open_item(qtbot, window, "report", "r_0001")  # another item: masked, its own click needed
    assert masked(window, PHONE).label.text() == PHONE_SHOWN
    open_item(qtbot, window, "report", "r_0000")  # and back: masked again
    assert masked(window, PHONE).label.text() == PHONE_SHOWN
    assert len(workspace.recorded) == 1


def test_a_dossier_masks_the_cccd_and_the_phone_each_revealed_on_its_own(
        qtbot, window: MainWindow, workspace: RecordingWorkspace) -> None:
    open_item(qtbot, window, "dossier", "d_0000")
    assert (masked(window, ID_NUMBER).label.text(), masked(window, PHONE).label.text()) == (CCCD_SHOWN, "0276•••111")
    assert masked(window, ID_NUMBER).button.accessibleName() != masked(window, PHONE).button.accessibleName()
    assert CCCD_FULL not in everything_drawn(window)

    masked(window, ID_NUMBER).button.click()
    qtbot.waitUntil(lambda: masked(window, ID_NUMBER).label.text() == CCCD_FULL)
    assert masked(window, PHONE).label.text() == "0276•••111"
    assert workspace.recorded == [("revealed", "dossier", "d_0000", {"field": "id_number"})]


def test_no_number_shows_when_its_audit_entry_cannot_be_written(
        qtbot, window: MainWindow, workspace: RecordingWorkspace, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window, "_show_message", shown.append)
    open_item(qtbot, window, "report", "r_0000")
    workspace.refuse = True
    masked(window, PHONE).button.click()
    qtbot.waitUntil(lambda: bool(shown))
    assert masked(window, PHONE).label.text() == PHONE_SHOWN and workspace.recorded == []


def test_a_number_revealed_late_never_shows_on_the_next_item(
        qtbot, window: MainWindow, workspace: RecordingWorkspace) -> None:
    """The entry is written on the write lane; if the officer moved on meanwhile, the next item stays masked."""
    open_item(qtbot, window, "report", "r_0000")
    masked(window, PHONE).button.click()
    open_item(qtbot, window, "report", "r_0001")
    qtbot.waitUntil(lambda: len(workspace.recorded) == 1)
    qtbot.wait(50)
    assert masked(window, PHONE).label.text() == PHONE_SHOWN


def test_the_whole_number_finds_the_item_and_the_list_shows_no_number(qtbot, window: MainWindow) -> None:
    window.queues.select("report", "all")
    window.search.setText("0905123456")
    qtbot.waitUntil(lambda: window.model.query() is not None and window.model.query().text == "0905123456")
    found = {window.model.index(row, 0).data(ItemKeyRole) for row in range(window.model.rowCount())}
    assert ("report", "r_0000") in found
    assert not any(secret in list_cells(window) for secret in SECRETS)
    window.select_item("report", "r_0000")
    qtbot.waitUntil(lambda: window.detail.shown_key() == ("report", "r_0000"))
    assert masked(window, PHONE).label.text() == PHONE_SHOWN


def test_copying_the_line_copies_the_masked_number(qtbot, window: MainWindow) -> None:
    open_item(qtbot, window, "report", "r_0000")
    label = masked(window, PHONE).label
    label.setSelection(0, len(label.text()))
    assert label.selectedText() == PHONE_SHOWN

