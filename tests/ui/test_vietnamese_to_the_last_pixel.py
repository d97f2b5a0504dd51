"""No English in the Vietnamese window (issue 12): walk the menus and Qt's own dialogs and look for English words.

Qt ships no Vietnamese; we ship resources/i18n/qtbase_vi.ts. "English" is any word of three or more ASCII
letters that Qt's own source strings use (read from that .ts: the words Qt would show untranslated) or of a
short stop list, minus key and product names. The same walk without the qtbase_vi translator must find English,
so the check cannot pass by looking at nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from triage_desktop.ui.i18n import install_translators, qtbase_file, remove_translators
from triage_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
QT_TS = ROOT / "resources" / "i18n" / "qtbase_vi.ts"
STOP_WORDS = {"cancel", "open", "save", "copy", "paste", "delete", "select", "all", "undo", "redo", "look", "file",
              "name", "type", "directory", "back", "forward", "detail", "list", "parent", "create", "new", "folder",
              "close", "yes", "apply", "reset", "help", "discard", "abort", "retry", "ignore", "show", "hide",
              "details", "view", "files", "size", "date", "modified", "computer", "color", "colors", "custom",
              "basic", "red", "green", "blue", "alpha", "channel", "pick", "screen", "enter", "value", "step",
              "down", "cut", "restore", "defaults", "rename", "hidden", "recent", "places", "sidebar", "kind"}
# Key and product names read the same in Vietnamese; "Enter", "Esc"… are printed on the keys themselves.
ALLOWED = {"ctrl", "shift", "alt", "enter", "esc", "tab", "delete", "home", "end", "page", "insert", "backspace",
           "win", "unicode", "html", "zalo", "vneid", "dvc", "pdf", "jpeg", "png", "docx", "xlsx", "gmt", "utc",
           "hsv", "rgb",
           # Paper sizes' own designations (ISO, ANSI, Japanese JIS and envelope names, China's PRC).
           "ansi", "jis", "prc", "chou", "kaku", "you", "monarch", "cicero", "didot", "pica"}
WORD = re.compile(r"[A-Za-z]{3,}")


def english_words() -> set[str]:
    words = set(STOP_WORDS)
    for source in ET.parse(QT_TS).getroot().iter("source"):
        words.update(w.lower() for w in WORD.findall((source.text or "").replace("&", "")))
    return words - ALLOWED


ENGLISH = english_words()


def english_in(texts: dict[str, str]) -> dict[str, list[str]]:
    """{where: [English words]} for the texts that hold any. A word touching a Vietnamese letter is not ASCII."""
    found = {}
    for where, text in texts.items():
        words = [w for w in re.findall(r"(?<![^\W\d_])[A-Za-z]{3,}(?![^\W\d_])", text.replace("&", ""))
                 if w.lower() in ENGLISH]
        if words:
            found[where] = words
    return found


def menu_texts(menu: QMenu, path: str) -> dict[str, str]:
    menu.aboutToShow.emit()  # menus filled when they open (columns, views) fill now
    texts: dict[str, str] = {}
    for action in menu.actions():
        if action.isSeparator():
            continue
        texts[f"{path} > {action.text()}"] = action.text()
        sub = action.menu()
        if isinstance(sub, QMenu):
            texts.update(menu_texts(sub, f"{path} > {action.text()}"))
    return texts


def widget_texts(root: QWidget, path: str) -> dict[str, str]:
    """Every visible text a dialog shows: title, labels, buttons (and their tips), combo entries, list headers,
    and its actions (the file dialog's own context menu)."""
    texts = {f"{path} title": root.windowTitle()}
    for n, label in enumerate(root.findChildren(QLabel)):
        texts[f"{path} label {n} {label.objectName()}"] = label.text()
    for n, button in enumerate(root.findChildren(QAbstractButton)):
        if button.isVisibleTo(root):
            texts[f"{path} button {n} {button.objectName()}"] = button.text()
            texts[f"{path} tip {n} {button.objectName()}"] = button.toolTip()
    for n, combo in enumerate(root.findChildren(QComboBox)):
        for i in range(combo.count()):
            if not Path(combo.itemText(i)).is_absolute():  # the folders the file dialog walked are not words
                texts[f"{path} combo {n} {combo.objectName()} {i}"] = combo.itemText(i)
    for n, view in enumerate(root.findChildren(QAbstractItemView)):
        model = view.model()
        if model is not None and model.columnCount() > 1:  # one-column lists show no header
            for column in range(model.columnCount()):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                texts[f"{path} view {n} header {column}"] = str(header or "")
    for n, action in enumerate(root.findChildren(QAction)):
        texts[f"{path} action {n} {action.objectName()}"] = action.text()
    for n, edit in enumerate(root.findChildren(QLineEdit)):
        texts.update(menu_texts(edit.createStandardContextMenu(), f"{path} edit {n} menu"))
    return texts


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def spin_box_menu(qtbot, window: MainWindow) -> dict[str, str]:
    """A number field's own menu (the fee amount): Qt builds it when asked and runs it at once; read it open."""
    spin = QSpinBox(window)
    spin.show()
    seen: dict[str, str] = {}

    def read_open_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.update(menu_texts(menu, "number field menu"))
            menu.close()

    QTimer.singleShot(100, read_open_menu)
    point = QPoint(5, 5)
    QApplication.sendEvent(spin, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point, spin.mapToGlobal(point)))
    assert seen, "the number field's menu was not seen"
    return seen


def print_dialogs(qtbot, window: MainWindow) -> dict[str, str]:
    """Issue 13's papers: the "Giấy tờ" dialog of a dossier, its print preview (toolbar tips too), and
    Qt's print and page setup dialogs (their page sizes, units and hidden options included)."""
    texts: dict[str, str] = {}
    window.queues.select("dossier", "all")
    qtbot.waitUntil(lambda: window.select_item("dossier", "d_0001"), timeout=5_000)
    window.open_papers()  # Ctrl+P (the menu walk above left its action greyed, as an opened menu does)
    (papers,) = window.papers.dialogs()
    texts.update(widget_texts(papers, "papers dialog"))
    preview = papers.preview()
    qtbot.waitExposed(preview)
    texts.update(widget_texts(preview, "print preview"))
    for n, action in enumerate(preview.findChildren(QAction)):
        texts[f"print preview tip {n}"] = action.toolTip()
    preview.close()
    printer = QPrinter()  # kept alive: the dialog holds a pointer to it
    print_dialog = QPrintDialog(printer, window)
    texts.update(widget_texts(shown(qtbot, print_dialog), "print dialog"))
    texts.update(printer_properties(print_dialog))
    print_dialog.close()
    papers.close()
    return texts


def printer_properties(print_dialog: QPrintDialog) -> dict[str, str]:
    """"Thuộc tính" of the print dialog: the page setup (paper sizes, units, orientation), modal: read while open.
    (QPageSetupDialog itself refuses a PDF printer, the only one offscreen; its widget is the one shown here.)"""
    seen: dict[str, str] = {}

    def read_open_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog is not print_dialog:
            seen.update(widget_texts(dialog, "printer properties"))
            dialog.reject()

    (properties,) = [b for b in print_dialog.findChildren(QAbstractButton) if b.objectName() == "properties"]
    QTimer.singleShot(200, read_open_dialog)
    properties.click()
    assert any("page size" in where or "combo" in where for where in seen), "the properties were not seen"
    return seen


def walk(qtbot, window: MainWindow, tmp_path: Path) -> dict[str, str]:
    """Everything the walk looks at, by where it was seen."""
    texts: dict[str, str] = {}
    for top in window.menuBar().actions():
        if isinstance(top.menu(), QMenu):
            texts.update(menu_texts(top.menu(), top.text()))
    for action in window.findChildren(QAction):  # toolbar, and keys as the sheet and menus print them
        texts[f"action {action.objectName()}"] = action.text()
        texts[f"keys {action.objectName()}"] = " ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())  # as menus print them
    texts.update(menu_texts(window.list_menu(window.list_view.rect().center()), "list menu"))
    texts.update(menu_texts(window.detail.more_button().menu(), "detail menu"))
    texts.update(menu_texts(window.search.createStandardContextMenu(), "search field menu"))
    text_box = QPlainTextEdit(window)  # alive while its menu is read
    text_box.setPlainText("Nội dung")
    text_box.selectAll()
    texts.update(menu_texts(text_box.createStandardContextMenu(), "text box menu"))

    texts.update(spin_box_menu(qtbot, window))

    box = QMessageBox(QMessageBox.Icon.Question, "Xác nhận", "Nội dung?")
    every = QMessageBox.StandardButton
    for button in (every.Ok, every.Save, every.SaveAll, every.Open, every.Yes, every.YesToAll, every.No,
                   every.NoToAll, every.Abort, every.Retry, every.Ignore, every.Close, every.Cancel, every.Discard,
                   every.Help, every.Apply, every.Reset, every.RestoreDefaults):
        box.addButton(button)
    box.setDetailedText("Chi tiết lỗi")
    texts.update(widget_texts(shown(qtbot, box), "message box"))

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Save)
    texts.update({f"button box {b.text()}": b.text() for b in buttons.buttons()})

    (tmp_path / "ảnh hiện trường.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "thư mục con").mkdir()
    for mode, title in ((QFileDialog.AcceptMode.AcceptOpen, "Chọn tệp đính kèm"),
                        (QFileDialog.AcceptMode.AcceptSave, "Lưu tệp đính kèm")):
        files = QFileDialog(window, title, str(tmp_path))
        files.setAcceptMode(mode)
        shown(qtbot, files)
        qtbot.waitUntil(lambda dialog=files: dialog.findChildren(QAbstractItemView)[0].model().rowCount() > 0
                        if dialog.findChildren(QAbstractItemView) else False, timeout=5000)
        texts.update(widget_texts(files, f"file dialog {mode.name}"))
        files.close()

    ask = QInputDialog(window)
    ask.setLabelText("Tên chế độ xem:")
    texts.update(widget_texts(shown(qtbot, ask), "input dialog"))
    colors = QColorDialog(window)
    colors.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    texts.update(widget_texts(shown(qtbot, colors), "colour dialog"))
    texts.update(print_dialogs(qtbot, window))
    return {where: text for where, text in texts.items() if text}


@pytest.fixture
def vietnamese(qapp) -> Iterator[list]:
    installed = install_translators(qapp, "vi")
    yield installed
    remove_translators(qapp, installed)


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: a popup cannot grab the keyboard
def test_the_vietnamese_window_and_qts_dialogs_show_no_english(qtbot, window: MainWindow, vietnamese,
                                                               tmp_path: Path) -> None:
    assert qtbase_file("vi") is not None, "build the .qm files first: make qm"
    assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)  # Qt's own, in our words
    texts = walk(qtbot, window, tmp_path)
    assert len(texts) > 150  # the walk saw the menus and the dialogs
    assert english_in(texts) == {}
    # What Qt shows is the translation, not a blank.
    assert QMessageBox().addButton(QMessageBox.StandardButton.Cancel).text() == "Hủy"
    assert QLocale().name() == "vi_VN"


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: a popup cannot grab the keyboard
def test_without_our_qtbase_vi_the_same_walk_finds_english(qtbot, window: MainWindow, vietnamese,
                                                            tmp_path: Path, qapp) -> None:
    qtbase = vietnamese[0]
    assert qtbase.filePath().endswith("qtbase_vi.qm")
    qapp.removeTranslator(qtbase)
    try:
        found = english_in(walk(qtbot, window, tmp_path))
    finally:
        qapp.installTranslator(qtbase)
    seen = {w.lower() for words in found.values() for w in words}
    assert {"cancel", "paste", "undo", "look", "details", "step", "zoom", "landscape", "copies", "envelope"} <= seen, seen


def test_english_keeps_qts_own_english(qtbot, qapp) -> None:
    install_translators(qapp, "vi")
    installed = install_translators(qapp, "en")  # replaces Vietnamese: nothing of qtbase_vi stays below it
    try:
        assert not any(t.filePath().endswith("qtbase_vi.qm") for t in installed)
        assert not QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        assert QMessageBox().addButton(QMessageBox.StandardButton.Cancel).text() == "Cancel"
    finally:
        remove_translators(qapp, installed)  # none of this test's translators outlives it


def test_qtbase_vi_is_compiled_whole_and_kept_out_of_lupdate() -> None:
    """Hand-kept: `make translations` (lupdate) must not list it; `make qm` compiles it."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    translations = makefile.split("translations:")[1].split("\n\n")[0]
    assert "qtbase_vi" not in translations and "$(TS)" in translations
    assert "QT_TS  := resources/i18n/qtbase_vi.ts" in makefile
    messages = list(ET.parse(QT_TS).getroot().iter("message"))
    unfinished = [m.findtext("source") for m in messages if not (m.findtext("translation") or "").strip()]
    assert unfinished == [] and len(messages) > 150
    assert QApplication.instance() is not None
