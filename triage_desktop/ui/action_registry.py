"""How each action looks in the window: its name, its button or menu entry, icon, shortcut and dialog.

One entry per button, in display order: every action type of `core.action_specs` (which says what the action
is and who may do it), plus "Nhận xử lý", which assigns the item to the officer who clicks it. The detail
panel builds its buttons and its "Thao tác khác" menu from this table, the window opens the dialog it names,
and the outbox, conflict panels and status bar call an action by its `name`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from triage_desktop.core.entities import Item, ItemRow, User
from triage_desktop.core.outgoing_files import max_upload_bytes
from triage_desktop.core.workdays import WorkCalendar
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui.dialogs.action_dialogs import (
    ActionDialog,
    AssignDialog,
    NoteDialog,
    ReplyDialog,
    ReturnResultDialog,
    StatusDialog,
    SupplementDialog,
)
from triage_desktop.ui.dialogs.dossier_action_dialogs import ExtendDialog, FeeDialog
from triage_desktop.ui.dialogs.report_action_dialogs import MergeDialog, PriorityDialog, TransferDialog
from triage_desktop.ui.tr_markers import QT_TRANSLATE_NOOP

# The contexts the strings had before the table gathered them, so their translations still apply.
_NAME_CTX = "labels"
_BUTTON_CTX = "DetailPanel"


@dataclass(frozen=True, slots=True)
class DialogSources:
    """What a dialog may draw on besides the item and the officer; each is read when a dialog opens."""

    reference: Callable[[str], Any]  # cached reference data by name ("templates", "units", "procedures")
    template_context: Callable[[Item], dict[str, str]]  # values for a template's placeholders
    members: Callable[[], Sequence[User]]
    find_reports: Callable[[str, str | None], Sequence[ItemRow]]  # (text, category) → report rows
    calendar: Callable[[], WorkCalendar]


DialogFactory = Callable[[Item, User | None, DialogSources, QWidget], ActionDialog]
# For a button that queues at once: the fields it sends, or None when it cannot act for this user.
DirectFields = Callable[[User | None], Mapping[str, Any] | None]


@dataclass(frozen=True, slots=True)
class ActionEntry:
    action_type: str  # what it queues (core.action_specs)
    name: str  # QT_TRANSLATE_NOOP("labels", …): what the outbox, conflicts and status bar call it
    button: str  # QT_TRANSLATE_NOOP("DetailPanel", …): the button's or menu entry's text
    icon: str  # ui/icons name: the button's, the "Thao tác" menu entry's
    more: bool  # under "Thao tác khác" (less frequent) rather than a button of its own
    dialog: DialogFactory | None = None  # the form that collects its fields…
    direct: DirectFields | None = None  # …or, without one, the fields it queues at once
    shortcut: str | None = None  # a QKeySequence text ("Ctrl+R"), on the "Thao tác" menu entry (ui/shortcuts)


ACTION_ENTRIES: Mapping[str, ActionEntry] = {
    rules.ACKNOWLEDGE: ActionEntry(
        "acknowledge", QT_TRANSLATE_NOOP("labels", "Tiếp nhận"), QT_TRANSLATE_NOOP("DetailPanel", "Tiếp nhận"),
        "acknowledge", more=False, shortcut="Ctrl+Shift+T", direct=lambda _user: {}),
    rules.ASSIGN: ActionEntry(
        "assign", QT_TRANSLATE_NOOP("labels", "Phân công"), QT_TRANSLATE_NOOP("DetailPanel", "Phân công…"),
        "assign", more=False, shortcut="Ctrl+Shift+P",
        dialog=lambda item, user, sources, parent: AssignDialog(item, user, sources.members(), parent)),
    rules.CLAIM: ActionEntry(
        "assign", QT_TRANSLATE_NOOP("labels", "Phân công"), QT_TRANSLATE_NOOP("DetailPanel", "Nhận xử lý"),
        "claim", more=False, shortcut="Ctrl+Shift+N",
        direct=lambda user: {"assignee_id": user.id} if user is not None else None),
    rules.NOTE: ActionEntry(
        "note", QT_TRANSLATE_NOOP("labels", "Ghi chú nội bộ"), QT_TRANSLATE_NOOP("DetailPanel", "Ghi chú nội bộ…"),
        "note", more=False, shortcut="Ctrl+Shift+G",
        dialog=lambda item, user, sources, parent: NoteDialog(item, user, parent)),
    rules.REPLY: ActionEntry(
        "reply", QT_TRANSLATE_NOOP("labels", "Trả lời công dân"),
        QT_TRANSLATE_NOOP("DetailPanel", "Trả lời công dân…"), "reply", more=False, shortcut="Ctrl+R",
        dialog=lambda item, user, sources, parent: ReplyDialog(
            item, user, sources.reference("templates"), sources.template_context(item), parent,
            max_upload_bytes=max_upload_bytes(sources.reference("meta")))),
    rules.SET_STATUS: ActionEntry(
        "set_status", QT_TRANSLATE_NOOP("labels", "Đổi trạng thái"),
        QT_TRANSLATE_NOOP("DetailPanel", "Đổi trạng thái…"), "status", more=False, shortcut="Ctrl+Shift+S",
        dialog=lambda item, user, sources, parent: StatusDialog(item, user, parent)),
    rules.REQUEST_SUPPLEMENT: ActionEntry(
        "request_supplement", QT_TRANSLATE_NOOP("labels", "Yêu cầu bổ sung"),
        QT_TRANSLATE_NOOP("DetailPanel", "Yêu cầu bổ sung…"), "supplement", more=False, shortcut="Ctrl+Shift+B",
        dialog=lambda item, user, sources, parent: SupplementDialog(
            item, user, sources.reference("templates"), sources.template_context(item), parent)),
    rules.RETURN_RESULT: ActionEntry(
        "return_result", QT_TRANSLATE_NOOP("labels", "Trả kết quả"), QT_TRANSLATE_NOOP("DetailPanel", "Trả kết quả…"),
        "result", more=False, shortcut="Ctrl+Shift+K",
        dialog=lambda item, user, sources, parent: ReturnResultDialog(
            item, user, sources.reference("templates"), sources.template_context(item), parent,
            max_upload_bytes=max_upload_bytes(sources.reference("meta")))),
    rules.SET_PRIORITY: ActionEntry(
        "set_priority", QT_TRANSLATE_NOOP("labels", "Đổi mức độ"),
        QT_TRANSLATE_NOOP("DetailPanel", "Đổi mức độ ưu tiên…"), "priority", more=True,
        dialog=lambda item, user, sources, parent: PriorityDialog(item, user, parent)),
    rules.TRANSFER: ActionEntry(
        "transfer", QT_TRANSLATE_NOOP("labels", "Chuyển đơn vị"),
        QT_TRANSLATE_NOOP("DetailPanel", "Chuyển đơn vị khác xử lý…"), "transfer", more=True,
        dialog=lambda item, user, sources, parent: TransferDialog(item, user, sources.reference("units"), parent)),
    rules.MERGE: ActionEntry(
        "merge", QT_TRANSLATE_NOOP("labels", "Gộp phản ánh"),
        QT_TRANSLATE_NOOP("DetailPanel", "Gộp vào phản ánh trùng…"), "merge", more=True,
        dialog=lambda item, user, sources, parent: MergeDialog(item, user, sources.find_reports, parent)),
    rules.REQUEST_FEE: ActionEntry(
        "request_fee", QT_TRANSLATE_NOOP("labels", "Yêu cầu nộp phí"),
        QT_TRANSLATE_NOOP("DetailPanel", "Yêu cầu nộp phí, lệ phí…"), "fee", more=True,
        dialog=lambda item, user, sources, parent: FeeDialog(
            item, user, sources.reference("procedures"), sources.template_context(item), parent)),
    rules.EXTEND: ActionEntry(
        "extend", QT_TRANSLATE_NOOP("labels", "Gia hạn"),
        QT_TRANSLATE_NOOP("DetailPanel", "Gia hạn và xin lỗi công dân…"), "extend", more=True,
        dialog=lambda item, user, sources, parent: ExtendDialog(
            item, user, sources.reference("templates"), sources.template_context(item), parent,
            calendar=sources.calendar())),
}

MAIN_BUTTONS = tuple(button for button, entry in ACTION_ENTRIES.items() if not entry.more)
# Less frequent actions, offered under "Thao tác khác" so the everyday buttons stay few and large.
MORE_ACTIONS = tuple(button for button, entry in ACTION_ENTRIES.items() if entry.more)
BUTTONS = MAIN_BUTTONS + MORE_ACTIONS


def action_name(action_type: str | None) -> str:
    """What the officer calls an action type, translated; the code itself when this version does not know it."""
    entry = ACTION_ENTRIES.get(action_type or "")
    if entry is None:
        return str(action_type or "")
    return QCoreApplication.translate(_NAME_CTX, entry.name)


def button_text(button: str) -> str:
    """The translated text of a button or "Thao tác khác" entry."""
    return QCoreApplication.translate(_BUTTON_CTX, ACTION_ENTRIES[button].button)
