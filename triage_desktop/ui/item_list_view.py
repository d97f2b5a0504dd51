"""ItemListView: the middle pane's table; keeps the officer's selected item and scroll position across refreshes.

The model moves persistent indexes itself when rows only change place; when it must reset (the row count
changed), this view remembers the selected (kind, id) and the first visible item and puts both back.

Columns (issue 11): the deadline must show without scrolling on a 1366×768 screen at 200% text, so only five
columns show by default (model.HIDDEN_BY_DEFAULT), the deadline right after the code, and the title takes the
room left (`_fit`; should the officer move the title before the deadline, it gives up width — never below a few
characters — for the deadline to show). The officer picks
columns from the header's context menu or "Xem → Cột hiển thị" (`columns_menu`); the choice, order and widths
are kept per official (`save_columns`/`restore_columns`), with the text size they were measured at.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from triage_desktop.ui.formatting import format_datetime
from triage_desktop.ui.models.item_table_model import (
    ALWAYS_SHOWN,
    COL_ASSIGNEE,
    COL_CATEGORY,
    COL_CODE,
    COL_DUE,
    COL_PRIORITY,
    COL_STATUS,
    COL_SUBMITTED,
    COL_TITLE,
    COLUMNS,
    HIDDEN_BY_DEFAULT,
    ItemKeyRole,
    ItemTableModel,
    Key,
)

translate = QCoreApplication.translate

# Initial widths in average characters (the officer can resize); the code and the deadline are measured on
# their usual texts instead (`_code_width`, `_due_width`).
_WIDTH_CHARS = {COL_TITLE: 32, COL_STATUS: 12, COL_ASSIGNEE: 12, COL_PRIORITY: 10, COL_CATEGORY: 18,
                COL_SUBMITTED: 16}
_TITLE_SHORT = 10  # the title shrinks to this to fit every visible column; when they cannot fit so, it keeps
_TITLE_ROOMY = 20  # this (the columns after it scroll) — the width the view asks the window for, too…
_TITLE_MIN = 6  # …and shrinks to this only when the deadline would be cut off otherwise
_SETTINGS = "list/columns"


class _MiddleElide(QStyledItemDelegate):
    """Dossier codes ("000.00.23.H57-260302-0001") differ at the end: cut them in the middle, not there."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class ItemListView(QTableView):
    currentItemChanged = Signal(str, str)  # kind, id ("", "" when nothing is selected)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved_key: Key | None = None
        self._saved_top: Key | None = None
        self._at_top = False
        self._current: Key | None = None
        self._fitting = False  # the view, not the officer, is resizing the title
        self._title_wanted = 0  # the title's width as set by the officer (or by default), before any fitting
        self._header_menu: QMenu | None = None
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
        self.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.horizontalHeader().customContextMenuRequested.connect(self._show_header_menu)
        self.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.setItemDelegateForColumn(COL_CODE, _MiddleElide(self))
        self._apply_metrics()

    def _apply_metrics(self) -> None:
        metrics = self.fontMetrics()
        char = max(1, metrics.horizontalAdvance("0"))
        old = getattr(self, "_char", None)
        if old and old != char:  # zoom: keep the officer's column proportions, in the new text size
            self._scale_sections(char / old)
        self._char = char
        self.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.7))
        self.verticalHeader().setMinimumSectionSize(metrics.height() + 4)
        side = max(16, round(metrics.height() * 0.95))  # the deadline icons grow with the text
        self.setIconSize(QSize(side, side))
        self._fit()

    def _scale_sections(self, factor: float) -> None:
        header = self.horizontalHeader()
        self._fitting = True
        try:
            for column in range(header.count()):
                header.resizeSection(column, round(header.sectionSize(column) * factor))
        finally:
            self._fitting = False
        self._title_wanted = round(self._title_wanted * factor)

    # --- columns -------------------------------------------------------------------------------------------

    def reset_column_widths(self) -> None:
        char = self.fontMetrics().horizontalAdvance("0")
        self._fitting = True
        try:
            for column, chars in _WIDTH_CHARS.items():
                self.setColumnWidth(column, char * chars)
            self.setColumnWidth(COL_CODE, self._code_width())
            self.setColumnWidth(COL_DUE, self._due_width())
        finally:
            self._fitting = False
        self._title_wanted = char * _WIDTH_CHARS[COL_TITLE]
        self.horizontalHeader().setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Interactive)
        self._fit()

    def reset_columns(self) -> None:
        """The default columns, in model order, at their default widths ("Đặt lại cột mặc định")."""
        header = self.horizontalHeader()
        for visual in range(header.count()):
            if header.logicalIndex(visual) != visual:
                header.moveSection(header.visualIndex(visual), visual)
        for column in range(header.count()):
            header.setSectionHidden(column, column in HIDDEN_BY_DEFAULT)
        self.reset_column_widths()

    def set_column_shown(self, column: int, shown: bool) -> None:
        if column in ALWAYS_SHOWN and not shown:
            return
        header = self.horizontalHeader()
        header.setSectionHidden(column, not shown)
        if shown and header.sectionSize(column) < self._char * 3:
            self.setColumnWidth(column, self._char * _WIDTH_CHARS.get(column, 12))
        self._fit()

    def shown_columns(self) -> list[int]:
        """The visible columns, in the order they show."""
        header = self.horizontalHeader()
        logical = (header.logicalIndex(visual) for visual in range(header.count()))
        return [column for column in logical if not header.isSectionHidden(column)]

    def columns_menu(self, parent: QWidget | None = None) -> QMenu:
        """"Cột hiển thị": a check per column, and "Đặt lại cột mặc định" (filled each time it opens)."""
        menu = QMenu(self.tr("Cột hiển thị"), parent or self)
        menu.aboutToShow.connect(lambda: self._fill_columns_menu(menu))
        self._fill_columns_menu(menu)
        return menu

    def _fill_columns_menu(self, menu: QMenu) -> None:
        menu.clear()
        header = self.horizontalHeader()
        model = self.model()
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            name = model.headerData(column, Qt.Orientation.Horizontal) if model is not None else COLUMNS[column][1]
            action = menu.addAction(str(name))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column not in ALWAYS_SHOWN)
            action.setData(column)
            action.toggled.connect(lambda shown, c=column: self.set_column_shown(c, shown))
        menu.addSeparator()
        menu.addAction(self.tr("Đặt lại cột mặc định")).triggered.connect(self.reset_columns)

    def _show_header_menu(self, position: QPoint) -> None:
        if self._header_menu is not None:
            self._header_menu.deleteLater()
        self._header_menu = self.columns_menu(self)
        self._header_menu.popup(self.horizontalHeader().mapToGlobal(position))

    def save_columns(self, settings: QSettings, user_id: str | None) -> None:
        key = f"{_SETTINGS}/{user_id or '_'}"
        settings.setValue(f"{key}/header", self.horizontalHeader().saveState())
        settings.setValue(f"{key}/char", self._char)  # the widths' text size: restored at another zoom, rescaled
        settings.setValue(f"{key}/title", self._title_wanted)

    def restore_columns(self, settings: QSettings, user_id: str | None) -> None:
        """The official's own columns, or the defaults (also when the saved state is from another version)."""
        key = f"{_SETTINGS}/{user_id or '_'}"
        state = settings.value(f"{key}/header")
        header = self.horizontalHeader()
        try:
            char = int(settings.value(f"{key}/char") or 0)
            title = int(settings.value(f"{key}/title") or 0)
        except (TypeError, ValueError):
            char = title = 0
        if not (isinstance(state, QByteArray) and not state.isEmpty() and char > 0 and title > 0
                and header.restoreState(state) and header.count() == len(COLUMNS)):
            self.reset_columns()
            return
        self._title_wanted = title
        for column in ALWAYS_SHOWN:
            header.setSectionHidden(column, False)
        if char != self._char:
            self._scale_sections(self._char / char)
        model = self.model()
        if isinstance(model, ItemTableModel):  # the saved sort indicator is not the list's order
            header.blockSignals(True)
            header.setSortIndicator(*model.sort_column())
            header.blockSignals(False)
        self._fit()

    def wanted_width(self) -> int:
        """The width the view needs to show every visible column, the title at a roomy width."""
        return self._width_of(self.shown_columns(), _TITLE_ROOMY)

    def deadline_width(self) -> int:
        """The width the view needs for the deadline column to show whole, beside a short title (10 chars)."""
        shown = self.shown_columns()
        return self._width_of(shown[: shown.index(COL_DUE) + 1], _TITLE_SHORT) if COL_DUE in shown else 0

    def _width_of(self, columns: list[int], title_chars: int) -> int:
        header = self.horizontalHeader()
        title = min(self._title_wanted, self._char * title_chars)
        width = sum(header.sectionSize(c) if c != COL_TITLE else title for c in columns)
        return width + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def _fit(self) -> None:
        """Give the title the officer's width when the pane has room; shrink it so every visible column fits
        (down to 10 characters, else it keeps 20), and further (down to 6) when the deadline would be cut off."""
        header = self.horizontalHeader()
        available = self.viewport().width()
        if self._fitting or available <= 0 or header.count() != len(COLUMNS) or header.isSectionHidden(COL_TITLE):
            return
        shown = self.shown_columns()
        others = sum(header.sectionSize(c) for c in shown if c != COL_TITLE)
        room = available - others  # the title's width when every visible column fits
        title = min(self._title_wanted, room if room >= self._char * _TITLE_SHORT else self._char * _TITLE_ROOMY)
        if COL_DUE in shown and shown.index(COL_TITLE) < shown.index(COL_DUE):
            through = sum(header.sectionSize(c) for c in shown[: shown.index(COL_DUE) + 1] if c != COL_TITLE)
            if through + title > available:
                title = max(self._char * _TITLE_MIN, available - through)
        if title > 0 and title != header.sectionSize(COL_TITLE):
            self._fitting = True
            try:
                header.resizeSection(COL_TITLE, title)
            finally:
                self._fitting = False

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        if column == COL_TITLE and not self._fitting:
            self._title_wanted = new  # the officer dragged it: fitting never widens it past this

    def _padding(self) -> int:
        """The item delegate's margin around a cell's text (and between its icon and text), both sides."""
        return 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)

    def _code_width(self) -> int:
        # Just the report code: no more, the deadline needs the room; a sync icon or a dossier code ("000.00.23.
        # H57-260302-0001") is cut in the middle (_MiddleElide), keeping the number's end.
        return self.fontMetrics().horizontalAdvance("PA-2026-000000") + self._padding() + 2

    def _due_width(self) -> int:
        """Wide enough for the usual deadline words and its icon, and for the header with its sort arrow."""
        metrics = self.fontMetrics()
        samples = (
            translate("deadlines", "Sắp đến hạn — còn {amount}").format(
                amount=translate("deadlines", "{hours} giờ").format(hours=8)),
            translate("deadlines", "Tạm dừng — chờ công dân"),
            translate("deadlines", "Còn {days} ngày làm việc").format(days=12),
            format_datetime(datetime(2026, 12, 30, 17, 0)),
        )
        text = max(metrics.horizontalAdvance(sample) for sample in samples) + self.iconSize().width()
        model = self.model()
        name = str(model.headerData(COL_DUE, Qt.Orientation.Horizontal)) if model is not None else ""
        return max(text + 2 * self._padding(), metrics.horizontalAdvance(name) + self._char * 3) + 2

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit()

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
        self.reset_columns()

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
