"""The outbox ("Hộp thư đi"): every action not yet accepted by the server, with its state and the server's answer.

A short list (an office queues tens of actions, not thousands), so its model simply holds the rows.
Conflicts and failures show our reason in Vietnamese (the server's words in the tool tip) and can be re-applied
on the current version (a new action with a new key) or discarded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.entities import ActionState, OutboxAction
from triage_desktop.ui import labels, problems
from triage_desktop.ui.action_registry import action_name
from triage_desktop.ui.formatting import format_datetime
from triage_desktop.ui.models.item_table_model import CONFLICT_COLOR
from triage_desktop.ui.queued_files import files_summary, files_tooltip
from triage_desktop.ui.safe_text import one_line, plain_tooltip
from triage_desktop.ui.tr_markers import QT_TRANSLATE_NOOP
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.flow_layout import flow_row
from triage_desktop.ui.widgets.styling import ActionButton

_HEADERS = (
    QT_TRANSLATE_NOOP("OutboxModel", "Thời gian"),
    QT_TRANSLATE_NOOP("OutboxModel", "Mã"),
    QT_TRANSLATE_NOOP("OutboxModel", "Thao tác"),
    QT_TRANSLATE_NOOP("OutboxModel", "Tình trạng"),
    QT_TRANSLATE_NOOP("OutboxModel", "Số lần gửi"),
    QT_TRANSLATE_NOOP("OutboxModel", "Trả lời của máy chủ"),
)
ActionRole = Qt.ItemDataRole.UserRole + 1


def _t(text: str) -> str:
    return QCoreApplication.translate("OutboxModel", text)


def reason(action: OutboxAction) -> str:
    """The last column: why it was refused, or that the last try did not get through (it will retry)."""
    text = problems.reason_text(action)
    if not text and action.last_error:
        text = QCoreApplication.translate("OutboxModel", "Lần gửi trước chưa tới được máy chủ; sẽ tự gửi lại")
    return text


def reason_tooltip(action: OutboxAction) -> str:
    """Our reason, then the server's own words or the transport error (untrusted: shown as plain text)."""
    words = problems.server_words(action) or str(action.last_error or "")
    lines = [reason(action)]
    if words:
        lines.append(QCoreApplication.translate("OutboxModel", "Chi tiết: {words}").format(words=words))
    return "\n".join(line for line in lines if line)


class OutboxModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OutboxAction] = []
        self._codes: dict[tuple[str, str], str] = {}
        self._held: dict[int, str] = {}  # local id -> whose it is and why it waits

    def set_actions(self, actions: Sequence[OutboxAction], codes: dict[tuple[str, str], str],
                    held: Mapping[int, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(actions)
        self._codes = dict(codes)
        self._held = dict(held or {})
        self.endResetModel()

    def action_at(self, row: int) -> OutboxAction | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_HEADERS):
            return _t(_HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        action = self.action_at(index.row()) if index.isValid() else None
        if action is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                format_datetime(action.created_at),
                self._codes.get((action.kind, action.aggregate_id), action.aggregate_id),
                " · ".join(part for part in (action_name(action.type), files_summary(action)) if part),
                labels.label(labels.ACTION_STATE, str(action.state)),
                str(action.attempts),
                one_line(self._held.get(action.local_id) or reason(action), 120),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and action.files:  # each file and whether it left
            return plain_tooltip(files_tooltip(action))
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return plain_tooltip(reason_tooltip(action)) or None
        if role == Qt.ItemDataRole.ForegroundRole and action.state in (ActionState.CONFLICT, ActionState.FAILED):
            return styling.qcolor(CONFLICT_COLOR)
        if role == ActionRole:
            return action.local_id
        return None


class OutboxView(QWidget):
    retryRequested = Signal(int)
    discardRequested = Signal(int)
    openItemRequested = Signal(str, str)  # kind, id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OutboxModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_open)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # The reason column is often scrolled out of sight: the detail pane shows the whole conflict at once.
        self.table.selectionModel().selectionChanged.connect(self._on_open)
        self.empty = QLabel(self.tr("Không có thao tác nào chờ gửi. Mọi thao tác đã được máy chủ ghi nhận."), self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        # A flow, not a row: at 200% text the three labels side by side are wider than the middle pane.
        buttons, flow = flow_row(self)
        self.retry_button = ActionButton(self.tr("Áp dụng lại trên phiên bản mới"), buttons)
        self.retry_button.clicked.connect(self._on_retry)
        self.discard_button = ActionButton(self.tr("Bỏ thao tác này"), buttons)
        self.discard_button.clicked.connect(self._on_discard)
        self.open_button = ActionButton(self.tr("Mở phản ánh / hồ sơ"), buttons)
        self.open_button.clicked.connect(self._on_open)
        for button in (self.open_button, self.retry_button, self.discard_button):
            flow.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._update_buttons()

    def set_actions(self, actions: Sequence[OutboxAction], codes: dict[tuple[str, str], str],
                    held: Mapping[int, str] | None = None) -> None:
        """`held`: for actions made under another login, whose they are and that they wait for that officer."""
        self.model.set_actions(actions, codes, held)
        self.empty.setVisible(not actions)
        self._update_buttons()

    def _selected(self) -> OutboxAction | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.action_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_: object) -> None:
        action = self._selected()
        problem = action is not None and action.state in (ActionState.CONFLICT, ActionState.FAILED)
        # An item that left the unit has no new version to re-apply on: only discarding is left.
        self.retry_button.setEnabled(problem and action is not None and not problems.is_gone(action))
        # Anything not on the wire can still be taken back (a request already sent cannot).
        self.discard_button.setEnabled(action is not None and action.state is not ActionState.SENDING)
        self.open_button.setEnabled(action is not None)

    def _on_retry(self) -> None:
        action = self._selected()
        if action is not None:
            self.retryRequested.emit(action.local_id)

    def _on_discard(self) -> None:
        action = self._selected()
        if action is not None:
            self.discardRequested.emit(action.local_id)

    def _on_open(self, *_: object) -> None:
        action = self._selected()
        if action is not None:
            self.openItemRequested.emit(action.kind, action.aggregate_id)
