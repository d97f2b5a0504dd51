"""The officer's everyday action dialogs: note, reply, assign, status, request supplement, return result.

Each dialog only collects `fields` (the contract's names) and checks them with `core.actions.build_payload`,
the same check the command line uses, before it closes; the window then queues the action. Buttons carry
explicit Vietnamese text (Qt ships no Vietnamese for its standard buttons).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.actions import build_payload
from triage_desktop.core.entities import Item, User
from triage_desktop.core.errors import InvalidAction
from triage_desktop.core.text import visible
from triage_desktop.core.vocabulary import status_needs_reason_text
from triage_desktop.ui import action_rules, labels
from triage_desktop.ui.formatting import format_date, sorted_vietnamese
from triage_desktop.ui.messages import invalid_action_message
from triage_desktop.ui.safe_text import value_label
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.attachment_list import AttachmentList
from triage_desktop.ui.widgets.styling import bold, text_color, tint

PLACEHOLDERS = ("citizen_name", "code", "due_date", "officer_name", "unit_name")
MIN_WIDTH_CHARS = 64


def template_context(item: Item, user: User | None, unit_name: str = "") -> dict[str, str]:
    """Values for a template's `{placeholders}` (central-api.md §3); the citizen's name without hidden bidi or
    format characters, which would otherwise go back out in the officer's letter."""
    return {
        "citizen_name": visible(item.person_name),
        "code": item.code or item.id,
        "due_date": format_date(item.due_at) if item.due_at else "",
        "officer_name": user.full_name if user else "",
        "unit_name": unit_name,
    }


def fill_template(body: str, context: Mapping[str, str]) -> str:
    """Replace the known placeholders only: the body is server text, never a format string."""
    for name in PLACEHOLDERS:
        body = body.replace("{" + name + "}", context.get(name, ""))
    return body


def templates_of_kind(templates: Any, kind: str) -> list[Mapping[str, Any]]:
    return [t for t in templates or () if isinstance(t, Mapping) and t.get("kind") == kind and t.get("body")]


def _notice(label: QLabel, background: str, foreground: str) -> None:
    """A tinted, bold, padded line that cannot be missed (public vs internal)."""
    tint(label, background)
    text_color(label, foreground)
    bold(label)
    label.setMargin(label.fontMetrics().averageCharWidth())


def public_notice(label: QLabel) -> QLabel:
    """Make `label` the notice that what follows is shown to the citizen."""
    label.setObjectName("publicWarning")
    _notice(label, styling.PUBLIC_BG, styling.PUBLIC_FG)
    return label


class ActionDialog(QDialog):
    """Shared frame: a form, an error line, and "primary / Hủy" buttons; validates before accepting."""

    action_type = ""
    attachments: AttachmentList | None = None  # the files to send along (reply, return_result)

    def __init__(self, item: Item, user: User | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.user = user
        self.payload: dict[str, Any] | None = None
        self.setWindowTitle(self._title())
        # Room for a sentence per line and a code with a title in lists; grows with the text size.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * MIN_WIDTH_CHARS)
        self._layout = QVBoxLayout(self)
        heading = value_label(self.tr("{kind} {code}").format(
            kind=labels.one_kind(item.kind), code=item.code or item.id), self)
        bold(heading)
        self._layout.addWidget(heading)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._layout.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("errorText")
        bold(self.error)
        text_color(self.error, styling.CONFLICT_FG)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        self.ok_button = QPushButton(self._ok_text(), self)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._on_ok)
        self.cancel_button = QPushButton(self.tr("Hủy"), self)
        self.cancel_button.clicked.connect(self.reject)
        self._build()
        self._layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        self._layout.addLayout(buttons)

    # Subclasses fill these in.
    def _title(self) -> str:
        return ""

    def _ok_text(self) -> str:
        return self.tr("Đồng ý")

    def _build(self) -> None:
        pass

    def fields(self) -> dict[str, Any]:
        return {}

    def attached_files(self) -> list[Path]:
        """The files the officer attached, in order; the window queues them with the action."""
        return self.attachments.paths() if self.attachments is not None else []

    def _on_ok(self) -> None:
        try:
            self.payload = build_payload(self.user, self.item.kind, self.action_type, self.fields(),
                                         current_status=self.item.effective_status)
        except InvalidAction as exc:
            self.show_error(invalid_action_message(exc.detail))
            return
        self.accept()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _editor(self, placeholder: str = "") -> QPlainTextEdit:
        editor = QPlainTextEdit(self)
        editor.setPlaceholderText(placeholder)
        editor.setTabChangesFocus(True)
        editor.setMinimumHeight(editor.fontMetrics().lineSpacing() * 6)
        return editor

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label


class NoteDialog(ActionDialog):
    action_type = "note"

    def _title(self) -> str:
        return self.tr("Ghi chú nội bộ")

    def _ok_text(self) -> str:
        return self.tr("Lưu ghi chú")

    def _build(self) -> None:
        hint = self._caption(self.tr("Nội bộ: chỉ cán bộ trong đơn vị nhìn thấy ghi chú này."))
        hint.setObjectName("internalHint")
        _notice(hint, styling.INTERNAL_BG, styling.INTERNAL_FG)
        self.form.addRow(hint)
        self.body = self._editor(self.tr("Nội dung ghi chú…"))
        self.body.setObjectName("internalEditor")
        tint(self.body, styling.INTERNAL_BG)  # the editor itself says "internal"
        self.form.addRow(self._caption(self.tr("Nội dung")), self.body)

    def fields(self) -> dict[str, Any]:
        return {"body": self.body.toPlainText()}


class TemplatedDialog(ActionDialog):
    """A body editor with an optional template picker whose placeholders are filled in."""

    template_kind = ""

    def __init__(self, item: Item, user: User | None, templates: Any = (), context: Mapping[str, str] | None = None,
                 parent: QWidget | None = None, *, max_upload_bytes: int | None = None) -> None:
        self._templates = templates_of_kind(templates, self.template_kind)
        self._context = dict(context or template_context(item, user))
        self._max_upload_bytes = max_upload_bytes  # the server's /meta limit, None before the first sync
        super().__init__(item, user, parent)

    def _add_public_body(self, placeholder: str) -> None:
        """What every citizen-facing message starts with: the warning, the template picker, the text."""
        self.form.addRow(public_notice(self._caption(self.tr("Công dân sẽ nhìn thấy nội dung này"))))
        if self.template_kind:
            self._add_template_picker()
        self.body = self._editor(placeholder)
        self.form.addRow(self._caption(self.tr("Nội dung")), self.body)

    def _add_attachments(self) -> None:
        """"Đính kèm…", the list of files, and files dropped on the dialog or its text."""
        self.attachments = AttachmentList(self._max_upload_bytes, self)
        self.attachments.accept_drops_on([self, self.body.viewport()])
        # Below the form, not in it: a form row under-reports the height of wrapped lines (200% text overlapped).
        self._layout.addWidget(self._caption(self.tr("Tệp đính kèm")))
        self._layout.addWidget(self.attachments)

    def _add_template_picker(self) -> None:
        self.template = QComboBox(self)
        self.template.addItem(self.tr("— Không dùng mẫu —"), None)
        for template in self._templates:
            self.template.addItem(str(template.get("title") or template.get("id")), str(template.get("body")))
        self.template.setEnabled(bool(self._templates))
        self.template.currentIndexChanged.connect(self._on_template)
        self.form.addRow(self._caption(self.tr("Mẫu")), self.template)

    def _on_template(self, index: int) -> None:
        body = self.template.itemData(index)
        if body:
            self.body.setPlainText(fill_template(str(body), self._context))
            self.body.document().setModified(False)  # a filled template is not yet the officer's own words


class ReplyDialog(TemplatedDialog):
    action_type = "reply"
    template_kind = "reply"

    def _title(self) -> str:
        return self.tr("Trả lời công dân")

    def _ok_text(self) -> str:
        return self.tr("Gửi trả lời")

    def _build(self) -> None:
        self._add_public_body(self.tr("Nội dung trả lời công dân…"))
        self._add_attachments()

    def fields(self) -> dict[str, Any]:
        return {"body": self.body.toPlainText(), "attachment_ids": []}


class SupplementDialog(TemplatedDialog):
    action_type = "request_supplement"
    template_kind = "supplement"

    def _title(self) -> str:
        return self.tr("Yêu cầu bổ sung hồ sơ")

    def _ok_text(self) -> str:
        return self.tr("Gửi yêu cầu")

    def _build(self) -> None:
        self._add_public_body(self.tr("Nội dung yêu cầu bổ sung…"))
        self.documents = self._editor(self.tr("Mỗi dòng một giấy tờ, ví dụ: Bản sao giấy chứng sinh"))
        self.form.addRow(self._caption(self.tr("Giấy tờ cần bổ sung")), self.documents)

    def fields(self) -> dict[str, Any]:
        documents = [line.strip() for line in self.documents.toPlainText().splitlines() if line.strip()]
        return {"body": self.body.toPlainText(), "documents": documents}


class ReturnResultDialog(TemplatedDialog):
    action_type = "return_result"
    template_kind = "reply"

    def _title(self) -> str:
        return self.tr("Trả kết quả")

    def _ok_text(self) -> str:
        return self.tr("Trả kết quả")

    def _build(self) -> None:
        self._add_public_body(self.tr("Nội dung thông báo trả kết quả…"))
        self._add_attachments()

    def fields(self) -> dict[str, Any]:
        return {"body": self.body.toPlainText(), "attachment_ids": []}


class AssignDialog(ActionDialog):
    action_type = "assign"

    def __init__(self, item: Item, user: User | None, members: Sequence[User], parent: QWidget | None = None) -> None:
        self._members = list(members)
        super().__init__(item, user, parent)

    def _title(self) -> str:
        return self.tr("Phân công xử lý")

    def _ok_text(self) -> str:
        return self.tr("Phân công")

    def _build(self) -> None:
        self.member = QComboBox(self)
        current = self.item.effective_assignee_id
        for member in sorted_vietnamese(self._members, lambda m: m.full_name):
            roles = ", ".join(labels.label(labels.ROLE, r) for r in member.roles)
            text = f"{member.full_name} ({roles})" if roles else member.full_name
            self.member.addItem(text, member.id)
            if member.id == current:
                self.member.setCurrentIndex(self.member.count() - 1)
        self.form.addRow(self._caption(self.tr("Giao cho")), self.member)

    def fields(self) -> dict[str, Any]:
        return {"assignee_id": self.member.currentData()}


class StatusDialog(ActionDialog):
    action_type = "set_status"

    def _title(self) -> str:
        return self.tr("Đổi trạng thái")

    def _ok_text(self) -> str:
        return self.tr("Đổi trạng thái")

    def _build(self) -> None:
        self.current_label = value_label(labels.status_label(self.item.kind, self.item.effective_status), self)
        self.form.addRow(self._caption(self.tr("Trạng thái hiện tại")), self.current_label)
        self.target = QComboBox(self)
        for status in action_rules.status_targets(self.item, self.user):
            self.target.addItem(labels.status_label(self.item.kind, status), status)
        self.form.addRow(self._caption(self.tr("Chuyển sang")), self.target)
        self.reason = QComboBox(self)
        for code in labels.REJECT_REASON:
            self.reason.addItem(labels.label(labels.REJECT_REASON, code), code)
        self.reason_caption = self._caption(self.tr("Lý do từ chối"))
        self.form.addRow(self.reason_caption, self.reason)
        # The note or reason goes out with the status as a public event: the citizen reads it, so it gets
        # the reply dialog's band, not the look of an internal note.
        self.public_band = public_notice(self._caption(""))
        self.form.addRow(self.public_band)
        self.reason_text = self._editor()
        self.reason_text_caption = self._caption("")
        self.form.addRow(self.reason_text_caption, self.reason_text)
        self.target.currentIndexChanged.connect(self._update)
        self._update()

    def _needs_reason(self) -> bool:
        return self.item.kind == "report" and self.target.currentData() == "rejected"

    def _update(self) -> None:
        target = self.target.currentData()
        needs_reason = self._needs_reason()
        self.reason.setVisible(needs_reason)
        self.reason_caption.setVisible(needs_reason)
        required = bool(target) and status_needs_reason_text(self.item.kind, self.item.effective_status, target)
        self.reason_text_caption.setText(self.tr("Lý do (bắt buộc)") if required else self.tr("Ghi chú (không bắt buộc)"))
        self.public_band.setText(self.tr("Công dân sẽ nhìn thấy lý do này") if required
                                 else self.tr("Công dân sẽ nhìn thấy ghi chú này"))
        self.reason_text.setPlaceholderText(
            self.tr("Nêu rõ lý do; nội dung này được lưu vào hồ sơ.") if required else "")
        self.ok_button.setEnabled(self.target.count() > 0)

    def fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"status": self.target.currentData(), "reason_text": self.reason_text.toPlainText()}
        if self._needs_reason():
            fields["reason"] = self.reason.currentData()
        return fields
