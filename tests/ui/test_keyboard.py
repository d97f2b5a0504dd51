"""Hands on the keyboard (issue 12): Enter on the list, the item keys, moving, tab order and the "Phím tắt" sheet,
on the real window over a real seeded cache, with real key presses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QScrollArea, QTreeWidget, QWidget

from tests.ui.test_main_window import click_row
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui.action_registry import ACTION_ENTRIES, MAIN_BUTTONS, button_text
from triage_desktop.ui.dialogs.action_dialogs import NoteDialog, ReplyDialog, ReturnResultDialog, SupplementDialog
from triage_desktop.ui.i18n import install_translators, remove_translators
from triage_desktop.ui.main_window import MainWindow
from triage_desktop.ui.shortcut_sheet import ShortcutSheet, action_text, key_text

MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


@pytest.fixture(autouse=True)
def vietnamese(qapp) -> Iterator[None]:
    """The program's own start-up language: Vietnamese, with our qtbase_vi for Qt's key names."""
    installed = install_translators(qapp, "vi")
    yield
    remove_translators(qapp, installed)


def focus_list(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.list_view.setFocus()
    qtbot.waitUntil(window.list_view.hasFocus)


def test_enter_on_the_list_presses_the_items_main_action(qtbot, window: MainWindow,
                                                          workspace: LocalWorkspace) -> None:
    click_row(qtbot, window, "report", "r_0001")  # in progress, handled by an officer: the leader answers
    focus_list(qtbot, window)
    assert window.keys.main_button() == rules.REPLY
    qtbot.waitUntil(window.detail.button(rules.REPLY).isDefault)  # drawn as the one Enter presses
    assert "Enter" in window.detail.button(rules.REPLY).toolTip()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Return)
    assert isinstance(window.active_dialog, ReplyDialog)
    window.active_dialog.reject()

    window.queues.select("dossier", "all")
    click_row(qtbot, window, "dossier", "d_0001")  # a dossier being processed: its result
    focus_list(qtbot, window)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    expected = ReturnResultDialog if window.keys.available(rules.RETURN_RESULT) else SupplementDialog
    assert window.keys.main_button() in (rules.RETURN_RESULT, rules.REQUEST_SUPPLEMENT)
    assert isinstance(window.active_dialog, expected)
    window.active_dialog.reject()

    window.queues.select("report", "all")
    click_row(qtbot, window, "report", "r_0000")  # new: received first, queued at once like its button
    focus_list(qtbot, window)
    assert window.keys.main_button() == rules.ACKNOWLEDGE
    qtbot.keyClick(window.list_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [a.type for a in workspace.outbox()] == ["acknowledge"])


def test_enter_in_the_search_field_is_the_fields_own(qtbot, window: MainWindow, workspace: LocalWorkspace) -> None:
    click_row(qtbot, window, "report", "r_0000")
    window.activateWindow()
    window.search.setFocus()
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert window.active_dialog is None and workspace.outbox() == []


def test_the_item_keys_act_on_the_shown_item_from_anywhere_in_the_window(qtbot, window: MainWindow) -> None:
    click_row(qtbot, window, "report", "r_0002")
    window.activateWindow()
    window.search.setFocus()  # typing elsewhere in the window: the keys still reach the shown item
    qtbot.keyClick(window.search, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(window.active_dialog, NoteDialog)
    window.active_dialog.reject()
    # An action the pane does not offer for this item: nothing opens, the status bar says why.
    assert not window.keys.available(rules.RETURN_RESULT)  # a report has no result to return
    qtbot.keyClick(window.search, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.active_dialog is None
    assert "không dùng được" in window.statusBar().currentMessage()


def test_every_everyday_action_has_keys_in_its_menu_and_tooltip(qtbot, window: MainWindow) -> None:
    click_row(qtbot, window, "report", "r_0002")
    for button in MAIN_BUTTONS:
        entry = ACTION_ENTRIES[button]
        assert entry.shortcut, f"{button} has no key"
        action = window.keys.item_actions[button]
        assert action.shortcut() == QKeySequence(entry.shortcut)
        assert action in window.keys.menu.actions()
        assert key_text(action) in window.detail.button(button).toolTip()
    assert window.detail.button(rules.REPLY).toolTip().startswith("Trả lời công dân (Ctrl+R")
    # The menu mirrors what the pane offers for this item when it opens.
    window.keys.menu.aboutToShow.emit()
    for button, action in window.keys.item_actions.items():
        assert action.isEnabled() == window.keys.available(button), button
    window.keys.menu.aboutToHide.emit()
    assert all(action.isEnabled() for action in window.keys.item_actions.values())  # keys work with it closed


def test_no_single_letter_or_plain_enter_at_window_scope(qtbot, window: MainWindow) -> None:
    """Telex and VNI type with letters: a bare key may only act inside the list (and J/K only when turned on)."""
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            combo = keys[0]
            bare = not (combo.keyboardModifiers() & MODIFIERS)
            function_key = Qt.Key.Key_F1 <= combo.key() <= Qt.Key.Key_F35
            if bare and not function_key:
                assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut, action.text()
                assert action.associatedObjects() and all(
                    w is window.list_view or w is window.keys.menu for w in action.associatedObjects()), action.text()
    assert not window.keys.letters_action.isChecked()
    assert not any(a.isEnabled() for a in window.keys.letter_actions)


def test_ctrl_arrows_and_j_k_move_through_the_list(qtbot, window: MainWindow, settings) -> None:
    third = window.model.row_at(3)
    assert third is not None
    click_row(qtbot, window, third.kind, third.id)
    focus_list(qtbot, window)
    start = window.list_view.currentIndex().row()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.list_view.currentIndex().row() == start + 1
    assert window.detail.item() is not None
    assert window.detail.shown_key() == window.list_view.current_key()
    qtbot.keyClick(window.list_view, Qt.Key.Key_J)  # off by default: nothing
    assert window.list_view.currentIndex().row() == start + 1
    window.keys.letters_action.setChecked(True)
    assert settings.value("keys/list_letters") == "true"
    qtbot.keyClick(window.list_view, Qt.Key.Key_J)
    assert window.list_view.currentIndex().row() == start + 2
    qtbot.keyClick(window.list_view, Qt.Key.Key_K)
    qtbot.keyClick(window.list_view, Qt.Key.Key_K)
    assert window.list_view.currentIndex().row() == start
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_J)  # in a text field J is a letter, even when turned on
    assert window.search.text() == "j" and window.list_view.currentIndex().row() == start
    window.search.clear()
    qtbot.keyClick(window.search, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # Ctrl+↑ from anywhere
    assert window.list_view.currentIndex().row() == max(start - 1, 0)


def test_tab_runs_queues_search_list_detail_actions(qtbot, window: MainWindow) -> None:
    click_row(qtbot, window, "report", "r_0002")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tree = window.queues.findChild(QTreeWidget)
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    scroll = window.detail.findChild(QScrollArea, options=Qt.FindChildOption.FindDirectChildrenOnly)
    first_button = next(window.detail.button(b) for b in MAIN_BUTTONS if window.detail.button(b).isVisible()
                        and window.detail.button(b).isEnabled())
    expected: list[QWidget] = [window.search, window.list_view, scroll, first_button]
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is scroll
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tree  # Ctrl+1, 2, 3 jump to the panes


def test_the_shortcut_sheet_lists_every_key_of_the_window_in_vietnamese(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window.keys.sheet
    assert isinstance(sheet, ShortcutSheet) and sheet.isVisible()
    rows = sheet.rows()
    assert ("Đồng bộ ngay", "F9") in rows
    assert ("Trả lời công dân", "Ctrl+R") in rows
    assert ("Ghi chú nội bộ", "Ctrl+Shift+G") in rows
    assert ("Thao tác chính của mục đang chọn", "Enter") in rows  # Qt's "Return", in our words
    assert ("Mục tiếp theo trong danh sách", "Ctrl+↓") in rows
    assert ("Phím tắt", "F1 hoặc Ctrl+/") in rows
    assert ("Mục tiếp theo (trong danh sách)", "J") in rows
    # Generated from the actions: every action with keys is there, and one added later shows at the next F1.
    listed = {name for name, _keys in rows}
    for action in window.findChildren(QAction):
        if action.shortcuts():
            assert action_text(action) in listed, action.text()
    extra = QAction("Hành động thử", window)
    extra.setShortcut(QKeySequence("Ctrl+Shift+F12"))
    window.keys.menu.addAction(extra)
    sheet.close()
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert ("Hành động thử", "Ctrl+Shift+F12") in window.keys.sheet.rows()
    titles = [sheet.tree.topLevelItem(i).text(0) for i in range(sheet.tree.topLevelItemCount())
              if not sheet.tree.topLevelItem(i).text(1)]
    menus = [action_text(a) for a in window.menuBar().actions()]
    assert titles[-2:] == ["Trong danh sách", "Khác"] or titles[-1] == "Trong danh sách"
    assert [t for t in titles if t in menus] == [m for m in menus if m in titles]  # in the menu bar's order
    assert {"Đồng bộ", "Xem", "Thao tác", "Trợ giúp"} <= set(titles)


def test_a_locked_window_ignores_the_item_keys(qtbot, window: MainWindow) -> None:
    click_row(qtbot, window, "report", "r_0002")
    window.lock()
    window.keys.press(rules.NOTE)
    assert window.active_dialog is None
    assert button_text(rules.NOTE) == "Ghi chú nội bộ…"
