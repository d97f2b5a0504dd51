"""The look every office PC gets: Fusion (same on Windows 10/11 and Linux), a light palette, readable text.

Call `apply_theme(app)` once after creating the QApplication, before any window. Colours go through the
palette, never a style sheet (style sheets stop widgets from following the text-size zoom).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

MIN_POINT_SIZE = 10.5  # officers over 45: never smaller than this by default (ecosystem-ux B14)


def apply_theme(app: QApplication, point_size: float | None = None) -> None:
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    # Focus and selection must stay visible (≥ 3:1): a firm blue with white text.
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1f5fa8"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#0b4f9c"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6e6e6e"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#6e6e6e"))
    app.setPalette(palette)
    font = app.font()
    size = point_size if point_size is not None else max(font.pointSizeF(), MIN_POINT_SIZE)
    font.setPointSizeF(size)
    app.setFont(font)
