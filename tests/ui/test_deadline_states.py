"""The list's deadline column: each state as colour AND icon AND words (issue 11), read on one DeadlineBounds."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QLabel

from tests.support.keys import TEST_KEY
from tests.ui.clock_seed import MON_1659, MON_1701, seed_deadlines, vn
from tests.ui.seed import report, upsert
from triage_desktop.core.deadlines import DeadlineBounds
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.workdays import VN, WorkCalendar
from triage_desktop.storage.database import open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.deadline_icons import state_icon
from triage_desktop.ui.deadlines import state_text
from triage_desktop.ui.formatting import format_datetime
from triage_desktop.ui.models.item_table_model import COL_DUE, COL_TITLE, ItemTableModel
from triage_desktop.ui.widgets import styling

CALENDAR = WorkCalendar()
ALL_REPORTS = ItemQuery(kind="report", queue="all", sort_key="code", descending=False)
ALL_DOSSIERS = ItemQuery(kind="dossier", queue="all", sort_key="code", descending=False)


@pytest.fixture
def clock_workspace(tmp_path) -> LocalWorkspace:  # type: ignore[no-untyped-def]
    database = open_database(tmp_path / "deadlines", key=TEST_KEY)
    seed_deadlines(Store(database))
    yield LocalWorkspace(Store(database))
    database.dispose()


def cell(model: ItemTableModel, key: tuple[str, str], role: int = Qt.ItemDataRole.DisplayRole) -> object:
    row = model.row_of(key)
    assert row is not None, key
    return model.index(row, COL_DUE).data(role)


def pixels(icon: QIcon) -> QImage:
    return icon.pixmap(32, 32).toImage()


def test_due_soon_is_amber_with_a_warning_icon_and_says_so(qapp, clock_workspace: LocalWorkspace) -> None:
    model = ItemTableModel(clock_workspace, ALL_REPORTS)
    model.set_bounds(DeadlineBounds.at(MON_1659, CALENDAR))
    key = ("report", "r_a")  # due Monday 17:00, read at 16:59
    assert cell(model, key) == "Sắp đến hạn — còn 1 giờ"
    assert cell(model, key, Qt.ItemDataRole.ForegroundRole) == QColor(styling.DUE_SOON_FG)
    icon = cell(model, key, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and icon.cacheKey() == state_icon("due_soon").cacheKey()  # made once, shared
    # The same words in the tooltip, with the date and the working time in full.
    tooltip = str(cell(model, key, Qt.ItemDataRole.ToolTipRole))
    assert format_datetime(vn(9, 17)) in tooltip and "còn 1 giờ làm việc" in tooltip
    # The title column carries no deadline colour or icon: the cue is the deadline cell's own.
    row = model.row_of(key)
    assert row is not None
    assert model.index(row, COL_TITLE).data(Qt.ItemDataRole.DecorationRole) is None


def test_every_state_has_its_own_words_colour_and_icon(qapp, clock_workspace: LocalWorkspace) -> None:
    reports = ItemTableModel(clock_workspace, ALL_REPORTS)
    dossiers = ItemTableModel(clock_workspace, ALL_DOSSIERS)
    for model in (reports, dossiers):
        model.set_bounds(DeadlineBounds.at(MON_1701, CALENDAR))
    shown = {
        "overdue": (reports, ("report", "r_a"), "Quá hạn", styling.OVERDUE_FG),  # 17:00 passed, no office time lost
        "overdue_days": (dossiers, ("dossier", "d_i"), "Quá hạn 2 giờ", styling.OVERDUE_FG),
        "due_soon": (reports, ("report", "r_b"), "Sắp đến hạn — còn 3 giờ", styling.DUE_SOON_FG),
        "on_track": (reports, ("report", "r_f"), "Còn 4 ngày làm việc", None),
        "paused": (dossiers, ("dossier", "d_g"), "Tạm dừng — chờ công dân", styling.PAUSED_FG),
    }
    icons = {}
    for name, (model, key, words, color) in shown.items():
        assert cell(model, key) == words, name
        foreground = cell(model, key, Qt.ItemDataRole.ForegroundRole)
        assert foreground == (QColor(color) if color else None), name
        icon = cell(model, key, Qt.ItemDataRole.DecorationRole)
        assert isinstance(icon, QIcon) and not icon.isNull(), name
        icons[name.removesuffix("_days")] = pixels(icon)
    assert len({image.cacheKey() for image in icons.values()}) == len(icons)
    assert len({bytes(image.constBits()) for image in icons.values()}) == 4  # four shapes, not one recoloured
    # A stopped clock: the due date only, no colour, no icon.
    assert cell(reports, ("report", "r_e")) == format_datetime(vn(9, 12))
    assert cell(reports, ("report", "r_e"), Qt.ItemDataRole.ForegroundRole) is None
    assert cell(reports, ("report", "r_e"), Qt.ItemDataRole.DecorationRole) is None


@pytest.mark.parametrize("color", [styling.DUE_SOON_FG, styling.OVERDUE_FG, styling.PAUSED_FG])
def test_state_colours_are_readable_on_white_and_on_alternate_rows(color: str) -> None:
    assert styling.contrast_ratio(color, "#ffffff") >= 4.5
    assert styling.contrast_ratio(color, "#f5f5f5") >= 4.5  # Fusion's alternate row


def test_overdue_counts_working_days_and_hours_under_a_day() -> None:
    due = vn(9, 17).isoformat()
    assert state_text(CALENDAR, "overdue", due, vn(10, 9)) == "Quá hạn 2 giờ"
    assert state_text(CALENDAR, "overdue", due, vn(13, 10)) == "Quá hạn 3 ngày"  # Tue–Thu, then Friday morning
    assert state_text(CALENDAR, "overdue", due, vn(16, 10)) == "Quá hạn 4 ngày"  # the weekend does not count
    assert state_text(CALENDAR, "on_track", due, vn(5, 9)) == "Còn 2 ngày làm việc"


def test_the_words_are_read_on_the_bounds_not_on_the_clock_of_the_paint(qapp,
                                                                         clock_workspace: LocalWorkspace) -> None:
    """Rows painted a minute apart must not disagree: state and words both come from the model's bounds (the
    real clock of this test run is months past these deadlines)."""
    model = ItemTableModel(clock_workspace, ALL_REPORTS)
    model.set_bounds(DeadlineBounds.at(vn(9, 9), CALENDAR))
    assert cell(model, ("report", "r_a")) == "Sắp đến hạn — còn 6 giờ"
    model.set_bounds(DeadlineBounds.at(MON_1659, CALENDAR))
    assert cell(model, ("report", "r_a")) == "Sắp đến hạn — còn 1 giờ"


def test_a_count_on_the_national_holiday_fallback_says_so(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    """The province published this year's calendar only: a deadline next year is counted on the national
    holidays, and both the list's tooltip and the detail pane's "Hạn xử lý" say so; one this year does not."""
    year = datetime.now(VN).year
    store.put_reference(f"calendar:{year}", None, {"year": year, "days_off": [], "extra_working_days": []})
    store.apply_page([upsert(report("r_next", 7001, status="in_progress", due_at=f"{year + 1}-01-15T17:00:00+07:00")),
                      upsert(report("r_this", 7002, status="in_progress", due_at=f"{year}-06-15T17:00:00+07:00"))],
                     "cursor-fallback")
    window.reload_reference()
    window.queues.select("report", "all")
    window.model.refresh_ids()
    note = f"ước tính theo lịch nghỉ lễ quốc gia; tỉnh chưa công bố lịch năm {year + 1}"
    assert note in str(cell(window.model, ("report", "r_next"), Qt.ItemDataRole.ToolTipRole))
    assert "ước tính" not in str(cell(window.model, ("report", "r_this"), Qt.ItemDataRole.ToolTipRole))

    def due_row() -> str:
        return next(label.text() for label in window.detail.findChildren(QLabel)
                    if label.isVisibleTo(window) and label.text().startswith(("15/01/", "15/06/")))

    assert window.select_item("report", "r_next")
    assert due_row().endswith(" — " + note)
    assert window.select_item("report", "r_this")
    assert "ước tính" not in due_row()


def test_a_model_without_a_clock_reads_on_the_bounds_its_query_brings(qapp, clock_workspace: LocalWorkspace) -> None:
    """A bench or a script passes the bounds in the query; a window's clock (set_bounds) wins over old ones."""
    at_1659 = DeadlineBounds.at(MON_1659, CALENDAR)
    model = ItemTableModel(clock_workspace, ItemQuery(kind="report", queue="due_soon", bounds=at_1659))
    assert model.query().bounds == at_1659 and model.rowCount() == 3  # type: ignore[union-attr]
    assert cell(model, ("report", "r_a")) == "Sắp đến hạn — còn 1 giờ"
    at_1701 = DeadlineBounds.at(MON_1701, CALENDAR)
    model.set_bounds(at_1701)
    model.set_query(ItemQuery(kind="report", queue="due_soon", bounds=at_1659))  # kept from before a lock
    assert model.query().bounds == at_1701 and model.rowCount() == 2  # type: ignore[union-attr]
