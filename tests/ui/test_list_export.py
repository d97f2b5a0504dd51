"""Issue 13, "Xuất danh sách…": the window writes the list it shows — its queue, filters and order, every row,
not only the loaded pages — to Excel or CSV on the write lane, with a progress dialog that cancels, and says
what happened. Real Qt widgets offscreen over a real cache; the files are read back with openpyxl and csv."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QToolBar

from tests.support.unwritable import unwritable_folder
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.list_table import ListedItem, ListNames
from triage_desktop.core.ports import CancelToken
from triage_desktop.core.record import Period, RecordCell
from triage_desktop.core.tables import Column, Table
from triage_desktop.core.workdays import VN
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.storage import listed
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.sync.engine import build_sync_service
from triage_desktop.ui import list_export, list_file, list_words, whole_file
from triage_desktop.ui.filter_bar import STATUS
from triage_desktop.ui.list_words import FixedListWords, QtListWords
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.tasks import TaskRunner


def shown_codes(window: MainWindow) -> list[str]:
    """The codes of the list's rows, in order (all pages: the model loads the rest on the way)."""
    codes = []
    row = 0
    while row < window.model.rowCount():
        key = window.model.key_at(row)
        if key is None:
            window.model.fetchMore(window.model.index(row, 0).parent())
            continue
        item = window.workspace.item(*key)
        assert item is not None
        codes.append(item.code)
        row += 1
    return codes


def export(qtbot, window: MainWindow, path: Path, fmt: str) -> str:
    with qtbot.waitSignal(window.list_export.finished, timeout=20_000) as outcome:
        window.list_export.start(window.model.query(), path, fmt)
    return str(outcome.args[0])


def filtered(window: MainWindow) -> None:
    """"Chưa hoàn thành" with the status "Đang xử lý", by time left."""
    window.queues.select("report", "open")
    combo = window.filters.combo(STATUS)
    combo.setCurrentIndex(combo.findData("in_progress"))


def test_the_filtered_list_to_excel_in_the_lists_order(qtbot, window: MainWindow, store: Store,
                                                       tmp_path: Path) -> None:
    filtered(window)
    expected = shown_codes(window)
    assert 5 < len(expected) < 31  # the queue and the filter narrow the list
    path = tmp_path / "danh-sach.xlsx"
    assert export(qtbot, window, path, "xlsx") == "saved"
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Danh sách phản ánh"
    assert sheet["A1"].value == "Danh sách phản ánh"
    note = sheet["A2"].value
    assert note.startswith("Phản ánh · Chưa hoàn thành · Trạng thái: Đang xử lý · xuất lúc ")
    header = next(r for r in range(1, 6) if sheet.cell(r, 1).value == "Mã")
    assert sheet.freeze_panes == f"A{header + 1}"
    headers = [c.value for c in sheet[header]]
    assert headers[:4] == ["Mã", "Tiêu đề", "Trạng thái", "Mức độ"]
    rows = list(sheet.iter_rows(min_row=header + 1, values_only=True))
    assert [row[0] for row in rows] == expected
    assert {row[2] for row in rows} == {"Đang xử lý"}
    by_name = dict(zip(headers, rows[0], strict=True))
    assert by_name["Người xử lý"] == "Trần Văn Bình"  # the member's name, not u_17
    assert by_name["Lĩnh vực"] in ("Cây xanh", "Chiếu sáng công cộng")
    assert by_name["Điện thoại"].count("•") == 3  # masked: this deployment does not allow full exports
    assert isinstance(by_name["Ngày gửi"], datetime) and isinstance(by_name["Hạn xử lý"], datetime)
    assert isinstance(by_name["Còn lại (ngày làm việc, âm: quá hạn)"], int | float)
    assert by_name["Đơn vị"] == "UBND Phường 1"
    entry = store.audit_entries()[-1]
    assert (entry.action, entry.kind) == ("exported", "report")
    assert json.loads(entry.detail) == {"what": "list", "format": "xlsx", "queue": "open", "filters": "status",
                                        "count": len(expected), "masked": True, "complete": True, "to": "file"}
    box = window.active_dialog
    assert isinstance(box, QMessageBox)
    assert box.text() == f"Đã xuất {len(expected)} mục vào tệp:\ndanh-sach.xlsx"


def test_csv_of_the_search_and_the_folder_button(qtbot, window: MainWindow, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window.queues.select("report", "all")
    window.search.setText("Cây đổ chắn đường số 1")
    qtbot.waitUntil(lambda: window.model.query() is not None and window.model.query().text != "", timeout=3000)
    expected = shown_codes(window)
    assert expected
    path = tmp_path / "tim-kiem.csv"
    assert export(qtbot, window, path, "csv") == "saved"
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Mã", "Tiêu đề", "Trạng thái"]
    assert [row[0] for row in rows[1:]] == expected
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    box = window.active_dialog
    assert isinstance(box, QMessageBox)
    button = next(b for b in box.findChildren(QPushButton) if b.text() == "Mở thư mục")
    button.click()
    assert opened == [str(tmp_path)]


def test_the_save_dialog_offers_excel_and_csv_under_a_dated_name(qtbot, window: MainWindow, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window.queues.select("dossier", "all")
    asked: list[tuple[str, str]] = []

    def fake_dialog(_parent: Any, _title: str, suggested: str, filters: str, _chosen: str) -> tuple[str, str]:
        asked.append((suggested, filters))
        return str(tmp_path / "ho-so"), "CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    with qtbot.waitSignal(window.list_export.finished, timeout=20_000):
        window.list_export.action.trigger()
    suggested, filters = asked[0]
    assert Path(suggested).name == f"danh-sach-ho-so-{window.now().astimezone(VN):%d-%m-%Y}.xlsx"
    assert filters.split(";;") == ["Excel (*.xlsx)", "CSV (*.csv)"]
    rows = list(csv.reader(io.StringIO((tmp_path / "ho-so.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0][:2] == ["Mã", "Trích yếu"] and "Thủ tục" in rows[0] and "Người nộp" in rows[0]
    assert len(rows) == 1 + 8
    # the name typed says which format, whatever filter was left selected
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(tmp_path / "a.csv"), "Excel (*.xlsx)"))
    assert window.list_export.ask_path("report") == (tmp_path / "a.csv", "csv")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(tmp_path / "b"), "Excel (*.xlsx)"))
    assert window.list_export.ask_path("report") == (tmp_path / "b.xlsx", "xlsx")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    assert window.list_export.ask_path("report") is None


def test_the_action_is_in_the_list_menu_the_toolbar_and_the_context_menu(window: MainWindow) -> None:
    action = window.list_export.action
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert action in menus["&Danh sách"].actions()
    assert action in window.findChild(QToolBar, "mainToolbar").actions()
    assert action in window.list_menu(QPoint(1, 1)).actions()


def test_a_folder_without_write_rights_says_so_and_writes_nothing(qtbot, window: MainWindow,
                                                                 tmp_path: Path) -> None:
    window.queues.select("report", "all")
    with unwritable_folder(tmp_path) as folder:
        assert export(qtbot, window, folder / "x.xlsx", "xlsx") == "failed"
        assert not (folder / "x.xlsx").exists()
    box = window.active_dialog
    assert isinstance(box, QMessageBox)
    assert "Không có quyền ghi vào thư mục" in box.text()


# --- cancelling half-way --------------------------------------------------------------------------------------


class HeldWorkspace:
    """The real workspace, whose export stops after its first rows until the test lets it go on."""

    def __init__(self, real: LocalWorkspace) -> None:
        self._real = real
        self.started = threading.Event()
        self.go_on = threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def listed(self, query: ItemQuery, cancel: CancelToken | None = None, progress: Any = None
               ) -> Iterator[ListedItem]:
        for n, item in enumerate(self._real.listed(query, cancel, progress)):
            if n == 3:
                self.started.set()
                assert self.go_on.wait(20)
            yield item


@pytest.fixture
def held(qtbot, store: Store, workspace: LocalWorkspace, runner: TaskRunner, tmp_path: Path
         ) -> Iterator[tuple[MainWindow, HeldWorkspace]]:
    gate = HeldWorkspace(workspace)
    main = MainWindow(gate, build_sync_service(store, CredentialStore()), runner,  # type: ignore[arg-type]
                      settings=QSettings(str(tmp_path / "held.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    yield main, gate
    gate.go_on.set()
    main.shutdown()


def test_cancel_half_way_leaves_no_file(qtbot, held: tuple[MainWindow, HeldWorkspace], store: Store,
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window, gate = held
    monkeypatch.setattr(listed, "BATCH", 5)  # several batches: the cancel is seen between two of them
    window.queues.select("report", "all")
    path = tmp_path / "huy.xlsx"
    with qtbot.waitSignal(window.list_export.finished, timeout=20_000) as outcome:
        window.list_export.start(window.model.query(), path, "xlsx")
        qtbot.waitUntil(gate.started.is_set, timeout=10_000)
        progress = window.list_export.progress
        assert progress is not None
        next(b for b in progress.findChildren(QPushButton) if b.text() == "Hủy").click()
        gate.go_on.set()
    assert outcome.args == ["cancelled"]
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".triage-*")) == []
    assert window.list_export.progress is None
    assert "Đã hủy xuất danh sách" in window.statusBar().currentMessage()
    detail = json.loads(store.audit_entries()[-1].detail)
    assert detail["complete"] is False and 0 < detail["count"] < 31


def test_a_full_disk_keeps_the_earlier_file_and_says_so(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "danh-sach.csv"
    path.write_text("bản xuất hôm qua", encoding="utf-8")

    def full(_fileno: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(whole_file.os, "fsync", full)
    table = Table("Danh sách phản ánh", [Column("Mã")])
    with pytest.raises(OSError) as raised:
        list_file.write_list_file(path, "csv", table, [["PA-1"], ["PA-2"]])
    assert path.read_text(encoding="utf-8") == "bản xuất hôm qua"
    assert [p.name for p in tmp_path.iterdir()] == ["danh-sach.csv"]
    text = whole_file.why_not_written(raised.value, path)
    assert text.startswith("Ổ đĩa đã đầy: chưa lưu được “danh-sach.csv”") and "vẫn giữ nguyên" in text


def test_the_audit_names_the_filters_set_never_their_values() -> None:
    query = ItemQuery(kind="report", queue="mine", assignee_id="", text="Lê Đình Tâm", status="new")
    detail = list_export.audit_detail(query, "csv", 3, masked=True, complete=False)
    assert detail["filters"] == "status+assignee_id+text"
    assert "Lê" not in str(detail)
    assert list_export.audit_detail(ItemQuery(kind="report"), "csv", 0, masked=True, complete=True)["filters"] == "none"


def test_a_list_opened_from_the_record_says_so_in_its_note_and_audit() -> None:
    """A clicked number of "Thống kê" is a filter too: the file's note names it, the audit counts it (no values)."""
    cell = RecordCell.of("dossier", Period(date(2026, 3, 1), date(2026, 3, 31)), datetime(2026, 4, 10, tzinfo=VN),
                         measure="late", officer="u_17", label="Đã giải quyết trễ hạn · Trần Văn Bình")
    query = ItemQuery(kind="dossier", record=cell)
    assert list_export.audit_detail(query, "csv", 2, masked=True, complete=True)["filters"] == "record"
    note = list_words.list_note(query, ListNames(), datetime(2026, 4, 10, 9, 0, tzinfo=VN))
    assert "Từ Thống kê: Đã giải quyết trễ hạn · Trần Văn Bình" in note


def test_a_target_open_in_excel_is_named_as_such(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a file Excel holds open: the rename fails, the earlier file stays."""
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(b"old")

    def refused(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Access is denied", src, None, dst)

    monkeypatch.setattr(whole_file.os, "replace", refused)
    with pytest.raises(OSError) as raised:
        list_file.write_list_file(path, "xlsx", Table("Danh sách", [Column("Mã")]), [["PA-1"]])
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["danh-sach.xlsx"]
    assert "đang mở trong chương trình khác" in whole_file.why_not_written(raised.value, path)


def test_the_words_read_once_are_the_windows_labels(qapp) -> None:
    fixed, live = FixedListWords(), QtListWords()
    assert fixed.status("dossier", "awaiting_supplement") == live.status("dossier", "awaiting_supplement") == \
        "Yêu cầu bổ sung giấy tờ"
    assert (fixed.priority("urgent"), fixed.channel("hotline"), fixed.kind("report")) == (
        "Khẩn cấp", "Đường dây nóng", "Phản ánh")
    assert fixed.status("report", "teleported") == "teleported"  # a newer server's code shows as itself
    assert fixed.header("title", "dossier") == "Trích yếu"
