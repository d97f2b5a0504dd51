"""QueuePanel: the left pane — "Phản ánh" and "Hồ sơ" queues with counts, and the outbox ("Hộp thư đi").

Each kind lists its queues (core.queues.queues_of): the deadline queues "Sắp đến hạn" and "Quá hạn", and for
dossiers "Chờ bổ sung / chờ phí", carry the deadline states' icons, so the panel and the list read alike. Their
counts move with the clock: the window sets them again at each DeadlineClock tick.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from triage_desktop.core.queues import queues_of
from triage_desktop.core.vocabulary import KINDS
from triage_desktop.ui import labels
from triage_desktop.ui.deadline_icons import state_icon
from triage_desktop.ui.formatting import format_number

OUTBOX = "outbox"
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_QUEUE_ICONS = {"due_soon": "due_soon", "overdue": "overdue", "waiting": "paused"}  # queue → deadline state
class QueuePanel(QWidget):
    queueSelected = Signal(str, str)  # (kind, queue) or ("outbox", "")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tree = QTreeWidget(self)
        self._tree.setHeaderHidden(True)
        self._tree.setRootIsDecorated(False)
        self._tree.setItemsExpandable(False)
        self._tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._tree.setAccessibleName(self.tr("Danh sách hàng việc"))
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._counts: dict[tuple[str, str], int] = {}
        self._outbox = (0, 0)
        for kind in KINDS:
            group = QTreeWidgetItem(self._tree, [labels.label(labels.KIND, kind)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a list
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for queue in queues_of(kind):
                item = QTreeWidgetItem(group)
                item.setData(0, _KEY_ROLE, (kind, queue))
                icon = state_icon(_QUEUE_ICONS.get(queue, ""))
                if icon is not None:
                    item.setIcon(0, icon)
                self._items[(kind, queue)] = item
        outbox = QTreeWidgetItem(self._tree)
        outbox.setData(0, _KEY_ROLE, (OUTBOX, ""))
        self._items[(OUTBOX, "")] = outbox
        self._tree.expandAll()
        self._size_icons()
        self._retitle()
        self._tree.currentItemChanged.connect(self._on_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._tree)

    def minimumSizeHint(self) -> QSize:
        """Wide enough for every queue name with its count, at any text size (never "Chưa phân cô…")."""
        hint = super().minimumSizeHint()
        tree = self._tree
        width = tree.sizeHintForColumn(0) + 2 * tree.frameWidth() + tree.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), width), hint.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_icons()
            self.updateGeometry()

    def _size_icons(self) -> None:
        side = max(16, round(self.fontMetrics().height() * 0.95))  # as big as the text, at any zoom
        self._tree.setIconSize(QSize(side, side))

    def set_counts(self, counts: Mapping[tuple[str, str], int], unsent: int, conflicts: int) -> None:
        self._counts = dict(counts)
        self._outbox = (unsent, conflicts)
        self._retitle()

    def select(self, kind: str, queue: str = "") -> None:
        item = self._items.get((kind, queue))
        if item is not None:
            self._tree.setCurrentItem(item)

    def current(self) -> tuple[str, str] | None:
        item = self._tree.currentItem()
        key = item.data(0, _KEY_ROLE) if item is not None else None
        return tuple(key) if key else None

    def item_text(self, kind: str, queue: str = "") -> str:
        return self._items[(kind, queue)].text(0)

    def _retitle(self) -> None:
        for (kind, queue), item in self._items.items():
            if kind == OUTBOX:
                unsent, conflicts = self._outbox
                text = self.tr("Hộp thư đi ({n})").format(n=format_number(unsent))
                if conflicts:
                    text += " · " + self.tr("%Ln xung đột", "", conflicts)
            else:
                name = labels.label(labels.QUEUE, queue)
                text = self.tr("{name} ({n})").format(name=name, n=format_number(self._counts.get((kind, queue), 0)))
            item.setText(0, text)
            item.setToolTip(0, text)
        self.updateGeometry()  # a longer count may need a wider pane

    def _on_current(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        key = current.data(0, _KEY_ROLE) if current is not None else None
        if key:
            self.queueSelected.emit(str(key[0]), str(key[1]))
