"""RecordTableModel: one table of the ward's record (ui.record_tables.RecordTable) for a sortable QTableView.

Cells read as the Excel file does (12.345; 97,5 %; 1,5 working days); sorting is by the raw number, the total
row (`footer`) stays last. A count that has items behind it carries its RecordCell (CELL_ROLE) and says so in
its tooltip: the view opens those items in the list on a click.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from triage_desktop.core.record import RecordCell
from triage_desktop.core.tables import Cell, CellType
from triage_desktop.ui.record_tables import RecordTable

CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the RecordCell behind a count, or None
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def cell_text(value: Cell, cell_type: CellType) -> str:
    """A cell as the dashboard shows it (Vietnamese number style: . thousands, , decimals)."""
    if value is None:
        return "–" if cell_type in (CellType.PERCENT, CellType.DECIMAL) else ""
    if cell_type is CellType.PERCENT and isinstance(value, int | float):
        return f"{value * 100:.1f} %".replace(".", ",")
    if cell_type is CellType.DECIMAL and isinstance(value, int | float):
        return f"{value:.1f}".replace(".", ",")
    if cell_type is CellType.INTEGER and isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


class RecordTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: RecordTable | None = None
        self._order: list[int] = []  # display row → table row

    def set_table(self, table: RecordTable | None) -> None:
        self.beginResetModel()
        self._table = table
        self._order = list(range(len(table.table.rows))) if table else []
        self.endResetModel()

    def table(self) -> RecordTable | None:
        return self._table

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._table is None or orientation != Qt.Orientation.Horizontal:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._table.table.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._table is None or not index.isValid():
            return None
        row = self._order[index.row()]
        column = self._table.table.columns[index.column()]
        value = self._table.table.rows[row][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value, column.type)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.type is not CellType.TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return value
        cell = self._cell(row, index.column())
        if role == CELL_ROLE:
            return cell
        if role == Qt.ItemDataRole.ToolTipRole and cell is not None and value:
            return self.tr("Bấm để xem {n} mục này trong danh sách").format(n=cell_text(value, column.type))
        return None

    def _cell(self, row: int, column: int) -> RecordCell | None:
        assert self._table is not None
        cells = self._table.cells
        return cells[row][column] if row < len(cells) and column < len(cells[row]) else None

    def cell_at(self, index: Index) -> RecordCell | None:
        """The items behind a clicked count (None for a name, a rate, a median, or a zero)."""
        if self._table is None or not index.isValid():
            return None
        row = self._order[index.row()]
        return self._cell(row, index.column()) if self._table.table.rows[row][index.column()] else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._table is None:
            return
        rows = self._table.table.rows
        footer = self._table.footer
        body = list(range(len(rows) - footer))

        def key(row: int) -> tuple[int, Any]:
            value = rows[row][column]
            if value is None:
                return (1, 0)  # empty cells last either way
            return (0, value.casefold() if isinstance(value, str) else value)

        present = [r for r in body if rows[r][column] is not None]
        missing = [r for r in body if rows[r][column] is None]
        present.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        self._order = present + missing + list(range(len(rows) - footer, len(rows)))
        self.layoutChanged.emit()
