"""The "Thống kê" window (issue 13) over a real cache holding the hand-counted March of tests/support/record_seed:
its cards and tables show the expected numbers, a clicked number lists exactly those items in the main window
(with a removable "Từ Thống kê" line), and the Excel file it saves reads back with the same numbers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from tests.support import record_seed as seed
from tests.support.keys import TEST_KEY
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage.database import Database, open_database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.record_view import RecordWindow, help_text
from triage_desktop.ui.table_export import write_tables
from triage_desktop.ui.tasks import TaskRunner


@pytest.fixture
def record_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "profile", key=TEST_KEY)
    seed.seed(Store(db))
    yield db
    db.dispose()


@pytest.fixture
def main(qtbot, record_db: Database, runner: TaskRunner, tmp_path: Path) -> Iterator[MainWindow]:
    store = Store(record_db)
    window = MainWindow(LocalWorkspace(store), build_sync_service(store, CredentialStore()), runner,
                        settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                        clock=lambda: seed.NOW)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    yield window
    window.shutdown()


def _opened(qtbot, main: MainWindow, kind: str = "dossier") -> RecordWindow:
    main.record_action.trigger()
    record = main.record_window
    assert record is not None and record.isVisible()
    qtbot.waitUntil(lambda: record.record is not None and not record.computing, timeout=10_000)
    record.set_period(seed.PERIOD, kind)
    qtbot.waitUntil(lambda: record.record is not None and record.record.period == seed.PERIOD
                    and record.record.kind == kind and not record.computing, timeout=10_000)
    return record


def _column(model, key: str) -> int:
    return model.table().table.keys().index(key)


def _row(model, name: str) -> int:
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return row
    raise AssertionError(name)


def test_cards_and_tables_show_the_hand_count(qtbot, main: MainWindow) -> None:
    record = _opened(qtbot, main)
    expected = seed.EXPECTED_DOSSIERS
    for key in ("received", "carried", "on_time", "late", "open_on_time", "open_late", "stopped", "extended",
                "paused"):
        assert record.cards[key].text().splitlines()[-1] == str(expected[key]), key
    assert record.cards["late_rate"].text().splitlines()[-1] == "44,4 %"
    officers = record.models["by_officer"]
    row = _row(officers, "Trần Văn Bình")  # u_17, named from the cached members
    assert [officers.index(row, _column(officers, k)).data() for k in ("on_time", "late")] == ["2", "2"]
    assert officers.index(_row(officers, "Chưa phân công"), _column(officers, "open_late")).data() == "1"
    procedures = record.models["by_category"]
    assert procedures.index(_row(procedures, "Chứng thực bản sao từ bản chính"),
                            _column(procedures, "late_rate")).data() == "100,0 %"
    assert not record.tabs.isTabVisible(record._tab_index["reports"])  # dossiers have no reports table
    chart = record.charts["by_officer"]
    assert {bar.label: list(bar.values) for bar in chart.bars()}["Trần Văn Bình"] == [2, 2, 0, 0]


def test_sorting_keeps_each_row_whole(qtbot, main: MainWindow) -> None:
    record = _opened(qtbot, main)
    view, model = record.views["by_officer"], record.models["by_officer"]
    view.sortByColumn(_column(model, "late"), Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "Trần Văn Bình"
    assert model.index(0, _column(model, "late")).data() == "2"


def test_a_clicked_number_lists_exactly_its_items(qtbot, main: MainWindow) -> None:
    record = _opened(qtbot, main)
    record.cards["late"].click()
    qtbot.waitUntil(lambda: main.model.query() is not None and main.model.query().record is not None)
    assert main.model.query().kind == "dossier"
    qtbot.waitUntil(lambda: main.model.rowCount() == 2)
    assert sorted(main.model.row_at(r).id for r in range(2)) == ["d_02", "d_07"]
    assert main.record_line.isVisible() and main.record_line.text.text().startswith("Từ Thống kê: ")
    # A count in a table: u_21's settled on time (d_06).
    model = record.models["by_officer"]
    view = record.views["by_officer"]
    index = model.index(_row(model, "Lê Thị Mai"), _column(model, "on_time"))
    view.clicked.emit(index)
    qtbot.waitUntil(lambda: main.model.rowCount() == 1)
    assert main.model.row_at(0).id == "d_06"
    main.record_line.remove.click()
    qtbot.waitUntil(lambda: main.model.query().record is None)
    assert not main.record_line.isVisible()
    assert main.model.rowCount() > 1


def test_reports_by_category_with_working_times(qtbot, main: MainWindow) -> None:
    record = _opened(qtbot, main, "report")
    assert record.tabs.isTabVisible(record._tab_index["reports"])
    model = record.models["reports"]
    trees = _row(model, "Cây xanh")
    assert model.index(trees, _column(model, "received")).data() == "4"
    assert model.index(trees, _column(model, "resolution_median_days")).data() == "3,0"
    assert model.index(trees, _column(model, "target_share")).data() == "25,0 %"
    assert model.index(model.rowCount() - 1, 0).data() == "Tất cả"
    model.sort(_column(model, "received"), Qt.SortOrder.AscendingOrder)
    assert model.index(model.rowCount() - 1, 0).data() == "Tất cả"  # the total stays last


def test_the_excel_file_reads_back_with_the_same_numbers(qtbot, main: MainWindow, tmp_path: Path) -> None:
    record = _opened(qtbot, main)
    target = tmp_path / "thong-ke.xlsx"
    write_tables([t.table for t in record.tables], target, "xlsx")  # what "Xuất Excel (mọi bảng)" writes
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Tổng hợp", "Theo cán bộ", "Theo thủ tục"]
    rows = _sheet_rows(book["Tổng hợp"])
    expected = seed.EXPECTED_DOSSIERS
    whole = rows["Toàn đơn vị"]
    assert [whole[h] for h in ("Tiếp nhận trong kỳ", "Tồn kỳ trước", "Đã giải quyết đúng hạn",
                               "Đã giải quyết trễ hạn", "Đang giải quyết trong hạn", "Đang giải quyết quá hạn",
                               "Dừng/rút/từ chối", "Có gia hạn (xin lỗi)", "Có tạm dừng")] == [
        expected[k] for k in ("received", "carried", "on_time", "late", "open_on_time", "open_late", "stopped",
                              "extended", "paused")]
    assert whole["Tỷ lệ trễ hạn"] == pytest.approx(expected["late_rate"])
    officers = _sheet_rows(book["Theo cán bộ"])
    for name, member in (("Trần Văn Bình", "u_17"), ("Lê Thị Mai", "u_21"), ("Chưa phân công", "")):
        assert tuple(officers[name][h] for h in ("Đã giải quyết đúng hạn", "Đã giải quyết trễ hạn",
                                                 "Đang giải quyết trong hạn", "Đang giải quyết quá hạn",
                                                 "Dừng/rút/từ chối")) == seed.EXPECTED_BY_OFFICER[member]


def test_the_export_buttons_save_what_the_tables_show(qtbot, main: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """"Xuất Excel" under the officers' table, through the window's exporter (write lane, audit trail)."""
    record = _opened(qtbot, main)
    target = tmp_path / "can-bo.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), "Excel (*.xlsx)"))
    record.findChild(QPushButton, "excel_by_officer").click()
    qtbot.waitUntil(target.exists, timeout=10_000)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Theo cán bộ"]
    officers = _sheet_rows(book["Theo cán bộ"])
    assert officers["Trần Văn Bình"]["Đã giải quyết trễ hạn"] == 2
    assert officers["Lê Thị Mai"]["Tỷ lệ trễ hạn"] == pytest.approx(1 / 4)
    csv_target = tmp_path / "can-bo.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(csv_target), "Excel (*.xlsx)"))
    record.findChild(QPushButton, "csv_by_officer").click()
    qtbot.waitUntil(csv_target.exists, timeout=10_000)
    assert csv_target.read_bytes().startswith(b"\xef\xbb\xbf")
    qtbot.waitUntil(lambda: sum(e.action == "exported" for e in main.workspace._store.audit_entries()) == 2)


def _sheet_rows(sheet) -> dict[str, dict[str, object]]:
    """{first cell: {header: value}} under the sheet's bold header row (the one after the title lines)."""
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(values) if row[0] in ("Phạm vi", "Cán bộ", "Thủ tục", "Lĩnh vực"))
    header = values[header_at]
    return {row[0]: dict(zip(header, row, strict=False)) for row in values[header_at + 1:] if row[0]}


def test_readable_at_double_text_size(qtbot, main: MainWindow, doubled_font: None) -> None:
    record = _opened(qtbot, main)
    chart = record.charts["by_officer"]
    line = chart.fontMetrics().height()
    assert chart.sizeHint().height() >= 3 * 1.5 * line  # three officers' rows at the doubled font
    card = record.cards["open_on_time"]
    assert card.sizeHint().width() >= card.fontMetrics().horizontalAdvance("Đang giải quyết trong hạn")
    assert "Tỷ lệ trễ hạn" in help_text()


def test_a_new_request_drops_the_older_answer(qtbot, main: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both answers come back (one lane, in order); only the newest is shown."""
    record = _opened(qtbot, main)
    shown: list[str] = []
    show = record._show_record
    monkeypatch.setattr(record, "_show_record", lambda answer: (shown.append(answer[0].kind), show(answer)))
    record.set_period(seed.PERIOD, "report")
    record.set_period(seed.PERIOD, "dossier")  # asked again before the report one came back
    qtbot.waitUntil(lambda: "dossier" in shown and not record.computing, timeout=10_000)
    QApplication.processEvents()
    assert shown == ["dossier"]


def test_stopping_drops_the_answer(qtbot, main: MainWindow) -> None:
    record = _opened(qtbot, main)
    record.set_period(seed.PERIOD, "report")
    assert record.stop_button.isVisibleTo(record)
    record.stop_button.click()
    assert not record.stop_button.isVisibleTo(record) and not record.busy.isVisibleTo(record)
    qtbot.waitUntil(lambda: not record.computing, timeout=10_000)
    assert record.record is not None and record.record.kind == "dossier"  # the report answer came, unused
