"""Showing untrusted server text safely: always as plain text, never as HTML Qt might guess, never reordered by
hidden bidi controls, never so long that laying it out freezes the window.

QLabel and tool tips use Qt::AutoText and render `<img src=…>` from a citizen's title as rich text (it can
load local files). Every label that shows server data comes from `value_label()`, and every tool tip that
carries server data goes through `plain_tooltip()`; list cells through `one_line()`. All three drop invisible
format and control characters (core.text.visible: a right-to-left override in "ảnh\u202Egnp.exe" would show it
as "ảnhexe.png") and cut what they show at a cap, with "…"; the cache keeps the text whole.

Caps (code points). The contract caps what officers write (central-api.md §6: a note 1–10,000, a reply 1–5,000,
a reason_text 1–2,000) and nothing citizens or the server send, so the other caps are ours: far above real data
(a title is a line, a name a few words, a Windows file name at most 255), far below what makes Qt stall (a
word-wrapped label of 1,000,000 characters held the window for seconds).
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from triage_desktop.core.text import shown, visible

TEXT_LIMIT = 10_000  # a label's default: the longest text the contract allows (a note); description, event bodies
FIELD_LIMIT = 500  # one value of the detail grid: title/summary, name, address, step, …
TITLE_LIMIT = 500  # the detail panel's heading
FILENAME_LIMIT = 255  # an attachment's name, as file systems allow
CELL_LIMIT = 300  # one list cell
TOOLTIP_LIMIT = 1_000


class SafeLabel(QLabel):
    """A plain-text QLabel whose every setText() shows untrusted text safely (visible characters, capped)."""

    def __init__(self, parent: QWidget | None = None, *, limit: int = TEXT_LIMIT) -> None:
        super().__init__(parent)
        self._limit = limit
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(shown(str(text), self._limit))


def value_label(text: str = "", parent: QWidget | None = None, *, selectable: bool = True,
                limit: int = TEXT_LIMIT) -> QLabel:
    """A word-wrapped, plain-text label officers can select and copy from."""
    label = SafeLabel(parent, limit=limit)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setText(text)
    return label


def plain_tooltip(text: str, limit: int = TOOLTIP_LIMIT) -> str:
    """A tool tip showing `text` literally (escaped and wrapped, so Qt cannot read it as markup)."""
    if not text:
        return ""
    return QtGui.Qt.convertFromPlainText(shown(text, limit), Qt.WhiteSpaceMode.WhiteSpaceNormal)


def one_line(text: object, limit: int = CELL_LIMIT) -> str:
    """Collapse whitespace (a list cell shows one line) and cut very long text."""
    raw = str(text or "")
    head = raw[: limit * 4]  # whitespace runs collapse; never clean more than a few cells' worth
    flat = " ".join(visible(head).split())
    if len(flat) > limit or len(raw) > len(head):
        return flat[: limit - 1] + "…"
    return flat

