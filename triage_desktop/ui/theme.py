"""The look every office PC gets: Fusion (same on Windows 10/11 and Linux), a light palette, readable text, and a
high-contrast palette that follows the operating system's setting.

Call `apply_theme(app)` once after creating the QApplication, before any window. Colours go through the
palette, never a style sheet (style sheets stop widgets from following the text-size zoom).

High contrast: when Windows' "Contrast themes" (or the desktop's equivalent) is on — Qt 6.10+ reports it as
QStyleHints.accessibility().contrastPreference() — the window switches to light text on black with a yellow
selection and focus ring (every pair ≥ 7:1), the panel tints of ui/widgets/styling switch with it, and the
icons (ui/icons) recolour themselves. It follows the OS setting live; TRIAGE_CONTRAST=high|normal, or the
"Tương phản cao" toggle in the Xem menu, overrides it.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessibilityHints, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from triage_desktop.ui.widgets import styling

MIN_POINT_SIZE = 10.5  # officers over 45: never smaller than this by default (ecosystem-ux B14)
CONTRAST_ENV = "TRIAGE_CONTRAST"  # "high" or "normal": overrides the operating system's setting
_OVERRIDE = "triageContrastOverride"  # app property: the officer (or the environment) chose; the OS no longer decides
_FOLLOWING = "triageFollowsContrast"  # app property: the OS signal is connected once

_Role, _Group = QPalette.ColorRole, QPalette.ColorGroup
# Light text on black; yellow marks where the officer is (selection, focus ring, links). Each pair ≥ 7:1.
HIGH_CONTRAST_COLORS = {
    _Role.Window: "#000000", _Role.WindowText: "#ffffff", _Role.Base: "#000000", _Role.AlternateBase: "#1a1a1a",
    _Role.Text: "#ffffff", _Role.Button: "#1a1a1a", _Role.ButtonText: "#ffffff", _Role.BrightText: "#ffff00",
    _Role.Highlight: "#ffff00", _Role.HighlightedText: "#000000", _Role.Link: "#ffff00",
    _Role.LinkVisited: "#ffd700", _Role.ToolTipBase: "#000000", _Role.ToolTipText: "#ffffff",
    _Role.PlaceholderText: "#c8c8c8", _Role.Accent: "#ffff00",
    # Fusion draws frames and button edges from these: white, so every control's edge shows on black.
    _Role.Light: "#ffffff", _Role.Midlight: "#ffffff", _Role.Mid: "#c8c8c8", _Role.Dark: "#ffffff",
    _Role.Shadow: "#ffffff",
}
HIGH_CONTRAST_DISABLED = "#a0a0a0"  # greyed, yet still 8:1 on black


_hints: list[QObject] = []  # the style hints and their accessibility part, kept referenced (see _accessibility)


def _accessibility(app: QApplication) -> QAccessibilityHints:
    """The OS's accessibility hints. Held in Python: reached through a temporary QStyleHints wrapper, PySide 6.12
    reports the QAccessibilityHints object as deleted."""
    hints = app.styleHints()
    accessibility = hints.accessibility()
    _hints[:] = [hints, accessibility]
    return accessibility


def _env_choice() -> str | None:
    """TRIAGE_CONTRAST's "high" or "normal"; None when it says neither."""
    chosen = os.environ.get(CONTRAST_ENV, "").strip().lower()
    return chosen if chosen in ("high", "normal") else None


def wants_high_contrast(app: QApplication) -> bool:
    """What the environment override or, without one, the operating system asks for."""
    chosen = _env_choice()
    if chosen is not None:
        return chosen == "high"
    return _accessibility(app).contrastPreference() == Qt.ContrastPreference.HighContrast


def is_high_contrast() -> bool:
    return styling.SCHEME == "high"


def light_palette(app: QApplication) -> QPalette:
    palette = app.style().standardPalette()
    # Focus and selection must stay visible (≥ 3:1): a firm blue with white text.
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1f5fa8"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#0b4f9c"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6e6e6e"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#6e6e6e"))
    return palette


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    for role, color in HIGH_CONTRAST_COLORS.items():
        palette.setColor(role, QColor(color))
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText):
        palette.setColor(_Group.Disabled, role, QColor(HIGH_CONTRAST_DISABLED))
    palette.setColor(_Group.Disabled, _Role.Highlight, QColor("#808000"))
    return palette


def set_high_contrast(app: QApplication, on: bool, *, chosen: bool = False) -> None:
    """Switch the palette, styling's tints and (through the palette) the icons. `chosen`: the officer decided,
    so later changes of the OS setting no longer switch it back."""
    if chosen:
        app.setProperty(_OVERRIDE, True)
    _use_style(app, on)
    styling.use_scheme("high" if on else "normal")
    app.setPalette(high_contrast_palette() if on else light_palette(app))
    for window in app.topLevelWidgets():  # panels tinted before the switch take the new scheme's colours
        styling.retint(window)


class ContrastStyle(QProxyStyle):
    """Fusion, plus a visible edge on text fields in high contrast: Fusion draws their frame a shade darker than
    the window, which on black is no edge at all (WCAG 1.4.11 wants ≥ 3:1 for a control's boundary)."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_FrameLineEdit and is_high_contrast():
            focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
            role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.WindowText
            width = 2 if focused else 1
            painter.save()
            painter.setPen(QPen(option.palette.color(role), width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(width // 2, width // 2, -(width + 1) // 2, -(width + 1) // 2))
            painter.restore()


def _on_contrast_changed(preference: Qt.ContrastPreference) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication) and not app.property(_OVERRIDE):
        set_high_contrast(app, preference == Qt.ContrastPreference.HighContrast)


def _use_style(app: QApplication, high_contrast: bool) -> None:
    """Fusion; its proxy only while high contrast needs the extra edge: the proxy is called, in Python, for every
    primitive of every paint (a list's repaint at the end of a sync draws hundreds)."""
    if high_contrast and not isinstance(app.style(), ContrastStyle):
        app.setStyle(ContrastStyle())
    elif not high_contrast and (isinstance(app.style(), ContrastStyle) or app.style().name().lower() != "fusion"):
        app.setStyle("Fusion")


def apply_theme(app: QApplication, point_size: float | None = None) -> None:
    if _env_choice() is not None:
        app.setProperty(_OVERRIDE, True)
    set_high_contrast(app, wants_high_contrast(app))
    if not app.property(_FOLLOWING):
        app.setProperty(_FOLLOWING, True)
        _accessibility(app).contrastPreferenceChanged.connect(_on_contrast_changed)
    font = app.font()
    size = point_size if point_size is not None else max(font.pointSizeF(), MIN_POINT_SIZE)
    font.setPointSizeF(size)
    app.setFont(font)
