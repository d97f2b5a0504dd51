"""Hands on the keyboard: the "Thao tác" menu, the window's shortcuts, Enter on the list, tab order, the sheet.

Every shortcut is a QAction of the window (so it shows in its menu, and the "Phím tắt" sheet lists the actions
themselves, ui/shortcut_sheet.py). Rules (reference/ecosystem-ux.md, Telex):
- never a bare letter at window scope: Telex and VNI type with letters and digits, so the window's keys all
  carry Ctrl, or are F-keys; J/K (next/previous row) exist only inside the list, and only when the officer
  turns them on (Xem → "Phím J/K trong danh sách");
- the item actions' keys are action_registry's `shortcut`s; they act on the item the detail pane shows, and
  only when the pane offers that action (else the status bar says why nothing happened);
- Enter (Return or the keypad's Enter) on the list presses the item's main action, `main_button()`: the first
  of these the pane shows enabled — "Tiếp nhận" (a new item is received first); if nobody handles it,
  "Nhận xử lý" (officer) or "Phân công…" (leader); then the answer of its kind (a report: "Trả lời công
  dân…"; a dossier: "Trả kết quả…", "Yêu cầu bổ sung…"); then "Đổi trạng thái…", "Phân công…", "Ghi chú nội
  bộ…". The pane draws that button as the default one and its tooltip says "Enter", so the officer sees
  what Enter will do;
- Tab runs queues → search → list → detail → the detail's action buttons.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QScrollArea, QTreeWidget, QWidget

from triage_desktop.ui import action_rules as rules
from triage_desktop.ui import icons, theme
from triage_desktop.ui.action_registry import ACTION_ENTRIES, BUTTONS, MAIN_BUTTONS, action_name, button_text
from triage_desktop.ui.shortcut_sheet import ShortcutSheet, key_text, with_keys

if TYPE_CHECKING:
    from triage_desktop.ui.main_window import MainWindow

JK_SETTING = "keys/list_letters"  # "true": J/K move in the list
CONTRAST_SETTING = "view/high_contrast"  # "true"/"false" once the officer chose; absent: follow the OS

# "The answer of its kind" in Enter's choice (see the module docstring).
_ANSWERS = {"report": (rules.REPLY,), "dossier": (rules.RETURN_RESULT, rules.REQUEST_SUPPLEMENT)}


class Shortcuts(QObject):
    """Built once onto a MainWindow (`install`); keeps the menus' actions and the detail pane in step."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.item_actions: dict[str, QAction] = {}
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self.mark_main_button)

        self.menu = QMenu(self.tr("Thao tá&c"), window)
        self.menu.setObjectName("actionsMenu")
        self.enter_action = self._action(self.tr("Thao tác chính của mục đang chọn"), "openMainAction",
                                        [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)],
                                        self.press_main_action, on_window=False)
        # Only while the list has the focus: elsewhere Enter belongs to the control it is typed in.
        self.enter_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.list_view.addAction(self.enter_action)
        self.menu.addAction(self.enter_action)
        self.menu.addSeparator()
        for button in BUTTONS:
            entry = ACTION_ENTRIES[button]
            action = QAction(button_text(button), window)
            action.setObjectName(f"menu_{button}")
            if entry.icon:
                action.setIcon(icons.icon(entry.icon))
            if entry.shortcut:
                action.setShortcut(QKeySequence(entry.shortcut))
            action.triggered.connect(functools.partial(self.press, button))
            self.item_actions[button] = action
            self.menu.addAction(action)
            if button == MAIN_BUTTONS[-1]:
                self.menu.addSeparator()  # the less frequent ones ("Thao tác khác") after a line
        self.menu.addSeparator()
        # Issue 13: the papers of the item shown (the pane's "In / Lưu PDF…").
        self.papers_action = self._action(self.tr("In / Lưu PDF giấy tờ…"), "papers", [QKeySequence("Ctrl+P")],
                                          self.open_papers)
        self.menu.addAction(self.papers_action)
        self.menu.addSeparator()
        self.next_action = self._action(self.tr("Mục tiếp theo trong danh sách"), "nextItem",
                                        [QKeySequence("Ctrl+Down")], lambda: self.step(1))
        self.previous_action = self._action(self.tr("Mục trước trong danh sách"), "previousItem",
                                            [QKeySequence("Ctrl+Up")], lambda: self.step(-1))
        self.menu.addAction(self.next_action)
        self.menu.addAction(self.previous_action)
        self.menu.aboutToShow.connect(self._sync_menu)
        self.menu.aboutToHide.connect(self._enable_all)  # shortcuts keep working; `press` checks at the time

        go_menu = QMenu(self.tr("Chuyển đến"), self.menu)
        go_menu.setObjectName("goMenu")
        for text, name, key, target in (
                (self.tr("Danh sách hàng việc"), "focusQueues", "Ctrl+1", self._queue_tree),
                (self.tr("Danh sách mục"), "focusList", "Ctrl+2", lambda: window.list_view),
                (self.tr("Chi tiết mục"), "focusDetail", "Ctrl+3", self._detail_scroll)):
            go_menu.addAction(self._action(text, name, [QKeySequence(key)], functools.partial(self._focus, target)))
        self.menu.addMenu(go_menu)

        window.outbox_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        window.outbox_action.setToolTip(with_keys(window.outbox_action.text(), key_text(window.outbox_action)))
        window.find_action.setIcon(icons.icon("search"))
        window.sync_action.setIcon(icons.icon("sync"))
        window.outbox_action.setIcon(icons.icon("outbox"))
        window.logout_action.setIcon(icons.icon("logout"))
        window.bulk_assign_action.setIcon(icons.icon("users"))

        # Xem: the letters inside the list, and high contrast.
        self.letters_action = QAction(self.tr("Phím J/K trong danh sách"), window)
        self.letters_action.setObjectName("listLetters")
        self.letters_action.setCheckable(True)
        self.letters_action.setToolTip(self.tr("J: mục tiếp theo, K: mục trước — chỉ khi đang ở danh sách"))
        self.letters_action.toggled.connect(self._set_letters)
        self.letter_actions = []
        for letter, step, name in (("J", 1, "letterNext"), ("K", -1, "letterPrevious")):
            action = QAction(self.tr("Mục tiếp theo (trong danh sách)") if step > 0
                             else self.tr("Mục trước (trong danh sách)"), window)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(letter))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # never at window scope
            action.triggered.connect(functools.partial(self.step, step))
            window.list_view.addAction(action)
            self.letter_actions.append(action)
        self.contrast_action = QAction(icons.icon("contrast"), self.tr("Tương phản cao"), window)
        self.contrast_action.setObjectName("highContrast")
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(theme.is_high_contrast())
        self.contrast_action.toggled.connect(self._set_contrast)

        self.sheet_action = self._action(self.tr("Phím tắt"), "shortcutSheet",
                                         [QKeySequence(Qt.Key.Key_F1), QKeySequence("Ctrl+/")], self.show_sheet)
        self.sheet_action.setIcon(icons.icon("keyboard"))
        self.sheet: ShortcutSheet | None = None

        bar = window.menuBar()
        menus = [a.menu() for a in bar.actions() if isinstance(a.menu(), QMenu)]
        view_menu = next((m for m in menus if isinstance(m, QMenu) and window.find_action in m.actions()), None)
        bar.addMenu(self.menu)
        if isinstance(view_menu, QMenu):
            view_menu.addSeparator()
            view_menu.addAction(self.letters_action)
            view_menu.addAction(self.contrast_action)
            # The OS may have switched it meanwhile: the tick says what is on now.
            view_menu.aboutToShow.connect(lambda: self.contrast_action.setChecked(theme.is_high_contrast()))
        help_menu = bar.addMenu(self.tr("Trợ &giúp"))
        help_menu.setObjectName("helpMenu")
        help_menu.addAction(self.sheet_action)

        settings = window.settings
        self.letters_action.setChecked(settings.value(JK_SETTING, "false") == "true")
        self._set_letters(self.letters_action.isChecked())
        chosen = settings.value(CONTRAST_SETTING)
        app = QApplication.instance()
        if chosen in ("true", "false") and isinstance(app, QApplication):
            # The officer's earlier choice, over the OS setting now and when it changes later, even when the two
            # agree today; the tick follows without a second switch.
            theme.set_high_contrast(app, chosen == "true", chosen=True)
            self.contrast_action.setChecked(chosen == "true")

        for button in MAIN_BUTTONS:  # the pane's buttons say their keys, and which one Enter presses
            window.detail.button(button).installEventFilter(self)
        window.list_view.currentItemChanged.connect(self._refresh.start)
        self._tab_order()
        self.mark_main_button()

    def _action(self, text: str, name: str, keys: list[QKeySequence], slot: Callable[[], object], *,
                on_window: bool = True) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        if on_window:
            self._window.addAction(action)  # its keys work wherever the focus is in the window
        return action

    # --- the item actions -------------------------------------------------------------------------------

    def available(self, button: str) -> bool:
        """Whether the detail pane offers `button` for the item it shows (shown and enabled)."""
        detail = self._window.detail
        if detail.item() is None:
            return False
        if button in MAIN_BUTTONS:
            widget = detail.button(button)
            return widget.isVisibleTo(detail) and widget.isEnabled()
        entry = detail.more_action(button)
        return entry.isVisible() and entry.isEnabled() and detail.more_button().isVisibleTo(detail)

    def main_button(self) -> str | None:
        """The button Enter presses for the shown item (the rule is in the module docstring)."""
        item = self._window.detail.item()
        if item is None:
            return None
        order = [rules.ACKNOWLEDGE]
        if not item.effective_assignee_id:
            order += [rules.CLAIM, rules.ASSIGN]
        order += [*_ANSWERS.get(item.kind, ()), rules.SET_STATUS, rules.ASSIGN, rules.CLAIM, rules.NOTE]
        return next((button for button in order if self.available(button)), None)

    def press(self, button: str) -> None:
        if self._window.locked:
            return
        if self.available(button):
            self._window.detail.actionRequested.emit(button)
        elif self._window.detail.item() is None:
            self._window.statusBar().showMessage(self.tr("Chọn một mục trong danh sách trước."), 5000)
        else:
            self._window.statusBar().showMessage(self.tr("«{action}» không dùng được cho mục đang chọn.").format(
                action=action_name(ACTION_ENTRIES[button].action_type)
                if button != rules.CLAIM else button_text(button)), 5000)

    def open_papers(self) -> None:
        if self._window.locked:
            return
        if self._window.detail.item() is None:
            self._window.statusBar().showMessage(self.tr("Chọn một mục trong danh sách trước."), 5000)
            return
        self._window.detail.paperRequested.emit("")

    def press_main_action(self) -> None:
        button = self.main_button()
        if button is not None:
            self.press(button)

    def mark_main_button(self) -> None:
        """Draw the button Enter presses as the default one; every button's tooltip gives its keys."""
        main = self.main_button()
        detail = self._window.detail
        for button in MAIN_BUTTONS:
            widget = detail.button(button)
            keys = key_text(self.item_actions[button])
            if button == main:
                enter = key_text(self.enter_action)
                keys = self.tr("{keys}; {enter} ở danh sách").format(keys=keys, enter=enter) if keys else enter
            widget.setToolTip(with_keys(button_text(button), keys))
            widget.setDefault(button == main)  # outside a dialog this only draws the button as the default

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.EnabledChange, QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._refresh.start()  # the pane showed another item or status: once, after it has finished
        return False

    def _sync_menu(self) -> None:
        for button, action in self.item_actions.items():
            action.setEnabled(self.available(button))
        self.enter_action.setEnabled(self.main_button() is not None)
        self.papers_action.setEnabled(self._window.detail.item() is not None)

    def _enable_all(self) -> None:
        if self._window.locked:
            return
        for action in [*self.item_actions.values(), self.enter_action, self.papers_action]:
            action.setEnabled(True)

    # --- moving around ------------------------------------------------------------------------------------

    def step(self, direction: int) -> None:
        """Select the next (1) or previous (-1) row of the list; the detail pane follows."""
        view = self._window.list_view
        model = view.model()
        if model is None or model.rowCount() == 0 or self._window.locked:
            return
        current = view.currentIndex()
        row = 0 if not current.isValid() else min(max(current.row() + direction, 0), model.rowCount() - 1)
        index = model.index(row, current.column() if current.isValid() else 0)
        view.setCurrentIndex(index)  # selects the row alone (the view selects rows), like a click
        view.scrollTo(index)

    def _queue_tree(self) -> QWidget:
        tree = self._window.queues.findChild(QTreeWidget)
        return tree if tree is not None else self._window.queues

    def _detail_scroll(self) -> QWidget:
        scroll = self._window.detail.findChild(QScrollArea, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return scroll if scroll is not None and scroll.isVisible() else self._window.detail

    def _focus(self, target: object) -> None:
        widget = target() if callable(target) else target
        if isinstance(widget, QWidget):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tab_order(self) -> None:
        """queues → search → list → detail → the detail's action buttons (then the rest, as Qt orders it)."""
        window = self._window
        scroll = window.detail.findChild(QScrollArea, options=Qt.FindChildOption.FindDirectChildrenOnly)
        chain: list[QWidget] = [self._queue_tree(), window.search, window.list_view]
        if scroll is not None:
            scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the pane itself: arrows and PgDn scroll it
            chain.append(scroll)
        chain += [window.detail.button(b) for b in MAIN_BUTTONS]
        chain.append(window.detail.more_button())
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- Xem menu toggles and the sheet ---------------------------------------------------------------

    def _set_letters(self, on: bool) -> None:
        for action in self.letter_actions:
            action.setEnabled(on)
        self._window.settings.setValue(JK_SETTING, "true" if on else "false")

    def _set_contrast(self, on: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and on != theme.is_high_contrast():
            theme.set_high_contrast(app, on, chosen=True)
            self._window.settings.setValue(CONTRAST_SETTING, "true" if on else "false")

    def show_sheet(self) -> ShortcutSheet:
        if self.sheet is None:
            self.sheet = ShortcutSheet(self._window)
        self.sheet.fill(self._window)
        self.sheet.show()
        self.sheet.activateWindow()
        return self.sheet


def install(window: MainWindow) -> Shortcuts:
    """Give `window` its keyboard: menus, shortcuts, Enter on the list, tab order, the sheet (F1)."""
    return Shortcuts(window)
