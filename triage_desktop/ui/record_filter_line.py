"""RecordFilterLine: "Từ Thống kê: … ×" above the list while it shows the items behind a number of the ward's
record (ItemQuery.record); × (or choosing another queue) goes back to the list as it was filtered."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from triage_desktop.core.entities import ItemQuery
from triage_desktop.ui.widgets import styling


class RecordFilterLine(QWidget):
    removeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordFilterLine")
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        styling.text_color(self.text, styling.PUBLIC_FG)
        self.remove = QToolButton(self)
        self.remove.setObjectName("recordFilterRemove")
        self.remove.setText("×")
        self.remove.setToolTip(self.tr("Bỏ lọc theo Thống kê"))
        self.remove.setAccessibleName(self.tr("Bỏ lọc theo Thống kê"))
        self.remove.clicked.connect(self.removeRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.remove)
        self.hide()

    def show_query(self, query: ItemQuery | None) -> None:
        cell = query.record if query is not None else None
        if cell is None:
            self.hide()
            return
        self.text.setText(self.tr("Từ Thống kê: {what}").format(what=cell.label or cell.measure))
        self.show()
