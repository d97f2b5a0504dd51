"""Colours and emphasis through palettes and font flags — never style sheets.

A widget under any Qt style sheet stops following QApplication.setFont (verified with Qt 6.12), so the
"Chữ to hơn" zoom would leave it small. Palettes and relative font changes keep every text scalable.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QPushButton, QWidget

# Colour pairs chosen for ≥ 4.5:1 text contrast.
INTERNAL_BG, INTERNAL_FG = "#fff4d6", "#6b4e00"
PUBLIC_BG, PUBLIC_FG = "#e8f1fb", "#0b3d78"
PENDING_BG, PENDING_FG = "#eef0f3", "#1a4f8b"
CONFLICT_BG, CONFLICT_FG = "#fdecea", "#b3261e"
ALERT_BG, ALERT_FG = "#8a1c14", "#ffffff"
# Deadline states (issue 11): text colours ≥ 4.5:1 on white and on the list's alternate rows; the amber icon's
# bright fill is outlined in DUE_SOON_FG, so its shape keeps ≥ 3:1 (WCAG 1.4.11) where the fill alone would not.
DUE_SOON_FG, DUE_SOON_FILL = "#8c5700", "#f5b301"
OVERDUE_FG = "#b3261e"
PAUSED_FG = "#5f6368"
ON_TRACK_ICON = "#1a4f8b"
# The ward's record's bars (issue 13): settled on time, and open within its appointment, beside OVERDUE_FG (settled
# late) and DUE_SOON_FILL (open past it): four hues apart, each ≥ 3:1 against the white page (WCAG 1.4.11).
RECORD_ON_TIME = "#2e7d32"
RECORD_OPEN = "#4a86c5"


# The high-contrast scheme (theme.set_high_contrast): light text on black, every pair ≥ 7:1 (WCAG AAA); the
# alert band turns black on yellow; the panels keep a dark hint of their hue, so each colour names one thing.
# `use_scheme` rebinds the names above, so code reading `styling.X` when it draws follows; tint() and
# text_color() also map a light colour passed from before the switch.
NORMAL = {name: value for name, value in globals().items() if name.isupper() and isinstance(value, str)}
HIGH_CONTRAST = {
    "INTERNAL_BG": "#1f1800", "INTERNAL_FG": "#ffe066",
    "PUBLIC_BG": "#001a33", "PUBLIC_FG": "#7fdbff",
    "PENDING_BG": "#141414", "PENDING_FG": "#f0f0f0",
    "CONFLICT_BG": "#2b0000", "CONFLICT_FG": "#ff9c9c",
    "ALERT_BG": "#ffff00", "ALERT_FG": "#000000",
    "DUE_SOON_FG": "#ffd700", "DUE_SOON_FILL": "#ffc400",
    "OVERDUE_FG": "#ff9c9c",
    "PAUSED_FG": "#d0d0d0",
    "ON_TRACK_ICON": "#7fdbff",
    "RECORD_ON_TIME": "#7cfc00", "RECORD_OPEN": "#7fdbff",
}
SCHEME = "normal"  # or "high": which of the two the names above hold now
_qcolors: dict[str, QColor] = {}


def use_scheme(scheme: str) -> None:
    """Rebind the colour names to the normal or the high-contrast scheme (theme.set_high_contrast calls it)."""
    global SCHEME
    SCHEME = "high" if scheme == "high" else "normal"
    globals().update(HIGH_CONTRAST if SCHEME == "high" else NORMAL)
    _qcolors.clear()


def qcolor(name: str) -> QColor:
    """The current scheme's colour `name` ("CONFLICT_FG") as a QColor, kept: item models ask for it per cell."""
    color = _qcolors.get(name)
    if color is None:
        color = _qcolors[name] = QColor(globals()[name])
    return color


def _current(color: str) -> tuple[str, str | None]:
    """(the colour to use now, its scheme name) for a colour given by value, from either scheme."""
    for table in ((HIGH_CONTRAST, NORMAL) if SCHEME == "high" else (NORMAL, HIGH_CONTRAST)):
        for name, value in table.items():
            if value.lower() == color.lower():
                return str(globals()[name]), name
    return color, None


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21)."""
    def luminance(color: str) -> float:
        channels = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def tint(frame: QFrame, background: str) -> None:
    """A filled, boxed panel (timeline entries, notices)."""
    background, name = _current(background)
    frame.setProperty("tintColor", name)  # retint() finds it again after a scheme switch
    frame.setAutoFillBackground(True)
    palette = frame.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(background))
    palette.setColor(QPalette.ColorRole.Base, QColor(background))
    frame.setPalette(palette)
    frame.setFrameShape(QFrame.Shape.StyledPanel)


def text_color(widget: QWidget, color: str) -> None:
    color, name = _current(color)
    widget.setProperty("textColor", name)
    palette = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(role, QColor(color))
    widget.setPalette(palette)


def retint(root: QWidget) -> None:
    """Re-apply the tints and text colours below `root` in the current scheme (after a switch)."""
    for widget in [root, *root.findChildren(QWidget)]:
        tint_name, text_name = widget.property("tintColor"), widget.property("textColor")
        if tint_name and isinstance(widget, QFrame):
            tint(widget, globals()[tint_name])
        if text_name:
            text_color(widget, globals()[text_name])


def bold(widget: QWidget) -> None:
    """Bold without fixing the size: only the weight is set explicitly, the size still follows zoom."""
    font = widget.font()  # carries only the widget's own explicit attributes, so the size stays inherited
    font.setBold(True)
    widget.setFont(font)


def relative_font(base: QFont, factor: float, is_bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(is_bold)
    return font


class ActionButton(QPushButton):
    """An icon + text button with a generous click target that grows with the text size, its icon too (a 16 px
    line icon beside 200% text is a speck)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._fit_icon()

    def _fit_icon(self) -> None:
        side = max(16, self.fontMetrics().height())
        self.setIconSize(QSize(side, side))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        return QSize(hint.width() + metrics.averageCharWidth() * 2, max(hint.height(), int(metrics.height() * 2.2)))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_icon()
            self.updateGeometry()
