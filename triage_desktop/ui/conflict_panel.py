"""ConflictPanel: one refused action shown beside the server's current state, with the officer's two choices.

"Bạn muốn" (what the officer queued, selectable so the text can be copied) next to "Trên máy chủ hiện nay"
("Phản ánh đã được Nguyễn Thị Hồng cập nhật lúc 02/03/2026 09:15": the colleague whose change caused the
conflict, current status and assignee), the reason in Vietnamese, then "Áp dụng lại trên phiên bản mới" and
"Bỏ thao tác này". The panel only asks: the window confirms a discard and runs both writes, so nothing is
dropped without the officer choosing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from triage_desktop.core.entities import ActionState, Event, Item, OutboxAction
from triage_desktop.core.timestamps import parse_timestamp
from triage_desktop.ui import labels, problems
from triage_desktop.ui.action_registry import action_name
from triage_desktop.ui.action_text import CodeOf, payload_summary
from triage_desktop.ui.formatting import format_datetime
from triage_desktop.ui.queued_files import QueuedFiles
from triage_desktop.ui.safe_text import plain_tooltip, value_label
from triage_desktop.ui.tr_markers import QT_TRANSLATE_NOOP
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.flow_layout import flow_row
from triage_desktop.ui.widgets.styling import ActionButton, bold, text_color, tint

# Below this many average characters of width the two columns stack (200% text in a narrow pane).
SIDE_BY_SIDE_CHARS = 64
_CITIZEN_EVENTS = frozenset({"submitted", "supplement_received", "withdrawn", "rated", "fee_paid"})

# Whole sentences per kind, so that English can say "The report was updated" (a "{kind}" label would read
# "Reports was updated": the label names the list).
_SENTENCES = {
    ("report", "gone"): QT_TRANSLATE_NOOP("ConflictPanel", "Phản ánh không còn trong danh sách của đơn vị bạn."),
    ("dossier", "gone"): QT_TRANSLATE_NOOP("ConflictPanel", "Hồ sơ không còn trong danh sách của đơn vị bạn."),
    ("report", "submitted"): QT_TRANSLATE_NOOP("ConflictPanel", "Phản ánh được gửi lúc {time}, chưa có cập nhật nào"),
    ("dossier", "submitted"): QT_TRANSLATE_NOOP("ConflictPanel", "Hồ sơ được gửi lúc {time}, chưa có cập nhật nào"),
    ("report", "by"): QT_TRANSLATE_NOOP("ConflictPanel", "Phản ánh đã được {name} cập nhật lúc {time}"),
    ("dossier", "by"): QT_TRANSLATE_NOOP("ConflictPanel", "Hồ sơ đã được {name} cập nhật lúc {time}"),
    ("report", "at"): QT_TRANSLATE_NOOP("ConflictPanel", "Phản ánh đã được cập nhật lúc {time}"),
    ("dossier", "at"): QT_TRANSLATE_NOOP("ConflictPanel", "Hồ sơ đã được cập nhật lúc {time}"),
    ("report", "updated"): QT_TRANSLATE_NOOP("ConflictPanel", "Phản ánh đã được cập nhật"),
    ("dossier", "updated"): QT_TRANSLATE_NOOP("ConflictPanel", "Hồ sơ đã được cập nhật"),
}


def _sentence(kind: str, key: str) -> str:
    return QCoreApplication.translate("ConflictPanel", _SENTENCES[("dossier" if kind == "dossier" else "report", key)])


class ConflictPanel(QFrame):
    retryRequested = Signal(int)  # OutboxAction.local_id
    discardRequested = Signal(int)
    removeFileRequested = Signal(int, int)  # local_id, OutboxFile.file_id: one the server refused

    def __init__(self, action: OutboxAction, item: Item | None, members: Mapping[str, str],
                 parent: QWidget | None = None, *, units: Mapping[str, str] | None = None,
                 code_of: CodeOf | None = None, officer_id: str | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self._officer_id = officer_id  # who queued the action: never the one to blame for its conflict
        self._members = members
        self._units = units or {}
        self._code_of = code_of
        kind = item.kind if item is not None else action.kind
        self.setObjectName("conflictAction")
        self.setProperty("localId", action.local_id)
        tint(self, styling.CONFLICT_BG)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        badge = QLabel(self.tr("Xung đột") if action.state is ActionState.CONFLICT else self.tr("Lỗi"))
        badge.setTextFormat(Qt.TextFormat.PlainText)
        badge.setObjectName("stateBadge")
        bold(badge)
        text_color(badge, styling.CONFLICT_FG)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        reason = value_label(problems.reason_text(action))
        reason.setObjectName("conflictReason")
        bold(reason)
        words = problems.server_words(action)
        if words:  # the server's own wording, for IT or a colleague on the phone
            reason.setToolTip(plain_tooltip(self.tr("Máy chủ trả lời: {words}").format(words=words)))
        top.addWidget(reason, 1)
        layout.addLayout(top)

        # Stacked until a resize shows there is room: the narrow form has the smaller minimum width, so the
        # panel never forces the detail pane wider than the splitter gives it (200% text on 1366×768).
        self._columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._columns.addWidget(self._wanted_box(action, kind), 1)
        self._columns.addWidget(self._server_box(action, item, kind), 1)
        layout.addLayout(self._columns)
        if action.files:
            files = QueuedFiles(action, self)
            files.removeRequested.connect(self.removeFileRequested)
            layout.addWidget(files)

        gone = item is None or problems.is_gone(action)
        if gone:
            hint = self.tr("Thao tác không thể gửi lại vì mục này không còn thuộc đơn vị. Hãy chép lại nội dung "
                           "cần giữ (nếu có), rồi bỏ thao tác này.")
        elif action.state is ActionState.CONFLICT:
            hint = self.tr("Thao tác chưa được thực hiện. Xem thông tin mới nhất trên máy chủ, rồi áp dụng lại "
                           "trên phiên bản mới hoặc bỏ thao tác này.")
        else:
            hint = self.tr("Thao tác chưa được thực hiện. Xem lý do ở trên, rồi áp dụng lại hoặc bỏ thao tác này.")
        layout.addWidget(value_label(hint, selectable=False))

        buttons, flow = flow_row(self)
        self.retry_button: ActionButton | None = None
        if not gone:  # nothing left to re-apply on: the server no longer shows us the item
            # Both conflicts and failures are re-queued on the version the cache holds now, with a new key.
            self._retry_text = self.tr("Áp dụng lại trên phiên bản mới")
            self.retry_button = ActionButton(two_lines(self._retry_text), buttons)
            self.retry_button.setAccessibleName(self._retry_text)
            self.retry_button.setToolTip(self._retry_text)
            self.retry_button.setObjectName("retryAction")
            self.retry_button.setProperty("localId", action.local_id)
            self.retry_button.clicked.connect(lambda: self.retryRequested.emit(self.action.local_id))
            flow.addWidget(self.retry_button)
        self.discard_button = ActionButton(self.tr("Bỏ thao tác này"), buttons)
        self.discard_button.setObjectName("discardAction")
        self.discard_button.setProperty("localId", action.local_id)
        self.discard_button.clicked.connect(lambda: self.discardRequested.emit(self.action.local_id))
        flow.addWidget(self.discard_button)
        layout.addWidget(buttons)

    # --- the two columns --------------------------------------------------------------------------------

    def _box(self, name: str, heading: str) -> tuple[QFrame, QVBoxLayout]:
        box = QFrame(self)
        box.setObjectName(name)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(box)
        title = QLabel(heading, box)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        bold(title)
        column.addWidget(title)
        return box, column

    def _wanted_box(self, action: OutboxAction, kind: str) -> QFrame:
        box, column = self._box("conflictWanted", self.tr("Bạn muốn"))
        column.addWidget(value_label(" · ".join(part for part in (
            action_name(action.type), format_datetime(action.created_at)) if part)))
        summary = payload_summary(action, kind, self._members, self._units, self._code_of)
        if summary:
            column.addWidget(value_label(summary))
        column.addStretch(1)
        return box

    def _server_box(self, action: OutboxAction, item: Item | None, kind: str) -> QFrame:
        box, column = self._box("conflictServer", self.tr("Trên máy chủ hiện nay"))
        if item is None:
            column.addWidget(value_label(_sentence(kind, "gone")))
            column.addStretch(1)
            return box
        updated = value_label(self.last_update(item))
        updated.setObjectName("conflictUpdatedBy")
        column.addWidget(updated)
        column.addWidget(value_label(self.tr("Trạng thái: {status}").format(
            status=labels.status_label(item.kind, item.status))))
        assignee = item.assignee_id
        name = self._members.get(assignee, assignee) if assignee else self.tr("Chưa phân công")
        column.addWidget(value_label(self.tr("Người xử lý: {name}").format(name=name)))
        step = item.step  # a dossier's; a report has none
        if step:
            column.addWidget(value_label(self.tr("Bước xử lý: {step}").format(step=step)))
        column.addStretch(1)
        return box

    def last_update(self, item: Item) -> str:
        """"Hồ sơ đã được Trần B cập nhật lúc 02/03/2026 09:15": the colleague whose change the officer had not
        seen, and when; said without a name when no one else can be named."""
        state = _conflict_state(self.action, item)
        event = colleague_event(self.action, state, self._officer_id)
        if event is not None:
            if event.type == "submitted":  # nobody has touched it since it arrived
                return _sentence(item.kind, "submitted").format(time=format_datetime(event.at))
            if event.author_id is not None:
                who = self._members.get(str(event.author_id), str(event.author_id))
            elif event.type in _CITIZEN_EVENTS:
                who = self.tr("công dân")
            else:
                who = self.tr("hệ thống")
            return _sentence(item.kind, "by").format(name=who, time=format_datetime(event.at))
        updated_at = state.get("updated_at")
        if updated_at:
            return _sentence(item.kind, "at").format(time=format_datetime(updated_at))
        return _sentence(item.kind, "updated")

    # --- layout -------------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._arrange()

    def _arrange(self) -> None:
        wide = self.width() >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARS
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)
        if self.retry_button is not None:
            text = self._retry_text if wide else two_lines(self._retry_text)
            if self.retry_button.text() != text:
                self.retry_button.setText(text)
                self.retry_button.updateGeometry()


def two_lines(text: str) -> str:
    """Break a long button label at the space nearest its middle (a QPushButton never wraps by itself)."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    middle = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:middle] + "\n" + text[middle + 1:]


def _conflict_state(action: OutboxAction, item: Item) -> Mapping[str, Any]:
    """The aggregate the refusal carried (`current`, §6), else the cached one: later feed pages may have added
    lines that have nothing to do with the conflict, such as the officer's own note."""
    current = (action.problem or {}).get("current")
    if isinstance(current, Mapping) and current.get("id") == item.id and isinstance(current.get("events"), list):
        return current
    return {**item.data, "version": item.version}


def colleague_event(action: OutboxAction, state: Mapping[str, Any], officer_id: str | None) -> Event | None:
    """The newest change the officer had not seen when she queued `action` and did not make herself.

    Unseen: the last (current version − base version) lines, since every change raises the version; a server
    may raise it by more than one, so lines dated after the action was queued count too. Her own lines are
    left out: a note of hers, sent without If-Match, may be newer than the colleague's change."""
    dated = sorted(((at, Event.from_json(raw)) for raw in state.get("events") or () if isinstance(raw, Mapping)
                    if (at := parse_timestamp(raw.get("at"))) is not None), key=lambda pair: pair[0])
    version, base = state.get("version"), action.base_version
    changes = version - base if isinstance(version, int) and isinstance(base, int) else 0
    first_unseen = len(dated) - changes if changes > 0 else len(dated)
    queued = parse_timestamp(action.created_at)
    candidates = [event for index, (at, event) in enumerate(dated)
                  if (index >= first_unseen or (queued is not None and at > queued))
                  and (officer_id is None or event.author_id != officer_id)]
    return candidates[-1] if candidates else None
