"""The list export's file (issue 13): core.list_table's table, streamed to Excel or CSV, whole or not at all.

Shared by the window ("Xuất danh sách…", ui.list_export) and the command line (`export --labels vi`,
`--format xlsx`), so both write the same columns, words and formats. The file is written beside the target under a
temporary name (user-only) and takes the chosen name only when complete: a cancel, a full disk or a folder without
the right to write never leaves half a file, nor costs an earlier file of that name.
"""

from __future__ import annotations

import errno
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Literal

from PySide6.QtCore import QCoreApplication

from triage_desktop.core import spreadsheet
from triage_desktop.core.entities import ItemQuery
from triage_desktop.core.list_table import ListedItem, ListNames, list_rows, list_table
from triage_desktop.core.ports import Workspace
from triage_desktop.core.tables import Cell, Table
from triage_desktop.core.vocabulary import KINDS
from triage_desktop.security.private_files import FILE_MODE, ON_WINDOWS
from triage_desktop.ui.list_words import FixedListWords, list_note, list_title
from triage_desktop.ui.safe_text import FILENAME_LIMIT, one_line

translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings

Format = Literal["xlsx", "csv"]
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
    words = FixedListWords()
    table = list_table(kind, words, title=list_title(kind), note=note)
    items = counted(itertools.chain.from_iterable(workspace.listed(ItemQuery(kind=k)) for k in kinds), seen)
    rows: Iterable[Sequence[Cell]] = list_rows(items, kind, words, names, calendar, now,
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


def problem_text(error: BaseException, path: Path) -> str:
    """Why the file was not written, in one sentence the officer can act on."""
    name = one_line(path.name, FILENAME_LIMIT)
    if isinstance(error, OSError) and error.errno in _NO_SPACE:
        return translate("ListExporter", "Ổ đĩa đã đầy: chưa lưu được “{name}”. Hãy giải phóng chỗ trống hoặc chọn "
                                         "ổ khác; tệp cũ cùng tên (nếu có) vẫn giữ nguyên.").format(name=name)
    if isinstance(error, OSError) and error.errno in _NO_RIGHT and error.filename2 is not None:
        # The rename over the target was refused: on Windows, a file open in Excel cannot be replaced.
        return translate("ListExporter", "Không thay được “{name}”: tệp đang mở trong chương trình khác (như Excel) "
                                         "hoặc chỉ cho đọc. Hãy đóng tệp rồi xuất lại, hoặc chọn tên khác.").format(
            name=name)
    if isinstance(error, OSError) and error.errno in _NO_RIGHT:
        return translate("ListExporter", "Không có quyền ghi vào thư mục “{folder}”. Hãy chọn thư mục khác, ví dụ "
                                         "Tài liệu.").format(folder=one_line(str(path.parent), FILENAME_LIMIT))
    reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
    return translate("ListExporter", "Không lưu được “{name}” ({reason}). Tệp cũ cùng tên (nếu có) vẫn giữ "
                                     "nguyên.").format(name=name, reason=one_line(reason, FILENAME_LIMIT))
