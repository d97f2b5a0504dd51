"""AttachmentOpener: fetch an attachment for the officer, show a photo in the app, save any file on request.

Downloads (and decoding a photo to fit the screen) run on the runner's network lane, between sync steps; the
sync layer checks every byte against the server's SHA-256 before they get here. Saving runs on the write lane. Files stay in memory (a small budget for going back and forth between photos): a
citizen's photo is personal data, and nothing is written to disk unless the officer saves it somewhere. The
name offered in the save dialog is cleaned (`file_names`); the officer chooses the folder.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QStandardPaths
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from triage_desktop.core.entities import Attachment
from triage_desktop.core.ports import SyncService
from triage_desktop.ui import labels
from triage_desktop.ui.dialogs.photo_viewer import PhotoViewer, decode_photo
from triage_desktop.ui.file_names import is_photo, suggested_file_name
from triage_desktop.ui.formatting import format_size
from triage_desktop.ui.mark_of_the_web import mark_from_internet
from triage_desktop.ui.messages import error_message
from triage_desktop.ui.safe_text import FILENAME_LIMIT, one_line
from triage_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

MEMORY_BUDGET = 64 * 1024 * 1024  # bytes of recently opened attachments kept for this session


class NotAPhoto(Exception):
    """The bytes matched their digest but are not an image Qt can show."""


class AttachmentOpener(QObject):
    def __init__(self, sync: SyncService, runner: TaskRunner, window: QWidget, *,
                 open_dialog: Callable[[QDialog], None], show_error: Callable[[str], None],
                 show_status: Callable[[str], None]) -> None:
        super().__init__(window)
        self._sync = sync
        self._runner = runner
        self._window = window
        self._open_dialog = open_dialog
        self._show_error = show_error
        self._show_status = show_status
        self._kept: OrderedDict[str, bytes] = OrderedDict()

    # --- what the window calls ------------------------------------------------------------------------------

    def view(self, attachment: Attachment) -> None:
        if not is_photo(attachment.content_type):
            self.save(attachment)  # only photos are shown in the app; anything else is saved, never run
            return
        fit = self._fit()
        self._fetch(attachment, lambda data: self._decoded(data, fit),
                    functools.partial(self._on_photo, attachment))

    def save(self, attachment: Attachment) -> None:
        self._fetch(attachment, lambda data: data, functools.partial(self._ask_where_to_save, attachment))

    # --- fetching -------------------------------------------------------------------------------------------

    def _fetch[T](self, attachment: Attachment, then: Callable[[bytes], T], on_done: Callable[[T], None]) -> None:
        kept = self._kept.get(attachment.id)
        if kept is None:
            self._show_status(self.tr("Đang tải “{name}”…").format(name=one_line(attachment.filename, FILENAME_LIMIT)))

        def work() -> tuple[bytes, T]:
            data = kept if kept is not None else self._sync.attachment(attachment.id, attachment.sha256 or None)
            return data, then(data)

        def done(result: tuple[bytes, T]) -> None:
            self._keep(attachment.id, result[0])
            self._show_status("")
            on_done(result[1])

        self._runner.run(work, done, self._failed, lane="fetch")  # not held up by a long first sync

    def _keep(self, attachment_id: str, data: bytes) -> None:
        self._kept[attachment_id] = data
        self._kept.move_to_end(attachment_id)
        while sum(len(d) for d in self._kept.values()) > MEMORY_BUDGET and len(self._kept) > 1:
            self._kept.popitem(last=False)

    @staticmethod
    def _decoded(data: bytes, fit: QSize) -> QImage:
        image = decode_photo(data, fit)
        if image is None:
            raise NotAPhoto()
        return image

    def _fit(self) -> QSize:
        screen = self._window.screen() or QApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        return QSize(max(200, available.width() * 8 // 10), max(150, available.height() * 7 // 10))

    def _failed(self, error: BaseException) -> None:
        self._show_status("")
        if isinstance(error, NotAPhoto):
            self._show_error(self.tr("Tệp này không phải ảnh đọc được. Bạn có thể lưu về máy để xem bằng chương "
                                     "trình khác."))
            return
        self._show_error(self.tr("Không tải được tệp đính kèm. {reason}").format(reason=error_message(error)))

    # --- showing and saving ---------------------------------------------------------------------------------

    def _on_photo(self, attachment: Attachment, image: QImage) -> None:
        details = " · ".join((format_size(attachment.size), labels.label(labels.ATTACHMENT_ORIGIN, attachment.origin)))
        viewer = PhotoViewer(image, attachment.filename, details, self._window)
        viewer.saveRequested.connect(functools.partial(self.save, attachment))
        self._open_dialog(viewer)

    def _ask_where_to_save(self, attachment: Attachment, data: bytes) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        suggested = str(Path(folder) / suggested_file_name(attachment.filename, attachment.content_type))
        path, _filter = QFileDialog.getSaveFileName(self._window, self.tr("Lưu tệp đính kèm"), suggested)
        if not path:
            return
        self._runner.run(functools.partial(write_file, Path(path), data),
                         functools.partial(self._saved, Path(path)), self._save_failed)

    def _saved(self, path: Path, _result: object) -> None:
        self._show_status(self.tr("Đã lưu “{name}”").format(name=path.name))

    def _save_failed(self, error: BaseException) -> None:
        log.warning("saving an attachment failed: %s", type(error).__name__)
        self._show_error(self.tr("Không lưu được tệp (ổ đĩa đầy hoặc không có quyền ghi vào thư mục này). "
                                 "Hãy chọn nơi khác."))


def write_file(path: Path, data: bytes) -> None:
    """Write all of `data` or nothing: a full disk never leaves half a file under the chosen name. The file gets
    the Mark-of-the-Web on Windows: it came from a citizen, through the Internet."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".triage-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    mark_from_internet(path)
