"""The undo window (issue 12): a reply, an assignment or a status change waits a few seconds before it may leave,
and "Đã xếp gửi — Hoàn tác" in the status bar takes it back meanwhile (also Ctrl+Z at window scope).

The action is queued at once with the outbox's `not_before` (Store.enqueue's hold); the sync engine does not send
it before then, and holds the later actions on its item behind it. This widget shows the newest action still in
its window, removes it on "Hoàn tác" (Workspace.undo_action on the write lane: no confirmation, it is the undo;
its words come back as a draft), and says `holdEnded` when the earliest window closes, so the window kicks sync.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from triage_desktop.core.drafts import held_until
from triage_desktop.core.entities import OutboxAction
from triage_desktop.core.errors import InvalidAction, NotFound
from triage_desktop.core.ports import Workspace
from triage_desktop.ui.action_registry import action_name
from triage_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

UNDO_KEYS = "Ctrl+Z"
SLACK_MS = 50  # the kick comes just after the window closed, never just before


class UndoBar(QWidget):
    undone = Signal(object, list)  # the OutboxAction taken back, and the paths of the files it carried
    holdEnded = Signal()  # an undo window closed: its action may leave now
    failed = Signal(str)  # what to tell the officer when the undo came too late

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self._workspace = workspace
        self._runner = runner
        # local id → (end of its window, action type, the files' paths: an undo re-attaches them in the composer)
        self._held: dict[int, tuple[datetime, str, list[Path]]] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Hoàn tác"), self)
        self.button.setObjectName("undoButton")
        self.button.setFlat(True)  # a link in the status bar, not a second toolbar
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        font = self.button.font()
        font.setUnderline(True)
        font.setBold(True)
        self.button.setFont(font)
        palette = self.button.palette()
        palette.setColor(QPalette.ColorRole.ButtonText, palette.color(QPalette.ColorRole.Link))
        self.button.setPalette(palette)
        self.button.setToolTip(self.tr("Hoàn tác: không gửi thao tác vừa xếp ({keys})").format(keys=UNDO_KEYS))
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        # A window-scope shortcut: a text field with focus keeps Ctrl+Z for its own text (it claims the key first).
        self.action = QAction(self.tr("Hoàn tác gửi"), parent)
        self.action.setObjectName("undoSend")
        self.action.setShortcut(QKeySequence(UNDO_KEYS))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.undo_latest)
        parent.addAction(self.action)
        self.button.clicked.connect(self.action.trigger)
        self.action.changed.connect(self._follow_action)  # a locked window disables its actions: this too
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.hide()

    def track(self, action: OutboxAction, files: Sequence[Path] = ()) -> bool:
        """A newly queued action: offered for undo while its window lasts (True: it is; the bar says it)."""
        until = held_until(action.not_before)
        if until is None or until <= _now():
            return False
        self._held[action.local_id] = (until, action.type, list(files))
        self._render()
        return True

    def latest(self) -> int | None:
        """The newest action still undoable (the one "Hoàn tác" takes back)."""
        now = _now()
        alive = [local_id for local_id, (until, *_rest) in self._held.items() if until > now]
        return max(alive) if alive else None

    def undo_latest(self) -> None:
        local_id = self.latest()
        if local_id is not None:
            self.undo(local_id)

    def undo(self, local_id: int) -> None:
        _until, _type, files = self._held.pop(local_id, (None, "", []))
        self._render()
        self._runner.run(functools.partial(self._workspace.undo_action, local_id),
                         lambda action: self.undone.emit(action, files), self._undo_failed)

    # --- inside ---------------------------------------------------------------------------------------------

    def _undo_failed(self, error: BaseException) -> None:
        if isinstance(error, InvalidAction | NotFound):
            self.failed.emit(self.tr("Thao tác đã được gửi đi, không hoàn tác được nữa."))
        else:
            log.warning("undo failed: %s", type(error).__name__)
            self.failed.emit(self.tr("Không hoàn tác được."))

    def _tick(self) -> None:
        now = _now()
        ended = [local_id for local_id, (until, *_rest) in self._held.items() if until <= now]
        for local_id in ended:
            del self._held[local_id]
        self._render()
        if ended:
            self.holdEnded.emit()

    def _render(self) -> None:
        if self._held:  # every window that closes is heard, shown or not
            earliest = min(until for until, *_rest in self._held.values())
            self._timer.start(max(0, int((earliest - _now()).total_seconds() * 1000)) + SLACK_MS)
        else:
            self._timer.stop()
        local_id = self.latest()
        if local_id is None:
            self.hide()
            return
        self.label.setText(self.tr("Đã xếp gửi “{action}” —").format(action=action_name(self._held[local_id][1])))
        self.button.setEnabled(self.action.isEnabled())
        self.show()

    def _follow_action(self) -> None:
        self.button.setEnabled(self.action.isEnabled())


def _now() -> datetime:
    # Real time, not the window's clock (tests pin that one for deadlines): the hold was set in real time.
    return datetime.now(UTC)
