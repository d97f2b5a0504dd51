"""Showing untrusted server text safely: always as plain text, never as HTML Qt might guess.

QLabel and tool tips use Qt::AutoText and render `<img src=…>` from a citizen's title as rich text (it can
load local files). Every label that shows server data comes from `value_label()`, and every tool tip that
carries server data goes through `plain_tooltip()`.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def value_label(text: str = "", parent: QWidget | None = None, *, selectable: bool = True) -> QLabel:
    """A word-wrapped, plain-text label officers can select and copy from."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tool tip showing `text` literally (escaped and wrapped, so Qt cannot read it as markup)."""
    if not text:
        return ""
    return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def one_line(text: object, limit: int = 300) -> str:
    """Collapse whitespace (a list cell shows one line) and cut very long text."""
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
