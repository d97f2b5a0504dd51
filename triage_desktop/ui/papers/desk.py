"""The window's papers: one "Giấy tờ" dialog per item, brought forward when asked again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from triage_desktop.core.entities import Item, User
from triage_desktop.core.ports import Workspace
from triage_desktop.ui.papers.dialog import PapersDialog
from triage_desktop.ui.tasks import TaskRunner


class PaperDesk(QObject):
    opened = Signal(object)  # the PapersDialog shown

    def __init__(self, workspace: Workspace, runner: TaskRunner, window: QWidget,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(window)
        self._workspace, self._runner, self._window, self._clock = workspace, runner, window, clock
        self._open: dict[tuple[str, str], PapersDialog] = {}

    def open(self, item: Item, user: User | None, form_id: str = "") -> PapersDialog:
        """The item's papers dialog on `form_id` ("" keeps its choice, or the suggested form for a new one)."""
        key = (item.kind, item.id)
        dialog = self._open.get(key)
        if dialog is None:
            dialog = PapersDialog(self._workspace, self._runner, item, user, self._window, form_id=form_id or None,
                                  clock=self._clock)
            dialog.finished.connect(lambda _result, k=key: self._forget(k))
            self._open[key] = dialog
        else:
            dialog.set_item(item, form_id)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.opened.emit(dialog)
        return dialog

    def dialogs(self) -> list[PapersDialog]:
        return list(self._open.values())

    def _forget(self, key: tuple[str, str]) -> None:
        dialog = self._open.pop(key, None)
        if dialog is not None:
            dialog.deleteLater()
