"""The detail pane's papers row: the form that goes with the step just taken ("In giấy tiếp nhận (Mẫu 01)"
after "Tiếp nhận", queued or sent), and "In / Lưu PDF…" for any form."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from triage_desktop.core import papers
from triage_desktop.core.entities import Item
from triage_desktop.ui.papers.wording import offer_text
from triage_desktop.ui.widgets.flow_layout import flow_row
from triage_desktop.ui.widgets.styling import ActionButton


class PaperOffer(QWidget):
    requested = Signal(str)  # a form id; "" for the dialog's own choice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paperOffer")
        row, flow = flow_row(self)
        self.suggested = ActionButton("", row)
        self.suggested.setObjectName("suggestedPaper")
        self.suggested.clicked.connect(self._on_suggested)
        self.any = ActionButton(self.tr("In / Lưu PDF…"), row)
        self.any.setObjectName("anyPaper")
        self.any.setToolTip(self.tr("Giấy tờ của mục này: chọn mẫu, sửa, in hoặc lưu PDF"))
        self.any.clicked.connect(lambda: self.requested.emit(""))
        flow.addWidget(self.suggested)
        flow.addWidget(self.any)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(row)
        self._form = ""

    def show_for(self, item: Item | None) -> None:
        """Offer the papers of `item` (None: nothing shown)."""
        self.setVisible(item is not None)
        self._form = (papers.suggested(item) or "") if item is not None else ""
        self.suggested.setVisible(bool(self._form))
        if self._form:
            text = offer_text(self._form)
            self.suggested.setText(text)
            self.suggested.setAccessibleName(text)

    def suggested_form(self) -> str:
        return self._form

    def _on_suggested(self) -> None:
        self.requested.emit(self._form)
