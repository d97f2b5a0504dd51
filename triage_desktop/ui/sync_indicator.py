"""SyncIndicator: the status bar's permanent sync state — icon-free text, colour only as a second cue.

"Đã đồng bộ 10:42", "Đang đồng bộ… 120/500", "Ngoại tuyến — 3 thao tác chờ gửi", "Cần đăng nhập lại",
each followed by "· 2 xung đột" while refused actions wait for the officer. Online is shown subtly, offline
prominently (Outlook/Thunderbird); clicking it acts (the window decides: sync now, log in, or open the outbox).

Counts are Qt plurals ("%Ln"): English picks "1 conflict" or "2 conflicts" from the translation's numerus
forms, and the `L` writes the number in the current locale, so Vietnamese keeps its grouping ("1.234").
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPushButton, QWidget

from triage_desktop.ui.formatting import format_number, format_time
from triage_desktop.ui.widgets import styling

ALERT_STATES = frozenset({"offline", "certificate", "login_required", "client_too_old"})
WARN_STATES = frozenset({"error", "conflicts"})


class SyncIndicator(QPushButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.setToolTip(self.tr("Bấm để đồng bộ ngay"))
        self.state = "idle"
        self.unsent = self.conflicts = 0
        self.last_sync_at: str | None = None
        self.progress = ""
        self._render()

    def show_state(self, state: str, unsent: int, conflicts: int, last_sync_at: str | None) -> None:
        if state != "syncing":
            self.progress = ""
        self.state, self.unsent, self.conflicts, self.last_sync_at = state, unsent, conflicts, last_sync_at
        self._render()

    def show_progress(self, done: int, total: int) -> None:
        if self.state == "syncing":
            self.progress = f"{format_number(done)}/{format_number(total)}" if total else format_number(done)
            self._render()

    def text_for_state(self) -> str:
        """The state, then "N xung đột" whatever the state: a refused action waits for the officer, online or not."""
        text = self._state_text()
        if self.conflicts:
            text += " · " + self.tr("%Ln xung đột", "", self.conflicts)
        return text

    def _state_text(self) -> str:
        state = self.state
        if state == "syncing":
            text = self.tr("Đang đồng bộ…")
            return f"{text} {self.progress}" if self.progress else text
        if state == "offline":
            return self.tr("Ngoại tuyến — %Ln thao tác chờ gửi", "", self.unsent)
        if state == "certificate":  # not "offline": waiting will not fix it, IT must look at the server
            return self.tr("Chứng chỉ máy chủ không hợp lệ — báo bộ phận CNTT")
        if state == "login_required":
            return self.tr("Cần đăng nhập lại")
        if state == "client_too_old":
            return self.tr("Phần mềm đã cũ — cần cài bản cập nhật")
        if state == "error":
            return self.tr("Lỗi đồng bộ — bấm để thử lại")
        # "online" and "idle" (not started yet): the cache as of the last completed sync.
        if self.last_sync_at:
            parts = [self.tr("Đã đồng bộ {time}").format(time=format_time(self.last_sync_at))]
        else:
            parts = [self.tr("Chưa đồng bộ") if state == "idle" else self.tr("Đã đồng bộ")]
        if self.unsent:
            parts.append(self.tr("%Ln thao tác chờ gửi", "", self.unsent))
        return " · ".join(parts)

    def _render(self) -> None:
        look = "conflicts" if self.state in ("online", "idle") and self.conflicts else self.state
        alert, warn = look in ALERT_STATES, look in WARN_STATES
        self.setText(self.text_for_state())
        self.setAccessibleName(self.text())
        self.setFlat(not alert)
        self.setAutoFillBackground(alert)
        parent = self.parentWidget()
        palette = parent.palette() if parent is not None else QPalette()
        if alert:
            palette.setColor(QPalette.ColorRole.Button, QColor(styling.ALERT_BG))
            palette.setColor(QPalette.ColorRole.Window, QColor(styling.ALERT_BG))
            palette.setColor(QPalette.ColorRole.ButtonText, QColor(styling.ALERT_FG))
        elif warn:
            palette.setColor(QPalette.ColorRole.ButtonText, QColor(styling.CONFLICT_FG))
        self.setPalette(palette)
        font = self.font()
        font.setBold(alert or warn)
        self.setFont(font)
