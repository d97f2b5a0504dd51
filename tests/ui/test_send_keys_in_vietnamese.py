"""Ctrl+Enter sends a composer in the Vietnamese window too. qtbase_vi names the Return key "Enter": read as
native text, "Ctrl+Enter" became a second Ctrl+Return, and two shortcuts on one key are ambiguous, so neither
sent (found when a test left the Vietnamese translators installed for the composer tests after it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from tests.ui.seed import LEADER
from triage_desktop.core.entities import User
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui.dialogs.action_dialogs import NoteDialog
from triage_desktop.ui.i18n import install_translators, remove_translators


@pytest.fixture
def vietnamese(qapp) -> Iterator[None]:
    installed = install_translators(qapp, "vi")
    yield
    remove_translators(qapp, installed)


@pytest.mark.parametrize(("key", "modifiers"), [
    (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)],
    ids=["main keyboard", "keypad"])
def test_ctrl_enter_sends_a_composer_in_the_vietnamese_window(qtbot, workspace: LocalWorkspace, vietnamese,
                                                              key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    dialog = NoteDialog(workspace.item("report", "r_0001"), User.from_json(LEADER))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    dialog.body.insertPlainText("Đã xử lý xong")
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.keyClick(dialog.body, key, modifiers)
    assert dialog.payload is not None and dialog.payload["type"] == "note"
