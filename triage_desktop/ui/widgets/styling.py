"""Colours and emphasis through palettes and font flags — never style sheets.

A widget under any Qt style sheet stops following QApplication.setFont (verified with Qt 6.12), so the
"Chữ to hơn" zoom would leave it small. Palettes and relative font changes keep every text scalable.
"""

from __future__ import annotations

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
    frame.setAutoFillBackground(True)
    palette = frame.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(background))
    palette.setColor(QPalette.ColorRole.Base, QColor(background))
    frame.setPalette(palette)
    frame.setFrameShape(QFrame.Shape.StyledPanel)


def text_color(widget: QWidget, color: str) -> None:
    palette = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(role, QColor(color))
    widget.setPalette(palette)


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
    """An icon + text button with a generous click target that grows with the text size."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        return QSize(hint.width() + metrics.averageCharWidth() * 2, max(hint.height(), int(metrics.height() * 2.2)))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
