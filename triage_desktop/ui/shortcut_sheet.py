"""The "Phím tắt" sheet (F1, Ctrl+/): every key of the window, read from its QActions, never a second list.

Sections follow the menu bar (each menu's actions that have keys, submenus included), then the keys that work
only inside the list (Enter, J/K), then any other action of the window with keys. Key names are Qt's native
text, which qtbase_vi translates ("Return" reads "Enter", "Down" "↓").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def key_text(action: QAction) -> str:
    """The action's keys as the officer reads them ("Ctrl+Shift+G", "Enter", "Ctrl+↓"): Qt's native text,
    whose key names qtbase_vi translates."""
    keys = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]
    return QCoreApplication.translate("ShortcutSheet", " hoặc ").join(dict.fromkeys(keys))


def action_text(action: QAction) -> str:
    """A menu entry's words without its mnemonic "&" and trailing "…"."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def with_keys(text: str, keys: str) -> str:
    """A tooltip: the control's words, then its keys in brackets."""
    return f"{text.replace('&', '').rstrip('…')} ({keys})" if keys else text


def _menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _menu_actions(submenu)
        elif action.shortcuts():
            found.append(action)
    return found


def sections(window: QMainWindow, list_view: QWidget) -> list[tuple[str, list[QAction]]]:
    """(section title, actions with keys) in the order the sheet shows them; each action once."""
    seen: set[int] = set()
    result: list[tuple[str, list[QAction]]] = []

    def add(title: str, actions: list[QAction]) -> None:
        fresh = [a for a in actions if id(a) not in seen and a.shortcuts()]
        seen.update(id(a) for a in fresh)
        if fresh:
            result.append((title, fresh))

    in_list = [a for a in list_view.actions() if a.shortcutContext() != Qt.ShortcutContext.WindowShortcut]
    seen.update(id(a) for a in in_list)  # listed under "Trong danh sách", where they work
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            add(action_text(top), _menu_actions(menu))
    seen.difference_update(id(a) for a in in_list)
    add(QCoreApplication.translate("ShortcutSheet", "Trong danh sách"), in_list)
    add(QCoreApplication.translate("ShortcutSheet", "Khác"), window.findChildren(QAction))
    return result


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Phím tắt"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Thao tác"), self.tr("Phím")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        note = QLabel(self.tr("Các phím chữ đơn (J/K) chỉ dùng được trong danh sách và phải bật ở menu Xem, để "
                              "không vướng khi gõ tiếng Việt (Telex, VNI)."), self)
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _fit(self) -> None:
        """Room for every line at the current text size, but never more than the screen (200% on 1366×768)."""
        metrics = self.fontMetrics()
        rows = max(self.tree.topLevelItemCount(), 20)
        row_height = max(self.tree.sizeHintForRow(0), metrics.height() + 2)
        width = metrics.averageCharWidth() * 80
        height = row_height * rows + self.tree.header().sizeHint().height() + metrics.height() * 8
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            width, height = min(width, screen.width() * 9 // 10), min(height, screen.height() * 9 // 10)
        self.resize(width, height)

    def fill(self, window: QMainWindow) -> None:
        """List the window's actions as they are now (keys may change with settings)."""
        list_view = getattr(window, "list_view", window)
        self.tree.clear()
        for title, actions in sections(window, list_view):
            head = QTreeWidgetItem(self.tree, [title, ""])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for action in actions:
                row = QTreeWidgetItem(self.tree, [action_text(action), key_text(action)])
                row.setData(0, Qt.ItemDataRole.UserRole, action.objectName())
                if not action.isEnabled():
                    row.setToolTip(0, self.tr("Đang tắt"))
        self.tree.setCurrentIndex(QModelIndex())  # no row picked until the officer moves
        self._fit()  # every line, at the text size of now

    def rows(self) -> list[tuple[str, str]]:
        """(action, keys) of every listed line, section titles excluded (tests, screen readers)."""
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [(item.text(0), item.text(1)) for item in items if item is not None and item.text(1)]
