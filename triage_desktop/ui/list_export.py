"""ListExporter: "Xuất danh sách…" (Ctrl+Shift+E) — the list the window shows, with its queue, filters, search
and order, to Excel or CSV (issue 13).

The officer picks a file name (Excel or CSV); every row of the list (not only the loaded pages) is read from the
cache in short batches and written on the export lane (never on the GUI thread, and never in front of the
officer's own writes), while a progress dialog counts them and can cancel. The file is written whole or not at all (ui.list_file, which the command line's `export
--labels vi` shares) and is the officer's alone (0600); phone numbers are masked unless the deployment allows
full exports. Every export, finished or not, is recorded in the audit trail, as `triage-desktop export` records
it (words and counts only).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.errors import Cancelled
from triage_desktop.core.list_table import ListNames, ListWords, list_rows, list_table
from triage_desktop.core.ports import CancelToken, Workspace
from triage_desktop.core.tables import Table
from triage_desktop.core.workdays import WorkCalendar
from triage_desktop.ui import icons
from triage_desktop.ui.formatting import format_number
from triage_desktop.ui.list_file import Format, counted, write_list_file
from triage_desktop.ui.list_words import FixedListWords, list_note, list_title
from triage_desktop.ui.safe_text import FILENAME_LIMIT, one_line
from triage_desktop.ui.table_export import ask_spreadsheet_path
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.whole_file import why_not_written

log = logging.getLogger(__name__)

FILTER_NAMES = ("status", "category", "assignee_id", "channel", "deadline", "text", "record")  # ItemQuery's


def audit_detail(query: ItemQuery, fmt: str, count: int, *, masked: bool, complete: bool) -> dict[str, object]:
    """Words and counts only (storage.audit refuses text): which queue, which filters were set, not their values."""
    # None is "Tất cả"; "" is a filter too for the assignee ("Chưa phân công"), and no search for the text.
    used = [name for name in FILTER_NAMES if (query.text if name == "text" else getattr(query, name) is not None)]
    return {"what": "list", "format": fmt, "queue": query.queue, "filters": "+".join(used) or "none",
            "count": count, "masked": masked, "complete": complete, "to": "file"}


class ListExporter(QObject):
    """Owns the "Xuất danh sách…" action; `query()` gives the list shown (None: no list is shown)."""

    finished = Signal(str)  # "saved", "cancelled" or "failed": the export is over (tests wait for it)
    _progressed = Signal(int, int)  # (done, total), emitted on the export lane

    def __init__(self, workspace: Workspace, runner: TaskRunner, window: QWidget, *,
                 query: Callable[[], ItemQuery | None], open_dialog: Callable[[QDialog], None],
                 show_error: Callable[[str], None], show_status: Callable[[str, int], None],
                 now: Callable[[], datetime], full_numbers: bool = False) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._runner = runner
        self._window = window
        self._query = query
        self._open_dialog = open_dialog
        self._show_error = show_error
        self._show_status = show_status
        self._now = now
        self._full_numbers = full_numbers
        self._cancel: CancelToken | None = None
        self.progress: QProgressDialog | None = None
        self._name = ""  # the file being written, as the progress dialog names it
        self.action = QAction(icons.icon("download"), self.tr("Xuất danh sách…"), window)
        self.action.setObjectName("exportList")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.action.setToolTip(self.tr("Xuất danh sách đang xem (cả bộ lọc) ra Excel hoặc CSV (Ctrl+Shift+E)"))
        self.action.triggered.connect(self.export)
        self._progressed.connect(self._on_progress)

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def export(self) -> None:
        """Ask where, then write the list shown."""
        query = self._query()
        if query is None:
            self._show_status(self.tr("Chọn một danh sách trước."), 5000)
            return
        if self.running:
            self._show_status(self.tr("Đang xuất một danh sách; chờ xong hoặc hủy trước."), 5000)
            return
        chosen = self.ask_path(query.kind)
        if chosen is not None:
            self.start(query, *chosen)

    def ask_path(self, kind: str) -> tuple[Path, Format] | None:
        """The save dialog: Excel or CSV, named "danh-sach-phan-anh-05-12-2026.xlsx" in Documents."""
        stem = self.tr("danh-sach-ho-so") if kind == "dossier" else self.tr("danh-sach-phan-anh")
        return ask_spreadsheet_path(self._window, self.tr("Xuất danh sách"), stem, now=self._now())

    def start(self, query: ItemQuery, path: Path, fmt: Format) -> None:
        """Write the list `query` shows to `path` on the export lane, with a progress dialog that can cancel."""
        now = self._now()
        try:
            names = ListNames.from_reference(self._workspace.reference)
            calendar = self._workspace.work_calendar()
        except Exception:
            log.exception("reading reference data for an export failed")
            names, calendar = ListNames(), WorkCalendar()
        words = FixedListWords()  # on this thread: the export lane never calls into Qt's translations
        table = list_table(query.kind, words, title=list_title(query.kind), note=list_note(query, names, now))
        cancel = self._cancel = CancelToken()
        self._show_progress(path)
        work = functools.partial(self._write, query, path, fmt, table, words, names, calendar, now, cancel)
        self._runner.run(work, functools.partial(self._saved, path), functools.partial(self._failed, path),
                         lane="export")

    def stop(self) -> None:
        """The window is closing: an export under way stops at its next batch (its partial file goes)."""
        if self._cancel is not None:
            self._cancel.cancel()

    # --- on the export lane -----------------------------------------------------------------------------------

    def _write(self, query: ItemQuery, path: Path, fmt: Format, table: Table, words: ListWords, names: ListNames,
               calendar: WorkCalendar, now: datetime, cancel: CancelToken) -> int:
        seen = [0]
        complete = False
        masked = not self._full_numbers
        try:
            items = counted(self._workspace.listed(query, cancel, self._report_progress), seen)
            rows = list_rows(items, query.kind, words, names, calendar, now, full_numbers=not masked)
            count = write_list_file(path, fmt, table, rows)
            complete = True
            return count
        finally:  # a cut-off export is recorded too: rows were read out of the cache
            self._workspace.record("exported", query.kind, None,
                                   audit_detail(query, fmt, seen[0], masked=masked, complete=complete))

    def _report_progress(self, done: int, total: int) -> None:
        try:
            self._progressed.emit(done, total)
        except RuntimeError:  # the window is gone; the export is being cancelled
            log.debug("export progress after the window closed")

    # --- back on the GUI thread -------------------------------------------------------------------------------

    def _show_progress(self, path: Path) -> None:
        self._name = one_line(path.name, FILENAME_LIMIT)
        dialog = QProgressDialog(self.tr("Đang xuất danh sách vào “{name}”…").format(name=self._name), self.tr("Hủy"),
                                 0, 0, self._window)
        dialog.setMinimumWidth(dialog.fontMetrics().averageCharWidth() * 60)  # the file's name on one line
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(self.tr("Xuất danh sách"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(400)  # a short list is written before the dialog would flash up
        dialog.canceled.connect(self._on_cancel)
        dialog.setValue(0)
        self.progress = dialog

    def _on_progress(self, done: int, total: int) -> None:
        dialog = self.progress
        if dialog is None or dialog.wasCanceled():
            return
        dialog.setMaximum(max(total, done, 1))
        dialog.setValue(done)
        dialog.setLabelText(self.tr("Đang xuất danh sách vào “{name}”…\nĐã ghi {done} / {total} mục").format(
            name=self._name, done=format_number(done), total=format_number(max(total, done))))

    def _on_cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def _end(self) -> None:
        self._cancel = None
        dialog, self.progress = self.progress, None
        if dialog is not None:
            dialog.canceled.disconnect(self._on_cancel)
            dialog.close()
            dialog.deleteLater()

    def _saved(self, path: Path, count: int) -> None:
        self._end()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Đã xuất danh sách"),
                          self.tr("Đã xuất %n mục vào tệp:", "", count) + "\n" + one_line(path.name, FILENAME_LIMIT),
                          parent=self._window)
        box.setObjectName("exportDone")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr("Thư mục: {folder}").format(folder=one_line(str(path.parent), 200)))
        folder = box.addButton(self.tr("Mở thư mục"), QMessageBox.ButtonRole.ActionRole)
        folder.setObjectName("openFolder")
        folder.clicked.connect(functools.partial(open_folder, path.parent))
        box.addButton(self.tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        self._show_status(self.tr("Đã xuất %n mục vào “{name}”", "", count).format(
            name=one_line(path.name, FILENAME_LIMIT)), 8000)
        self._open_dialog(box)
        self.finished.emit("saved")

    def _failed(self, path: Path, error: BaseException) -> None:
        self._end()
        if isinstance(error, Cancelled):
            self._show_status(self.tr("Đã hủy xuất danh sách: tệp đang ghi dở đã được xóa, tệp cũ cùng tên (nếu có) "
                                      "vẫn giữ nguyên."), 10000)
            self.finished.emit("cancelled")
            return
        if isinstance(error, OSError):
            log.warning("exporting the list failed: %s", type(error).__name__)
        else:
            log.error("exporting the list failed", exc_info=error)
        self._show_error(why_not_written(error, path))
        self.finished.emit("failed")


def open_folder(folder: Path) -> None:
    """The folder in the system's file manager (a folder, never a file: nothing is run)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
