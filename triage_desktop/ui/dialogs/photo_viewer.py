"""PhotoViewer: a citizen's photo shown inside the app.

Attachments are never handed to the OS shell, which would run an .exe or .lnk as readily as it opens a JPEG
(reliability notes, item 43). Photos are decoded here from memory with an allocation limit (an image file
is an attack surface) and with the EXIF orientation applied, so a phone photo taken upright shows upright.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from triage_desktop.ui.safe_text import value_label

ALLOCATION_LIMIT_MB = 256  # a 12-megapixel phone photo needs 48 MB decoded; a "photo" asking for more is refused


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
    """One photo with its name and details; "Lưu về máy…" asks the window to save the original file."""

    saveRequested = Signal()

    def __init__(self, image: QImage, name: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ảnh đính kèm"))
        self.setObjectName("photoViewer")
        layout = QVBoxLayout(self)
        layout.addWidget(value_label(name, self))
        self.picture = QLabel(self)
        self.picture.setObjectName("photo")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(QPixmap.fromImage(image))
        self.picture.setAccessibleName(self.tr("Ảnh: {name}").format(name=name))
        scroll = QScrollArea(self)
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(scroll, 1)
        layout.addWidget(value_label(details, self))
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("Lưu về máy…"), self)
        self.close_button = QPushButton(self.tr("Đóng"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.saveRequested)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.close_button.setDefault(True)
        frame = QSize(48, 160)  # room for the name, the details and the buttons around the photo
        self.setMinimumSize(self.sizeHint().expandedTo(QSize(420, 320)))  # a thumbnail-sized photo stays findable
        self.resize((image.size() + frame).expandedTo(self.minimumSize()))
