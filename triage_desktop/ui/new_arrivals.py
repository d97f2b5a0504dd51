"""NewArrivals: the status bar's "3 phản ánh mới · 1 hồ sơ mới" — items that came in and nobody here has opened.

A new report lands in the list while the officer looks elsewhere; the bold rows say which, this says how many,
and a click shows that kind's whole list, newest first. Hidden while there is nothing new.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from triage_desktop.core import vocabulary as v
from triage_desktop.ui.widgets import styling


class NewArrivals(QPushButton):
    kindRequested = Signal(str)  # the kind whose new items the officer wants to see

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newArrivals")
        self.setFlat(True)
        styling.bold(self)  # the same cue as the bold rows it counts
        self.setToolTip(self.tr("Mục mới chưa mở được in đậm trong danh sách. Bấm để xem."))
        self.counts: dict[str, int] = {}
        self.clicked.connect(self._on_click)
        self.hide()

    def set_counts(self, counts: Mapping[str, int]) -> None:
        self.counts = {kind: n for kind, n in counts.items() if n > 0 and kind in v.KINDS}
        parts = []
        if self.counts.get("report"):
            parts.append(self.tr("%Ln phản ánh mới", "", self.counts["report"]))
        if self.counts.get("dossier"):
            parts.append(self.tr("%Ln hồ sơ mới", "", self.counts["dossier"]))
        self.setText(" · ".join(parts))
        self.setVisible(bool(parts))

    def _on_click(self) -> None:
        kind = next((k for k in v.KINDS if self.counts.get(k)), None)
        if kind is not None:
            self.kindRequested.emit(kind)
