"""Files the officer saves (an attachment, a paper's PDF, a list or the record's tables): whole or not at all.

Written under a temporary name in the target's folder (created 0600 by mkstemp: citizens' data is the user's
alone), synced to the disk, then renamed over the target: a full disk, a cancel or a crash never leaves half a
file under the chosen name, nor costs an earlier file of that name. Blocks on the disk: never the GUI thread.
`why_not_written` turns the failure into one sentence the officer can act on.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QCoreApplication

from triage_desktop.ui.safe_text import FILENAME_LIMIT, one_line

translate = QCoreApplication.translate  # called by this bare name so pyside6-lupdate extracts the strings

_NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_NO_RIGHT = (errno.EACCES, errno.EPERM, errno.EROFS)


@contextmanager
def whole_file(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """An open file that becomes `path` when the block ends without an error (`open_args` as for open())."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".triage-", suffix=".part")
    temporary = Path(name)
    try:
        with os.fdopen(fd, mode, **open_args) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())  # a full disk says so here, before the old file is replaced
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_whole(path: Path, data: bytes) -> None:
    with whole_file(path) as out:
        out.write(data)


def why_not_written(error: BaseException, path: Path) -> str:
    """Why `path` was not written, in one sentence the officer can act on."""
    name = one_line(path.name, FILENAME_LIMIT)
    if isinstance(error, OSError) and error.errno in _NO_SPACE:
        return translate("WholeFile", "Ổ đĩa đã đầy: chưa lưu được “{name}”. Hãy giải phóng chỗ trống hoặc chọn "
                                      "ổ khác; tệp cũ cùng tên (nếu có) vẫn giữ nguyên.").format(name=name)
    if isinstance(error, OSError) and error.errno in _NO_RIGHT and error.filename2 is not None:
        # The rename over the target was refused: on Windows, a file open in Excel cannot be replaced.
        return translate("WholeFile", "Không thay được “{name}”: tệp đang mở trong chương trình khác (như Excel) "
                                      "hoặc chỉ cho đọc. Hãy đóng tệp rồi lưu lại, hoặc chọn tên khác.").format(
            name=name)
    if isinstance(error, OSError) and error.errno in _NO_RIGHT:
        return translate("WholeFile", "Không có quyền ghi vào thư mục “{folder}”. Hãy chọn thư mục khác, ví dụ "
                                      "Tài liệu.").format(folder=one_line(str(path.parent), FILENAME_LIMIT))
    reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
    return translate("WholeFile", "Không lưu được “{name}” ({reason}). Tệp cũ cùng tên (nếu có) vẫn giữ "
                                  "nguyên.").format(name=name, reason=one_line(reason, FILENAME_LIMIT))
