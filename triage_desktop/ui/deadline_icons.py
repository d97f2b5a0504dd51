"""The deadline states' icons, drawn with QPainter: a clock (on track), an amber warning (due soon), a red alert
(overdue) and a grey pause (waiting for the citizen).

Drawn rather than shipped as files so they stay crisp at every text size (the list's icon size follows the zoom)
and need no packaging; one QIcon per state, made once and shared (a list paint asks for one per visible row).
Each shape differs as well as its colour, so a reader who cannot tell amber from red still tells them apart.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from triage_desktop.ui.widgets import styling

_SIZES = (16, 20, 24, 32, 40, 48, 64)  # QIcon picks the nearest, so 100–200% text all get a drawn size
_icons: dict[tuple[str, str], QIcon] = {}  # by state and colour scheme (styling.SCHEME)


def state_icon(state: str) -> QIcon | None:
    """The icon of a core.deadlines state; None for the states shown without one (stopped, none)."""
    draw = _DRAWERS.get(state)
    if draw is None:
        return None
    icon = _icons.get((state, styling.SCHEME))
    if icon is None:
        icon = QIcon()
        for size in _SIZES:
            icon.addPixmap(_pixmap(draw, size))
        _icons[(state, styling.SCHEME)] = icon
    return icon


def _pixmap(draw: Callable[[QPainter, float], None], size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        draw(painter, float(size))
    finally:
        painter.end()
    return pixmap


def _pen(color: str, width: float) -> QPen:
    pen = QPen(QColor(color), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _circle(s: float, line: float) -> QRectF:
    inset = line / 2 + s * 0.06
    return QRectF(inset, inset, s - 2 * inset, s - 2 * inset)


def _clock(painter: QPainter, s: float) -> None:
    line = max(1.5, s / 10)
    painter.setPen(_pen(styling.ON_TRACK_ICON, line))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(_circle(s, line))
    centre = QPointF(s / 2, s / 2)
    painter.drawLine(centre, QPointF(s / 2, s * 0.26))  # 12 o'clock
    painter.drawLine(centre, QPointF(s * 0.68, s * 0.60))


def _warning(painter: QPainter, s: float) -> None:
    line = max(1.25, s / 14)
    triangle = QPainterPath()
    triangle.moveTo(s / 2, s * 0.08)
    triangle.lineTo(s * 0.95, s * 0.90)
    triangle.lineTo(s * 0.05, s * 0.90)
    triangle.closeSubpath()
    painter.setPen(_pen(styling.DUE_SOON_FG, line))
    painter.setBrush(QColor(styling.DUE_SOON_FILL))
    painter.drawPath(triangle)
    _exclamation(painter, s, "#3b2a00", top=0.36, bottom=0.64, dot=0.77)


def _alert(painter: QPainter, s: float) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(styling.OVERDUE_FG))
    painter.drawEllipse(_circle(s, 0))
    _exclamation(painter, s, "#ffffff", top=0.24, bottom=0.58, dot=0.74)


def _pause(painter: QPainter, s: float) -> None:
    line = max(1.5, s / 10)
    painter.setPen(_pen(styling.PAUSED_FG, line))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(_circle(s, line))
    painter.setPen(_pen(styling.PAUSED_FG, max(1.5, s / 8)))
    for x in (0.40, 0.60):
        painter.drawLine(QPointF(s * x, s * 0.34), QPointF(s * x, s * 0.66))


def _exclamation(painter: QPainter, s: float, color: str, *, top: float, bottom: float, dot: float) -> None:
    width = max(1.5, s / 9)
    painter.setPen(_pen(color, width))
    painter.drawLine(QPointF(s / 2, s * top), QPointF(s / 2, s * bottom))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(QPointF(s / 2, s * dot), width * 0.6, width * 0.6)


_DRAWERS: dict[str, Callable[[QPainter, float], None]] = {
    "on_track": _clock,
    "due_soon": _warning,
    "overdue": _alert,
    "paused": _pause,
}
