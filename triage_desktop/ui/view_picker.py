"""ViewPicker: "Chế độ xem" — the built-in views and the officer's own, "Lưu chế độ xem…" and "Xóa".

Its three controls (`widgets()`) are placed by the window at the head of the filter row, so they wrap with the
filters instead of taking a line of their own (a 1366×768 screen has few lines to give).

The picker shows which view the list is in (`show_query`): the view's name while the list is exactly that view,
"Tùy chỉnh" once the officer changed a filter or the order. Choosing a view says `viewChosen`; saving and
deleting are the window's (they are writes to the cache, on the write lane).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from triage_desktop.core.entities import ItemQuery, SavedView
from triage_desktop.core.views import builtin_views, shows
from triage_desktop.ui import labels

_COMBO_CHARS = 22


def view_label(view: SavedView) -> str:
    """A built-in view's translated name; the officer's own view by the name she gave it."""
    return labels.label(labels.VIEW, view.name) if view.builtin else view.name


class ViewPicker(QObject):
    viewChosen = Signal(object)  # SavedView
    saveRequested = Signal()
    deleteRequested = Signal(str)  # the name of the officer's own view

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("viewPicker")
        self._views: list[SavedView] = []
        pair = QWidget(parent)
        pair_layout = QHBoxLayout(pair)
        pair_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("Chế độ xem:"), pair)
        self.combo = QComboBox(pair)
        self.combo.setObjectName("viewCombo")
        self.combo.setAccessibleName(self.tr("Chế độ xem"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(_COMBO_CHARS)
        self.combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        caption.setBuddy(self.combo)
        pair_layout.addWidget(caption)
        pair_layout.addWidget(self.combo)
        self.save_button = QPushButton(self.tr("Lưu chế độ xem…"), parent)
        self.save_button.setObjectName("saveView")
        self.save_button.setToolTip(self.tr("Lưu danh sách đang xem (hàng việc, bộ lọc, thứ tự) dưới một tên"))
        self.delete_button = QPushButton(self.tr("Xóa chế độ xem"), parent)
        self.delete_button.setObjectName("deleteView")
        self._widgets = (pair, self.save_button, self.delete_button)
        self.combo.activated.connect(self._on_activated)
        self.save_button.clicked.connect(self.saveRequested)
        self.delete_button.clicked.connect(self._on_delete)
        self._update_delete()

    def widgets(self) -> tuple[QWidget, ...]:
        """The controls, in order, for the window to lay out."""
        return self._widgets

    def set_views(self, kind: str, own: Sequence[SavedView], query: ItemQuery | None) -> None:
        """The views of `kind`: built-in ones first, then the officer's own (of that kind), by name."""
        self._views = [*builtin_views(kind), *(view for view in own if view.kind == kind)]
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Tùy chỉnh"), -1)
        for number, view in enumerate(self._views):
            self.combo.addItem(view_label(view), number)
        self.combo.blockSignals(False)
        self.show_query(query)

    def views(self) -> list[SavedView]:
        return list(self._views)

    def show_query(self, query: ItemQuery | None) -> None:
        """Name the view the list shows now ("Tùy chỉnh" when it is none of them); says nothing."""
        found = next((n for n, view in enumerate(self._views) if query is not None and shows(view, query)), -1)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(found))
        self.combo.blockSignals(False)
        self._update_delete()

    def current(self) -> SavedView | None:
        number = self.combo.currentData()
        return self._views[number] if isinstance(number, int) and 0 <= number < len(self._views) else None

    def choose(self, name: str) -> bool:
        """Pick a view by name, as a click would (tests, menus)."""
        number = next((n for n, view in enumerate(self._views) if view.name == name), None)
        if number is None:
            return False
        self.combo.setCurrentIndex(self.combo.findData(number))
        self._on_activated(self.combo.currentIndex())
        return True

    def _on_activated(self, _index: int) -> None:
        self._update_delete()
        view = self.current()
        if view is not None:
            self.viewChosen.emit(view)

    def _on_delete(self) -> None:
        view = self.current()
        if view is not None and not view.builtin:
            self.deleteRequested.emit(view.name)

    def _update_delete(self) -> None:
        view = self.current()
        self.delete_button.setEnabled(view is not None and not view.builtin)
