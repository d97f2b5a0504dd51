"""The papers' typeface: Liberation Serif (metric twin of Times New Roman, SIL OFL, every Vietnamese letter),
shipped in triage_desktop/resources/fonts and registered with Qt once, so a PDF embeds it on any PC."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QThread
from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

FAMILY = "Liberation Serif"
BODY_POINTS = 13  # Decree 30/2020: 13–14 pt
_FILES = ("Regular", "Bold", "Italic", "BoldItalic")
_registered: list[str] = []


def register() -> str:
    """Register the four faces (once per process; needs a QGuiApplication) and return the family name.

    The first call must come from the GUI thread (the papers dialog's constructor, the command line's `print`):
    a PDF is laid out on a worker, and Qt's font database is only written to from the GUI thread."""
    if not _registered:
        if not QThread.isMainThread():
            raise RuntimeError("the papers' font must be registered on the GUI thread before a worker uses it")
        folder = resources.files("triage_desktop") / "resources" / "fonts"
        for face in _FILES:
            data = (folder / f"LiberationSerif-{face}.ttf").read_bytes()
            if QFontDatabase.addApplicationFontFromData(data) < 0:
                log.warning("the papers' font face %s could not be registered", face)
        _registered.append(FAMILY)
    return FAMILY


def paper_font(points: float = BODY_POINTS) -> QFont:
    font = QFont(register())
    font.setPointSizeF(points)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font
