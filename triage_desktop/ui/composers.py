"""The window's open composers (issue 12): one per item and action, not modal, and their drafts.

A composer is an ActionDialog. Opening the same action on the same item again brings the open one to the front
instead of a second copy. What the officer types is kept as a draft in the cache (Workspace.save_draft, on the
write lane, never on the GUI thread): once typing pauses, when she closes the composer choosing "Giữ bản nháp",
when the window locks, and when the program stops; a composer opened on that item again shows it with the time
it was saved. "Bỏ nội dung" forgets it, and sending it clears it in the same write as the queueing
(Store.enqueue). Drafts are citizen-facing text: nothing here logs them.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from triage_desktop.core.ports import Workspace
from triage_desktop.ui.dialogs.action_dialogs import DROPPED, KEPT, ActionDialog
from triage_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

SAVE_AFTER_MS = 1500  # a pause in typing this long saves the draft
Key = tuple[str, str, str]  # kind, item id, action type


def key_of(dialog: ActionDialog) -> Key:
    return dialog.item.kind, dialog.item.id, dialog.action_type


class Composers(QObject):
    draftsChanged = Signal(str, str)  # kind, item id: a draft was saved or cleared there

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._open: dict[Key, ActionDialog] = {}

    def open_one(self, key: Key) -> ActionDialog | None:
        return self._open.get(key)

    def all(self) -> list[ActionDialog]:
        return list(self._open.values())

    def existing(self, dialog: ActionDialog) -> ActionDialog | None:
        """The composer already open for the same item and action, if any (not `dialog` itself)."""
        found = self._open.get(key_of(dialog))
        return found if found is not dialog else None

    def adopt(self, dialog: ActionDialog) -> None:
        """Track a new composer: its draft restored, its typing saved, its closing heard."""
        key = key_of(dialog)
        self._open[key] = dialog
        dialog.finished.connect(functools.partial(self._finished, key, dialog))
        if not dialog.text_editors():
            return  # nothing typed here: nothing to keep
        try:
            draft = self._workspace.draft(*key)
        except Exception:
            log.exception("reading a draft failed")
            draft = None
        if draft is not None:
            dialog.restore(draft.fields, draft.updated_at)
        timer = QTimer(dialog)
        timer.setSingleShot(True)
        timer.setInterval(SAVE_AFTER_MS)
        timer.timeout.connect(functools.partial(self._save_if_typed, dialog))
        dialog.edited.connect(timer.start)
        dialog.finished.connect(timer.stop)  # closing saves (or drops) the words itself

    def save_all(self) -> None:
        """Keep what is typed in every open composer (the window locks or the program stops)."""
        for dialog in self.all():
            self._save_if_typed(dialog)

    def close_all(self) -> None:
        """The program stops: every composer's words are saved and the composers closed without a question."""
        for dialog in self.all():
            dialog.close_quietly()

    # --- inside ---------------------------------------------------------------------------------------------

    def _finished(self, key: Key, dialog: ActionDialog, result: int) -> None:
        if self._open.get(key) is dialog:
            del self._open[key]
        if result == ActionDialog.DialogCode.Accepted:
            return  # queued: the queueing clears the draft in the same write
        if dialog.close_choice == KEPT:
            if dialog.has_text():
                self._save(key, dialog)
            else:
                self._clear(key)
        elif dialog.close_choice == DROPPED:
            self._clear(key)

    def _save_if_typed(self, dialog: ActionDialog) -> None:
        if dialog.typed() and dialog.has_text():
            self._save(key_of(dialog), dialog)

    def _save(self, key: Key, dialog: ActionDialog) -> None:
        fields = dialog.draft_fields()
        self._write(functools.partial(self._workspace.save_draft, *key, fields), key)

    def _clear(self, key: Key) -> None:
        self._write(functools.partial(self._workspace.clear_draft, *key), key)

    def _write(self, work: Callable[[], object], key: Key) -> None:
        self._runner.run(work, functools.partial(self._written, key), self._failed)

    def _written(self, key: Key, _result: object) -> None:
        self.draftsChanged.emit(key[0], key[1])

    @staticmethod
    def _failed(error: BaseException) -> None:
        log.warning("a draft was not written: %s", type(error).__name__)  # never its text
