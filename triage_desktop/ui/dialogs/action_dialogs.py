"""The officer's everyday action dialogs: note, reply, assign, status, request supplement, return result.

Each dialog only collects `fields` (the contract's names) and checks them with `core.actions.build_payload`,
the same check the command line uses, before it closes; the window then queues the action. Buttons carry
explicit Vietnamese text (Qt ships no Vietnamese for its standard buttons).

They are composers (issue 12): not modal, sent with Ctrl+Enter, and what the officer typed is never lost by a
key: Esc (or Hủy, or the title bar's close) with typed text asks whether to keep it as a draft, drop it or go on
writing, and a template picked after typing asks before it replaces the text. `fields()` is also the draft
(ui/composers.py keeps it in the cache) and `restore()` puts a draft back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QKeyCombination, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
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
from triage_desktop.ui.formatting import format_date, format_datetime, sorted_vietnamese
from triage_desktop.ui.messages import invalid_action_message
from triage_desktop.ui.safe_text import FILENAME_LIMIT, one_line, value_label
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.attachment_list import AttachmentList
from triage_desktop.ui.widgets.styling import bold, text_color, tint

PLACEHOLDERS = ("citizen_name", "code", "due_date", "officer_name", "unit_name")
MIN_WIDTH_CHARS = 64
# The main keyboard's Enter and the keypad's, as key codes: parsed from text ("Ctrl+Enter") under the vi
# translator, whose name for Return is "Enter", both became Ctrl+Return, an ambiguous pair that never fired.
SEND_KEYS = (QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Return),
             QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Enter))
# How a composer closed without sending (close_choice): the officer's words kept as a draft, dropped, or there
# were none typed.
KEPT, DROPPED, UNTOUCHED = "kept", "dropped", "untouched"
# A draft field → the editor that holds it (an extension's letter is the body of its dialog).
DRAFT_FILES = "files"  # a draft's attached files: where they are on this PC (never a citizen's name)
_DRAFT_EDITORS = {"body": "body", "apology_letter": "body", "documents": "documents", "reason_text": "reason_text"}


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
    edited = Signal()  # the officer's text changed (the composers save a draft once typing pauses)
    attachments: AttachmentList | None = None  # the files to send along (reply, return_result)

    def __init__(self, item: Item, user: User | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.user = user
        self.payload: dict[str, Any] | None = None
        self.close_choice = UNTOUCHED
        self._asking: QMessageBox | None = None
        self.setWindowTitle(self._title())
        # Room for a sentence per line and a code with a title in lists; grows with the text size.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * MIN_WIDTH_CHARS)
        self._layout = QVBoxLayout(self)
        heading = value_label(self.tr("{kind} {code}").format(
            kind=labels.one_kind(item.kind), code=item.code or item.id), self)
        bold(heading)
        self._layout.addWidget(heading)
        self.draft_note = QLabel(self)  # "Bản nháp đã lưu lúc …" once a draft is restored
        self.draft_note.setObjectName("draftNote")
        self.draft_note.setTextFormat(Qt.TextFormat.PlainText)
        self.draft_note.hide()
        self._layout.addWidget(self.draft_note)
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
        self.ok_button.setToolTip(self.tr("{action} (Ctrl+Enter)").format(action=self._ok_text()))
        for keys in SEND_KEYS:  # inside the text too: a plain text editor leaves Ctrl+Enter to shortcuts
            QShortcut(QKeySequence(keys), self, self._send_by_key)
        self.cancel_button = QPushButton(self.tr("Hủy"), self)
        self.cancel_button.clicked.connect(self.reject)
        self._build()
        self._layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        self._layout.addLayout(buttons)
        for editor in self.text_editors():
            editor.textChanged.connect(self.edited)
        self._files_touched = False  # files attached or removed: part of the draft, worth a question on Esc
        if self.attachments is not None:
            self.attachments.changed.connect(self._on_files_changed)

    # Subclasses fill these in.
    def _title(self) -> str:
        return ""

    def _ok_text(self) -> str:
        return self.tr("Đồng ý")

    def _build(self) -> None:
        pass

    def fields(self) -> dict[str, Any]:
        return {}

    def _send_by_key(self) -> None:
        if self.ok_button.isEnabled() and self._asking is None:
            self._on_ok()

    def attached_files(self) -> list[Path]:
        """The files the officer attached, in order; the window queues them with the action."""
        return self.attachments.paths() if self.attachments is not None else []

    def draft_fields(self) -> dict[str, Any]:
        """What a draft keeps: the fields, and where the attached files are on this PC (read again at sending)."""
        fields = self.fields()
        if self.attached_files():
            fields[DRAFT_FILES] = [str(path) for path in self.attached_files()]
        return fields

    def attach_again(self, paths: Sequence[str | Path]) -> None:
        """Re-attach files of a draft or an undone action; the ones no longer on disk are named in the error line."""
        if self.attachments is None:
            return
        present = [Path(p) for p in paths if Path(p).is_file()]
        missing = [Path(p).name for p in paths if not Path(p).is_file()]
        self.attachments.add_paths(present)
        if missing:
            self.show_error(self.tr("Không còn thấy tệp {names} trên máy: hãy đính kèm lại.").format(
                names=", ".join(f"“{one_line(name, FILENAME_LIMIT)}”" for name in missing)))

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

    # --- the officer's words: drafts and closing --------------------------------------------------------------

    def text_editors(self) -> list[QPlainTextEdit]:
        """The editors that hold what the officer writes (none: this dialog keeps no draft)."""
        found: list[QPlainTextEdit] = []
        for name in dict.fromkeys(_DRAFT_EDITORS.values()):
            editor = getattr(self, name, None)
            if isinstance(editor, QPlainTextEdit):
                found.append(editor)
        return found

    def typed(self) -> bool:
        """Whether the officer changed any text or file here (a filled template alone is not her words)."""
        return self._files_touched or any(editor.document().isModified() for editor in self.text_editors())

    def has_text(self) -> bool:
        """Whether there is anything of hers to keep: words, or files she attached."""
        return bool(self.attached_files()) or any(editor.toPlainText().strip() for editor in self.text_editors())

    def _on_files_changed(self) -> None:
        self._files_touched = True
        self.edited.emit()

    def restore(self, fields: Mapping[str, Any], saved_at: str) -> None:
        """Put a draft back: its choices, then its words (they count as typed), and say when it was saved."""
        self._restore_choices(fields)
        for name, attribute in _DRAFT_EDITORS.items():
            editor = getattr(self, attribute, None)
            value = fields.get(name)
            if not isinstance(editor, QPlainTextEdit) or value is None:
                continue
            text = "\n".join(str(line) for line in value) if isinstance(value, list) else str(value)
            editor.setPlainText(text)
            editor.document().setModified(True)
        files = fields.get(DRAFT_FILES)
        if isinstance(files, list):
            self.attach_again([str(path) for path in files])
        self.draft_note.setText(self.tr("Bản nháp đã lưu lúc {time}").format(time=format_datetime(saved_at)))
        self.draft_note.show()

    def _restore_choices(self, fields: Mapping[str, Any]) -> None:
        """Subclasses: set their lists and numbers from a draft, before the texts (which they may refill)."""

    def reject(self) -> None:
        """Esc, Hủy, the title bar: typed words are never lost without a question."""
        if self._asking is not None:
            return
        if not self.typed():
            self.close_choice = UNTOUCHED
            super().reject()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Đang viết dở"),
                          self.tr("Nội dung đang viết chưa được gửi. Giữ lại làm bản nháp để viết tiếp sau?"),
                          parent=self)
        box.setObjectName("closeComposer")
        box.setTextFormat(Qt.TextFormat.PlainText)
        keep = box.addButton(self.tr("Giữ bản nháp"), QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton(self.tr("Bỏ nội dung"), QMessageBox.ButtonRole.DestructiveRole)
        go_on = box.addButton(self.tr("Tiếp tục viết"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(go_on)  # Esc twice must not lose anything
        keep.clicked.connect(lambda: self._close_as(KEPT))
        drop.clicked.connect(lambda: self._close_as(DROPPED))
        box.finished.connect(self._asked)
        self._asking = box
        box.open()

    def _asked(self, _result: int) -> None:
        box, self._asking = self._asking, None
        if box is not None:
            box.deleteLater()
        if self.isVisible():
            editors = self.text_editors()
            if editors:
                editors[0].setFocus()

    def _close_as(self, choice: str) -> None:
        self.close_choice = choice
        QDialog.reject(self)

    def close_quietly(self) -> None:
        """Close without a question (the program stops, after the composers saved what was typed)."""
        if self._asking is not None:
            self._asking.done(0)
        self.close_choice = KEPT if self.typed() else UNTOUCHED
        QDialog.reject(self)

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
        self._template_index = 0
        self.template = QComboBox(self)
        self.template.addItem(self.tr("— Không dùng mẫu —"), None)
        for template in self._templates:
            self.template.addItem(str(template.get("title") or template.get("id")), str(template.get("body")))
        self.template.setEnabled(bool(self._templates))
        self.template.currentIndexChanged.connect(self._on_template)
        self.form.addRow(self._caption(self.tr("Mẫu")), self.template)

    def _on_template(self, index: int) -> None:
        body = self.template.itemData(index)
        if body and self.body.document().isModified() and self.body.toPlainText().strip():
            self._ask_replace(index)
            return
        self._template_index = index
        if body:
            self._fill(str(body))

    def _fill(self, body: str) -> None:
        self.body.setPlainText(fill_template(body, self._context))
        self.body.document().setModified(False)  # a filled template is not yet the officer's own words

    def _ask_replace(self, index: int) -> None:
        """A template over the officer's own words: ask first; kept words put the picker back where it was."""
        self.template.blockSignals(True)
        self.template.setCurrentIndex(self._template_index)
        self.template.blockSignals(False)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Dùng mẫu"),
                          self.tr("Thay nội dung đang viết bằng mẫu “{title}”? Nội dung đang viết sẽ mất.").format(
                              title=self.template.itemText(index)), parent=self)
        box.setObjectName("replaceWithTemplate")
        box.setTextFormat(Qt.TextFormat.PlainText)
        replace = box.addButton(self.tr("Thay bằng mẫu"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Giữ nội dung đang viết"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        replace.clicked.connect(lambda: self._replace_with(index))
        box.finished.connect(box.deleteLater)
        box.open()

    def _replace_with(self, index: int) -> None:
        self.template.blockSignals(True)
        self.template.setCurrentIndex(index)
        self.template.blockSignals(False)
        self._template_index = index
        body = self.template.itemData(index)
        if body:
            self._fill(str(body))


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

    def _restore_choices(self, fields: Mapping[str, Any]) -> None:
        select_data(self.target, fields.get("status"))
        select_data(self.reason, fields.get("reason"))

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


def select_data(combo: QComboBox, value: object) -> None:
    """Choose the entry whose data is `value`, when there is one (a draft's choice may no longer be offered)."""
    if value is None:
        return
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
