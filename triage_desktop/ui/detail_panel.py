"""DetailPanel: the right pane — every field of one report or dossier, its timeline, unsent actions, attachments.

Everything from the server is shown as plain text (value_label / setPlainText). Internal notes and public
replies look different (tinted frame + "Nội bộ" vs "Công khai — công dân nhìn thấy"), so an officer never
mistakes one for the other. Unsent actions sit on top of the timeline as "đang chờ gửi"; conflicts and
failures open the body as ConflictPanels (what the officer wanted beside the server's current state). An item
that left the unit with actions still on it is shown by `show_gone`, so those actions stay reachable.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.entities import ActionState, Attachment, Event, Item, OutboxAction, User
from triage_desktop.core.map_link import coordinates_text
from triage_desktop.core.masking import ID_NUMBER, PHONE, mask_id_number, mask_phone
from triage_desktop.core.timestamps import parse_timestamp
from triage_desktop.core.vocabulary import DVC_CODES
from triage_desktop.core.work_settings import DEFAULT_MAP_URL
from triage_desktop.core.workdays import WorkCalendar
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui import icons, labels
from triage_desktop.ui.action_registry import ACTION_ENTRIES, MAIN_BUTTONS, MORE_ACTIONS, action_name, button_text
from triage_desktop.ui.action_text import CodeOf, event_detail, payload_summary
from triage_desktop.ui.conflict_panel import ConflictPanel
from triage_desktop.ui.deadlines import due_detail
from triage_desktop.ui.extension_proposal import proposed_extension
from triage_desktop.ui.file_names import is_photo
from triage_desktop.ui.formatting import format_datetime, format_size, format_vnd
from triage_desktop.ui.location_links import location_links
from triage_desktop.ui.masked_value import MaskedValue
from triage_desktop.ui.offline_photos import PhotoStrip
from triage_desktop.ui.papers.offer import PaperOffer
from triage_desktop.ui.queued_files import QueuedFiles
from triage_desktop.ui.safe_text import FIELD_LIMIT, FILENAME_LIMIT, TITLE_LIMIT, value_label
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.flow_layout import FlowLayout, flow_row
from triage_desktop.ui.widgets.styling import ActionButton, bold, relative_font, text_color, tint

OPEN, SAVE = "open", "save"  # what attachmentRequested asks for


@dataclass(frozen=True)
class _Masked:
    """A field line shown masked until the officer reveals it (issue 10)."""

    field: str  # core.masking.PHONE or ID_NUMBER
    masked: str
    full: str


class DetailPanel(QWidget):
    actionRequested = Signal(str)  # one of action_registry.BUTTONS
    retryRequested = Signal(int)  # OutboxAction.local_id
    discardRequested = Signal(int)
    removeFileRequested = Signal(int, int)  # local_id, file_id: a file the server refused, off a failed action
    attachmentRequested = Signal(str, str)  # Attachment.id, OPEN or SAVE
    revealRequested = Signal(str, str, str)  # kind, item id, field (PHONE or ID_NUMBER): call reveal() once recorded
    extensionRequested = Signal(object)  # the proposed new due date (datetime): open the extension dialog with it
    paperRequested = Signal(str)  # a form id of core.papers ("": the officer picks): open the "Giấy tờ" dialog

    def __init__(self, parent: QWidget | None = None, *, code_of: CodeOf | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self._code_of = code_of
        self._now = now or (lambda: datetime.now(UTC))
        self._item: Item | None = None
        self._key: tuple[str, str] | None = None  # what is shown: an item, or one that left the unit
        self._same_item_again = False
        self._revealed: set[str] = set()  # fields of the shown item the officer revealed; cleared for another item
        self._user: User | None = None
        self._members: dict[str, str] = {}
        self._units: dict[str, str] = {}
        self._calendar = WorkCalendar()
        self._categories: dict[str, str] = {}
        self._procedures: dict[str, str] = {}
        self._photo_strip: Callable[[list[Attachment]], PhotoStrip] | None = None  # thumbnails (issue 12)
        self._map_url = DEFAULT_MAP_URL

        self._empty = QLabel(self.tr("Chọn một phản ánh hoặc hồ sơ trong danh sách để xem chi tiết."), self)
        self._empty.setTextFormat(Qt.TextFormat.PlainText)
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._code = value_label("", self)
        self._code.setObjectName("detailCode")
        self._title = value_label("", self, limit=TITLE_LIMIT)
        self._title.setObjectName("detailTitle")
        self._title.setFont(relative_font(self.font(), 1.25, is_bold=True))

        self._buttons: dict[str, QPushButton] = {}
        self._action_bar, flow = flow_row(self)
        self._action_bar.setObjectName("actionBar")
        for action in MAIN_BUTTONS:
            entry, text = ACTION_ENTRIES[action], button_text(action)
            button = ActionButton(icons.icon(entry.icon), text, self._action_bar)
            button.setObjectName(f"action_{action}")
            button.setAccessibleName(text.rstrip("…"))
            # Its keys belong to the window's "Thao tác" menu entry (ui/shortcuts), which also sets the tooltip.
            button.clicked.connect(self._on_button)
            button.setProperty("action", action)
            flow.addWidget(button)
            self._buttons[action] = button
        self._more_menu = QMenu(self)
        self._more_actions: dict[str, QAction] = {}
        for action in MORE_ACTIONS:
            entry = ACTION_ENTRIES[action]
            menu_action = self._more_menu.addAction(button_text(action))
            menu_action.setObjectName(f"action_{action}")
            menu_action.setIcon(icons.icon(entry.icon))
            menu_action.triggered.connect(functools.partial(self.actionRequested.emit, action))
            self._more_actions[action] = menu_action
        self._more_button = ActionButton(self.tr("Thao tác khác"), self._action_bar)
        self._more_button.setObjectName("moreActions")
        self._more_button.setMenu(self._more_menu)
        flow.addWidget(self._more_button)

        # Header, buttons and body scroll together: at 200% text on a 1366×768 screen a fixed header would
        # leave no room for the item itself.
        self._content = QWidget()
        self._content_layout = QVBoxLayout(self._content)
        self._content_layout.addWidget(self._code)
        self._content_layout.addWidget(self._title)
        self._content_layout.addWidget(self._action_bar)
        # The paper that goes with the step just taken, and "In / Lưu PDF…" (issue 13).
        self.paper_offer = PaperOffer(self)
        self.paper_offer.requested.connect(self.paperRequested)
        self._content_layout.addWidget(self.paper_offer)
        # "Có bản nháp: …": the officer left words unsent on this item (ui/composers keeps them).
        self.draft_marker = QLabel(self)
        self.draft_marker.setObjectName("draftMarker")
        self.draft_marker.setTextFormat(Qt.TextFormat.PlainText)
        self.draft_marker.setWordWrap(True)
        self.draft_marker.hide()
        self._content_layout.addWidget(self.draft_marker)
        self._body = QWidget()
        self._content_layout.addWidget(self._body, 1)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._empty)
        layout.addWidget(self._scroll, 1)
        self.show_item(None, None)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom: the title stays 25% larger than the text
            self._title.setFont(relative_font(self.font(), 1.25, is_bold=True))

    # --- public API ---------------------------------------------------------------------------------------

    def set_reference(self, members: Mapping[str, str], categories: Mapping[str, str],
                      procedures: Mapping[str, str], units: Mapping[str, str] | None = None,
                      calendar: WorkCalendar | None = None) -> None:
        self._members, self._categories, self._procedures = dict(members), dict(categories), dict(procedures)
        self._units = dict(units or {})
        self._calendar = calendar or WorkCalendar()

    def set_photos(self, photo_strip: Callable[[list[Attachment]], PhotoStrip], map_url: str) -> None:
        """Thumbnails of photo attachments (OfflinePhotos.strip) and the deployment's map URL pattern."""
        self._photo_strip, self._map_url = photo_strip, map_url

    def item(self) -> Item | None:
        return self._item

    def shown_key(self) -> tuple[str, str] | None:
        """(kind, id) of what the pane shows, including an item that is no longer in the cache."""
        return self._key

    def conflict_panels(self) -> list[ConflictPanel]:
        return self._body.findChildren(ConflictPanel)

    def horizontal_overflow(self) -> int:
        """Pixels the content is wider than the pane (0: nothing is cut off or needs sideways scrolling)."""
        return self._scroll.horizontalScrollBar().maximum()

    def scroll_to_timeline(self) -> None:
        """Bring the "Diễn biến xử lý" heading to the top of the pane (screenshots, links to an event)."""
        heading = self._body.findChild(QLabel, "timelineHeading")
        if heading is not None:
            self._content_layout.activate()
            self._scroll.verticalScrollBar().setValue(heading.mapTo(self._content, heading.rect().topLeft()).y())

    def button(self, action: str) -> QPushButton:
        return self._buttons[action]

    def more_action(self, action: str) -> QAction:
        """An entry of the "Thao tác khác" menu (action_registry.MORE_ACTIONS)."""
        return self._more_actions[action]

    def more_button(self) -> QPushButton:
        return self._more_button

    def show_item(self, item: Item | None, user: User | None) -> None:
        key = (item.kind, item.id) if item is not None else None
        self._same_item_again = key is not None and key == self._key  # a refresh keeps the reading position
        if not self._same_item_again:
            self._revealed.clear()  # a revealed number stays revealed for its item only
        self._item, self._user, self._key = item, user, key
        self.set_drafts([])  # the window says which the new item has
        self.paper_offer.show_for(item)
        has_item = item is not None
        self._empty.setVisible(not has_item)
        self._scroll.setVisible(has_item)
        if item is None:
            self._code.clear()  # hidden is not gone: a locked window's widgets must hold no citizen text
            self._title.clear()
            self._replace_body(QWidget())  # drops the previous item's widgets
            return
        self._code.setText(self._code_text(item))
        self._title.setText(item.title)
        visible = rules.visible_buttons(item.kind, user)
        enabled = rules.enabled_buttons(item, user)
        for action, button in self._buttons.items():
            button.setVisible(action in visible)
            button.setEnabled(action in enabled)
        for action, entry in self._more_actions.items():
            entry.setVisible(action in visible)
            entry.setEnabled(action in enabled)
        self._more_button.setVisible(any(entry.isVisible() for entry in self._more_actions.values()))
        self._more_button.setEnabled(any(entry.isEnabled() and entry.isVisible()
                                         for entry in self._more_actions.values()))
        self._build_body(item)

    def set_drafts(self, action_types: Sequence[str]) -> None:
        """The composers with a kept draft on the item shown (none: the line goes)."""
        names = ", ".join(action_name(action_type) for action_type in action_types)
        self.draft_marker.setText(self.tr("Có bản nháp chưa gửi: {names}").format(names=names) if names else "")
        self.draft_marker.setVisible(bool(names))

    def masked_values(self) -> list[MaskedValue]:
        return self._body.findChildren(MaskedValue)

    def reveal(self, kind: str, item_id: str, field: str) -> None:
        """Show `field` of the item in full, if it is still the one shown (the audit entry is written by now)."""
        if (kind, item_id) != self._key:
            return
        self._revealed.add(field)
        for value in self.masked_values():
            if value.field == field:
                value.reveal()

    def show_gone(self, kind: str, item_id: str, actions: list[OutboxAction], user: User | None) -> None:
        """An item the server no longer shows us (transferred, merged, withdrawn, deleted) that still has
        actions in the outbox: no fields or buttons, only those actions, so the officer can copy and discard."""
        self._same_item_again = self._key == (kind, item_id)
        self._revealed.clear()
        self._item, self._user, self._key = None, user, (kind, item_id)
        self.set_drafts([])
        self._empty.setVisible(False)
        self._scroll.setVisible(True)
        self._code.setText(self.tr("{kind} · {code}").format(kind=labels.one_kind(kind), code=item_id))
        self._title.setText(self.tr("Không còn thuộc đơn vị"))
        for button in [*self._buttons.values(), self._more_button, self.paper_offer]:
            button.setVisible(False)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(value_label(self.tr(
            "Mục này đã rời khỏi danh sách của đơn vị (chuyển đơn vị khác, gộp, công dân rút hoặc bị xóa). "
            "Các thao tác dưới đây chưa được gửi và đang chờ bạn quyết định.")))
        for action in actions:
            layout.addWidget(self._conflict_panel(action, None) if action.state in _PROBLEM_STATES
                             else self._pending_frame(action))
        layout.addStretch(1)
        self._install_body(body)

    # --- building the body ---------------------------------------------------------------------------------

    def _replace_body(self, body: QWidget) -> None:
        self._content_layout.replaceWidget(self._body, body)
        self._body.hide()
        self._body.deleteLater()
        self._body = body
        body.show()  # a widget added to a visible parent stays hidden until shown

    def _build_body(self, item: Item) -> None:
        """A fresh body each time, built while hidden, then swapped in whole."""
        body = QWidget()
        add = QVBoxLayout(body).addWidget
        for action in item.pending:  # refused actions first: the officer must see them before anything else
            if action.state in _PROBLEM_STATES:
                add(self._conflict_panel(action, item))
        proposal = proposed_extension(item, self._user, self._calendar, self._now())
        if proposal is not None:
            add(self._extension_band(proposal))
        add(self._fields(item))
        if item.description:  # a report's; a dossier has none
            add(self._heading(self.tr("Nội dung phản ánh")))
            add(value_label(item.description))
        add(self._heading(self.tr("Tệp đính kèm")))
        add(self._attachments(item))
        timeline = self._heading(self.tr("Diễn biến xử lý"))
        timeline.setObjectName("timelineHeading")
        add(timeline)
        waiting = [action for action in item.pending if action.state not in _PROBLEM_STATES]
        for action in reversed(waiting):  # newest first, like the timeline below
            add(self._pending_frame(action))
        events = newest_first(item.events)
        for event in events:
            add(self._event_frame(event))
        if not events and not waiting:
            add(value_label(self.tr("Chưa có diễn biến nào.")))
        layout = body.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addStretch(1)
        self._install_body(body)

    def _install_body(self, body: QWidget) -> None:
        scroll = self._scroll.verticalScrollBar().value() if self._same_item_again else 0
        self._replace_body(body)
        self._scroll.verticalScrollBar().setValue(scroll)

    def _extension_band(self, new_due: datetime) -> QFrame:
        """Less than one working day left: propose the extension and its apology now, while there is time."""
        band = QFrame()
        band.setObjectName("extensionProposal")
        tint(band, styling.CONFLICT_BG)
        layout = QVBoxLayout(band)
        top = QHBoxLayout()
        icon = QLabel()
        size = self.fontMetrics().height()
        icon.setPixmap(icons.icon("warning").pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(icon)
        text = value_label(self.tr("Hồ sơ còn dưới 1 ngày làm việc. Đề xuất gia hạn đến {date} và gửi văn bản xin "
                                   "lỗi.").format(date=format_datetime(new_due)))
        text.setObjectName("extensionProposalText")
        bold(text)
        text_color(text, styling.CONFLICT_FG)
        top.addWidget(text, 1)
        layout.addLayout(top)
        row, flow = flow_row()
        button = ActionButton(self.tr("Soạn gia hạn và thư xin lỗi…"), row)
        button.setObjectName("proposeExtension")
        button.clicked.connect(functools.partial(self.extensionRequested.emit, new_due))
        flow.addWidget(button)
        layout.addWidget(row)
        return band

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        bold(label)
        return label

    def _code_text(self, item: Item) -> str:
        kind = labels.one_kind(item.kind)
        return self.tr("{kind} · {code}").format(kind=kind, code=item.code or item.id)

    def _fields(self, item: Item) -> QWidget:
        rows: list[tuple[QLabel, QWidget]] = []
        for name, value in self._field_rows(item):
            if value in (None, ""):
                continue
            caption = QLabel(name)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            caption.setWordWrap(True)
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            rows.append((caption, self._masked(value) if isinstance(value, _Masked)
                         else value if isinstance(value, QWidget) else value_label(str(value), limit=FIELD_LIMIT)))
        return FieldGrid(rows)

    def _masked(self, value: _Masked) -> QWidget:
        what = self.tr("số điện thoại") if value.field == PHONE else self.tr("số định danh")
        widget = MaskedValue(value.field, value.masked, value.full, what)
        if value.field in self._revealed:
            widget.reveal()
        widget.revealRequested.connect(self._on_reveal)
        return widget

    def _field_rows(self, item: Item) -> list[tuple[str, Any]]:
        d = item.data
        rows: list[tuple[str, Any]] = [(self.tr("Mã"), item.code or item.id)]
        status = labels.status_label(item.kind, item.status)
        if item.kind == "dossier":
            dvc = d.get("dvc_code", DVC_CODES.get(item.status))
            if dvc is not None:
                status = self.tr("{status} (mã {dvc})").format(status=status, dvc=dvc)
        effective = item.effective_status
        if effective != item.status:
            status += " → " + self.tr("{status} (đang chờ gửi)").format(
                status=labels.status_label(item.kind, effective))
        if item.kind == "report":
            rows += [
                (self.tr("Tiêu đề"), item.title),
                (self.tr("Lĩnh vực"), self._name(self._categories, item.category)),
                (self.tr("Trạng thái"), status),
                (self.tr("Mức độ"), labels.label(labels.PRIORITY, item.priority)),
                (self.tr("Kênh tiếp nhận"), labels.label(labels.CHANNEL, d.get("channel"))),
                (self.tr("Người phản ánh"), item.person_name),
                (self.tr("Điện thoại"), self._phone(item)),
                (self.tr("Địa điểm"), item.address),
                (self.tr("Tọa độ"), self._place(item)),
            ]
        else:
            rows += [
                (self.tr("Trích yếu"), item.title),
                (self.tr("Thủ tục"), self._name(self._procedures, item.category)),
                (self.tr("Trạng thái"), status),
                (self.tr("Bước xử lý"), item.step),
                (self.tr("Kênh nộp"), labels.label(labels.CHANNEL, d.get("channel"))),
                (self.tr("Người nộp"), item.person_name),
                (self.tr("Số định danh"), _Masked(ID_NUMBER, mask_id_number(item.id_number), item.id_number)
                 if item.id_number else None),
                (self.tr("Điện thoại"), self._phone(item)),
                (self.tr("Địa chỉ"), item.address),
                (self.tr("Lệ phí"), format_vnd(d.get("fee_vnd")) if d.get("fee_vnd") is not None else None),
                (self.tr("Số ngày tạm dừng"), d.get("paused_working_days") or None),
            ]
        assignee = item.assignee_id
        rows += [
            (self.tr("Người xử lý"), self._members.get(assignee, assignee) if assignee else self.tr("Chưa phân công")),
            (self.tr("Ngày gửi"), format_datetime(d.get("submitted_at"))),
            (self.tr("Ngày tiếp nhận"), format_datetime(d.get("received_at"))),
            (self.tr("Hạn xử lý"), due_detail(self._calendar, item.kind, item.effective_status, item.due_at,
                                               now=self._now())),
            (self.tr("Ngày trả kết quả"), format_datetime(d.get("returned_at"))),
            (self.tr("Ngày kết thúc"), format_datetime(d.get("closed_at"))),
            (self.tr("Cập nhật lúc"), format_datetime(d.get("updated_at"))),
        ]
        if item.kind == "report":
            rating = d.get("citizen_rating")
            rows.append((self.tr("Đánh giá của công dân"), self.tr("{n}/5").format(n=rating) if rating else None))
            rows.append((self.tr("Đã gộp vào"), d.get("merged_into_id")))
        return rows

    def _place(self, item: Item) -> QWidget | None:
        """The coordinates, and under them "Mở bản đồ" and "Sao chép tọa độ" (None: no usable numbers)."""
        text = _coordinates(item.coordinates)
        links = location_links(self._map_url, item.coordinates)
        if text is None or links is None:
            return None
        place = QWidget()
        column = QVBoxLayout(place)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(value_label(text, limit=FIELD_LIMIT))
        column.addWidget(links)
        return place

    def _name(self, names: Mapping[str, str], code: object) -> str | None:
        if not code:
            return None
        name = names.get(str(code))
        return f"{name} ({code})" if name and name != code else str(code)

    def _phone(self, item: Item) -> _Masked | None:
        if not item.phone:
            return None
        masked, full = mask_phone(item.phone), item.phone
        if not item.contact_allowed:
            masked, full = (self.tr("{phone} (công dân không muốn được liên hệ)").format(phone=text)
                            for text in (masked, full))
        return _Masked(PHONE, masked, full)

    def _attachments(self, item: Item) -> QWidget:
        attachments = item.attachments
        if not attachments:
            return value_label(self.tr("Không có tệp đính kèm."))
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        photos = [a for a in attachments if is_photo(a.content_type)]
        if photos and self._photo_strip is not None:
            strip = self._photo_strip(photos)
            strip.openRequested.connect(lambda attachment_id: self.attachmentRequested.emit(attachment_id, OPEN))
            column.addWidget(strip)
        for attachment in attachments:
            # The name is the citizen's and untrusted: plain text, display only, never a path.
            name = value_label(attachment.filename, limit=FILENAME_LIMIT)
            name.setObjectName("attachmentName")
            column.addWidget(name)
            details = value_label(" · ".join(part for part in (
                attachment.content_type, format_size(attachment.size),
                labels.label(labels.ATTACHMENT_ORIGIN, attachment.origin)) if part))
            details.setIndent(details.fontMetrics().averageCharWidth() * 2)
            column.addWidget(details)
            column.addWidget(self._attachment_buttons(attachment))
        return box

    def _attachment_buttons(self, attachment: Attachment) -> QWidget:
        row = QWidget()
        flow = FlowLayout(row)
        flow.setContentsMargins(row.fontMetrics().averageCharWidth() * 2, 0, 0, 0)
        specs = [(OPEN, self.tr("Xem ảnh"), "photo")] if is_photo(attachment.content_type) else []
        specs.append((SAVE, self.tr("Lưu về máy…"), "download"))
        for purpose, text, icon in specs:
            button = QPushButton(icons.icon(icon), text, row)
            button.setObjectName(f"attachment_{purpose}")
            button.setAccessibleName(f"{text.rstrip('…')}: {attachment.filename}")
            button.clicked.connect(functools.partial(self.attachmentRequested.emit, attachment.id, purpose))
            flow.addWidget(button)
        return row

    def _event_frame(self, event: Event) -> QFrame:
        frame = QFrame()
        layout = QVBoxLayout(frame)
        known = event.type in labels.EVENT_TYPE
        # Only text someone wrote gets a badge; an unknown type stays a plain line.
        written = known and (bool(event.body) or event.type in ("note", "reply"))
        if written and event.visibility == "internal":
            frame.setObjectName("internalEvent")
            tint(frame, styling.INTERNAL_BG)
            badge, badge_color = self.tr("Nội bộ"), styling.INTERNAL_FG
        elif written and event.visibility == "public":
            frame.setObjectName("publicEvent")
            tint(frame, styling.PUBLIC_BG)
            badge, badge_color = self.tr("Công khai — công dân nhìn thấy"), styling.PUBLIC_FG
        else:
            frame.setObjectName("plainEvent")
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            badge, badge_color = "", ""
        header = " · ".join(part for part in (
            format_datetime(event.at), self._author(event),
            labels.label(labels.EVENT_TYPE, event.type) if known else str(event.type)) if part)
        top = QHBoxLayout()
        top.addWidget(value_label(header), 1)
        if badge:
            badge_label = QLabel(badge)
            badge_label.setTextFormat(Qt.TextFormat.PlainText)
            badge_label.setObjectName("visibilityBadge")
            badge_label.setWordWrap(True)
            bold(badge_label)
            text_color(badge_label, badge_color)
            top.addWidget(badge_label)
        layout.addLayout(top)
        detail = event_detail(event, self._item.kind if self._item else "report", self._members, self._units,
                              self._code_of) if known else ""
        if detail:
            layout.addWidget(value_label(detail))
        if event.body:
            layout.addWidget(value_label(str(event.body)))
        frame.setProperty("eventType", event.type)
        frame.setProperty("visibility", event.visibility)
        return frame

    def _author(self, event: Event) -> str:
        if event.author_id is None:
            return self.tr("Công dân") if event.type in ("submitted", "supplement_received", "withdrawn", "rated",
                                                          "fee_paid") else self.tr("Hệ thống")
        return self._members.get(str(event.author_id), str(event.author_id))

    def _conflict_panel(self, action: OutboxAction, item: Item | None) -> ConflictPanel:
        panel = ConflictPanel(action, item, self._members, units=self._units, code_of=self._code_of,
                              officer_id=self._user.id if self._user else None)
        panel.retryRequested.connect(self.retryRequested)
        panel.discardRequested.connect(self.discardRequested)
        panel.removeFileRequested.connect(self.removeFileRequested)
        return panel

    def _pending_frame(self, action: OutboxAction) -> QFrame:
        """An action still waiting (or on the wire): shown above the timeline until the server confirms it."""
        frame = QFrame()
        frame.setObjectName("pendingAction")
        tint(frame, styling.PENDING_BG)
        frame.setProperty("localId", action.local_id)
        layout = QVBoxLayout(frame)
        # The badge on its own line: beside the header it would set a minimum width the pane lacks at 200%.
        badge = QLabel(labels.label(labels.ACTION_STATE, str(action.state)))
        badge.setTextFormat(Qt.TextFormat.PlainText)
        badge.setObjectName("stateBadge")
        bold(badge)
        text_color(badge, styling.PENDING_FG)
        layout.addWidget(badge)
        layout.addWidget(value_label(" · ".join((format_datetime(action.created_at),
                                                 action_name(action.type)))))
        summary = payload_summary(action, self._item.kind if self._item else action.kind, self._members,
                                  self._units, self._code_of)
        if summary:
            layout.addWidget(value_label(summary))
        if action.files:  # "name · size · đang chờ gửi", their bytes already in the cache
            layout.addWidget(QueuedFiles(action, frame))
        if action.state is not ActionState.SENDING:  # a request on the wire cannot be taken back
            buttons, flow = flow_row()
            discard = ActionButton(self.tr("Bỏ thao tác này"), buttons)
            discard.setObjectName("discardAction")
            discard.setProperty("localId", action.local_id)
            discard.clicked.connect(self._on_discard)
            flow.addWidget(discard)
            layout.addWidget(buttons)
        return frame

    # --- slots ----------------------------------------------------------------------------------------------

    def _on_button(self) -> None:
        sender = self.sender()
        if isinstance(sender, QPushButton):
            self.actionRequested.emit(str(sender.property("action")))

    def _on_reveal(self, field: str) -> None:
        if self._item is not None:
            self.revealRequested.emit(self._item.kind, self._item.id, field)

    def _on_discard(self) -> None:
        sender = self.sender()
        if isinstance(sender, QPushButton):
            self.discardRequested.emit(int(sender.property("localId")))


_PROBLEM_STATES = (ActionState.CONFLICT, ActionState.FAILED)


class FieldGrid(QWidget):
    """Captions beside their values, or above them when the pane is too narrow for a value that cannot wrap
    (a dossier code is 25 characters without a space: at 200% text on 1366×768 it and its caption overflow).

    A grid, not a QFormLayout: the form's height-for-width under-reports wrapped values, and the scroll area
    then squeezes the rows on top of each other instead of scrolling. It reports the stacked minimum width, so
    it never forces the pane wider, and goes side by side once a resize shows there is room (as ConflictPanel).
    """

    def __init__(self, rows: list[tuple[QLabel, QWidget]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._side_by_side: bool | None = None
        self._arrange(side_by_side=False)

    def is_side_by_side(self) -> bool:
        return bool(self._side_by_side)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._widest(0, 1), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(side_by_side=self.width() >= self._widest(0) + self._grid.horizontalSpacing() + self._widest(1))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._side_by_side = None  # measured again at the next resize
            self._arrange(side_by_side=False)

    def _widest(self, *columns: int) -> int:
        return max((pair[column].minimumSizeHint().width() for pair in self._rows for column in columns), default=0)

    def _arrange(self, *, side_by_side: bool) -> None:
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        for caption, value in self._rows:
            self._grid.removeWidget(caption)
            self._grid.removeWidget(value)
        for row, (caption, value) in enumerate(self._rows):
            if side_by_side:
                self._grid.addWidget(caption, row, 0)
                self._grid.addWidget(value, row, 1)
            else:
                self._grid.addWidget(caption, 2 * row, 0, 1, 2)
                self._grid.addWidget(value, 2 * row + 1, 0, 1, 2)
        self._grid.setColumnStretch(0, 0 if side_by_side else 1)
        self._grid.setColumnStretch(1, 1)
        self.updateGeometry()


def newest_first(events: list[Event]) -> list[Event]:
    """By moment, not by text: "09:15+07:00" is later than "02:00Z". Lines of the same moment, or without a
    readable one (shown last), keep the server's append order, newest first."""
    oldest = datetime.min.replace(tzinfo=UTC)
    order = sorted(enumerate(events), key=lambda pair: (parse_timestamp(pair[1].at) or oldest, pair[0]), reverse=True)
    return [event for _index, event in order]


def _coordinates(coordinates: tuple[float, float] | None) -> str | None:
    return coordinates_text(*coordinates) if coordinates else None  # as "Sao chép tọa độ" copies them
