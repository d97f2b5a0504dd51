"""AttachmentList: the files an officer sends with a reply or a returned result (issue 12).

"Đính kèm…" (a file dialog limited to the contract's types), drag and drop of files onto the dialog, and a list
of name · size · "Bỏ" rows. Each file is checked when it is added (type by extension and first bytes, size against
the server's `/meta` limit) with a clear message above the list; the paths are only read when the action is
queued, on the write lane, where storage copies the bytes and checks them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from triage_desktop.core import file_types, outgoing_files
from triage_desktop.core.errors import InvalidAction
from triage_desktop.ui.formatting import format_size
from triage_desktop.ui.messages import invalid_action_message
from triage_desktop.ui.safe_text import one_line, value_label
from triage_desktop.ui.widgets import styling
from triage_desktop.ui.widgets.styling import ActionButton, bold, text_color

MAX_FILES = 10  # a reply with more is a mistake (a whole folder dropped), not a message
NAME_LIMIT = 80  # characters of a file name shown in a row


def check_path(path: Path, limit: int) -> None:
    """InvalidAction when `path` cannot be attached: unreadable, not an allowed type, empty or above `limit`.

    Reads the size and the first few bytes only; the whole file is read when the action is queued."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(outgoing_files.MAGIC_BYTES)
    except OSError:
        raise InvalidAction(f"file_unreadable:{path.name}") from None
    outgoing_files.check(path.name, size, head, limit)


class AttachmentList(QWidget):
    """The chosen files, in the order they will be sent; `paths()` for the window to queue them with."""

    changed = Signal()

    def __init__(self, max_bytes: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentList")
        self.max_bytes = max_bytes or outgoing_files.DEFAULT_MAX_UPLOAD_BYTES
        self._paths: list[Path] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel(self)  # above the list: why a file was not added
        self.message.setObjectName("attachmentMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        bold(self.message)
        text_color(self.message, styling.CONFLICT_FG)
        self.message.hide()
        layout.addWidget(self.message)
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows)
        bottom = QHBoxLayout()
        self.add_button = ActionButton(self.tr("Đính kèm…"), self)
        self.add_button.setObjectName("attachButton")
        self.add_button.clicked.connect(self.choose)
        bottom.addWidget(self.add_button)
        self.hint = QLabel(self.tr("hoặc kéo thả tệp vào đây · JPEG, PNG, PDF, DOCX, XLSX, tối đa {size} mỗi tệp")
                           .format(size=format_size(self.max_bytes)), self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        bottom.addWidget(self.hint, 1)
        layout.addLayout(bottom)

    def paths(self) -> list[Path]:
        return list(self._paths)

    def add_paths(self, paths: Iterable[Path]) -> list[str]:
        """Add the files that may be sent; return (and show above the list) why the others were not."""
        refused: list[str] = []
        for path in paths:
            if path in self._paths:
                continue
            if len(self._paths) >= MAX_FILES:
                refused.append(self.tr("Tối đa {n} tệp cho một lần gửi.").format(n=MAX_FILES))
                break
            try:
                check_path(path, self.max_bytes)
            except InvalidAction as exc:
                refused.append(invalid_action_message(exc.detail))
                continue
            self._paths.append(path)
        self.message.setText("\n".join(refused))
        self.message.setVisible(bool(refused))
        self._show_rows()
        return refused

    def remove(self, path: Path) -> None:
        if path in self._paths:
            self._paths.remove(path)
            self.message.hide()
            self._show_rows()

    def choose(self) -> None:
        """The file dialog, showing only the types the server takes."""
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn tệp đính kèm"), "",
            self.tr("Ảnh, PDF, Word, Excel ({patterns})").format(
                patterns=" ".join(f"*{ext}" for ext in file_types.TYPES_BY_EXTENSION)))
        if names:
            self.add_paths(Path(name) for name in names)

    # --- drag and drop onto the dialog ----------------------------------------------------------------------

    def accept_drops_on(self, widgets: Sequence[QWidget]) -> None:
        """Files dropped anywhere on these widgets (the dialog, its text editor's viewport) are attached; text
        drops still go to the editor."""
        for widget in widgets:
            widget.setAcceptDrops(True)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDragMoveEvent) and _local_files(event):
            event.acceptProposedAction()
            return True
        if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop and _local_files(event):
            event.acceptProposedAction()
            self.add_paths(_local_files(event))
            return True
        return super().eventFilter(watched, event)

    # --- rows -----------------------------------------------------------------------------------------------

    def _show_rows(self) -> None:
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for path in self._paths:
            self._rows.addWidget(self._row(path))
        self.changed.emit()

    def _row(self, path: Path) -> QWidget:
        row = QWidget(self)
        row.setObjectName("attachmentRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        try:
            size = format_size(path.stat().st_size)
        except OSError:
            size = ""
        name = value_label(" · ".join(part for part in (one_line(path.name, NAME_LIMIT), size) if part), row)
        name.setToolTip(one_line(path.name, 1000))
        layout.addWidget(name, 1)
        remove = QPushButton(self.tr("Bỏ"), row)
        remove.setObjectName("removeAttachment")
        remove.setToolTip(self.tr("Bỏ tệp “{name}” khỏi lần gửi này").format(name=one_line(path.name, NAME_LIMIT)))
        remove.clicked.connect(lambda _checked=False, p=path: self.remove(p))
        layout.addWidget(remove)
        return row


def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    urls = mime.urls()
    if not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]
