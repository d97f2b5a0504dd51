"""PhotoViewer: the photos of one report or dossier shown inside the app, one at a time.

Attachments are never handed to the OS shell, which would run an .exe or .lnk as readily as it opens a JPEG
(reliability notes, item 43). Photos are decoded here from memory with an allocation limit (an image file
is an attack surface) and with the EXIF orientation applied, so a phone photo taken upright shows upright.

The viewer only shows: the window's AttachmentOpener loads each photo (cache first, then the server) when the
viewer asks for it (`photoWanted`) and hands the decoded image back (`set_photo`). Zoom, fit, rotate and
next/previous work from the toolbar and the keyboard (Ctrl++ / Ctrl+- / Ctrl+0, Ctrl+R, arrows and
PgUp/PgDn): shortcuts of this dialog only, never single letters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QImage, QImageReader, QKeySequence, QPixmap, QTransform
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.ui import icons
from triage_desktop.ui.safe_text import FILENAME_LIMIT, value_label
from triage_desktop.ui.shortcut_sheet import with_keys
from triage_desktop.ui.widgets.flow_layout import flow_row
from triage_desktop.ui.widgets.styling import ActionButton

ALLOCATION_LIMIT_MB = 256  # a 12-megapixel phone photo needs 48 MB decoded; a "photo" asking for more is refused
VIEW_SIDE = 4096  # pixels: the viewer's decode (zoom has detail to show; a 50-megapixel photo is not held whole)
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


def decode_photo(data: bytes, fit: QSize) -> QImage | None:
    """The photo scaled down to fit `fit` (never up); None when it is not an image Qt can read safely.

    Safe to call on a worker thread: QImage, unlike QPixmap, is not tied to the GUI thread.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    size = reader.size()
    if size.isValid() and (size.width() > fit.width() or size.height() > fit.height()):
        reader.setScaledSize(size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio))  # decode small: less memory
    image = reader.read()
    return None if image.isNull() else image


class PhotoViewer(QDialog):
    """`entries`: (name, details) of each photo of the item, in the pane's order; `index`: the one to show first.

    "Lưu về máy…" asks the window to save the original file of the photo shown (`saveRequested(index)`)."""

    saveRequested = Signal(int)
    photoWanted = Signal(int)  # the opener answers with set_photo() or set_failed()

    def __init__(self, entries: Sequence[tuple[str, str]], index: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ảnh đính kèm"))
        self.setObjectName("photoViewer")
        self._entries = list(entries)
        self._index = max(0, min(index, len(self._entries) - 1))
        self._images: dict[int, QImage] = {}  # decoded photos near the one shown
        self._zoom: float | None = None  # None: fit the window
        self._rotation = 0  # degrees clockwise, for the photo shown

        layout = QVBoxLayout(self)
        self.name_label = value_label("", self, limit=FILENAME_LIMIT)
        self.name_label.setObjectName("photoName")
        layout.addWidget(self.name_label)
        self.picture = QLabel(self)
        self.picture.setObjectName("photo")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.picture)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.scroll_area, 1)
        self.scroll_area.viewport().installEventFilter(self)
        self.details_label = value_label("", self)
        layout.addWidget(self.details_label)

        tools, flow = flow_row(self)
        tools.setObjectName("photoTools")
        self.previous_action = self._action(self.tr("Ảnh trước"), "previous", [Qt.Key.Key_Left, Qt.Key.Key_PageUp],
                                            icons.icon("previous"), self.previous)
        self.next_action = self._action(self.tr("Ảnh sau"), "next", [Qt.Key.Key_Right, Qt.Key.Key_PageDown],
                                        icons.icon("next"), self.next)
        self.zoom_out_action = self._action(self.tr("Thu nhỏ"), "zoomOut",
                                            [QKeySequence.StandardKey.ZoomOut, "Ctrl+-"], icons.icon("zoom-out"),
                                            self.zoom_out)
        self.zoom_in_action = self._action(self.tr("Phóng to"), "zoomIn",
                                           [QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"],
                                           icons.icon("zoom-in"), self.zoom_in)
        self.fit_action = self._action(self.tr("Vừa khung"), "fit", ["Ctrl+0"], icons.icon("fit"), self.fit)
        self.rotate_action = self._action(self.tr("Xoay phải"), "rotate", ["Ctrl+R"],
                                          icons.icon("rotate"), self.rotate)
        self.position_label = QLabel(self)
        self.position_label.setObjectName("photoPosition")
        self.position_label.setTextFormat(Qt.TextFormat.PlainText)
        for action in (self.previous_action, self.next_action, self.zoom_out_action, self.zoom_in_action,
                       self.fit_action, self.rotate_action):
            button = ActionButton(action.icon(), action.text(), tools)
            button.setObjectName(f"photo_{action.objectName()}")
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            flow.addWidget(button)
        flow.addWidget(self.position_label)
        layout.addWidget(tools)

        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("Lưu về máy…"), self)
        self.close_button = QPushButton(self.tr("Đóng"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(lambda: self.saveRequested.emit(self._index))
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.close_button.setDefault(True)
        self.setMinimumSize(self.sizeHint().expandedTo(QSize(420, 320)))  # a thumbnail-sized photo stays findable
        self._show_entry()

    def _action(self, text: str, name: str, keys: Sequence[QKeySequence.StandardKey | Qt.Key | str],
                icon: QIcon, slot: Callable[[], None]) -> QAction:
        action = QAction(icon, text, self)
        action.setObjectName(name)
        sequences = [QKeySequence(key) for key in keys]
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # this dialog only
        action.setToolTip(with_keys(text, sequences[0].toString(QKeySequence.SequenceFormat.NativeText)))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- what the opener calls ----------------------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._index

    def set_photo(self, index: int, image: QImage) -> None:
        if abs(index - self._index) > 1:
            return  # the officer has paged on meanwhile
        self._images[index] = image
        if index == self._index:
            first = self.picture.pixmap().isNull()
            self._render()
            if first:
                frame = QSize(48, 200)  # room for the name, details, tools and buttons around the photo
                self.resize((image.size() + frame).expandedTo(self.minimumSize()).boundedTo(self._screen_room()))

    def set_failed(self, index: int, text: str) -> None:
        if index == self._index:
            self.picture.clear()
            self.picture.setText(text)

    # --- showing ------------------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self._set_zoom(self._current_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._current_zoom() / ZOOM_STEP)

    def fit(self) -> None:
        self._zoom = None
        self._render()

    def rotate(self) -> None:
        self._rotation = (self._rotation + 90) % 360
        self._render()

    def next(self) -> None:
        self._go(self._index + 1)

    def previous(self) -> None:
        self._go(self._index - 1)

    def zoom(self) -> float:
        """The scale of the photo shown (1.0: one photo pixel per screen pixel)."""
        return self._current_zoom()

    def rotation(self) -> int:
        return self._rotation

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize and self._zoom is None:
            self._render()  # "fit" follows the room the photo has, once the layout has given it
        return False

    def _go(self, index: int) -> None:
        if not 0 <= index < len(self._entries) or index == self._index:
            return
        self._index = index
        self._zoom, self._rotation = None, 0
        # The photo shown and its neighbours stay decoded (up to 48 MB each); the others are loaded again.
        self._images = {i: image for i, image in self._images.items() if abs(i - index) <= 1}
        self._show_entry()

    def _show_entry(self) -> None:
        name, details = self._entries[self._index] if self._entries else ("", "")
        self.name_label.setText(name)
        self.details_label.setText(details)
        self.picture.setAccessibleName(self.tr("Ảnh: {name}").format(name=name))
        self.position_label.setText(self.tr("Ảnh {n}/{total}").format(n=self._index + 1, total=len(self._entries)))
        self.previous_action.setEnabled(self._index > 0)
        self.next_action.setEnabled(self._index < len(self._entries) - 1)
        if self._index in self._images:
            self._render()
        else:
            self.picture.clear()
            self.picture.setText(self.tr("Đang tải ảnh…"))
            self.photoWanted.emit(self._index)

    def _rotated(self) -> QImage | None:
        image = self._images.get(self._index)
        if image is None or not self._rotation:
            return image
        return image.transformed(QTransform().rotate(self._rotation), Qt.TransformationMode.SmoothTransformation)

    def _fit_zoom(self, shown: QSize) -> float:
        room = self.scroll_area.viewport().size()
        if shown.width() <= 0 or shown.height() <= 0 or room.width() <= 0 or room.height() <= 0:
            return 1.0
        return float(min(1.0, room.width() / shown.width(), room.height() / shown.height()))  # never enlarged

    def _current_zoom(self) -> float:
        if self._zoom is not None:
            return self._zoom
        image = self._images.get(self._index)
        if image is None:
            return 1.0
        # The fit needs the rotated photo's size only: a quarter turn swaps its sides (no transform made here).
        return self._fit_zoom(image.size().transposed() if self._rotation % 180 else image.size())

    def _set_zoom(self, zoom: float) -> None:
        if self._index not in self._images:
            return
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self._render()

    def _render(self) -> None:
        image = self._rotated()
        if image is None:
            return
        zoom = self._current_zoom()
        size = QSize(max(1, round(image.width() * zoom)), max(1, round(image.height() * zoom)))
        shown = image if size == image.size() else image.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                                 Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(QPixmap.fromImage(shown))

    def _screen_room(self) -> QSize:
        screen = self.screen()
        return screen.availableGeometry().size() * 0.9 if screen is not None else QSize(1280, 800)
