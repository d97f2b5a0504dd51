"""The program's icons: one family of line SVGs (triage_desktop/resources/icons, drawn for this project in Lucide's
style: 24×24, 2 px round strokes in `currentColor`, no fill), coloured at paint time from the palette.

`icon(name)` gives a QIcon whose engine paints the SVG in the application palette's button-text colour (the
disabled colour when greyed), so the same icon follows the light and the high-contrast palette the moment the
palette changes, without anyone re-setting icons. `app_icon()` is the coloured application icon.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

# The names of the shipped icons (resources/icons/<name>.svg); tests check each one exists and draws.
NAMES = ("acknowledge", "assign", "claim", "note", "reply", "status", "supplement", "result", "priority",
         "transfer", "merge", "fee", "extend", "sync", "outbox", "logout", "users", "search", "keyboard", "info",
         "warning", "photo", "download", "pending", "contrast", "map", "copy", "previous", "next", "rotate",
         "zoom-in", "zoom-out", "fit")


@cache
def svg_text(name: str) -> str:
    return (resources.files("triage_desktop") / "resources" / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def icon_color(mode: QIcon.Mode = QIcon.Mode.Normal) -> str:
    """The colour an icon is drawn in now: the palette's button text (greyed for a disabled control)."""
    group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    return QGuiApplication.palette().color(group, QPalette.ColorRole.ButtonText).name()


@cache
def _renderer(name: str, color: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(svg_text(name).replace("currentColor", color).encode("utf-8")))


class _PaletteIconEngine(QIconEngine):
    """Draws one SVG in the current palette's colour. Qt asks an engine again at every paint and caches nothing,
    so the drawn pixmaps are kept here, by colour (a palette change draws anew) and size: a window repainted at
    the end of a sync blits them instead of rendering two dozen SVGs."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def clone(self) -> QIconEngine:
        return _PaletteIconEngine(self._name)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        return _drawn(self._name, size.width(), size.height(), icon_color(mode), scale)

    def iconName(self) -> str:
        return self._name


@lru_cache(maxsize=512)  # icons × sizes × two palettes × enabled/disabled: a few hundred small pixmaps at most
def _drawn(name: str, width: int, height: int, color: str, scale: float) -> QPixmap:
    # Drawn at the screen's scale (125–200 % on office laptops), so the strokes stay sharp.
    pixmap = QPixmap(QSize(width, height) * scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    _renderer(name, color).render(painter, QRect(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def icon(name: str) -> QIcon:
    """The named icon, drawn in the palette's colours (light or high contrast) whenever it is painted."""
    svg_text(name)  # fail here, with the name, rather than draw nothing
    return QIcon(_PaletteIconEngine(name))


def app_icon_path() -> str:
    return str(resources.files("triage_desktop") / "resources" / "app-icon.svg")


def app_icon() -> QIcon:
    """The window, taskbar and installer icon (coloured; the same in every palette)."""
    return QIcon(app_icon_path())
