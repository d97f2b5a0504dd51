"""ItemTableModel: the big list of reports or dossiers, read a page at a time from the Workspace.

The model never holds every row: only the count of the current ItemQuery and a small LRU of 256-row pages.
Sorting is pushed into the query (SQL sorts). `set_query` resets the model (a new list); `sort` and
`refresh_ids` keep the officer's selection and scroll: when the row count is unchanged they re-read the
cached pages and either emit dataChanged (same items in the same places) or a layout change that moves
persistent indexes to where their (kind, id) went; when the count changed they reset, and the view
(ItemListView) puts the selection back by key.

The deadline column reads each row's state on the model's DeadlineBounds (core.deadlines), never on the clock
of the moment of the paint: `set_bounds` (ui/deadline_clock.DeadlineClock's tick) moves every row to the new
moment at once — the query of a deadline queue or filter gets the new bounds (its rows and count may change;
the same relayout or reset as a sync keeps the selection and scroll), and the deadline cells repaint.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QIcon

from triage_desktop.core.deadlines import DeadlineBounds, DeadlineState, state_of
from triage_desktop.core.entities import ItemQuery, ItemRow
from triage_desktop.core.names import reference_names
from triage_desktop.core.ports import Workspace
from triage_desktop.core.queues import CLOCK_QUEUES
from triage_desktop.core.workdays import WorkCalendar
from triage_desktop.ui import icons, labels
from triage_desktop.ui.deadline_icons import state_icon
from triage_desktop.ui.deadlines import bounds_moment, fallback_note, state_text, time_left_text
from triage_desktop.ui.formatting import format_datetime
from triage_desktop.ui.safe_text import one_line, plain_tooltip
from triage_desktop.ui.tr_markers import QT_TRANSLATE_NOOP
from triage_desktop.ui.widgets import styling

log = logging.getLogger(__name__)

ItemKeyRole = Qt.ItemDataRole.UserRole + 1  # (kind, id)
SyncStateRole = Qt.ItemDataRole.UserRole + 2  # "conflict" | "unsent" | ""

PAGE_SIZE = 256
MAX_PAGES = 8  # ~2,000 rows cached at most; a screen shows a few dozen
REFRESH_PAGES = 2  # pages re-read after a change: the ones on screen are the most recently used
SORT_FOLLOW_LIMIT = 100_000  # up to this many rows, a sort finds the selected item wherever it goes

# (ItemQuery.sort_key, header) in column order: the deadline right after the code, so it shows without scrolling
# on a small screen at 200% text whatever the title's width (issue 11; the title takes the room left after it);
# the columns after the assignee are hidden until the officer picks them.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", QT_TRANSLATE_NOOP("ItemTableModel", "Mã")),
    ("due_at", QT_TRANSLATE_NOOP("ItemTableModel", "Hạn / còn lại")),
    ("title", QT_TRANSLATE_NOOP("ItemTableModel", "Tiêu đề / Nội dung")),
    ("status", QT_TRANSLATE_NOOP("ItemTableModel", "Trạng thái")),
    ("assignee_id", QT_TRANSLATE_NOOP("ItemTableModel", "Người xử lý")),
    ("priority", QT_TRANSLATE_NOOP("ItemTableModel", "Mức độ")),
    ("category", QT_TRANSLATE_NOOP("ItemTableModel", "Lĩnh vực / Thủ tục")),
    ("submitted_at", QT_TRANSLATE_NOOP("ItemTableModel", "Ngày gửi")),
)
COL_CODE, COL_DUE, COL_TITLE, COL_STATUS, COL_ASSIGNEE, COL_PRIORITY, COL_CATEGORY, COL_SUBMITTED = range(8)
HIDDEN_BY_DEFAULT = frozenset({COL_PRIORITY, COL_CATEGORY, COL_SUBMITTED})
ALWAYS_SHOWN = frozenset({COL_CODE, COL_DUE})  # the column chooser cannot hide the item's code or its deadline

# Every role data() answers; the model is flat, so a valid index never has a parent.
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, ItemKeyRole, SyncStateRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole})

# Colours by styling's names, read when drawn, so the high-contrast scheme applies at once (≥ 4.5:1 on white).
CONFLICT_COLOR, UNSENT_COLOR = "CONFLICT_FG", "PENDING_FG"
# The deadline cell's text colour per state (with its icon and words: never the colour alone).
STATE_COLORS: dict[str, str] = {"due_soon": "DUE_SOON_FG", "overdue": "OVERDUE_FG", "paused": "PAUSED_FG"}

Key = tuple[str, str]


# Columns sorted by the name shown (storage.sort_names), so their order follows the reference lists.
NAME_SORTED = frozenset({"category", "assignee_id"})


def _t(text: str) -> str:
    return QCoreApplication.translate("ItemTableModel", text)


def needs_clock(query: ItemQuery) -> bool:
    """The query's rows depend on the moment: a deadline queue or a deadline-state filter."""
    return query.queue in CLOCK_QUEUES or query.deadline is not None


class ItemTableModel(QAbstractTableModel):
    def __init__(self, workspace: Workspace, query: ItemQuery | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._query = query
        self._count = 0
        self._pages: OrderedDict[int, list[ItemRow]] = OrderedDict()
        self._members: dict[str, str] = {}
        self._categories: dict[str, str] = {}
        self._procedures: dict[str, str] = {}
        self._calendar = WorkCalendar()
        self._icons: dict[str, QIcon] = {}
        self._bounds = DeadlineBounds.at(datetime.now(UTC), self._calendar)  # until a DeadlineClock sets them
        self._now = bounds_moment(self._bounds)
        self._clock_set = False  # set_bounds was called: from then on the model's bounds are the list's clock
        self._query = self._clocked(query)
        self.reload_reference(notify=False)
        self._count = self._read_count(self._query)

    # --- queries ------------------------------------------------------------------------------------------

    def query(self) -> ItemQuery | None:
        return self._query

    def set_query(self, query: ItemQuery | None) -> None:
        """Show another list (queue, kind, search text): a reset, the only one besides a count change.
        A deadline queue or filter is read on the model's bounds (the caller need not set them)."""
        query = self._clocked(query)
        if query == self._query:
            return
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        self._count = self._read_count(query)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._query is None or not 0 <= column < len(COLUMNS):
            return
        query = dataclasses.replace(self._query, sort_key=COLUMNS[column][0],
                                    descending=order == Qt.SortOrder.DescendingOrder)
        if query != self._query:
            # Finding where a far-away selected item went costs a count as long as its distance to the
            # nearer end of the list (≈0.1–0.5 s in the middle of 10^6 rows): in a long list, the selection
            # follows the item only when it lands on the pages read for the new order.
            self._relayout(query, find_moved=self._count <= SORT_FOLLOW_LIMIT)

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The header's indicator for the current query."""
        if self._query is None:
            return -1, Qt.SortOrder.DescendingOrder
        keys = [key for key, _ in COLUMNS]
        column = keys.index(self._query.sort_key) if self._query.sort_key in keys else -1
        order = Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder
        return column, order

    def refresh_ids(self, changed: Iterable[Key] = ()) -> None:
        """Re-read after a sync or a local action touched `changed` (an empty list re-reads anyway)."""
        del changed  # an update can move any row (sort by date), so every cached page is re-read
        if self._query is None:
            return
        count = self._read_count(self._query)
        if count != self._count:
            self.beginResetModel()
            self._pages.clear()
            self._count = count
            self.endResetModel()
            return
        self._relayout(self._query)

    def set_calendar(self, calendar: WorkCalendar) -> None:
        """The working-day calendar behind "còn N ngày làm việc" (shown at the next repaint)."""
        self._calendar = calendar

    def bounds(self) -> DeadlineBounds:
        return self._bounds

    def set_bounds(self, bounds: DeadlineBounds) -> None:
        """Move every row's deadline state to a new moment (the clock ticked), keeping selection and scroll."""
        self._clock_set = True
        if bounds == self._bounds:
            return
        self._bounds = bounds
        self._now = bounds_moment(bounds)
        query = self._query
        if query is not None and needs_clock(query):
            clocked = dataclasses.replace(query, bounds=bounds)
            count = self._read_count(clocked)
            if count != self._count:  # items entered or left the queue: the view restores selection by key
                self.beginResetModel()
                self._query = clocked
                self._pages.clear()
                self._count = count
                self.endResetModel()
                return
            self._relayout(clocked)
        if self._count:
            self.dataChanged.emit(self.index(0, COL_DUE), self.index(self._count - 1, COL_DUE),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                                   Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole])

    def _clocked(self, query: ItemQuery | None) -> ItemQuery | None:
        """The query on the model's bounds. A model nobody gives a clock (a bench, a script) reads on the
        bounds the query brings, cells included; once set_bounds was called, the model's bounds win (a query
        kept from before a lock carries old ones)."""
        if query is None:
            return None
        if query.bounds is not None and not self._clock_set:
            self._bounds, self._now = query.bounds, bounds_moment(query.bounds)
            return query
        if not needs_clock(query) or query.bounds == self._bounds:
            return query
        return dataclasses.replace(query, bounds=self._bounds)

    def deadline_state(self, item: ItemRow) -> DeadlineState:
        """The row's state on the model's bounds (its due_at is the cache's UTC text, as state_of wants)."""
        return state_of(item.kind, item.status, item.due_at, self._bounds)

    def reload_reference(self, notify: bool = True) -> None:
        """Member names and category/procedure names (after a sync brought new reference data)."""
        try:
            self._members = {u.id: u.display_name for u in self._ws.members()}
            self._categories = reference_names(self._ws.reference("categories"))
            self._procedures = reference_names(self._ws.reference("procedures"))
        except Exception:
            log.exception("reading reference data failed")
        if notify and self._query is not None and self._query.sort_key in NAME_SORTED:
            self._relayout(self._query)  # a renamed member or category may move rows
        elif notify and self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.DisplayRole])

    # --- rows -----------------------------------------------------------------------------------------------

    def row_at(self, row: int) -> ItemRow | None:
        if self._query is None or not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if page is not None and offset < len(page) else None

    def key_at(self, row: int) -> Key | None:
        item = self.row_at(row)
        return (item.kind, item.id) if item else None

    def row_of(self, key: Key) -> int | None:
        """Where (kind, id) is in the current list: cached pages first, then the database."""
        cached = self._cached_row(key)
        if cached is not None:
            return cached
        if self._query is None:
            return None
        try:
            row = self._ws.position_of(self._query, key[0], key[1])
        except Exception:
            log.exception("position_of failed")
            return None
        return row if row is not None and 0 <= row < self._count else None

    def _cached_row(self, key: Key) -> int | None:
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if (item.kind, item.id) == key:
                    return number * PAGE_SIZE + offset
        return None

    def _page(self, number: int) -> list[ItemRow] | None:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._read_page(self._query, number)
        if page is None:
            return None
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _read_page(self, query: ItemQuery | None, number: int) -> list[ItemRow] | None:
        if query is None:
            return None
        try:
            return list(self._ws.page(query, number * PAGE_SIZE, PAGE_SIZE))
        except Exception:  # an unreadable page shows empty rows; the next refresh tries again
            log.exception("reading page %d failed", number)
            return None

    def _read_count(self, query: ItemQuery | None) -> int:
        if query is None:
            return 0
        try:
            return max(0, int(self._ws.count(query)))
        except Exception:
            log.exception("counting items failed")
            return 0

    def _relayout(self, query: ItemQuery, find_moved: bool = True) -> None:
        """Re-read the pages on screen for `query`; keep every persistent index on its item.

        Only the most recently used pages (a screen never spans more than two) and the pages holding the
        selection are re-read; the others are dropped and read again if the officer scrolls back to them.
        """
        keep = {index.row() // PAGE_SIZE for index in self.persistentIndexList() if index.isValid()}
        keep.update(list(self._pages)[-REFRESH_PAGES:])
        recent = [number for number in self._pages if number in keep]
        new_pages: OrderedDict[int, list[ItemRow]] = OrderedDict()
        for number in recent:
            page = self._read_page(query, number)
            if page is not None:
                new_pages[number] = page
        if query == self._query and self._same_keys(new_pages, recent):
            changed_rows = [number * PAGE_SIZE + offset for number, page in new_pages.items()
                            for offset, item in enumerate(page)
                            if self._pages[number][offset] != item]
            self._pages = new_pages
            for first, last in _runs(changed_rows):
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_keys = [self.key_at(index.row()) for index in persistent]
        self._query = query
        self._pages = new_pages
        rows: dict[Key, int | None] = {}
        for index, key in zip(persistent, old_keys, strict=True):
            if key is not None and key not in rows:
                rows[key] = self.row_of(key) if find_moved else self._cached_row(key)
            row = rows.get(key) if key is not None else None
            target = self.index(row, index.column()) if row is not None else QModelIndex()
            self.changePersistentIndex(index, target)
        self.layoutChanged.emit()

    def _same_keys(self, new_pages: Mapping[int, list[ItemRow]], numbers: list[int]) -> bool:
        """The same items in the same rows on the re-read pages (only their data may differ)."""
        if list(new_pages) != numbers:
            return False
        for number, page in new_pages.items():
            old = self._pages[number]
            if len(old) != len(page) or any((a.kind, a.id) != (b.kind, b.id) for a, b in zip(old, page, strict=True)):
                return False
        return True

    # --- Qt model API ------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if shown and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _t(COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A paint asks ~8 roles of every visible cell (~3,000 calls): answer the roles we never set at once.
        if role not in _ROLES or not index.isValid():
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == ItemKeyRole:
            return (item.kind, item.id)
        if role == SyncStateRole:
            return _sync_state(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == COL_DUE:
                return state_icon(self.deadline_state(item))
            state = _sync_state(item)
            return self._icon(state) if state and column == COL_CODE else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_DUE:  # the deadline says its own state, whatever the row's sync state
                color = STATE_COLORS.get(self.deadline_state(item))
                return styling.qcolor(color) if color is not None else None
            state = _sync_state(item)
            if state == "conflict":
                return styling.qcolor(CONFLICT_COLOR)
            if state == "unsent":
                return styling.qcolor(UNSENT_COLOR)
            return None
        if role == Qt.ItemDataRole.FontRole:
            unsent = _sync_state(item) == "unsent"
            if not (unsent or item.unread):
                return None
            font = QFont()
            font.setItalic(unsent)
            font.setBold(item.unread)  # not opened since it arrived (mail clients' cue)
            return font
        return None

    def _display(self, item: ItemRow, column: int) -> str:
        if column == COL_CODE:
            return one_line(item.code)
        if column == COL_TITLE:
            return one_line(item.title)
        if column == COL_STATUS:
            text = labels.status_label(item.kind, item.status)
            if item.conflicts:
                return QCoreApplication.translate("ItemTableModel", "{status} · xung đột").format(status=text)
            if item.unsent:
                return QCoreApplication.translate("ItemTableModel", "{status} · đang chờ gửi").format(status=text)
            return text
        if column == COL_PRIORITY:
            return labels.label(labels.PRIORITY, item.priority)
        if column == COL_CATEGORY:
            names = self._procedures if item.kind == "dossier" else self._categories
            return one_line(names.get(item.category, item.category or ""))
        if column == COL_ASSIGNEE:
            if not item.assignee_id:
                return QCoreApplication.translate("ItemTableModel", "Chưa phân công")
            return one_line(self._members.get(item.assignee_id, item.assignee_id))
        if column == COL_SUBMITTED:
            return format_datetime(item.submitted_at)
        if column == COL_DUE:
            return state_text(self._calendar, self.deadline_state(item), item.due_at, self._now)
        return ""

    def _tooltip(self, item: ItemRow, column: int) -> str | None:
        lines = [self._display(item, column)] if column == COL_TITLE else []
        if column == COL_DUE:
            lines += self._deadline_tooltip(item)
        if item.conflicts:
            lines.append(QCoreApplication.translate("ItemTableModel", "Có %Ln thao tác bị xung đột hoặc lỗi: mở để xử lý.",
                                                    "", item.conflicts))
        if item.unsent:
            lines.append(QCoreApplication.translate("ItemTableModel", "Có %Ln thao tác đang chờ gửi lên máy chủ.", "",
                                                    item.unsent))
        text = "\n".join(line for line in lines if line)
        return plain_tooltip(text) if text else None

    def _deadline_tooltip(self, item: ItemRow) -> list[str]:
        """The date and the full working time left, and whether the count rests on the holiday fallback."""
        if not item.due_at:
            return []
        lines = [QCoreApplication.translate("ItemTableModel", "Hạn xử lý: {date}").format(
            date=format_datetime(item.due_at))]
        state = self.deadline_state(item)
        if state in ("on_track", "due_soon", "overdue"):
            lines.append(time_left_text(self._calendar, item.due_at, self._now))
            note = fallback_note(self._calendar, item.due_at, self._now)
            if note:
                lines.append(QCoreApplication.translate("ItemTableModel", "Số ngày làm việc {note}.").format(note=note))
        elif state == "paused":
            lines.append(self._display(item, COL_DUE))
        return lines

    def _icon(self, state: str) -> QIcon:
        icon = self._icons.get(state)
        if icon is None:
            icon = icons.icon("warning" if state == "conflict" else "outbox")
            self._icons[state] = icon
        return icon


def _sync_state(item: ItemRow) -> str:
    if item.conflicts:
        return "conflict"
    return "unsent" if item.unsent else ""


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """[3, 4, 5, 9] → [(3, 5), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
