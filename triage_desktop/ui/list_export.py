"""ListExporter: "Xuất danh sách…" (Ctrl+Shift+E) — the list the window shows, with its queue, filters, search
and order, to Excel or CSV (issue 13).

The officer picks a file name (Excel or CSV); every row of the list (not only the loaded pages) is read from the
cache in short batches and written on the write lane (never on the GUI thread), while a progress dialog counts
them and can cancel. The file is written beside the target under a temporary name and takes the chosen name only
when whole (`write_list_file`), so a cancel, a full disk or a folder without the right to write never leaves half
a file, nor costs an earlier file of that name. The file is the officer's alone (0600, security.private_files);
phone numbers are masked unless the deployment allows full exports. Every export, finished or not, is recorded in
the audit trail, as `triage-desktop export` records it (words and counts only). The command line writes the same
file through `write_list_file` (`export --labels vi`, `--format xlsx`).
"""

from __future__ import annotations

import errno
import functools
import itertools
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Literal

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

from triage_desktop.core import spreadsheet
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.errors import Cancelled
from triage_desktop.core.list_table import ListedItem, ListNames, list_rows, list_table
from triage_desktop.core.ports import CancelToken, Workspace
from triage_desktop.core.tables import Cell, Table
from triage_desktop.core.vocabulary import KINDS
from triage_desktop.core.workdays import VN, WorkCalendar
from triage_desktop.security.private_files import FILE_MODE, ON_WINDOWS
from triage_desktop.ui import icons
from triage_desktop.ui.formatting import format_number
from triage_desktop.ui.list_words import QtListWords, list_note, list_title
from triage_desktop.ui.safe_text import FILENAME_LIMIT, one_line
from triage_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings

Format = Literal["xlsx", "csv"]
FILTER_NAMES = ("status", "category", "assignee_id", "channel", "deadline", "text")  # ItemQuery's filters
_NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_NO_RIGHT = (errno.EACCES, errno.EPERM, errno.EROFS)


def write_list_file(path: Path, fmt: Format, table: Table, rows: Iterable[Sequence[Cell]]) -> int:
    """`table` with `rows` (streamed) to `path` as Excel or CSV (UTF-8 with BOM); returns the rows written.

    Whole or not at all: written to a temporary file beside `path` (user-only), which replaces `path` only once
    complete; on any error (Cancelled from the rows, OSError from the disk) it is deleted and `path` is as it was.
    """
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".triage-", suffix=".part")  # 0600, O_EXCL
    temporary = Path(name)
    try:
        if fmt == "xlsx":
            with os.fdopen(fd, "wb") as binary:
                count = spreadsheet.write_xlsx([table], binary, rows_of={0: rows})[0]
                _flush(binary.fileno())
        else:
            # utf-8-sig: Excel reads Vietnamese right only with the BOM.
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as text:
                count = spreadsheet.write_csv(table, text, rows)
                text.flush()
                _flush(text.fileno())
        if not ON_WINDOWS:
            os.chmod(temporary, FILE_MODE)  # citizens' names and addresses: the user's alone
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def export_everything(workspace: Workspace, kind: str | None, fmt: Format, path: Path | None, *, full_numbers: bool,
                      now: datetime, seen: list[int], stream: IO[str] | None = None,
                      clean: Callable[[str], str] | None = None) -> int:
    """`triage-desktop export --labels vi` / `--format xlsx`: every cached item of `kind` (both kinds, one after
    the other, when None) as the window's list export writes them, newest first, to `path` or (CSV only) to
    `stream`, each text cell through `clean` (a terminal's). Counts the items read into seen[0] (the audit's)."""
    names = ListNames.from_reference(workspace.reference)
    calendar = workspace.work_calendar()
    kinds = [kind] if kind is not None else list(KINDS)
    note = list_note(ItemQuery(kind=kind) if kind is not None else None, names, now)
    table = list_table(kind, QtListWords(), title=list_title(kind), note=note)
    items = counted(itertools.chain.from_iterable(workspace.listed(ItemQuery(kind=k)) for k in kinds), seen)
    rows: Iterable[Sequence[Cell]] = list_rows(items, kind, QtListWords(), names, calendar, now,
                                               full_numbers=full_numbers)
    if clean is not None:
        rows = ([clean(cell) if isinstance(cell, str) else cell for cell in row] for row in rows)
    if path is not None:
        return write_list_file(path, fmt, table, rows)
    if stream is None or fmt != "csv":
        raise ValueError("an Excel file needs a path")
    stream.write("\ufeff")  # the BOM, as a file gets it
    return spreadsheet.write_csv(table, stream, rows)


def _flush(fileno: int) -> None:
    """On the disk before the rename: a full disk says so here, not after the old file was replaced."""
    os.fsync(fileno)


def counted(items: Iterator[ListedItem], seen: list[int]) -> Iterator[ListedItem]:
    """`items`, counting into seen[0] as they go (the audit entry counts what left, finished or not)."""
    for item in items:
        yield item
        seen[0] += 1


def audit_detail(query: ItemQuery, fmt: str, count: int, *, masked: bool, complete: bool) -> dict[str, object]:
    """Words and counts only (storage.audit refuses text): which queue, which filters were set, not their values."""
    used = [name for name in FILTER_NAMES if getattr(query, name)]
    return {"what": "list", "format": fmt, "queue": query.queue, "filters": "+".join(used) or "none",
            "count": count, "masked": masked, "complete": complete, "to": "file"}


def problem_text(error: BaseException, path: Path) -> str:
    """Why the file was not written, in one sentence the officer can act on."""
    name = one_line(path.name, FILENAME_LIMIT)
    if isinstance(error, OSError) and error.errno in _NO_SPACE:
        return translate("ListExporter", "Ổ đĩa đã đầy: chưa lưu được “{name}”. Hãy giải phóng chỗ trống hoặc chọn "
                                         "ổ khác; tệp cũ cùng tên (nếu có) vẫn giữ nguyên.").format(name=name)
    if isinstance(error, OSError) and error.errno in _NO_RIGHT:
        return translate("ListExporter", "Không có quyền ghi vào thư mục “{folder}”. Hãy chọn thư mục khác, ví dụ "
                                         "Tài liệu.").format(folder=one_line(str(path.parent), FILENAME_LIMIT))
    reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
    return translate("ListExporter", "Không lưu được “{name}” ({reason}). Tệp cũ cùng tên (nếu có) vẫn giữ "
                                     "nguyên.").format(name=name, reason=one_line(reason, FILENAME_LIMIT))


class ListExporter(QObject):
    """Owns the "Xuất danh sách…" action; `query()` gives the list shown (None: no list is shown)."""

    finished = Signal(str)  # "saved", "cancelled" or "failed": the export is over (tests wait for it)
    _progressed = Signal(int, int)  # (done, total), emitted on the write lane

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
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        stem = self.tr("danh-sach-ho-so") if kind == "dossier" else self.tr("danh-sach-phan-anh")
        suggested = Path(folder) / f"{stem}-{self._now().astimezone(VN).strftime('%d-%m-%Y')}.xlsx"
        excel, csv = self.tr("Excel (*.xlsx)"), self.tr("CSV (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(self._window, self.tr("Xuất danh sách"), str(suggested),
                                                   f"{excel};;{csv}", excel)
        if not path:
            return None
        target = Path(path)
        typed = target.suffix.lower()
        if typed in (".xlsx", ".csv"):  # the name the officer typed says which, whatever filter is selected
            return target, "csv" if typed == ".csv" else "xlsx"
        fmt: Format = "csv" if chosen == csv else "xlsx"
        return target.with_name(f"{target.name}.{fmt}"), fmt

    def start(self, query: ItemQuery, path: Path, fmt: Format) -> None:
        """Write the list `query` shows to `path` on the write lane, with a progress dialog that can cancel."""
        now = self._now()
        try:
            names = ListNames.from_reference(self._workspace.reference)
            calendar = self._workspace.work_calendar()
        except Exception:
            log.exception("reading reference data for an export failed")
            names, calendar = ListNames(), WorkCalendar()
        table = list_table(query.kind, QtListWords(), title=list_title(query.kind), note=list_note(query, names, now))
        cancel = self._cancel = CancelToken()
        self._show_progress(path)
        work = functools.partial(self._write, query, path, fmt, table, names, calendar, now, cancel)
        self._runner.run(work, functools.partial(self._saved, path), functools.partial(self._failed, path))

    def stop(self) -> None:
        """The window is closing: an export under way stops at its next batch (its partial file goes)."""
        if self._cancel is not None:
            self._cancel.cancel()

    # --- on the write lane ------------------------------------------------------------------------------------

    def _write(self, query: ItemQuery, path: Path, fmt: Format, table: Table, names: ListNames,
               calendar: WorkCalendar, now: datetime, cancel: CancelToken) -> int:
        seen = [0]
        complete = False
        masked = not self._full_numbers
        try:
            items = counted(self._workspace.listed(query, cancel, self._report_progress), seen)
            rows = list_rows(items, query.kind, QtListWords(), names, calendar, now, full_numbers=not masked)
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
        self._show_error(problem_text(error, path))
        self.finished.emit("failed")


def open_folder(folder: Path) -> None:
    """The folder in the system's file manager (a folder, never a file: nothing is run)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
