"""LocationLinks: "Mở bản đồ" and "Sao chép tọa độ" under a report's address and coordinates.

The map opens in the officer's browser at the deployment's URL pattern filled with the numbers
(core.map_link: only https, only finite coordinates on the globe); nothing of the citizen's text goes into it.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from triage_desktop.core.map_link import coordinates_text, map_url
from triage_desktop.ui import icons
from triage_desktop.ui.widgets.flow_layout import FlowLayout
from triage_desktop.ui.widgets.styling import ActionButton


class LocationLinks(QWidget):
    copied = Signal(str)  # the "lat, lon" text now on the clipboard

    def __init__(self, url: str | None, coordinates: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("locationLinks")
        self.url = url
        self.coordinates = coordinates
        flow = FlowLayout(self)
        flow.setContentsMargins(0, 0, 0, 0)
        self.map_button = ActionButton(icons.icon("map"), self.tr("Mở bản đồ"), self)
        self.map_button.setObjectName("openMap")
        self.map_button.setToolTip(self.tr("Mở vị trí {coordinates} trên bản đồ trong trình duyệt").format(
            coordinates=coordinates))
        self.map_button.setEnabled(url is not None)
        self.map_button.clicked.connect(self.open_map)
        self.copy_button = ActionButton(icons.icon("copy"), self.tr("Sao chép tọa độ"), self)
        self.copy_button.setObjectName("copyCoordinates")
        self.copy_button.clicked.connect(self.copy_coordinates)
        flow.addWidget(self.map_button)
        flow.addWidget(self.copy_button)

    def open_map(self) -> bool:
        if self.url is None:
            return False
        url = QUrl(self.url, QUrl.ParsingMode.StrictMode)
        if not url.isValid() or url.scheme() != "https":
            return False
        return QDesktopServices.openUrl(url)

    def copy_coordinates(self) -> None:
        QGuiApplication.clipboard().setText(self.coordinates)
        self.copied.emit(self.coordinates)


def location_links(pattern: str, coordinates: tuple[float, float] | None) -> LocationLinks | None:
    """The buttons for these coordinates; None when there are none or they are not usable numbers."""
    if coordinates is None:
        return None
    text = coordinates_text(*coordinates)
    if text is None:
        return None
    return LocationLinks(map_url(pattern, *coordinates), text)
