"""The files an unsent action carries, as the detail pane, the conflict panel and the outbox show them (issue 12).

Each file reads "name · size · đang chờ gửi" until the server has stored it ("đã tải lên"). On an action the
server refused (a 413/415 for one file), each file gets "Bỏ tệp này", so the officer can take the refused one
off and re-apply the rest (the files already uploaded keep their ids and are not sent again).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QVBoxLayout, QWidget

from triage_desktop.core.entities import ActionState, OutboxAction, OutboxFile
from triage_desktop.ui.formatting import format_size
from triage_desktop.ui.problems import local_file
from triage_desktop.ui.safe_text import one_line, value_label
from triage_desktop.ui.widgets.styling import ActionButton, bold

NAME_LIMIT = 80


def _t(text: str) -> str:
    return QCoreApplication.translate("QueuedFiles", text)


def refused_file_id(action: OutboxAction) -> int | None:
    """The file the server refused (the engine names it in the problem as `local_file`), if any."""
    file_id = local_file(action).get("file_id")
    return file_id if isinstance(file_id, int) else None


def file_line(file: OutboxFile, refused: bool = False) -> str:
    """"biên bản.pdf · 1,2 MB · đang chờ gửi" (the name is the officer's own file's, shown as plain text)."""
    if refused:
        state = _t("máy chủ không nhận tệp này")
    elif file.attachment_id:
        state = _t("đã tải lên")
    else:
        state = _t("đang chờ gửi")
    return " · ".join((one_line(file.filename, NAME_LIMIT), format_size(file.size), state))


def files_summary(action: OutboxAction) -> str:
    """One line for a list cell: "2 tệp đính kèm" ("" without files)."""
    return _t("{n} tệp đính kèm").format(n=len(action.files)) if action.files else ""


def files_tooltip(action: OutboxAction) -> str:
    refused = refused_file_id(action)
    return "\n".join(file_line(f, f.file_id == refused) for f in action.files)


class QueuedFiles(QWidget):
    """The list under an unsent or refused action; `removeRequested(local_id, file_id)` on a refused one."""

    removeRequested = Signal(int, int)

    def __init__(self, action: OutboxAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queuedFiles")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = value_label(_t("Tệp đính kèm:"), self, selectable=False)
        bold(caption)
        layout.addWidget(caption)
        refused = refused_file_id(action)
        removable = action.state in (ActionState.CONFLICT, ActionState.FAILED)
        for file in action.files:
            row = QHBoxLayout()
            line = value_label(file_line(file, file.file_id == refused), self)
            line.setObjectName("queuedFile")
            row.addWidget(line, 1)
            if removable:
                remove = ActionButton(_t("Bỏ tệp này"), self)
                remove.setObjectName("removeQueuedFile")
                remove.setToolTip(_t("Bỏ “{name}” rồi áp dụng lại để gửi phần còn lại").format(
                    name=one_line(file.filename, NAME_LIMIT)))
                remove.clicked.connect(lambda _checked=False, f=file: self._confirm(action.local_id, f))
                row.addWidget(remove)
            layout.addLayout(row)

    def _confirm(self, local_id: int, file: OutboxFile) -> None:
        """Ask first: the cache holds the only copy the program has (the original may be gone)."""
        box = QMessageBox(QMessageBox.Icon.Question, _t("Bỏ tệp đính kèm"),
                          _t("Bỏ tệp “{name}” khỏi thao tác này? Sau đó bấm “Áp dụng lại” để gửi phần còn lại.")
                          .format(name=one_line(file.filename, NAME_LIMIT)), parent=self)
        box.setObjectName("confirmRemoveFile")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(_t("Bỏ tệp"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(_t("Giữ lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.accepted.connect(lambda: self.removeRequested.emit(local_id, file.file_id))
        box.finished.connect(box.deleteLater)
        box.open()
