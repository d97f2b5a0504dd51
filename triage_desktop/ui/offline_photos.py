"""OfflinePhotos: the window's side of photos kept for offline viewing (issue 12).

- Prefetch: after a sync step that ended in step ("online"), the photos of the newest items of the officer's
  queues are fetched into the cache (core.photo_prefetch: the plan, and one photo per task), on the runner's
  fetch lane, so a sync step or an officer's own download waits at most for one photo. A step that changed
  nothing does not plan again; a failure leaves the next "online" to try.
- Thumbnails: decoded to size (QImageReader.setScaledSize, in decode_photo) on the fetch lane from the cache,
  or fetched first when online; the detail pane's PhotoStrip shows them, or a line saying why not.
The photo budget (`budget`, bytes) is the deployment's `photo_cache_mb`; the AttachmentOpener uses it too.
"""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QToolButton, QWidget

from triage_desktop.core.entities import Attachment
from triage_desktop.core.errors import Offline, StorageError
from triage_desktop.core.photo_prefetch import PrefetchPlan, fetch_one, plan_prefetch
from triage_desktop.core.ports import CancelToken, PhotoStore, SyncService, Workspace
from triage_desktop.ui.dialogs.photo_viewer import decode_photo
from triage_desktop.ui.safe_text import FILENAME_LIMIT, one_line
from triage_desktop.ui.sync_controller import SyncController
from triage_desktop.ui.tasks import TaskRunner
from triage_desktop.ui.widgets.flow_layout import FlowLayout

log = logging.getLogger(__name__)

THUMBNAIL = QSize(160, 120)
KEPT_THUMBNAILS = 120  # decoded thumbnails held for the pane's rebuilds (each ≤ 77 KB)
WAITING_THUMBNAILS = 40
PREFETCH_DELAY_MS = 2000  # after a step ends online, before the prefetch plans
OFFLINE, NOT_LOADED, LOADING = "offline", "not_loaded", "loading"


class NotCached(Exception):
    """The photo is not in the cache and the window is offline: nothing to try."""


class OfflinePhotos(QObject):
    thumbnailReady = Signal(str, QImage)  # attachment id, the thumbnail
    thumbnailMissing = Signal(str, str)  # attachment id, OFFLINE or NOT_LOADED
    photoKept = Signal(str)  # a prefetched photo is now in the cache
    prefetchFinished = Signal(int)  # photos fetched by the run that just ended

    def __init__(self, workspace: Workspace, sync: SyncService, runner: TaskRunner, controller: SyncController, *,
                 budget: int, user_id: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: PhotoStore = workspace.photo_cache()
        self.budget = budget
        self._workspace = workspace
        self._sync = sync
        self._runner = runner
        self._controller = controller
        self._user_id = user_id
        self._thumbnails: OrderedDict[str, QImage] = OrderedDict()
        # Thumbnails shown as missing for want of a network, most recent last: asked again when online, or when
        # a prefetch brings them. Bounded: the pane shows one item, the officer goes back to a few.
        self._waiting: OrderedDict[str, Attachment] = OrderedDict()
        self._loading: set[str] = set()
        self._cancel: CancelToken | None = None  # the prefetch run in progress
        self._plan_again = True  # something changed since the last plan
        self._stopped = False
        self._fetched = 0
        self._refused: set[str] = set()  # by this run of the program: not planned again
        self._offline = False  # the sync loop's last word was "offline"
        # A prefetch starts a moment after the step that ended online: the window takes in the step first (counts,
        # the list's new page, its repaint), and planning on the sync thread would compete for the interpreter.
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self.prefetch)
        controller.stateChanged.connect(self._on_state)
        controller.itemsChanged.connect(self._on_items_changed)
        self.photoKept.connect(self._retry_thumbnail)
        # A budget lowered in deployment.toml (0: keep none) applies from this start, not at the next fetch.
        runner.run(functools.partial(self.store.trim, budget), lane="write")

    def online(self) -> bool:
        """Not known to be offline: before the first sync step has said anything, the network is tried."""
        return not self._offline

    # --- prefetch --------------------------------------------------------------------------------------------

    @property
    def prefetching(self) -> bool:
        return self._cancel is not None

    def prefetch(self) -> None:
        """Plan and fetch now (after a sync; also for tests and the screenshot)."""
        if self._stopped or self._cancel is not None or self.budget <= 0:
            return
        self._plan_again = False
        self._fetched = 0
        cancel = self._cancel = CancelToken()
        user_id, budget, refused = self._user_id(), self.budget, frozenset(self._refused)
        self._runner.run(lambda: plan_prefetch(self._workspace, self.store, user_id, budget, refused),
                         functools.partial(self._next, cancel, 0), functools.partial(self._prefetch_failed, cancel),
                         lane="fetch")

    def stop(self) -> None:
        """No further prefetch (the window is closing); a photo on the wire is let finish."""
        self._stopped = True
        self._prefetch_timer.stop()
        if self._cancel is not None:
            self._cancel.cancel()

    def _next(self, cancel: CancelToken, position: int, plan: PrefetchPlan) -> None:
        if cancel.cancelled or self._stopped or position >= len(plan.wanted):
            self._end_run(cancel)
            return
        attachment, budget = plan.wanted[position], self.budget
        self._runner.run(lambda: fetch_one(self._sync, self.store, attachment, budget, plan),
                         functools.partial(self._fetched_one, cancel, position, plan, attachment.id),
                         functools.partial(self._prefetch_failed, cancel), lane="fetch")

    def _fetched_one(self, cancel: CancelToken, position: int, plan: PrefetchPlan, attachment_id: str,
                     kept: bool) -> None:
        if kept:
            self._fetched += 1
            self.photoKept.emit(attachment_id)
        else:
            self._refused.add(attachment_id)
        self._next(cancel, position + 1, plan)

    def _prefetch_failed(self, cancel: CancelToken, error: BaseException) -> None:
        if not isinstance(error, Offline):
            log.warning("photo prefetch stopped: %s", type(error).__name__)
        self._plan_again = True  # the next step that ends online tries again
        self._end_run(cancel)

    def _end_run(self, cancel: CancelToken) -> None:
        if self._cancel is cancel:
            self._cancel = None
            self.prefetchFinished.emit(self._fetched)

    def _on_state(self, state: str, _unsent: int, _conflicts: int) -> None:
        self._offline = state == "offline"
        if state != "online" or self._stopped:
            return
        waiting, self._waiting = list(self._waiting.values()), OrderedDict()
        for attachment in waiting:
            self.thumbnail(attachment)
        if self._plan_again and not self._prefetch_timer.isActive():  # a long poll's "online" again: no restart
            self._prefetch_timer.start()

    def _on_items_changed(self, _keys: object) -> None:
        self._plan_again = True

    # --- thumbnails ------------------------------------------------------------------------------------------

    def strip(self, photos: Sequence[Attachment]) -> PhotoStrip:
        """The detail pane's row of thumbnails for these photo attachments."""
        return PhotoStrip(self, photos)

    def thumbnail(self, attachment: Attachment) -> QImage | None:
        """The thumbnail if decoded already; else it is loaded and thumbnailReady/thumbnailMissing follow."""
        image = self._thumbnails.get(attachment.id)
        if image is not None:
            self._thumbnails.move_to_end(attachment.id)
            return image
        if attachment.id in self._loading:
            return None
        self._loading.add(attachment.id)
        online = self.online()

        def work() -> QImage:
            data = self.load(attachment, viewed=False, online=online)  # a glance at the pane is not a view
            image = decode_photo(data, THUMBNAIL)
            if image is None:
                raise ValueError("not an image")
            return image

        self._runner.run(work, functools.partial(self._thumbnail_done, attachment.id),
                         functools.partial(self._thumbnail_failed, attachment), lane="fetch")
        return None

    def load(self, attachment: Attachment, *, viewed: bool, online: bool = True) -> bytes:
        """A photo's bytes from the cache, else downloaded (NotCached when not `online`) and kept within the budget.
        `viewed`: the officer is looking at it. For a worker lane: it reads, downloads and writes."""
        data = self.store.get(attachment.id, viewed=viewed)
        if data is not None:
            return data
        if not online:
            raise NotCached()
        data = self._sync.attachment(attachment.id, attachment.sha256 or None)
        try:
            self.store.put(attachment, data, self.budget, viewed=viewed)
        except StorageError as exc:  # shown all the same; kept another time
            log.warning("photo not kept: %s", type(exc).__name__)
        return data

    def _thumbnail_done(self, attachment_id: str, image: QImage) -> None:
        self._loading.discard(attachment_id)
        self._waiting.pop(attachment_id, None)
        self._thumbnails[attachment_id] = image
        while len(self._thumbnails) > KEPT_THUMBNAILS:
            self._thumbnails.popitem(last=False)
        self.thumbnailReady.emit(attachment_id, image)

    def _thumbnail_failed(self, attachment: Attachment, error: BaseException) -> None:
        attachment_id = attachment.id
        self._loading.discard(attachment_id)
        offline = isinstance(error, NotCached | Offline)
        if offline:
            self._waiting[attachment_id] = attachment
            self._waiting.move_to_end(attachment_id)
            while len(self._waiting) > WAITING_THUMBNAILS:
                self._waiting.popitem(last=False)
        self.thumbnailMissing.emit(attachment_id, OFFLINE if offline else NOT_LOADED)

    def _retry_thumbnail(self, attachment_id: str) -> None:
        attachment = self._waiting.pop(attachment_id, None)
        if attachment is not None:
            self.thumbnail(attachment)

    def forget_thumbnails(self) -> None:
        """Drop the decoded thumbnails (the window locks: no citizen's photo stays in memory)."""
        self._thumbnails.clear()
        self._waiting.clear()


class PhotoStrip(QWidget):
    """Thumbnails of an item's photos; a click (or Space/Enter on one) asks to open the viewer on it."""

    openRequested = Signal(str)  # attachment id

    def __init__(self, photos: OfflinePhotos, attachments: Sequence[Attachment],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoStrip")
        self._buttons: dict[str, QToolButton] = {}
        flow = FlowLayout(self)
        flow.setContentsMargins(0, 0, 0, 0)
        photos.thumbnailReady.connect(self._on_ready)
        photos.thumbnailMissing.connect(self._on_missing)
        for attachment in attachments:
            button = QToolButton(self)
            button.setObjectName("photoThumbnail")
            button.setProperty("attachmentId", attachment.id)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setIconSize(THUMBNAIL)
            button.setMinimumSize(THUMBNAIL + QSize(8, 8))
            button.setAutoRaise(False)
            name = one_line(attachment.filename, FILENAME_LIMIT)
            button.setToolTip(name)
            button.setAccessibleName(self.tr("Xem ảnh: {name}").format(name=name))
            button.clicked.connect(functools.partial(self.openRequested.emit, attachment.id))
            self._buttons[attachment.id] = button
            flow.addWidget(button)
            image = photos.thumbnail(attachment)
            if image is not None:
                self._on_ready(attachment.id, image)
            else:
                self._set_text(button, LOADING)

    def attachment_ids(self) -> list[str]:
        return list(self._buttons)

    def state(self, attachment_id: str) -> str:
        """"shown", or the placeholder's reason (LOADING, OFFLINE, NOT_LOADED): for tests."""
        return str(self._buttons[attachment_id].property("thumbState"))

    def _on_ready(self, attachment_id: str, image: QImage) -> None:
        button = self._buttons.get(attachment_id)
        if button is None:
            return
        button.setIcon(QIcon(QPixmap.fromImage(image)))
        button.setIconSize(image.size())
        button.setText("")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setProperty("thumbState", "shown")

    def _on_missing(self, attachment_id: str, reason: str) -> None:
        button = self._buttons.get(attachment_id)
        if button is not None and button.property("thumbState") != "shown":
            self._set_text(button, reason)

    def _set_text(self, button: QToolButton, reason: str) -> None:
        text = {LOADING: self.tr("Đang tải ảnh…"), OFFLINE: self.tr("Ảnh chưa có trên máy (đang ngoại tuyến)"),
                NOT_LOADED: self.tr("Chưa tải ảnh")}[reason]
        button.setIcon(QIcon())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setText(wrapped(text, button.fontMetrics(), THUMBNAIL.width()))  # a tool button does not wrap
        button.setProperty("thumbState", reason)
        button.setProperty("placeholder", text)


def wrapped(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` broken into lines at spaces so each fits `width` pixels where it can."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)
