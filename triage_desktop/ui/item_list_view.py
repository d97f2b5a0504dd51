"""ItemListView: the middle pane's table; keeps the officer's selected item and scroll position across refreshes.

The model moves persistent indexes itself when rows only change place; when it must reset (the row count
changed), this view remembers the selected (kind, id) and the first visible item and puts both back.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from triage_desktop.ui.models.item_table_model import COL_TITLE, COLUMNS, ItemKeyRole, ItemTableModel, Key

# Initial column widths in average characters (the officer can resize; the header state is saved).
# The deadline column holds the date and the working time left: "26/11/2026 10:00 (quá hạn 12 ngày làm việc)".
_WIDTH_CHARS = (19, 30, 16, 10, 18, 16, 16, 38)


class ItemListView(QTableView):
    currentItemChanged = Signal(str, str)  # kind, id ("", "" when nothing is selected)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved_key: Key | None = None
        self._saved_top: Key | None = None
        self._at_top = False
        self._current: Key | None = None
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        # Fixed row heights: the view never measures rows it does not show (the list can be 100k long).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionsMovable(True)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(False)
        self._apply_metrics()

    def _apply_metrics(self) -> None:
        metrics = self.fontMetrics()
        char = max(1, metrics.horizontalAdvance("0"))
        old = getattr(self, "_char", None)
        if old and old != char:  # zoom: keep the officer's column proportions, in the new text size
            header = self.horizontalHeader()
            for column in range(header.count()):
                header.resizeSection(column, round(header.sectionSize(column) * char / old))
        self._char = char
        self.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.7))
        self.verticalHeader().setMinimumSectionSize(metrics.height() + 4)

    def reset_column_widths(self) -> None:
        char = self.fontMetrics().horizontalAdvance("0")
        for column, chars in enumerate(_WIDTH_CHARS[: len(COLUMNS)]):
            self.setColumnWidth(column, char * chars)
        self.horizontalHeader().setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Interactive)

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._apply_metrics()

    def setModel(self, model) -> None:  # type: ignore[no-untyped-def]
        old = self.model()
        if isinstance(old, ItemTableModel):
            old.modelAboutToBeReset.disconnect(self._remember)
            old.modelReset.disconnect(self._restore)
        super().setModel(model)
        if isinstance(model, ItemTableModel):
            model.modelAboutToBeReset.connect(self._remember)
            model.modelReset.connect(self._restore)
            column, order = model.sort_column()
            self.horizontalHeader().setSortIndicator(column, order)
        self.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.reset_column_widths()

    # --- the selected item ----------------------------------------------------------------------------------

    def current_key(self) -> Key | None:
        return self._current

    def select_key(self, key: Key | None, scroll: bool = True) -> bool:
        model = self.model()
        if key is None or not isinstance(model, ItemTableModel):
            return False
        row = model.row_of(key)
        if row is None:
            return False
        index = model.index(row, 0)
        auto_scroll = self.hasAutoScroll()
        self.setAutoScroll(scroll)  # Qt scrolls to a new current index by itself unless told not to
        try:
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self.setAutoScroll(auto_scroll)
        if scroll:
            self.scrollTo(index)
        return True

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(ItemKeyRole) if current.isValid() else None
        key = tuple(key) if key else None
        if key != self._current:
            self._current = key
            self.currentItemChanged.emit(*(key or ("", "")))

    def _remember(self) -> None:
        self._saved_key = self._current
        # At the very top the officer watches for new work: keep the top there, so an arrival that sorts first
        # shows as the first row instead of landing just above the visible area.
        self._at_top = self.verticalScrollBar().value() == 0
        top = self.indexAt(self.viewport().rect().topLeft())
        self._saved_top = tuple(top.data(ItemKeyRole)) if top.isValid() and top.data(ItemKeyRole) else None

    def _restore(self) -> None:
        model = self.model()
        assert isinstance(model, ItemTableModel)
        column, order = model.sort_column()
        header = self.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.blockSignals(True)  # only the indicator: the model is already sorted this way
            header.setSortIndicator(column, order)
            header.blockSignals(False)
        if self._at_top:
            self.scrollToTop()
        elif self._saved_top is not None:
            top_row = model.row_of(self._saved_top)
            if top_row is not None:
                self.scrollTo(model.index(top_row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        selected = self._saved_key
        if selected is not None and not self.select_key(selected, scroll=False):
            self._current = None
            self.currentItemChanged.emit("", "")
        self._saved_key = self._saved_top = None
