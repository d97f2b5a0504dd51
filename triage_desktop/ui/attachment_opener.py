"""AttachmentOpener: fetch an attachment for the officer, show photos in the app, save any file on request.

A photo is read from the cache first (storage.photo_cache, through OfflinePhotos.store), so one viewed or
prefetched earlier opens offline, after a restart too; otherwise it is downloaded on the runner's fetch lane
(between sync steps), checked against its SHA-256 (sync.http, and again before it is kept) and kept within
the photo budget. Opening a photo counts as viewing it (least recently viewed photos leave the cache first).
The viewer pages through the item's photos, each loaded the same way when shown. Saving runs on the write
lane; the name offered in the save dialog is cleaned (`file_names`); the officer chooses the folder.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QStandardPaths
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from triage_desktop.core.entities import Attachment
from triage_desktop.core.ports import SyncService
from triage_desktop.ui import labels
from triage_desktop.ui.dialogs.photo_viewer import VIEW_SIDE, PhotoViewer, decode_photo
from triage_desktop.ui.file_names import is_photo, suggested_file_name
from triage_desktop.ui.formatting import format_size
from triage_desktop.ui.mark_of_the_web import mark_from_internet
from triage_desktop.ui.messages import error_message
from triage_desktop.ui.offline_photos import OfflinePhotos
from triage_desktop.ui.safe_text import FILENAME_LIMIT, one_line
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.whole_file import write_whole

log = logging.getLogger(__name__)


class NotAPhoto(Exception):
    """The bytes matched their digest but are not an image Qt can show."""


class AttachmentOpener(QObject):
    def __init__(self, sync: SyncService, photos: OfflinePhotos, runner: TaskRunner, window: QWidget, *,
                 open_dialog: Callable[[QDialog], None], show_error: Callable[[str], None],
                 show_status: Callable[[str], None]) -> None:
        super().__init__(window)
        self._sync = sync
        self._photos = photos
        self._runner = runner
        self._window = window
        self._open_dialog = open_dialog
        self._show_error = show_error
        self._show_status = show_status

    # --- what the window calls ------------------------------------------------------------------------------

    def view(self, attachment: Attachment, siblings: Sequence[Attachment] = ()) -> None:
        """Show `attachment` if it is a photo (else save it); `siblings`: the item's attachments, whose photos
        the viewer pages through."""
        if not is_photo(attachment.content_type):
            self.save(attachment)  # only photos are shown in the app; anything else is saved, never run
            return
        photos = [a for a in siblings if is_photo(a.content_type)]
        if attachment not in photos:
            photos = [attachment]
        self._fetch(attachment, self._decoded, functools.partial(self._on_photo, photos, photos.index(attachment)),
                    viewed=True)

    def save(self, attachment: Attachment) -> None:
        self._fetch(attachment, lambda data: data, functools.partial(self._ask_where_to_save, attachment),
                    viewed=False)

    # --- fetching -------------------------------------------------------------------------------------------

    def _fetch[T](self, attachment: Attachment, then: Callable[[bytes], T], on_done: Callable[[T], None], *,
                  viewed: bool, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._show_status(self.tr("Đang mở “{name}”…").format(name=one_line(attachment.filename, FILENAME_LIMIT)))
        photos, sync = self._photos, self._sync
        photo = is_photo(attachment.content_type)

        def work() -> T:
            # A photo through the offline cache; any other file straight from the server, never kept.
            data = (photos.load(attachment, viewed=viewed) if photo
                    else sync.attachment(attachment.id, attachment.sha256 or None))
            return then(data)

        def done(result: T) -> None:
            self._show_status("")
            on_done(result)

        self._runner.run(work, done, on_error or self._failed, lane="fetch")  # not held up by a long first sync

    @staticmethod
    def _decoded(data: bytes) -> QImage:
        image = decode_photo(data, QSize(VIEW_SIDE, VIEW_SIDE))
        if image is None:
            raise NotAPhoto()
        return image

    def _failed(self, error: BaseException) -> None:
        self._show_status("")
        if isinstance(error, NotAPhoto):
            self._show_error(self.tr("Tệp này không phải ảnh đọc được. Bạn có thể lưu về máy để xem bằng chương "
                                     "trình khác."))
            return
        self._show_error(self.tr("Không tải được tệp đính kèm. {reason}").format(reason=error_message(error)))

    # --- showing and saving ---------------------------------------------------------------------------------

    def _on_photo(self, photos: list[Attachment], index: int, image: QImage) -> None:
        entries = [(a.filename, " · ".join((format_size(a.size), labels.label(labels.ATTACHMENT_ORIGIN, a.origin))))
                   for a in photos]
        viewer = PhotoViewer(entries, index, self._window)
        viewer.set_photo(index, image)
        viewer.saveRequested.connect(lambda shown: self.save(photos[shown]))
        viewer.photoWanted.connect(functools.partial(self._load_into, viewer, photos))
        self._open_dialog(viewer)

    def _load_into(self, viewer: PhotoViewer, photos: list[Attachment], index: int) -> None:
        """Next/previous in the viewer: the photo loaded like the first one; a failure is said in the viewer."""
        def failed(error: BaseException) -> None:
            self._show_status("")
            text = (self.tr("Tệp này không phải ảnh đọc được.") if isinstance(error, NotAPhoto)
                    else self.tr("Không tải được ảnh. {reason}").format(reason=error_message(error)))
            viewer.set_failed(index, text)

        self._fetch(photos[index], self._decoded, functools.partial(viewer.set_photo, index), viewed=True,
                    on_error=failed)

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
    """Write all of `data` or nothing (ui.whole_file). The file gets the Mark-of-the-Web on Windows: it came
    from a citizen, through the Internet."""
    write_whole(path, data)
    mark_from_internet(path)
