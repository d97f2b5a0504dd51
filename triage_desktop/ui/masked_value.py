"""MaskedValue: a citizen's phone or identity number shown as 0905•••456, with a small "Hiện" button beside it.

The button only asks (`revealRequested`): the window writes the audit entry first and calls `reveal()` once it is
written, so no number is shown without its trace. Selecting and copying the label copies what is shown, the
masked text until the officer revealed it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from triage_desktop.ui.safe_text import value_label
from triage_desktop.ui.widgets.styling import PUBLIC_FG, text_color


class MaskedValue(QWidget):
    revealRequested = Signal(str)  # the field: core.masking.PHONE or ID_NUMBER

    def __init__(self, field: str, masked: str, full: str, what: str, parent: QWidget | None = None) -> None:
        """`what` names the number for a screen reader ("số điện thoại"), in the button's accessible name."""
        super().__init__(parent)
        self.setObjectName(f"masked_{field}")
        self._field, self._full = field, full
        self.label = value_label(masked, self)
        self.label.setObjectName("maskedText")
        self.label.setAccessibleDescription(self.tr("Đã che một phần"))
        # Small and flat, in a link's colour, right after the number: it reads as "show this", not as an action
        # on the item. Reachable with Tab like any button.
        self.button = QToolButton(self)
        self.button.setText(self.tr("Hiện"))
        self.button.setObjectName(f"reveal_{field}")
        self.button.setAutoRaise(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        text_color(self.button, PUBLIC_FG)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setAccessibleName(self.tr("Hiện đầy đủ {what}").format(what=what))
        self.button.setToolTip(self.tr("Hiện đầy đủ {what} (việc xem được ghi vào nhật ký)").format(what=what))
        self.button.clicked.connect(self._ask)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)

    @property
    def field(self) -> str:
        return self._field

    def is_revealed(self) -> bool:
        return self.button.isHidden()

    def reveal(self) -> None:
        self.label.setText(self._full)
        self.label.setAccessibleDescription("")
        self.button.hide()

    def _ask(self) -> None:
        self.revealRequested.emit(self._field)
